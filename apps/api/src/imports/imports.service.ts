import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  cellHoldsWork,
  IMPORT_MAX_ROWS,
  planRequestImport,
  planSubjectImport,
  readTable,
  REQUEST_COLUMNS,
  type RequestImportContext,
  type RequestImportDecision,
  type RequestImportRow,
  requestRowsFromTable,
  splitLetter,
  SUBJECT_COLUMNS,
  type SubjectImportContext,
  type SubjectImportDecision,
  subjectRowsFromTable,
  type WorkflowActor,
} from '@app/domain';
import { creationChanges, type Changes, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { GridSyncService } from '../responses/grid-sync.service';
import { RequestFormsService } from '../request-forms/request-forms.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { type HandoverPlan, SubjectsService } from '../subjects/subjects.service';
import type { RequestImportResultDto, SubjectImportResultDto, TemplateFormat } from './dto/import.dto';
import { type ImportBody, importFileKind, readImportTable, tableError } from './import-files';
import { importCounts, mapRequestDecision, mapSubjectDecision } from './import.mapper';
import { importTemplate } from './import-templates';

type Db = Tx | PrismaService;

/** The open work that follows each subject (by id) an import gives a new owner. */
type Handovers = Map<string, HandoverPlan>;

interface RequestInput {
  source: 'paste' | 'csv' | 'xlsx';
  rows: RequestImportRow[];
  preamble: string | null;
  closing: string | null;
}

/** Big imports write many rows in one transaction: give it longer than Prisma's default 5 s. */
const IMPORT_TRANSACTION = { timeout: 120_000, maxWait: 30_000 } as const;

/**
 * Imports of a request list (a pasted letter, CSV or XLSX) and of a subject list (CSV or
 * XLSX). Each row is decided by the pure planners of `@app/domain`; a dry run answers the
 * decisions, a real one writes them in one transaction behind the grid lock (so two
 * identical imports at once run one after the other, and the second finds nothing to do),
 * syncs the grid (which re-plans reminders) and records an event per row written.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly grid: GridSyncService,
    private readonly forms: RequestFormsService,
    private readonly subjects: SubjectsService,
    private readonly reminders: ReminderPlannerService,
  ) {}

  async importRequests(
    auth: AuthContext,
    auditId: string,
    body: ImportBody,
    dryRun: boolean,
  ): Promise<RequestImportResultDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const input = await this.readRequests(body);
    const answer = (decisions: RequestImportDecision[]): RequestImportResultDto => ({
      dryRun,
      source: input.source,
      ignoredPreamble: input.preamble,
      ignoredClosing: input.closing,
      counts: importCounts(decisions),
      rows: decisions.map(mapRequestDecision),
    });
    if (dryRun) return answer(planRequestImport(input.rows, await this.requestContext(this.prisma, auditId)));

    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      const context = await this.requestContext(tx, auditId);
      const decisions = planRequestImport(input.rows, context);
      const created = decisions.filter((d) => d.outcome === 'created');
      const updated = decisions.filter((d) => d.outcome === 'updated');
      for (const d of created) d.requestId = randomUUID();

      await tx.auditRequest.createMany({
        data: created.map((d) => {
          const { subjectIds: _s, ...fields } = d.write!;
          return { id: d.requestId!, auditId, ...fields };
        }),
      });
      await tx.requestSubject.createMany({
        data: created.flatMap((d) => d.write!.subjectIds.map((subjectId) => ({ requestId: d.requestId!, subjectId }))),
      });
      const current = new Map(context.requests.map((r) => [r.id, r]));
      const updateChanges = new Map<string, Changes>();
      for (const d of updated) {
        const before = current.get(d.requestId!)!;
        const { subjectIds, ...fields } = d.write!;
        const changes = diffFields(before, fields);
        const beforeIds = before.appliesToAll ? [] : before.chosenSubjectIds;
        if ([...beforeIds].sort().join() !== [...subjectIds].sort().join()) {
          changes.subjectIds = { before: beforeIds, after: subjectIds };
          await tx.requestSubject.deleteMany({ where: { requestId: d.requestId! } });
          await tx.requestSubject.createMany({
            data: subjectIds.map((subjectId) => ({ requestId: d.requestId!, subjectId })),
          });
        }
        await tx.auditRequest.update({ where: { id: d.requestId! }, data: fields });
        updateChanges.set(d.requestId!, changes);
      }
      // New cells, and the cells of subjects a request no longer applies to (the planner let
      // through only requests whose cells hold no work); re-plans reminders when cells change.
      if (created.length || updated.length) await this.grid.sync(tx, effects, auditId);

      for (const d of created) {
        const { ordinal, title, text, provisionId, appliesToAll, subjectIds } = d.write!;
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'request',
          entityId: d.requestId!,
          action: 'created',
          changes: creationChanges({
            ordinal,
            title,
            text,
            provisionId,
            appliesToAll,
            subjectIds: appliesToAll ? undefined : subjectIds,
            importedFrom: input.source,
          }),
        });
      }
      for (const d of updated) {
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'request',
          entityId: d.requestId!,
          action: 'updated',
          changes: { ...updateChanges.get(d.requestId!), importedFrom: { before: null, after: input.source } },
        });
      }
      // The Form column: a copy of the template for each request that has no form yet.
      for (const d of [...created, ...updated]) {
        if (d.formTemplateId) {
          await this.forms.attachTemplate(tx, auth.user.id, auditId, d.requestId!, d.formTemplateId, 'form');
        }
      }
      return answer(decisions);
    }, IMPORT_TRANSACTION);
  }

  async importSubjects(
    auth: AuthContext,
    auditId: string,
    body: ImportBody,
    dryRun: boolean,
  ): Promise<SubjectImportResultDto> {
    const { role } = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const actor = { userId: auth.user.id, role };
    if (body.kind === 'text') {
      throw AppError.invalid(
        'file',
        'Send the subject list as a CSV or XLSX file, in a multipart form part named "file".',
      );
    }
    const file = await body.read();
    const source = importFileKind(file);
    const rows = subjectRowsFromTable(this.table(await readImportTable(file, source), SUBJECT_COLUMNS));
    const answer = (decisions: SubjectImportDecision[], handovers: Handovers): SubjectImportResultDto => ({
      dryRun,
      source,
      counts: importCounts(decisions),
      rows: decisions.map((d) => mapSubjectDecision(d, handovers.get(d.subjectId ?? '')?.moved.length ?? 0)),
    });
    if (dryRun) {
      const context = await this.subjectContext(this.prisma, auditId);
      const decisions = planSubjectImport(rows, context);
      return answer(decisions, await this.planHandovers(this.prisma, actor, auditId, context, decisions));
    }

    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      const context = await this.subjectContext(tx, auditId);
      const decisions = planSubjectImport(rows, context);
      // Planned before the owners change: each subject's work follows it from its owner until now.
      const handovers = await this.planHandovers(tx, actor, auditId, context, decisions);
      const created = decisions.filter((d) => d.outcome === 'created');
      const updated = decisions.filter((d) => d.outcome === 'updated');
      const last = (await tx.subject.aggregate({ where: { auditId }, _max: { position: true } }))._max.position ?? 0;
      created.forEach((d) => (d.subjectId = randomUUID()));
      await tx.subject.createMany({
        data: created.map((d, i) => ({ id: d.subjectId!, auditId, position: last + i + 1, ...d.write! })),
      });
      const current = new Map(context.subjects.map((s) => [s.id, s]));
      for (const d of updated) {
        const { product, ownerId } = d.write!;
        await tx.subject.update({ where: { id: d.subjectId! }, data: { product, ownerId } });
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'subject',
          entityId: d.subjectId!,
          action: 'updated',
          changes: {
            ...diffFields(current.get(d.subjectId!)!, { product, ownerId }),
            importedFrom: { before: null, after: source },
          },
        });
      }
      if (created.length) await this.grid.sync(tx, effects, auditId);
      for (const [i, d] of created.entries()) {
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'subject',
          entityId: d.subjectId!,
          action: 'created',
          changes: creationChanges({ ...d.write!, position: last + i + 1, importedFrom: source }),
        });
      }
      for (const plan of handovers.values()) await this.subjects.applyHandover(tx, auth.user.id, auditId, plan);
      // New assignees are owed their digests and overdue notices, the old ones no longer.
      if ([...handovers.values()].some((plan) => plan.moved.length > 0))
        await this.reminders.replan(tx, effects, auditId);
      return answer(decisions, handovers);
    }, IMPORT_TRANSACTION);
  }

  /**
   * For each existing subject the import gives a new owner, the open work that follows it to
   * them (SubjectsService.planHandover, as an edit of the subject's owner moves it).
   */
  private async planHandovers(
    db: Tx,
    actor: WorkflowActor,
    auditId: string,
    context: SubjectImportContext,
    decisions: SubjectImportDecision[],
  ): Promise<Handovers> {
    const current = new Map(context.subjects.map((s) => [s.id, s]));
    const handovers: Handovers = new Map();
    for (const d of decisions) {
      const before = d.outcome === 'updated' ? current.get(d.subjectId!) : undefined;
      const newOwnerId = d.write?.ownerId;
      if (!before || !newOwnerId || newOwnerId === before.ownerId) continue;
      handovers.set(before.id, await this.subjects.planHandover(db, actor, { ...before, auditId }, newOwnerId));
    }
    return handovers;
  }

  /** The empty template to fill in (the columns an import reads). */
  async template(
    auth: AuthContext,
    auditId: string,
    kind: 'requests' | 'subjects',
    format: TemplateFormat,
  ): Promise<FileDownload> {
    await this.access.require(auth, auditId);
    return importTemplate(kind, format);
  }

  private async readRequests(body: ImportBody): Promise<RequestInput> {
    if (body.kind === 'text') {
      if (!body.text?.trim()) {
        throw AppError.invalid(
          'text',
          'Paste the letter in "text", or send a CSV or XLSX file as multipart/form-data in a part named "file".',
        );
      }
      const split = splitLetter(body.text);
      if (split.items.length === 0) {
        throw AppError.invalid(
          'text',
          'No numbered items were found in the text. Number each request as "1.", "2)", "(a)", "i." or "Request No. 3:" at the start of its line.',
        );
      }
      if (split.items.length > IMPORT_MAX_ROWS) {
        throw AppError.invalid(
          'text',
          `The text has ${split.items.length} numbered items; an import takes at most ${IMPORT_MAX_ROWS}.`,
        );
      }
      return {
        source: 'paste',
        preamble: split.preamble,
        closing: split.closing,
        rows: split.items.map((item) => ({
          row: item.position,
          ordinal: String(item.ordinal),
          title: '',
          text: item.text,
        })),
      };
    }
    const file = await body.read();
    const source = importFileKind(file);
    const rows = requestRowsFromTable(this.table(await readImportTable(file, source), REQUEST_COLUMNS));
    return { source, rows, preamble: null, closing: null };
  }

  private table<C extends Parameters<typeof readTable>[1]>(cells: string[][], columns: C) {
    try {
      return readTable(cells, columns);
    } catch (error) {
      throw tableError(error);
    }
  }

  private async requestContext(db: Db, auditId: string): Promise<RequestImportContext> {
    // One after the other: a transaction's queries share one connection.
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId }, select: { legalHoldSince: true } });
    const requests = await db.auditRequest.findMany({
      where: { auditId },
      select: {
        id: true,
        ordinal: true,
        title: true,
        text: true,
        provisionId: true,
        appliesToAll: true,
        chosenSubjects: { select: { subjectId: true } },
        form: { select: { id: true } },
        responses: {
          select: {
            status: true,
            answer: true,
            formValues: true,
            _count: { select: { comments: true, evidence: true } },
          },
        },
      },
    });
    const provisions = await db.provision.findMany({ where: { auditId }, select: { id: true, reference: true } });
    const subjects = await db.subject.findMany({ where: { auditId }, select: { id: true, name: true } });
    const formTemplates = await db.formTemplate.findMany({
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    });
    return {
      underLegalHold: audit.legalHoldSince !== null,
      provisions,
      subjects,
      formTemplates,
      requests: requests.map(({ chosenSubjects, responses, form, ...r }) => ({
        ...r,
        hasForm: form !== null,
        chosenSubjectIds: chosenSubjects.map((c) => c.subjectId),
        holdsWork: responses.some(
          (cell) =>
            cell._count.evidence > 0 ||
            cellHoldsWork({
              status: cell.status,
              answer: cell.answer,
              commentCount: cell._count.comments,
              formValues: cell.formValues,
            }),
        ),
      })),
    };
  }

  private async subjectContext(db: Db, auditId: string): Promise<SubjectImportContext> {
    const subjects = await db.subject.findMany({
      where: { auditId },
      select: { id: true, name: true, product: true, ownerId: true },
    });
    const members = await db.auditMember.findMany({
      where: { auditId },
      select: { role: true, user: { select: { id: true, email: true, active: true } } },
    });
    return {
      subjects,
      members: new Map(
        members.map((m) => [m.user.email.toLowerCase(), { userId: m.user.id, role: m.role, active: m.user.active }]),
      ),
    };
  }
}
