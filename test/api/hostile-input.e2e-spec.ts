// Hostile input on every operation of the OpenAPI document the app serves, sent as an
// authorised caller (lead counsel of a populated audit, and an org admin, so every route
// reaches its own code): wrong types, nulls, deep nesting, lone UTF-16 surrogates, NUL
// characters, huge numbers and strings, prototype-named members, bad content types, and
// malformed multipart forms where an operation takes one. Whatever else a case gets, it must
// never be a 5xx: a route added tomorrow is fuzzed the day it is added. The cases come from a
// seeded generator, so every run sends the same ones, and their number is bounded.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import {
  AUDIT_SCOPED,
  type AuditIds,
  auditWithEverything,
  type SampleBody,
  validBodies,
} from '../support/audit-fixture';
import { type Agent, newUser, type TestUser, tokenAgent } from '../support/factories';
import { multipart } from '../support/multipart';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
};
type Parameter = { name: string; in: string; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** One request to send: a label for the failure message, then what goes on the wire. */
interface Case {
  label: string;
  path: string;
  query?: string;
  contentType?: string;
  body?: string | Buffer;
}

const NIL_UUID = '00000000-0000-4000-8000-000000000000';
const SEED = 17;
const LONE_SURROGATE = 'a\ud800b';
const NUL = 'a\u0000b';
const DEPTH = 5000;

/** mulberry32: a small seeded generator, the same sequence on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a field should never make a server fail on. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['a number', 12345],
  ['a boolean', true],
  ['an empty array', []],
  ['an array of strings', ['x', 'y']],
  ['an object', { $gt: '' }],
  ['NUL characters', NUL],
  ['a lone low surrogate', '\udc00'],
  ['a huge number', 1e308],
  ['minus a huge number', -1e308],
  ['2^31', 2 ** 31],
  ['beyond safe integers', 2 ** 53 + 2],
  ['a huge string', 'x'.repeat(300_000)],
  ['a date the database cannot hold', '+275760-09-13T00:00:00Z'],
  ['an impossible date', '2023-02-30'],
  ['a prototype-named member', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['a nested constructor', { constructor: { prototype: { polluted: true } } }],
];

/** Whole JSON bodies, sent raw (so nesting and own `__proto__` members reach the server as written). */
const HOSTILE_BODIES: [string, string][] = [
  [`arrays nested ${DEPTH} deep`, `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`],
  [`objects nested ${DEPTH} deep`, `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`],
  ['an own __proto__ member', '{"__proto__":{"isAdmin":true}}'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['toString and hasOwnProperty members', '{"toString":"x","hasOwnProperty":"y","valueOf":1}'],
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"just a string"'],
  ['a number', '42'],
  ['malformed JSON', '{"title": "x",'],
  ['a lone surrogate escape in a member name', '{"\\ud800":"x"}'],
];

/** Other media types, and broken declarations of JSON and multipart. */
const BAD_CONTENT_TYPES: [string, string][] = [
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'title=x&__proto__[admin]=1'],
  ['application/xml', '<audit><title>x</title></audit>'],
  ['application/json; charset=latin1', '{"title":"x"}'],
  ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--\r\n'],
  ['multipart/form-data; boundary=x', '{"title":"x"}'],
];

/** Path values that are not what a route expects. */
const HOSTILE_PATH_VALUES: [string, string][] = [
  ['2^31', '2147483648'],
  ['not an id', 'not-a-uuid'],
  ['a long number', '9'.repeat(30)],
  ['minus one', '-1'],
  ['an encoded lone surrogate', '%ED%A0%80'],
  ['an encoded NUL', 'a%00b'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['a long string', 'x'.repeat(2000)],
  ['a broken escape', '%E0%A4%A'],
];

/** Query values that are not what a parameter expects. */
const HOSTILE_QUERY_VALUES: [string, string][] = [
  ['an encoded lone surrogate', '%ED%A0%80'],
  ['an encoded NUL', 'a%00b'],
  ['a huge number', '1e308'],
  ['a long number', '99999999999999999999'],
  ['minus one', '-1'],
  ['a long string', 'x'.repeat(5000)],
  ['an empty value', ''],
  ['a broken escape', '%E0%A4%A'],
];

describe('hostile input gets a 4xx, never a 5xx, on every operation (walked from the OpenAPI document)', () => {
  let t: TestApp;
  let doc: Doc;
  let counsel: TestUser;
  let other: TestUser;
  let asCounsel: Agent;
  let ids: AuditIds;

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-05-25T12:00:00Z' });
    doc = (await request(t.http).get('/api/docs-json')).body;
    counsel = await newUser(t.prisma, { label: 'fuzz-counsel', orgRole: 'ADMIN' });
    const colleague = await newUser(t.prisma, { label: 'fuzz-colleague' });
    other = await newUser(t.prisma, { label: 'fuzz-other' });
    // A token, not a session: a fuzzed logout or password change must not end the caller's access.
    asCounsel = await tokenAgent(t.http, counsel);
    ids = await auditWithEverything(asCounsel, counsel, colleague, 'Fuzzed audit');
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A plausible value of a schema (required members only): the base a case mutates one field of. */
  const sample = (raw: Schema | undefined, depth = 0): unknown => {
    const schema = resolve(raw);
    if (schema.enum) return schema.enum[0];
    if (schema.properties || schema.type === 'object') {
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, sample(schema.properties?.[name], depth + 1)]),
      );
    }
    if (schema.type === 'array') return depth > 3 ? [] : [sample(schema.items, depth + 1)];
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return true;
    const byFormat: Record<string, string> = {
      date: '2023-05-25',
      'date-time': '2023-06-07T17:00:00Z',
      uuid: NIL_UUID,
      email: 'fuzz@example.com',
    };
    return byFormat[schema.format ?? ''] ?? 'Fuzz';
  };

  const operations = () =>
    Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
      )
      // Deletions last, the audit's own last of all: everything else still finds what it names.
      .sort((a, b) => rank(a) - rank(b));
  const rank = ({ method, path }: { method: string; path: string }) =>
    method !== 'delete' ? 0 : path === AUDIT_SCOPED ? 2 : 1;

  /** Real ids of the audit's rows; a parameter with none (a token, a template) gets a nil id. */
  const fill = (path: string, except?: string, value?: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === except ? value! : encodeURIComponent(ids[name] ?? NIL_UUID),
    );

  const pick = <T>(random: () => number, from: readonly T[], count: number): T[] => {
    const pool = [...from];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    return chosen;
  };

  function casesOf(key: string, path: string, op: Operation, random: () => number): Case[] {
    const cases: Case[] = [];
    for (const param of (op.parameters ?? []).filter((p) => p.in === 'path')) {
      // 2^31 every time: a number the routes' integer columns cannot hold.
      const [beyondInt32, ...others] = HOSTILE_PATH_VALUES;
      for (const [label, value] of [beyondInt32, ...pick(random, others, 1)]) {
        cases.push({ label: `path ${param.name} = ${label}`, path: fill(path, param.name, value) });
      }
    }
    for (const { name } of (op.parameters ?? []).filter((p) => p.in === 'query')) {
      for (const [label, value] of pick(random, HOSTILE_QUERY_VALUES, 1)) {
        cases.push({ label: `query ${name} = ${label}`, path: fill(path), query: `${name}=${value}` });
      }
      cases.push({ label: `query ${name} twice`, path: fill(path), query: `${name}=1&${name}=2` });
    }
    cases.push({ label: 'query __proto__ and constructor', path: fill(path), query: '__proto__=x&constructor=y' });

    const content = op.requestBody?.content ?? {};
    const sampleBody: SampleBody | undefined = validBodies(ids, {
      ownerId: counsel.id,
      otherUserId: other.id,
      invitee: 'fuzz-invitee@example.com',
    })[key];
    if (content['application/json']) {
      const schema = resolve(content['application/json'].schema);
      const base =
        sampleBody && !('multipart' in sampleBody) ? sampleBody : (sample(schema) as Record<string, unknown>);
      const withBody = (label: string, body: Record<string, unknown>): Case => ({
        label,
        path: fill(path),
        contentType: 'application/json',
        body: JSON.stringify(body),
      });
      const fields = Object.keys(schema.properties ?? {});
      // Null in each field on its own (one nullable field must not hide another that is not).
      for (const field of fields) cases.push(withBody(`${field} = null`, { ...base, [field]: null }));
      // A lone surrogate in every free-text field at once: each would pass its DTO as a string.
      const texts = fields.filter((f) => {
        const property = resolve(schema.properties![f]);
        return property.type === 'string' && !property.format && !property.enum;
      });
      cases.push(
        withBody(`a lone surrogate in ${texts.join(', ') || 'no text field'}`, {
          ...base,
          ...Object.fromEntries(texts.map((f) => [f, LONE_SURROGATE])),
        }),
      );
      for (const field of pick(random, fields, 3)) {
        for (const [label, value] of pick(random, HOSTILE_VALUES, 1)) {
          cases.push(withBody(`${field} = ${label}`, { ...base, [field]: value }));
        }
      }
      cases.push(withBody('a field named toString', { ...base, toString: 'x' }));
    }
    // An operation that takes no body gets a sample of the hostile ones: it refuses them (415).
    const takesBody = op.requestBody !== undefined;
    const [arrays, objects, ...others] = HOSTILE_BODIES;
    const bodies = takesBody ? [arrays, objects, ...pick(random, others, 3)] : [arrays];
    for (const [label, body] of bodies) {
      cases.push({ label: `body: ${label}`, path: fill(path), contentType: 'application/json', body });
    }
    for (const [contentType, body] of pick(random, BAD_CONTENT_TYPES, takesBody ? 2 : 1)) {
      cases.push({ label: `content type ${contentType}`, path: fill(path), contentType, body });
    }
    if (content['multipart/form-data']) {
      const fields = sampleBody && 'multipart' in sampleBody ? (sampleBody.multipart as [string, string][]) : [];
      cases.push(...multipartCases(path, fields));
    }
    return cases;
  }

  function multipartCases(path: string, fields: [string, string][]): Case[] {
    const file = { fileName: 'fuzz.txt', content: Buffer.from('fuzz\n') };
    const form = (label: string, made: { contentType: string; body: Buffer }): Case => ({
      label: `multipart: ${label}`,
      path: fill(path),
      contentType: made.contentType,
      body: made.body,
    });
    const whole = multipart(fields, file);
    const cases = ['constructor', 'hasOwnProperty', 'toString', '__proto__'].map((name) =>
      form(`a field named ${name}`, multipart([...fields, [name, 'x']], file)),
    );
    cases.push(
      form('a field repeated', multipart([...fields, ...fields, ...fields], file)),
      form('a lone surrogate in a value', multipart([...fields, ['title', LONE_SURROGATE]], file)),
      form('NUL in a value', multipart([...fields, ['title', NUL]], file)),
      form('a field too large', multipart([...fields, ['title', 'x'.repeat(300_000)]], file)),
      form('no file', multipart(fields)),
      form('the file under another name', multipart(fields, { ...file, field: 'document' })),
      form('a field after the file', multipart(fields, file, [['title', 'late']])),
      form('a file name of control characters', multipart(fields, { ...file, fileName: '\u0001\u0002../..\\x' })),
      form('cut off before its end', { contentType: whole.contentType, body: whole.body.subarray(0, -20) }),
      form('an empty body', { contentType: whole.contentType, body: Buffer.alloc(0) }),
      form('another boundary than declared', { contentType: 'multipart/form-data; boundary=other', body: whole.body }),
    );
    return cases;
  }

  it('every operation has hostile cases, and none of them is answered with a 5xx', async () => {
    const random = seeded(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const { key, method, path, op } of operations()) {
      const cases = casesOf(key, path, op, random);
      expect([key, cases.length > 0]).toEqual([key, true]);
      for (const c of cases) {
        const url = c.query ? `${c.path}?${c.query}` : c.path;
        let call = asCounsel[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](url);
        if (c.contentType) call = call.set('Content-Type', c.contentType);
        if (c.body !== undefined) call = call.send(c.body);
        const res = await call.catch((error: Error) => ({ status: 0, body: { detail: error.message } }));
        sent++;
        if (res.status >= 500 || res.status === 0) {
          failures.push(`${key} with ${c.label} -> ${res.status} ${(res.body as { detail?: string })?.detail}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Bounded: enough to cover every operation, few enough to run in well under two minutes.
    expect(sent).toBeGreaterThan(1000);
    expect(sent).toBeLessThan(2500);
  });
});
