import {
  AccountError,
  checkEmail,
  checkName,
  checkPassword,
  checkTimeZone,
  generatePassword,
  parseAuditRole,
  parseOrgRole,
} from './user-accounts';
import { MIN_PASSWORD_LENGTH } from './passwords';

const refusal = (fn: () => unknown): AccountError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AccountError) return error;
    throw error;
  }
  throw new Error('expected an AccountError');
};

describe('account input checks', () => {
  it('stores emails trimmed and lower-cased', () => {
    expect(checkEmail('  Helen.Byrne@Example.COM ')).toBe('helen.byrne@example.com');
  });

  it.each(['', 'not-an-email', 'a@b', 'two words@example.com', '@example.com'])('refuses the email %p', (email) => {
    const error = refusal(() => checkEmail(email));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('not a valid email');
  });

  it('trims names and refuses blank or overlong ones', () => {
    expect(checkName('  Maria Santos ')).toBe('Maria Santos');
    expect(refusal(() => checkName('   ')).message).toBe('A name is required.');
    expect(refusal(() => checkName('x'.repeat(201))).code).toBe('INVALID_INPUT');
  });

  it('accepts IANA zones and refuses anything else', () => {
    expect(checkTimeZone('America/New_York')).toBe('America/New_York');
    expect(checkTimeZone('UTC')).toBe('UTC');
    expect(refusal(() => checkTimeZone('Mars/Olympus_Mons')).message).toContain('not an IANA time zone');
  });

  it('refuses passwords shorter than the minimum', () => {
    expect(checkPassword('x'.repeat(MIN_PASSWORD_LENGTH))).toHaveLength(MIN_PASSWORD_LENGTH);
    expect(refusal(() => checkPassword('x'.repeat(MIN_PASSWORD_LENGTH - 1))).message).toBe(
      `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  });

  it('reads roles case-insensitively and names the allowed ones when refusing', () => {
    expect(parseOrgRole('admin')).toBe('ADMIN');
    expect(parseAuditRole(' lead_counsel ')).toBe('LEAD_COUNSEL');
    expect(refusal(() => parseOrgRole('OWNER')).message).toBe(
      '"OWNER" is not an organisation role; use one of ADMIN, MEMBER.',
    );
    expect(refusal(() => parseAuditRole('BOSS')).message).toBe(
      '"BOSS" is not an audit role; use one of LEAD_COUNSEL, COUNSEL, CONTRIBUTOR, VIEWER.',
    );
  });

  it('generates long, distinct, URL-safe passwords', () => {
    const a = generatePassword();
    const b = generatePassword();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(() => checkPassword(a)).not.toThrow();
  });
});
