import type { Prisma, PrismaClient, Tx } from '@app/db';
import { createUser, findUserByEmail, hashPassword } from '@app/accounts';
import { creationChanges, recordActivity } from '@app/activity';
import { AuditRole, calendarDate, demandLetterEntry, gridCells, parseDeadline } from '@app/domain';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoUserKey,
  PROVISIONS,
  REFERENCE_AUDIT,
  REQUESTS,
  RESPONSE_STATES,
  SUBJECTS,
  DRAFT_RESPONSE,
  CORRESPONDENCE,
  DEMAND_LETTER_SUMMARY,
  FORM_ANSWERS,
  FORM_TEMPLATES,
} from './reference-case';
import { createDemoEvidence } from './demo-evidence';
import {
  createDemoProduction,
  DEMO_PRODUCTION,
  type DemoProductionIds,
  queueDemoProduction,
  type SeedServices,
  storeDemoFiles,
} from './demo-production';
import type { StoredBlob } from '@app/storage';

// Loads the reference case into a database, once: when its audit already exists the seed
// does nothing, so it is safe to run on every start. Every row is written in one
// transaction, so a failed seed leaves nothing half-made behind. The files of the first
// production are stored before it (content-addressed: a rerun stores the same keys), and the
// volume is queued for the worker after it, as the API queues one.

export interface SeedCounts {
  usersCreated: number;
  usersReused: number;
  members: number;
  provisions: number;
  subjects: number;
  requests: number;
  responses: number;
  comments: number;
  evidence: number;
  dispositions: number;
  /** Evidence files stored for the first production. */
  files: number;
  productions: number;
  privilegeLogEntries: number;
  /** Entries of the correspondence log, the demand letter first. */
  correspondence: number;
  /** Form templates the seed created (one of the same name already there is used as it is). */
  formTemplates: number;
  /** Requests given a form. */
  forms: number;
  /** Responses holding form values. */
  formAnswers: number;
}

export type SeedResult =
  | { created: false; referenceCode: string }
  | { created: true; referenceCode: string; auditId: string; counts: SeedCounts };

const SEED_TIMEOUT_MS = 60_000;

const referenceCode = REFERENCE_AUDIT.referenceCode;

export async function seedDemo(prisma: PrismaClient, services: SeedServices): Promise<SeedResult> {
  const exists = () => prisma.audit.findUnique({ where: { referenceCode }, select: { id: true } });
  if (await exists()) return { created: false, referenceCode };

  // One hash for every demo user, made before the transaction opens (argon2 is slow on purpose).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const stored = await storeDemoFiles(services.store);
  try {
    const { result, production } = await prisma.$transaction((tx) => createReferenceCase(tx, passwordHash, stored), {
      timeout: SEED_TIMEOUT_MS,
      maxWait: SEED_TIMEOUT_MS,
    });
    await queueDemoProduction(services, production);
    return result;
  } catch (error) {
    // A seed running at the same time won the race: its audit is there now, and so is ours.
    if (await exists()) return { created: false, referenceCode };
    throw error;
  }
}

async function createReferenceCase(
  tx: Tx,
  passwordHash: string,
  stored: readonly StoredBlob[],
): Promise<{ result: SeedResult; production: DemoProductionIds }> {
  const { userIds, usersCreated } = await ensureUsers(tx, passwordHash);
  const userId = (key: DemoUserKey) => userIds.get(key)!;

  const { deadline, createdBy, letterDate, receivedOn, periodStart, periodEnd, ...fields } = REFERENCE_AUDIT;
  const responseDeadline = parseDeadline(deadline.local, deadline.timeZone);
  if (!responseDeadline) throw new Error(`Unreadable deadline in the reference case: ${deadline.local}`);
  const audit = await tx.audit.create({
    data: {
      ...fields,
      letterDate: calendarDate(letterDate),
      receivedOn: calendarDate(receivedOn),
      responseDeadline,
      deadlineTimeZone: deadline.timeZone,
      periodStart: calendarDate(periodStart),
      periodEnd: calendarDate(periodEnd),
      createdById: userId(createdBy),
    },
  });
  const auditId = audit.id;

  const members = await tx.auditMember.createMany({
    data: DEMO_USERS.flatMap((u) => (u.auditRole ? [{ auditId, userId: userId(u.key), role: u.auditRole }] : [])),
  });

  const provisionIds = idsBy(
    await tx.provision.createManyAndReturn({
      data: PROVISIONS.map((p) => ({ auditId, ...p })),
      select: { id: true, reference: true },
    }),
    (p) => p.reference,
  );

  const subjectIds = idsBy(
    await tx.subject.createManyAndReturn({
      // Positions follow the letter's order, from 1.
      data: SUBJECTS.map(({ owner, ...s }, index) => ({ auditId, ...s, position: index + 1, ownerId: userId(owner) })),
      select: { id: true, name: true },
    }),
    (s) => s.name,
  );

  const requests = await tx.auditRequest.createManyAndReturn({
    data: REQUESTS.map(({ provision, draftDue: _due, ...r }) => ({
      auditId,
      ...r,
      provisionId: lookup(provisionIds, provision, 'provision'),
      appliesToAll: true,
    })),
    select: { id: true, ordinal: true, appliesToAll: true },
  });
  const requestIds = idsBy(requests, (r) => String(r.ordinal));

  // Which cells exist is the domain's rule; the reference case only says how they start.
  const ownerBySubjectId = new Map(SUBJECTS.map((s) => [subjectIds.get(s.name)!, userId(s.owner)]));
  const draftDueByRequestId = new Map(REQUESTS.map((r) => [requestIds.get(String(r.ordinal))!, r.draftDue]));
  const stateByCell = new Map(
    RESPONSE_STATES.map((s) => [
      cellKey(lookup(subjectIds, s.subject, 'subject'), lookup(requestIds, String(s.request), 'request')),
      s,
    ]),
  );
  const cells = gridCells(
    SUBJECTS.map((s) => subjectIds.get(s.name)!),
    requests.map((r) => ({ id: r.id, appliesToAll: r.appliesToAll, chosenSubjectIds: [] })),
  );
  const reviewerId = userId('reviewer');
  const responses = await tx.response.createManyAndReturn({
    data: cells.map((cell) => {
      const state = stateByCell.get(cellKey(cell.subjectId, cell.requestId));
      return {
        auditId,
        ...cell,
        assigneeId: ownerBySubjectId.get(cell.subjectId)!,
        reviewerId,
        dueDate: calendarDate(draftDueByRequestId.get(cell.requestId)!),
        status: state?.status,
        answer: state?.answer,
        // The app owner wrote each seeded answer.
        answeredById: state?.answer ? ownerBySubjectId.get(cell.subjectId)! : undefined,
        approvedAt: state?.approvedAt ? new Date(state.approvedAt) : undefined,
        approvedById: state?.approvedAt ? reviewerId : undefined,
      };
    }),
    select: { id: true, subjectId: true, requestId: true },
  });
  const responseIds = idsBy(responses, (r) => cellKey(r.subjectId, r.requestId));

  const { templatesCreated, forms, formAnswers } = await createForms(tx, userId('leadCounsel'), (ordinal) =>
    lookup(requestIds, String(ordinal), 'request'),
  );
  for (const a of FORM_ANSWERS) {
    const responseId = responseIds.get(
      cellKey(lookup(subjectIds, a.subject, 'subject'), lookup(requestIds, String(a.request), 'request')),
    )!;
    await tx.response.update({
      where: { id: responseId },
      data: { formValues: a.values as unknown as Prisma.InputJsonValue },
    });
  }

  const comments = await tx.comment.createMany({
    data: [...stateByCell].flatMap(([cell, state]) =>
      (state.comments ?? []).map((c) => ({
        responseId: responseIds.get(cell)!,
        authorId: userId(c.author),
        body: c.body,
        createdAt: new Date(c.at),
      })),
    ),
  });

  const evidence = await createDemoEvidence(tx, auditId, userId('paralegal'), (subject, request) =>
    responseIds.get(cellKey(lookup(subjectIds, subject, 'subject'), lookup(requestIds, String(request), 'request')))!,
  );

  const dispositions = await createDraftResponse(tx, auditId, userId('leadCounsel'), provisionIds, requestIds);
  const correspondence = await createCorrespondence(tx, audit, userId('leadCounsel'), requestIds);

  const production = await createDemoProduction(
    tx,
    auditId,
    stored,
    { counselId: userId('leadCounsel'), uploaderId: userId('paralegal') },
    responseIds.get(
      cellKey(
        lookup(subjectIds, DEMO_PRODUCTION.backs.subject, 'subject'),
        lookup(requestIds, String(DEMO_PRODUCTION.backs.request), 'request'),
      ),
    )!,
    (ordinal) => lookup(requestIds, String(ordinal), 'request'),
  );

  const counts: SeedCounts = {
    usersCreated,
    usersReused: DEMO_USERS.length - usersCreated,
    members: members.count,
    provisions: provisionIds.size,
    subjects: subjectIds.size,
    requests: requests.length,
    responses: responses.length,
    comments: comments.count,
    evidence: evidence + production.files,
    dispositions,
    files: production.files,
    productions: 1,
    privilegeLogEntries: production.logEntries,
    correspondence,
    formTemplates: templatesCreated,
    forms,
    formAnswers,
  };

  // One event for the audit and one per kind of row created with it (users log their own).
  const seeded = { actorId: null, auditId, action: 'created' } as const;
  await recordActivity(tx, {
    ...seeded,
    entityType: 'audit',
    entityId: auditId,
    changes: creationChanges({ title: audit.title, referenceCode, status: audit.status, source: 'seed' }),
  });
  const kinds = [
    ['member', counts.members],
    ['provision', counts.provisions],
    ['subject', counts.subjects],
    ['request', counts.requests],
    ['response', counts.responses],
    ['comment', counts.comments],
    ['evidence', counts.evidence],
    ['production', counts.productions],
    ['privilege_log_entry', counts.privilegeLogEntries],
    ['correspondence', counts.correspondence],
  ] as const;
  // The requests' forms and the responses' form values are told with the requests and responses.
  const extra: Partial<Record<(typeof kinds)[number][0], Record<string, number>>> = {
    request: { forms: counts.forms },
    response: { formAnswers: counts.formAnswers },
  };
  for (const [entityType, count] of kinds) {
    await recordActivity(tx, {
      ...seeded,
      entityType,
      entityId: auditId,
      changes: creationChanges({ count, ...extra[entityType], source: 'seed' }),
    });
  }

  // The draft response: one event for the dispositions and one for the letter's fields.
  await recordActivity(tx, {
    actorId: null,
    auditId,
    entityType: 'disposition',
    entityId: auditId,
    action: 'updated',
    changes: creationChanges({ count: counts.dispositions, source: 'seed' }),
  });
  await recordActivity(tx, {
    actorId: null,
    auditId,
    entityType: 'response_letter',
    entityId: auditId,
    action: 'updated',
    changes: creationChanges({ ...DRAFT_RESPONSE.letter, source: 'seed' }),
  });

  return { result: { created: true, referenceCode, auditId, counts }, production };
}

/**
 * The case's form templates and the requests' copies of them. A template of the same name may
 * already be there (names are unique in the organisation): it is used as it is, and the
 * request's form is still the case's own fields, which the seeded values are keyed on.
 */
async function createForms(
  tx: Tx,
  counselId: string,
  requestId: (ordinal: number) => string,
): Promise<{ templatesCreated: number; forms: number; formAnswers: number }> {
  let templatesCreated = 0;
  let forms = 0;
  for (const t of FORM_TEMPLATES) {
    const fields = t.fields as unknown as Prisma.InputJsonValue;
    let template = await tx.formTemplate.findUnique({ where: { name: t.name }, select: { id: true } });
    if (!template) {
      template = await tx.formTemplate.create({
        data: { name: t.name, description: t.description, fields, createdById: counselId },
        select: { id: true },
      });
      templatesCreated += 1;
    }
    for (const ordinal of t.requests) {
      await tx.requestForm.create({ data: { requestId: requestId(ordinal), templateId: template.id, fields } });
      forms += 1;
    }
  }
  return { templatesCreated, forms, formAnswers: FORM_ANSWERS.length };
}

/** The formal response being drafted: the letter's fields and the dispositions of the reference case. */
async function createDraftResponse(
  tx: Tx,
  auditId: string,
  counselId: string,
  provisionIds: Map<string, string>,
  requestIds: Map<string, string>,
): Promise<number> {
  await tx.responseLetter.create({ data: { auditId, ...DRAFT_RESPONSE.letter, updatedById: counselId } });
  const library = idsBy(await tx.objection.findMany({ select: { id: true, code: true } }), (o) => o.code);
  for (const d of DRAFT_RESPONSE.dispositions) {
    await tx.requestDisposition.create({
      data: {
        auditId,
        requestId: lookup(requestIds, String(d.request), 'request'),
        disposition: d.disposition,
        responseText: d.responseText,
        updatedById: counselId,
        objections: {
          create: (d.objections ?? []).map((o, position) => ({
            position,
            objectionId: lookup(library, o.code, 'library objection'),
            provisionId: o.provision ? lookup(provisionIds, o.provision, 'provision') : null,
            note: o.note ?? null,
          })),
        },
      },
    });
  }
  return DRAFT_RESPONSE.dispositions.length;
}

/**
 * The correspondence log: the demand letter first (the entry the API makes when the letter is
 * attached, written from the audit the same way), then the exchanges since.
 */
async function createCorrespondence(
  tx: Tx,
  audit: {
    id: string;
    demandingParty: string;
    demandingCounselName: string | null;
    demandingCounselFirm: string | null;
    respondingParty: string;
    deadlineTimeZone: string;
  },
  counselId: string,
  requestIds: Map<string, string>,
): Promise<number> {
  const letter = demandLetterEntry({
    ...audit,
    letterDay: REFERENCE_AUDIT.letterDate,
    zone: audit.deadlineTimeZone,
  });
  await tx.correspondence.create({
    data: { auditId: audit.id, demandLetter: true, ...letter, summary: DEMAND_LETTER_SUMMARY, createdById: counselId },
  });
  for (const c of CORRESPONDENCE) {
    const occurredAt = parseDeadline(c.local, c.timeZone);
    if (!occurredAt) throw new Error(`Unreadable time in the reference case's correspondence: ${c.local}`);
    await tx.correspondence.create({
      data: {
        auditId: audit.id,
        occurredAt,
        timeZone: c.timeZone,
        direction: c.direction,
        channel: c.channel,
        fromParty: c.from,
        toParty: c.to,
        subject: c.subject,
        summary: c.summary,
        requestIds: (c.requests ?? []).map((ordinal) => lookup(requestIds, String(ordinal), 'request')),
        createdById: counselId,
      },
    });
  }
  return 1 + CORRESPONDENCE.length;
}

/** Demo users by key: an existing user with the same email is reused as it is. */
async function ensureUsers(tx: Tx, passwordHash: string) {
  const userIds = new Map<DemoUserKey, string>();
  let usersCreated = 0;
  for (const { key, email, name, timeZone, orgRole, auditRole } of DEMO_USERS) {
    let user = await findUserByEmail(tx, email);
    if (!user) {
      // The demo's counsel open audits of their own (New audit, Copy as a new audit).
      const canOpenAudits = auditRole === AuditRole.COUNSEL || auditRole === AuditRole.LEAD_COUNSEL;
      user = await createUser(tx, { email, name, timeZone, orgRole, passwordHash, canOpenAudits });
      usersCreated += 1;
    }
    userIds.set(key, user.id);
  }
  return { userIds, usersCreated };
}

const cellKey = (subjectId: string, requestId: string) => `${subjectId}:${requestId}`;

function idsBy<T extends { id: string }>(rows: T[], keyOf: (row: T) => string): Map<string, string> {
  return new Map(rows.map((row) => [keyOf(row), row.id]));
}

function lookup(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`The reference case names an unknown ${what}: ${key}`);
  return id;
}

/** Lines for a terminal: what happened and how to log in. */
export function describeSeed(result: SeedResult): string[] {
  const lines = result.created
    ? [
        `Seeded demo audit ${result.referenceCode}: ${result.counts.subjects} subjects, ` +
          `${result.counts.requests} requests, ${result.counts.responses} responses, ` +
          `${result.counts.comments} comments, ${result.counts.evidence} evidence records, ` +
          `${result.counts.productions} production volume (queued for the worker), ` +
          `${result.counts.privilegeLogEntries} privilege log entries, ` +
          `${result.counts.correspondence} correspondence entries, ` +
          `${result.counts.forms} request forms with ${result.counts.formAnswers} answers; users ${result.counts.usersCreated} created, ` +
          `${result.counts.usersReused} reused.`,
      ]
    : [`Demo audit ${result.referenceCode} already exists; nothing changed.`];
  lines.push(`Demo logins (password "${DEMO_PASSWORD}" for users the seed created):`);
  for (const u of DEMO_USERS) {
    const role = u.auditRole ?? `org ${u.orgRole}`;
    lines.push(`  ${u.email.padEnd(30)} ${role.padEnd(14)} ${u.name}, ${u.job}`);
  }
  return lines;
}

/** Who the demo users are, for the login page of a demo install (DEMO_MODE): the seed owns this list. */
export const DEMO_LOGINS = {
  password: DEMO_PASSWORD,
  users: DEMO_USERS.map(({ email, name, job }) => ({ email, name, job })),
} as const;
