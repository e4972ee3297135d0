// The OpenAPI document passes Redocly's recommended ruleset (what `redocly lint` runs) with no
// errors and no warnings, but for the licence: generated clients and documentation tools read
// it as it is served.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { createTestApp, type TestApp } from '../support/app';

/** One line per problem: severity, rule, where (JSON pointer) and Redocly's message. */
function describeProblems(problems: NormalizedProblem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
}

describe('OpenAPI document under redocly lint (recommended)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
  });
  afterAll(() => t.close());

  it('has no problems', async () => {
    // The API is not published under a licence (package.json: UNLICENSED): there is none to name.
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({
      source: JSON.stringify(t.document),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(describeProblems(problems)).toEqual([]);
  });
});
