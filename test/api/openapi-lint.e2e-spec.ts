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

  type Operation = {
    operationId?: string;
    parameters?: { name: string; in: string; schema?: { format?: string } }[];
    requestBody?: unknown;
    responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  };
  const operations = (): [string, Operation][] =>
    Object.entries(t.document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>)
        .filter(([, op]) => typeof op === 'object' && op !== null && 'responses' in op)
        .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  const operation = (key: string): Operation => {
    const found = operations().find(([k]) => k === key);
    if (!found) throw new Error(`no operation ${key}`);
    return found[1];
  };
  const problemContent = { 'application/problem+json': expect.anything() };

  it('says every id in a path is a UUID', () => {
    const idParams = operations().flatMap(([key, op]) =>
      (op.parameters ?? [])
        .filter((p) => p.in === 'path' && /^(id|.+Id)$/.test(p.name))
        .map((p) => `${key} ${p.name}: ${p.schema?.format ?? 'no format'}`),
    );
    expect(idParams.length).toBeGreaterThan(100);
    expect(idParams.filter((line) => !line.endsWith(': uuid'))).toEqual([]);
  });

  it('says the ids of the shapes are UUIDs, but the activity event number', () => {
    const schemas = t.document.components!.schemas as Record<
      string,
      { properties: Record<string, { format?: string }> }
    >;
    expect(schemas.AuditDto.properties.id.format).toBe('uuid');
    expect(schemas.UserDto.properties.id.format).toBe('uuid');
    expect(schemas.ActivityEventDto.properties.id.format).toBeUndefined();
  });

  it('documents 429 on login, 413 wherever a body is sent, 206 and 416 on downloads', () => {
    const login = operation('POST /api/auth/login');
    expect(login.responses['429']).toMatchObject({
      content: problemContent,
      headers: { 'Retry-After': expect.anything() },
    });

    const withBody = operations().filter(([, op]) => op.requestBody);
    expect(withBody.length).toBeGreaterThan(50);
    expect(withBody.filter(([, op]) => !op.responses['413']?.content).map(([key]) => key)).toEqual([]);
    expect(operation('POST /api/audits/{auditId}/evidence/files').responses['413']).toBeDefined();

    for (const key of [
      'GET /api/audits/{auditId}/evidence/{evidenceId}/versions/{number}/content',
      'GET /api/audits/{auditId}/documents/{documentId}/content',
    ]) {
      const { responses } = operation(key);
      expect(responses['206']).toMatchObject({ headers: { 'Content-Range': expect.anything() } });
      expect(responses['416']).toMatchObject({ content: problemContent });
    }
  });
});
