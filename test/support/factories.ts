// Small factories for e2e specs. Users are written straight through Prisma (there is no
// sign-up route); everything whose side effects matter (grid cells, memberships, activity)
// goes through the real API, as a user would do it.
//
// Every spec shares one database: names, emails and reference codes carry a random suffix,
// and nothing here deletes anything.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { hashPassword } from '@app/accounts';
import type { PrismaClient } from '@app/db';
import type { AuditRole, OrgRole } from '@app/domain';

export type Agent = ReturnType<typeof request.agent>;
export type Res = request.Response;

/** The password of every user made by newUser. */
export const PASSWORD = 'e2e-correct-horse-battery-staple';

// argon2 is slow on purpose: one hash per test file (Jest loads this module once per file).
let passwordHash: Promise<string> | undefined;
const knownHash = () => (passwordHash ??= hashPassword(PASSWORD));

/** A short random id for unique names. */
export const uid = (): string => randomUUID().slice(0, 8);

export interface TestUser {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  orgRole: OrgRole;
  password: string;
}

export interface NewUserOptions {
  orgRole?: OrgRole;
  timeZone?: string;
  name?: string;
  /** Local part of the email (a random suffix is added). */
  label?: string;
  active?: boolean;
  /**
   * Whether an admin allowed them to open audits. True unless said otherwise: most specs open
   * audits as whichever user they make, and the permission is not what they test.
   */
  canOpenAudits?: boolean;
}

export async function newUser(prisma: PrismaClient, opts: NewUserOptions = {}): Promise<TestUser> {
  const id = uid();
  const label = opts.label ?? 'user';
  const user = await prisma.user.create({
    data: {
      // Stored lower-cased, as the app stores every email.
      email: `${label}-${id}@e2e.example.com`.toLowerCase(),
      name: opts.name ?? `${label} ${id}`,
      timeZone: opts.timeZone ?? 'UTC',
      orgRole: opts.orgRole ?? 'MEMBER',
      active: opts.active ?? true,
      canOpenAudits: opts.canOpenAudits ?? true,
      passwordHash: await knownHash(),
    },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    timeZone: user.timeZone,
    orgRole: user.orgRole,
    password: PASSWORD,
  };
}

/** Logs in through POST /api/auth/login; the returned agent keeps the session cookie. */
export async function login(http: Server, email: string, password: string = PASSWORD): Promise<Agent> {
  const agent = request.agent(http);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

/** An agent that sends `Authorization: Bearer <token>` on every request (no cookie). */
export const bearerAgent = (http: Server, token: string): Agent =>
  request.agent(http).set('Authorization', `Bearer ${token}`);

/**
 * Logs in and trades the session for a personal API token. Tokens do not expire with the
 * FixedClock, so specs that move the clock by days use these instead of 12-hour sessions.
 */
export async function tokenAgent(http: Server, user: Pick<TestUser, 'email' | 'password'>): Promise<Agent> {
  const session = await login(http, user.email, user.password);
  const res = await session.post('/api/auth/tokens').send({ name: `e2e ${uid()}` });
  if (res.status !== 201) throw new Error(`token for ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return bearerAgent(http, res.body.token);
}

export function auditInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = uid();
  return {
    title: `E2E audit ${id}`,
    referenceCode: `E2E-${id}`,
    demandingParty: 'Licensor Corp',
    respondingParty: 'Licensee Inc',
    agreementTitle: 'Developer Agreement',
    receivedOn: '2023-05-18',
    responseDeadline: '2023-06-07T17:00',
    deadlineTimeZone: 'America/New_York',
    ...overrides,
  };
}

/** POST /api/audits; the caller becomes its lead counsel. Returns the AuditDto. */
export async function newAuditViaApi(agent: Agent, overrides: Record<string, unknown> = {}) {
  return created(await agent.post('/api/audits').send(auditInput(overrides)), 'audit');
}

export async function addMember(agent: Agent, auditId: string, user: { id: string }, role: AuditRole) {
  return created(await agent.post(`/api/audits/${auditId}/members`).send({ userId: user.id, role }), 'member');
}

export async function addSubject(agent: Agent, auditId: string, body: Record<string, unknown> = {}) {
  return created(
    await agent.post(`/api/audits/${auditId}/subjects`).send({ name: `App ${uid()}`, ...body }),
    'subject',
  );
}

export async function addRequest(agent: Agent, auditId: string, body: Record<string, unknown> = {}) {
  const id = uid();
  return created(
    await agent
      .post(`/api/audits/${auditId}/requests`)
      .send({ title: `Request ${id}`, text: `Provide the records ${id}.`, ...body }),
    'request',
  );
}

/** Every cell of the grid (one page of up to 500). */
export async function grid(agent: Agent, auditId: string, query: Record<string, string> = {}) {
  const res = await agent.get(`/api/audits/${auditId}/responses`).query({ pageSize: '500', ...query });
  if (res.status !== 200) throw new Error(`grid failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as GridCell[];
}

export interface GridCell {
  id: string;
  subject: { id: string; name: string };
  request: { id: string; ordinal: number; title: string };
  status: string;
  assignee: { id: string; name: string } | null;
  reviewer: { id: string; name: string } | null;
  dueDate: string | null;
  answer: string | null;
  version: number;
  overdue: boolean;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  commentCount: number;
}

/** The cell of one subject and request, from a grid listing. */
export function cell(cells: GridCell[], subjectId: string, requestId: string): GridCell {
  const found = cells.find((c) => c.subject.id === subjectId && c.request.id === requestId);
  if (!found) throw new Error(`no cell for subject ${subjectId} and request ${requestId}`);
  return found;
}

/**
 * Asserts the shared application/problem+json error shape, its status and code, and
 * (when given) exactly which fields the problem names.
 */
export function expectProblem(res: Res, status: number, code: string, fields?: string[]): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: `urn:auditdesk:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.stringMatching(/^\/api\//),
    code,
  });
  if (fields) expect(problemFields(res)).toEqual([...new Set(fields)].sort());
}

/** The distinct field names a problem's errors[] lists, sorted. */
export const problemFields = (res: Res): string[] =>
  [...new Set(((res.body?.errors ?? []) as { field: string }[]).map((e) => e.field))].sort();

function created(res: Res, what: string) {
  if (res.status !== 201) throw new Error(`creating a ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
