import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { hashSecret, newSecret, normalizeEmail } from '@app/accounts';
import { recordActivity } from '@app/activity';
import { AppConfig } from '@app/config';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import {
  Clock,
  decideReleaseAccess,
  normalizeReleaseCode,
  RELEASE_CODE_ATTEMPTS,
  RELEASE_CODE_DIGITS,
  RELEASE_ROLE,
  releaseAttemptsLeft,
  releaseExpiryProblem,
  releaseGrantExpiry,
  releaseRefusal,
  releaseResendRefusal,
  releaseState,
} from '@app/domain';
import { MailSender, renderReleaseCodeMail, renderReleaseLinkMail } from '@app/mail';
import { BlobNotFoundError, BlobStore } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { LoginThrottle } from '../auth/login-throttle';
import { lockProductionRow } from '../productions/productions.service';
import type {
  CreateReleaseDto,
  ProductionReleaseDto,
  ProductionReleaseListDto,
  PublicReleaseDto,
} from './dto/production-release.dto';
import { mapRelease, releaseSelect } from './production-release.mapper';

/** What a link secret from a URL may look like (newSecret: 43 base64url characters). */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The code's SHA-256, salted with the release's id so that equal codes of two releases differ. */
const hashCode = (releaseId: string, code: string) => createHash('sha256').update(`${releaseId}:${code}`).digest('hex');

const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

const publicReleaseSelect = {
  id: true,
  expiresAt: true,
  revokedAt: true,
  failedCodeAttempts: true,
  mailedAt: true,
  mailFailedAt: true,
  createdAt: true,
  codeHash: true,
  grantHash: true,
  grantExpiresAt: true,
  production: {
    select: {
      id: true,
      auditId: true,
      name: true,
      zipStorageKey: true,
      zipSizeBytes: true,
      zipSha256: true,
      audit: { select: { respondingParty: true } },
    },
  },
} as const;

interface ReleaseSecrets {
  /** The URL secret of the link. */
  link: string;
  /** The one-time code, sent in a second email. */
  code: string;
}

type ReleaseMailInput = Omit<Parameters<typeof renderReleaseCodeMail>[0], 'code'>;

const newReleaseSecrets = (): ReleaseSecrets => ({
  link: newSecret(),
  code: String(randomInt(0, 10 ** RELEASE_CODE_DIGITS)).padStart(RELEASE_CODE_DIGITS, '0'),
});

/** What is stored of a release's secrets: their hashes only. */
const secretHashes = (releaseId: string, secrets: ReleaseSecrets) => ({
  tokenHash: hashSecret(secrets.link),
  codeHash: hashCode(releaseId, secrets.code),
});

/** The volume, locked: serialises with anything else that changes it or its releases. 404 if not in the audit. */
async function lockProduction(tx: Tx, auditId: string, productionId: string) {
  await lockProductionRow(tx, auditId, productionId);
  const production = await tx.production.findFirst({
    where: { id: productionId, auditId },
    select: { name: true, status: true, audit: { select: { respondingParty: true } } },
  });
  if (!production) throw AppError.notFound('Production');
  return production;
}

/**
 * Stores a new release (its secrets' hashes only) and records its creation, in the caller's
 * transaction; `sendsAgain`: the release it replaces, whose emails did not go out.
 */
async function insertRelease(
  tx: Tx,
  r: {
    id: string;
    auditId: string;
    productionId: string;
    volume: string;
    recipientName: string;
    recipientEmail: string;
    expiresAt: Date;
    createdById: string;
    now: Date;
    secrets: ReleaseSecrets;
    sendsAgain?: string;
  },
): Promise<void> {
  await tx.productionRelease.create({
    data: {
      id: r.id,
      productionId: r.productionId,
      recipientName: r.recipientName,
      recipientEmail: r.recipientEmail,
      expiresAt: r.expiresAt,
      createdById: r.createdById,
      createdAt: r.now,
      ...secretHashes(r.id, r.secrets),
    },
  });
  await recordActivity(tx, {
    actorId: r.createdById,
    auditId: r.auditId,
    entityType: 'production_release',
    entityId: r.id,
    action: 'created',
    changes: {
      ...(r.sendsAgain && { sendsAgain: { before: null, after: r.sendsAgain } }),
      productionId: { before: null, after: r.productionId },
      volume: { before: null, after: r.volume },
      recipientName: { before: null, after: r.recipientName },
      recipientEmail: { before: null, after: r.recipientEmail },
      expiresAt: { before: null, after: r.expiresAt.toISOString() },
    },
  });
}

/** A download the controller sends: the ZIP, and what to call once the response has ended. */
export interface ReleaseVolume {
  content: Readable;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** Records how many bytes went out and whether the response ended normally. */
  finished: (bytesSent: number, ended: boolean) => Promise<void>;
}

/**
 * Releasing a produced volume to the other side: lead counsel make an expiring, revocable link
 * for the demanding party's counsel; the link (one email) and a one-time code (a second email)
 * open the download on public routes. Every download is a row (when, from where, bytes, complete).
 */
@Injectable()
export class ProductionReleasesService {
  private readonly logger = new Logger(ProductionReleasesService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly store: BlobStore,
    private readonly mail: MailSender,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Lead counsel: a release of a produced volume; the link and the code are emailed after commit. */
  async create(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    dto: CreateReleaseDto,
  ): Promise<ProductionReleaseDto> {
    await this.access.require(auth, auditId, RELEASE_ROLE);
    const now = this.clock.now();
    const expiresAt = new Date(dto.expiresAt);
    const problem = releaseExpiryProblem(expiresAt, now);
    if (problem) throw AppError.invalid('expiresAt', problem);
    const secrets = newReleaseSecrets();
    const id = randomUUID();
    const email = normalizeEmail(dto.recipientEmail);
    const volume = await this.uow.run(async (tx) => {
      const production = await lockProduction(tx, auditId, productionId);
      const refusal = releaseRefusal(production.status, production.name);
      if (refusal) throw AppError.conflict(refusal, { productionStatus: production.status });
      await insertRelease(tx, {
        id,
        auditId,
        productionId,
        volume: production.name,
        recipientName: dto.recipientName,
        recipientEmail: email,
        expiresAt,
        createdById: auth.user.id,
        now,
        secrets,
      });
      return production;
    });
    await this.deliver(id, secrets, {
      to: email,
      recipientName: dto.recipientName,
      producingParty: volume.audit.respondingParty,
      volumeName: volume.name,
      expiresAt,
    });
    return this.one(auditId, productionId, id);
  }

  /**
   * Lead counsel: sends a release whose emails did not both go out (NOT_SENT) again, to the same
   * recipient with the same expiry, as a new release with a new link and a new code; the old
   * release is revoked in the same transaction. Its secrets are never emailed again, and not
   * only because they are not kept (only their hashes are): the link's email may have reached
   * the recipient, or someone else, while the code's failed, or the code's may have gone out
   * with the failure coming after; a link whose delivery is unknown must not stay good beside
   * the new one. A new row rather than new secrets on the old one: the record keeps the failed
   * release as it was (who made it, when, for whom) and the activity log says what happened in
   * its own words (the old one revoked, a new one created, each naming the other). 409 once the
   * release was sent, revoked, expired or locked; concurrent calls make one new release.
   */
  async resend(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    releaseId: string,
  ): Promise<ProductionReleaseDto> {
    await this.access.require(auth, auditId, RELEASE_ROLE);
    const secrets = newReleaseSecrets();
    const id = randomUUID();
    const { old, volume } = await this.uow.run(async (tx) => {
      const production = await lockProduction(tx, auditId, productionId);
      const now = this.clock.now();
      const old = await tx.productionRelease.findFirst({
        where: { id: releaseId, productionId },
        select: {
          recipientName: true,
          recipientEmail: true,
          expiresAt: true,
          revokedAt: true,
          failedCodeAttempts: true,
          mailedAt: true,
          mailFailedAt: true,
          createdAt: true,
        },
      });
      if (!old) throw AppError.notFound('Release');
      const refusal = releaseResendRefusal(old, now);
      if (refusal) throw AppError.conflict(refusal, { state: releaseState(old, now) });
      await tx.productionRelease.update({
        where: { id: releaseId },
        data: { revokedAt: now, revokedById: auth.user.id, grantHash: null, grantExpiresAt: null },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production_release',
        entityId: releaseId,
        action: 'revoked',
        changes: {
          revokedAt: { before: null, after: now.toISOString() },
          sentAgainAs: { before: null, after: id },
        },
      });
      await insertRelease(tx, {
        id,
        auditId,
        productionId,
        volume: production.name,
        recipientName: old.recipientName,
        recipientEmail: old.recipientEmail,
        expiresAt: old.expiresAt,
        createdById: auth.user.id,
        now,
        secrets,
        sendsAgain: releaseId,
      });
      return { old, volume: production };
    });
    await this.deliver(id, secrets, {
      to: old.recipientEmail,
      recipientName: old.recipientName,
      producingParty: volume.audit.respondingParty,
      volumeName: volume.name,
      expiresAt: old.expiresAt,
    });
    return this.one(auditId, productionId, id);
  }

  /**
   * Emails the link, then the code, and marks the release sent once both went out. Not a
   * UnitOfWork effect: the answer says whether both went out (`mailSent`, state NOT_SENT if not).
   */
  private async deliver(releaseId: string, secrets: ReleaseSecrets, input: ReleaseMailInput): Promise<void> {
    try {
      await this.mail.send(
        renderReleaseLinkMail({ ...input, link: new URL(`/release/${secrets.link}`, this.config.APP_URL).toString() }),
      );
      await this.mail.send(renderReleaseCodeMail({ ...input, code: secrets.code }));
      await this.prisma.productionRelease.update({ where: { id: releaseId }, data: { mailedAt: this.clock.now() } });
    } catch (error) {
      // The secrets exist only in this request: the release is NOT_SENT, and "Send again" issues new ones.
      this.logger.warn(`Could not email release ${releaseId} to ${input.to}: ${(error as Error).message}`);
      await this.prisma.productionRelease
        .update({ where: { id: releaseId }, data: { mailFailedAt: this.clock.now() } })
        // Unrecorded, the release still reads NOT_SENT once RELEASE_SENDING_MAX_MS has passed.
        .catch((e: Error) => this.logger.warn(`Could not record that release ${releaseId} was not sent: ${e.message}`));
    }
  }

  /** A volume's releases, newest first, with their downloads. Any member (the production log shows them too). */
  async list(auth: AuthContext, auditId: string, productionId: string): Promise<ProductionReleaseListDto> {
    await this.access.require(auth, auditId);
    const production = await this.prisma.production.count({ where: { id: productionId, auditId } });
    if (!production) throw AppError.notFound('Production');
    const rows = await this.prisma.productionRelease.findMany({
      where: { productionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: releaseSelect,
    });
    const now = this.clock.now();
    return { items: rows.map((r) => mapRelease(r, now)) };
  }

  /**
   * Lead counsel: the link stops working at once. One conditional UPDATE, so concurrent revokes
   * revoke once and record one event; revoking a revoked release changes nothing.
   */
  async revoke(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    releaseId: string,
  ): Promise<ProductionReleaseDto> {
    await this.access.require(auth, auditId, RELEASE_ROLE);
    await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const { count } = await tx.productionRelease.updateMany({
        where: { id: releaseId, productionId, production: { auditId }, revokedAt: null },
        data: { revokedAt: now, revokedById: auth.user.id, grantHash: null, grantExpiresAt: null },
      });
      if (count === 0) return;
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production_release',
        entityId: releaseId,
        action: 'revoked',
        changes: { revokedAt: { before: null, after: now.toISOString() } },
      });
    });
    return this.one(auditId, productionId, releaseId);
  }

  /** Public: what the link's page shows. Unknown: 404; expired or revoked: 410; locked: 403. */
  async show(secret: string): Promise<PublicReleaseDto> {
    const release = await this.findOpen(secret);
    return {
      volumeName: release.production.name,
      producingParty: release.production.audit.respondingParty,
      expiresAt: release.expiresAt,
    };
  }

  /**
   * Public: checks the code. A wrong one counts (one conditional UPDATE, so concurrent guesses
   * cannot all slip under the limit); the fifth locks the link. A right one gives a short-lived
   * grant to download, whose secret the controller puts in a cookie scoped to this link. The
   * login throttle counts the attempts too (429 with Retry-After).
   */
  async enterCode(
    secret: string,
    code: string,
    clientAddress: string | undefined,
  ): Promise<{ grant: string; grantedUntil: Date }> {
    const release = await this.findOpen(secret);
    // Counted like logins (per link and address, and per address over all links and logins),
    // beside the link's own lock after RELEASE_CODE_ATTEMPTS wrong codes.
    const attempt = await this.throttle.begin(`release:${release.id}`, clientAddress, 'code attempts');
    const entered = normalizeReleaseCode(code);
    if (/^\d+$/.test(entered) && sameHash(hashCode(release.id, entered), release.codeHash)) {
      await this.throttle.succeeded(attempt);
      const now = this.clock.now();
      const grant = newSecret();
      const grantedUntil = releaseGrantExpiry(release, now);
      const { count } = await this.prisma.productionRelease.updateMany({
        where: {
          id: release.id,
          revokedAt: null,
          expiresAt: { gt: now },
          failedCodeAttempts: { lt: RELEASE_CODE_ATTEMPTS },
        },
        data: { grantHash: hashSecret(grant), grantExpiresAt: grantedUntil },
      });
      // Revoked, expired or locked since it was read.
      if (count === 0) await this.findOpen(secret);
      return { grant, grantedUntil };
    }
    const failed = await this.uow.run(async (tx) => {
      const rows = await tx.$queryRaw<{ failed: number }[]>`
        UPDATE production_releases SET failed_code_attempts = failed_code_attempts + 1
         WHERE id = ${release.id}::uuid AND revoked_at IS NULL AND failed_code_attempts < ${RELEASE_CODE_ATTEMPTS}
        RETURNING failed_code_attempts AS failed`;
      const count = rows[0]?.failed ?? null;
      if (count === RELEASE_CODE_ATTEMPTS)
        await recordActivity(tx, {
          actorId: null,
          auditId: release.production.auditId,
          entityType: 'production_release',
          entityId: release.id,
          action: 'locked',
          changes: { failedCodeAttempts: { before: count - 1, after: count } },
        });
      return count;
    });
    // Locked by this guess or by a concurrent one: the locked link's answer.
    if (failed === null || failed >= RELEASE_CODE_ATTEMPTS) await this.findOpen(secret);
    const left = releaseAttemptsLeft(failed ?? RELEASE_CODE_ATTEMPTS);
    throw new AppError(
      ErrorCode.RULE_VIOLATION,
      `That code is not right. ${left === 1 ? 'One more wrong code locks' : `${left} more wrong codes lock`} the link.`,
      [{ field: 'code', message: 'code is not the one we emailed' }],
      { attemptsLeft: left },
    );
  }

  /**
   * Public: the ZIP, for the holder of a grant of this link. The download's row is written
   * before the first byte; `finished` completes it with the bytes that went out.
   */
  async openVolume(
    secret: string,
    grant: string | undefined,
    clientAddress: string | undefined,
  ): Promise<ReleaseVolume> {
    const release = await this.findOpen(secret);
    const now = this.clock.now();
    const granted =
      grant !== undefined &&
      SECRET_SHAPE.test(grant) &&
      release.grantHash !== null &&
      release.grantExpiresAt !== null &&
      release.grantExpiresAt > now &&
      sameHash(hashSecret(grant), release.grantHash);
    if (!granted)
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'Enter the code from the second email first (a code is good for 30 minutes).',
        [],
        { reason: 'CODE_REQUIRED' },
      );
    const { zipStorageKey, zipSizeBytes, zipSha256, name, auditId } = release.production;
    if (!zipStorageKey || zipSizeBytes === null || !zipSha256) throw AppError.notFound('Volume');
    const content = await this.store.open(zipStorageKey).catch((error: unknown) => {
      if (error instanceof BlobNotFoundError)
        throw AppError.conflict(`The stored ZIP of volume ${name} is missing; tell the producing party.`);
      throw error;
    });
    const download = await this.uow.run(async (tx: Tx) => {
      const row = await tx.productionReleaseDownload.create({
        data: { releaseId: release.id, startedAt: now, clientAddress: clientAddress ?? null },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: null,
        auditId,
        entityType: 'production_release',
        entityId: release.id,
        action: 'downloaded',
        changes: {
          downloadId: { before: null, after: row.id },
          clientAddress: { before: null, after: clientAddress ?? null },
        },
      });
      return row;
    });
    const sizeBytes = Number(zipSizeBytes);
    return {
      content,
      fileName: `${name}.zip`,
      sizeBytes,
      sha256: zipSha256,
      finished: async (bytesSent, ended) => {
        await this.prisma.productionReleaseDownload.update({
          where: { id: download.id },
          data: { finishedAt: this.clock.now(), bytesSent, complete: ended && bytesSent === sizeBytes },
        });
      },
    };
  }

  private async one(auditId: string, productionId: string, releaseId: string): Promise<ProductionReleaseDto> {
    const row = await this.prisma.productionRelease.findFirst({
      where: { id: releaseId, productionId, production: { auditId } },
      select: releaseSelect,
    });
    if (!row) throw AppError.notFound('Release');
    return mapRelease(row, this.clock.now());
  }

  /** The release a link secret names, if it is still open; otherwise the answer its holder gets. */
  private async findOpen(secret: string) {
    const release = SECRET_SHAPE.test(secret)
      ? await this.prisma.productionRelease.findUnique({
          where: { tokenHash: hashSecret(secret) },
          select: publicReleaseSelect,
        })
      : null;
    if (!release)
      throw new AppError(ErrorCode.NOT_FOUND, 'This download link is not valid; check it was copied whole.');
    const access = decideReleaseAccess(release, this.clock.now());
    if (!access.open)
      throw new AppError(access.status === 410 ? ErrorCode.GONE : ErrorCode.FORBIDDEN, access.message, [], {
        reason: access.state,
      });
    return release;
  }
}
