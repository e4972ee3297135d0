import { choosePassword, generatedNote } from './password-source';

describe('choosePassword', () => {
  it('prefers the --password option over the environment', () => {
    expect(choosePassword('from-option-1', { AUDITDESK_PASSWORD: 'from-env-123' })).toEqual({
      password: 'from-option-1',
      generated: false,
    });
  });

  it('falls back to AUDITDESK_PASSWORD', () => {
    expect(choosePassword(undefined, { AUDITDESK_PASSWORD: 'from-env-123' })).toEqual({
      password: 'from-env-123',
      generated: false,
    });
  });

  it('generates one when neither is given, and only then mentions it', () => {
    const chosen = choosePassword(undefined, { AUDITDESK_PASSWORD: '' });
    expect(chosen.generated).toBe(true);
    expect(chosen.password.length).toBeGreaterThanOrEqual(32);
    expect(generatedNote(chosen)).toBe(` Generated password (shown once): ${chosen.password}`);
    expect(generatedNote({ password: 'chosen-by-me', generated: false })).toBe('');
  });
});
