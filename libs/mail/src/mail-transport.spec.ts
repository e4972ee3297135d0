import { isPermanentMailFailure } from './mail-transport';

const smtpError = (responseCode: number, code: string) => Object.assign(new Error('refused'), { responseCode, code });

describe('isPermanentMailFailure', () => {
  it('is permanent when the server refuses the envelope or the message with a 5xx', () => {
    expect(isPermanentMailFailure(smtpError(550, 'EENVELOPE'))).toBe(true);
    expect(isPermanentMailFailure(smtpError(552, 'EMESSAGE'))).toBe(true);
  });

  it('is transient for a 4xx, a refused login or connection, a 503, or no reply at all', () => {
    expect(isPermanentMailFailure(smtpError(451, 'EMESSAGE'))).toBe(false);
    expect(isPermanentMailFailure(smtpError(535, 'EAUTH'))).toBe(false);
    expect(isPermanentMailFailure(smtpError(554, 'ECONNECTION'))).toBe(false);
    expect(isPermanentMailFailure(smtpError(503, 'EENVELOPE'))).toBe(false);
    expect(isPermanentMailFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe(false);
    expect(isPermanentMailFailure(null)).toBe(false);
  });
});
