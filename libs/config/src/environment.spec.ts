import { InvalidEnvironmentError, logLevels, mailFrom, trustProxySetting, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills defaults around the one required variable', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/auditdesk' });
    expect(env).toMatchObject({
      PORT: 3000,
      WORKER_PORT: 3001,
      REDIS_URL: 'redis://127.0.0.1:6379',
      SESSION_TTL_HOURS: 12,
    });
    expect(env.COOKIE_SECURE).toBeUndefined();
    expect(env.DEMO_MODE).toBe(false);
  });

  it('names every bad variable once, with its first problem', () => {
    const attempt = () =>
      validateEnvironment({ DATABASE_URL: 'notaurl', PORT: 'abc', COOKIE_SECURE: 'yes', REDIS_URL: 'x' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    expect(attempt).toThrow(
      [
        'Invalid environment variables:',
        '  DATABASE_URL: DATABASE_URL must be a URL address',
        '  REDIS_URL: REDIS_URL must be a URL address',
        '  PORT: PORT must be an integer number',
      ].join('\n'),
    );
  });

  it('reads booleans as people write them', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://db/x', COOKIE_SECURE: 'yes' });
    expect(env.COOKIE_SECURE).toBe(true);
    expect(validateEnvironment({ DATABASE_URL: 'postgres://db/x', DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://db/x', DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
  });
});

describe('session lifetime', () => {
  it('caps a session at a week by default, and refuses a cap shorter than the idle lifetime', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://db/x' });
    expect([env.SESSION_MAX_HOURS, env.CREDENTIAL_PURGE_EVERY_MS]).toEqual([168, 3_600_000]);
    expect(() =>
      validateEnvironment({ DATABASE_URL: 'postgres://db/x', SESSION_TTL_HOURS: '24', SESSION_MAX_HOURS: '12' }),
    ).toThrow('  SESSION_MAX_HOURS: SESSION_MAX_HOURS must be at least SESSION_TTL_HOURS');
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://db/x', SESSION_MAX_HOURS: 'forever' })).toThrow(
      /SESSION_MAX_HOURS/,
    );
  });
});

describe('queue prefix', () => {
  it("is BullMQ's own by default, and takes a run's name", () => {
    expect(validateEnvironment({ DATABASE_URL: 'postgres://db/x' }).QUEUE_PREFIX).toBe('bull');
    const env = validateEnvironment({ DATABASE_URL: 'postgres://db/x', QUEUE_PREFIX: 'auditdesk_test_4242_0a1b2c' });
    expect(env.QUEUE_PREFIX).toBe('auditdesk_test_4242_0a1b2c');
  });

  it('refuses a colon (BullMQ separates its key parts with one) or an empty prefix', () => {
    for (const QUEUE_PREFIX of ['bull:x', ''])
      expect(() => validateEnvironment({ DATABASE_URL: 'postgres://db/x', QUEUE_PREFIX })).toThrow(
        'QUEUE_PREFIX: QUEUE_PREFIX must be 1-64 letters, digits, _ or -',
      );
  });
});

describe('storage settings', () => {
  it('default to the local driver with a 2 GiB limit', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://db/x' });
    expect(env).toMatchObject({
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: '.data/storage',
      EVIDENCE_MAX_BYTES: 2 * 1024 ** 3,
      S3_FORCE_PATH_STYLE: true,
    });
  });

  it('need a bucket for the S3 driver', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://db/x', STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET/);
    const env = validateEnvironment({
      DATABASE_URL: 'postgres://db/x',
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'evidence',
      S3_FORCE_PATH_STYLE: 'false',
      EVIDENCE_MAX_BYTES: '1048576',
    });
    expect(env).toMatchObject({ S3_BUCKET: 'evidence', S3_FORCE_PATH_STYLE: false, EVIDENCE_MAX_BYTES: 1048576 });
  });
});

describe('logLevels', () => {
  it('enables the chosen level and every more severe one', () => {
    const env = validateEnvironment({ DATABASE_URL: 'postgres://db/x', LOG_LEVEL: 'warn' });
    expect(logLevels(env)).toEqual(['fatal', 'error', 'warn']);
  });
});

describe('reminder mail settings', () => {
  const base = { DATABASE_URL: 'postgres://db/x' };

  it('sends from no-reply on the app host unless MAIL_FROM says otherwise, and refuses a malformed sender', () => {
    expect(mailFrom(validateEnvironment({ ...base, APP_URL: 'https://audits.example.com' }))).toBe(
      'AuditDesk <no-reply@audits.example.com>',
    );
    const named = validateEnvironment({ ...base, MAIL_FROM: 'Legal Ops <legal-ops@example.com>' });
    expect(mailFrom(named)).toBe('Legal Ops <legal-ops@example.com>');
    for (const MAIL_FROM of ['legal ops', 'Legal <ops>', 'a@b.com, c@d.com'])
      expect(() => validateEnvironment({ ...base, MAIL_FROM })).toThrow(
        'MAIL_FROM: MAIL_FROM must be an address (name@example.com) or "Name <name@example.com>"',
      );
  });

  it('requires a long link secret in production, and reads the quiet period in days', () => {
    expect(() => validateEnvironment({ ...base, NODE_ENV: 'production' })).toThrow(/REMINDER_LINK_SECRET/);
    expect(() => validateEnvironment({ ...base, REMINDER_LINK_SECRET: 'short' })).toThrow(
      'REMINDER_LINK_SECRET must be at least 32 characters',
    );
    expect(validateEnvironment(base).REMINDER_QUIET_AFTER_DAYS).toBe(30);
    expect(validateEnvironment({ ...base, REMINDER_QUIET_AFTER_DAYS: '0' }).REMINDER_QUIET_AFTER_DAYS).toBe(0);
    expect(() => validateEnvironment({ ...base, REMINDER_QUIET_AFTER_DAYS: '-1' })).toThrow(
      /REMINDER_QUIET_AFTER_DAYS/,
    );
  });
});

describe('TRUST_PROXY', () => {
  const env = (TRUST_PROXY?: string) => validateEnvironment({ DATABASE_URL: 'postgres://db/x', TRUST_PROXY });

  it('is off unless set, and reads hop counts and proxy lists as Express takes them', () => {
    expect(trustProxySetting(env())).toBe(false);
    expect(trustProxySetting(env('false'))).toBe(false);
    expect(trustProxySetting(env('1'))).toBe(1);
    expect(trustProxySetting(env('loopback, 10.0.0.0/8,fd00::/8,192.0.2.7'))).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.7',
    ]);
  });

  it('refuses true (any client could name its address) and anything that is not an address', () => {
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example.com', '11', 'loopback;rm']) {
      expect(() => env(bad)).toThrow(/TRUST_PROXY must be false, a hop count/);
    }
  });
});
