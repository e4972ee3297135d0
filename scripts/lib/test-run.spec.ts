import { newRunName, parseRunName, runIsStale } from './test-run';

describe('test run names', () => {
  const startedAt = Date.parse('2026-12-02T04:00:00Z');

  it('say which process started the run and when, and fit a PostgreSQL name with a suffix', () => {
    const name = newRunName(4242, startedAt);
    expect(name).toMatch(/^auditdesk_test_4242_[0-9a-z]+_[0-9a-f]{4}$/);
    expect(`${name}_reference_case`.length).toBeLessThanOrEqual(63);
    expect(parseRunName(name)).toEqual({ run: name, pid: 4242, startedAt });
  });

  it('find the run of its per-file databases and Redis keys, and nothing else', () => {
    const name = newRunName(4242, startedAt);
    for (const owned of [`${name}_seed`, `${name}_template`, `${name}:reminders:delayed`, `${name}_horizon:x`])
      expect(parseRunName(owned)?.run).toBe(name);
    for (const other of ['auditdesk_test_template', 'auditdesk_test', 'adk_isolation_test', 'bull:reminders:1'])
      expect(parseRunName(other)).toBeNull();
  });

  it('are stale when their process is gone or they started over a day ago', () => {
    const now = startedAt + 60_000;
    expect(runIsStale({ pid: process.pid, startedAt }, now)).toBe(false);
    expect(runIsStale({ pid: process.pid, startedAt }, startedAt + 25 * 3600_000)).toBe(true);
    // Beyond Linux's largest process id: no such process.
    expect(runIsStale({ pid: 2 ** 22 + 1, startedAt }, now)).toBe(true);
  });
});
