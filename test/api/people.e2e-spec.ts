// People: lead counsel invite by email (a real SMTP server receives the mail, the link is
// read back from it), the invited person accepts and is logged in; org admins manage users
// (create, deactivate, password reset by email); everyone edits their own profile.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import {
  type Agent,
  auditInput,
  expectProblem,
  login,
  newAuditViaApi,
  newUser,
  PASSWORD,
  type TestUser,
  uid,
} from '../support/factories';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const APP_URL = 'https://auditdesk.e2e.example.com';
const DAY_MS = 86_400_000;

/** The one-time link's token, read from the email as the person would click it. */
function linkToken(mail: ReceivedMail, page: 'invitations' | 'password-resets'): string {
  const match = new RegExp(`${APP_URL}/${page}/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return match[1];
}

describe('people: invitations, user administration, profile', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let lead: TestUser;
  let counsel: TestUser;
  let admin: TestUser;
  let asLead: Agent;
  let asCounsel: Agent;
  let asAdmin: Agent;
  let audit: { id: string; title: string; referenceCode: string };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', env: { SMTP_URL: smtp.url, APP_URL } });
    [lead, counsel] = await Promise.all(['ppl-lead', 'ppl-counsel'].map((label) => newUser(t.prisma, { label })));
    admin = await newUser(t.prisma, { label: 'ppl-admin', orgRole: 'ADMIN' });
    [asLead, asCounsel, asAdmin] = await Promise.all([lead, counsel, admin].map((u) => login(t.http, u.email)));
    audit = await newAuditViaApi(asLead, { title: 'Oracle licence audit' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const newEmail = (label: string) => `${label}-${uid()}@invited.example.com`;
  const invite = (email: string, role = 'CONTRIBUTOR', as = asLead) =>
    as.post(`/api/audits/${audit.id}/invitations`).send({ email, role });
  const accept = (token: string, body: Record<string, unknown> = {}) =>
    request(t.http)
      .post(`/api/invitations/${token}/accept`)
      .send({ name: 'Dana Ops', timeZone: 'Europe/Dublin', password: 'dana-long-password', ...body });

  describe('inviting a person who has no account', () => {
    it('emails a link; the page shows the invitation; accepting logs them in as a member with the role', async () => {
      const email = newEmail('dana');
      const invited = await invite(email.toUpperCase(), 'CONTRIBUTOR');
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({
        outcome: 'INVITED',
        member: { email, role: 'CONTRIBUTOR', state: 'INVITED' },
        invitation: { expiresAt: '2026-12-08T09:00:00.000Z', mailSent: true },
      });

      const [mail] = await smtp.waitFor(email, 1);
      expect(mail.subject).toBe(`Invitation to ${audit.referenceCode} on AuditDesk`);
      expect(mail.text).toContain(`${lead.name} invited you to the audit "Oracle licence audit"`);
      expect(mail.text).toContain('as contributor');
      const token = linkToken(mail, 'invitations');
      // Only the token's SHA-256 is stored.
      expect(await t.prisma.invitation.count({ where: { tokenHash: token } })).toBe(0);

      const shown = await request(t.http).get(`/api/invitations/${token}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({
        email,
        name: email.split('@')[0],
        invitedBy: lead.name,
        audit: { title: 'Oracle licence audit', referenceCode: audit.referenceCode, role: 'CONTRIBUTOR' },
        expiresAt: '2026-12-08T09:00:00.000Z',
      });

      // Not before accepting: an invited account has no password.
      expectProblem(
        await request(t.http).post('/api/auth/login').send({ email, password: 'dana-long-password' }),
        401,
        'UNAUTHENTICATED',
      );

      const agent = request.agent(t.http);
      const accepted = await agent
        .post(`/api/invitations/${token}/accept`)
        .send({ name: ' Dana Ops ', timeZone: 'Europe/Dublin', password: 'dana-long-password' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ email, name: 'Dana Ops', timeZone: 'Europe/Dublin', orgRole: 'MEMBER' });
      expect((await agent.get('/api/auth/me')).body).toMatchObject({ email, name: 'Dana Ops' });
      const asDana = await agent.get(`/api/audits/${audit.id}`);
      expect(asDana.body).toMatchObject({ id: audit.id, myRole: 'CONTRIBUTOR' });

      const members = (await asLead.get(`/api/audits/${audit.id}/members`)).body.items as { email: string }[];
      expect(members.find((m) => m.email === email)).toMatchObject({ state: 'ACTIVE', role: 'CONTRIBUTOR' });
      expect((await t.prisma.user.findUniqueOrThrow({ where: { email } })).lastLoginAt).toEqual(
        new Date('2026-12-01T09:00:00Z'),
      );

      // Once used, the link is gone (410), and they log in with their password.
      expectProblem(await request(t.http).get(`/api/invitations/${token}`), 410, 'GONE');
      expectProblem(await accept(token), 410, 'GONE');
      expect(
        (await request(t.http).post('/api/auth/login').send({ email, password: 'dana-long-password' })).status,
      ).toBe(200);
    });

    it('accepts exactly once when two accepts race: one 200, one 410', async () => {
      const email = newEmail('race');
      expect((await invite(email)).status).toBe(201);
      const token = linkToken((await smtp.waitFor(email, 1))[0], 'invitations');

      const results = await Promise.all([accept(token, { name: 'First' }), accept(token, { name: 'Second' })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
      const winner = results.find((r) => r.status === 200)!;
      expectProblem(
        results.find((r) => r.status === 410)!,
        410,
        'GONE',
      );
      const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
      expect(user.name).toBe(winner.body.name);
      expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    });

    it('refuses an expired link with 410 once 7 days have passed (on the app clock)', async () => {
      const email = newEmail('late');
      expect((await invite(email)).status).toBe(201);
      const token = linkToken((await smtp.waitFor(email, 1))[0], 'invitations');
      const start = t.clock.now();
      try {
        t.clock.set(new Date(start.getTime() + 7 * DAY_MS));
        const res = await accept(token);
        expectProblem(res, 410, 'GONE');
        expect(res.body.detail).toBe('This invitation expired on 2026-12-08T09:00:00.000Z; ask for a new one.');
        expect(res.body.reason).toBe('EXPIRED');
      } finally {
        t.clock.set(start);
      }
      expect((await t.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();
    });

    it('resending sends a fresh link and the old one stops working', async () => {
      const email = newEmail('resend');
      const invited = await invite(email, 'VIEWER');
      const oldToken = linkToken((await smtp.waitFor(email, 1))[0], 'invitations');

      const resent = await asLead.post(
        `/api/audits/${audit.id}/members/${invited.body.member.userId}/resend-invitation`,
      );
      expect(resent.status).toBe(200);
      expect(resent.body).toEqual({ expiresAt: '2026-12-08T09:00:00.000Z', mailSent: true });
      const newToken = linkToken((await smtp.waitFor(email, 2))[1], 'invitations');
      expect(newToken).not.toBe(oldToken);

      const old = await request(t.http).get(`/api/invitations/${oldToken}`);
      expectProblem(old, 410, 'GONE');
      expect(old.body.reason).toBe('REVOKED');
      expect((await accept(newToken)).status).toBe(200);
    });

    it('keeps the invitation when the mail server refuses, and it can be resent', async () => {
      const email = newEmail('bounce');
      smtp.refuse = true;
      let invited;
      try {
        invited = await invite(email);
      } finally {
        smtp.refuse = false;
      }
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ outcome: 'INVITED', invitation: { mailSent: false } });
      const resent = await asLead.post(
        `/api/audits/${audit.id}/members/${invited.body.member.userId}/resend-invitation`,
      );
      expect(resent.body.mailSent).toBe(true);
      expect(linkToken((await smtp.waitFor(email, 1))[0], 'invitations')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('answers 404 for an unknown link and names each bad field of an accept', async () => {
      expectProblem(await request(t.http).get('/api/invitations/not-a-real-token-at-all-xx'), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).get('/api/invitations/%2e%2e'), 404, 'NOT_FOUND');
      const email = newEmail('fields');
      await invite(email);
      const token = linkToken((await smtp.waitFor(email, 1))[0], 'invitations');
      const bad = await accept(token, { name: '  ', timeZone: 'Mars/Olympus', password: 'short' });
      expectProblem(bad, 400, 'VALIDATION_FAILED', ['name', 'password', 'timeZone']);
    });
  });

  it('adds a known active user at once, without an email', async () => {
    const known = await newUser(t.prisma, { label: 'known' });
    const res = await invite(known.email, 'COUNSEL');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      outcome: 'ADDED',
      member: { userId: known.id, state: 'ACTIVE' },
      invitation: null,
    });
    expect(smtp.to(known.email)).toHaveLength(0);
  });

  it('lets only lead counsel invite (counsel get 403) and refuses a bad role by name', async () => {
    const other = await newAuditViaApi(asLead);
    await asLead.post(`/api/audits/${other.id}/members`).send({ userId: counsel.id, role: 'COUNSEL' });
    const byCounsel = await asCounsel
      .post(`/api/audits/${other.id}/invitations`)
      .send({ email: newEmail('x'), role: 'VIEWER' });
    expectProblem(byCounsel, 403, 'FORBIDDEN');
    expectProblem(await invite(newEmail('y'), 'BOSS'), 400, 'VALIDATION_FAILED', ['role']);
    expectProblem(await invite('not-an-email'), 400, 'VALIDATION_FAILED', ['email']);
  });

  describe('inviting several people at once', () => {
    const inviteMany = (people: { email: string; role: string; name?: string }[], as = asLead) =>
      as.post(`/api/audits/${audit.id}/invitations/batch`).send({ people });
    const memberEmails = async () =>
      ((await asLead.get(`/api/audits/${audit.id}/members`)).body.items as { email: string }[]).map((m) => m.email);

    it('invites each in order: the unknown are emailed a link, a known user is added at once', async () => {
      const [ana, ben] = [newEmail('ana'), newEmail('ben')];
      const known = await newUser(t.prisma, { label: 'known-batch' });
      const res = await inviteMany([
        { email: ana, role: 'CONTRIBUTOR', name: 'Ana Li' },
        { email: known.email.toUpperCase(), role: 'COUNSEL' },
        { email: ben, role: 'VIEWER' },
      ]);
      expect(res.status).toBe(201);
      expect(res.body.results).toMatchObject([
        { outcome: 'INVITED', member: { email: ana, name: 'Ana Li', role: 'CONTRIBUTOR', state: 'INVITED' } },
        { outcome: 'ADDED', member: { userId: known.id, role: 'COUNSEL', state: 'ACTIVE' }, invitation: null },
        { outcome: 'INVITED', member: { email: ben, role: 'VIEWER' }, invitation: { mailSent: true } },
      ]);
      const [anaMail] = await smtp.waitFor(ana, 1);
      expect(anaMail.text).toContain('as contributor');
      expect((await smtp.waitFor(ben, 1))[0].text).toContain('as viewer');
      expect(smtp.to(known.email)).toHaveLength(0);
      // Ana's link works as a single invitation's does.
      expect((await accept(linkToken(anaMail, 'invitations'))).status).toBe(200);
    });

    it('invites nobody when one person cannot be, and names every such person at once', async () => {
      const fresh = newEmail('fresh');
      const member = newEmail('member-already');
      expect((await invite(member)).status).toBe(201);
      const gone = await newUser(t.prisma, { label: 'gone' });
      await t.prisma.user.update({ where: { id: gone.id }, data: { active: false } });

      const res = await inviteMany([
        { email: fresh, role: 'CONTRIBUTOR' },
        { email: member, role: 'CONTRIBUTOR' },
        { email: gone.email, role: 'VIEWER' },
        { email: lead.email, role: 'VIEWER' },
      ]);
      expectProblem(res, 422, 'RULE_VIOLATION', ['people[1].email', 'people[2].email', 'people[3].email']);
      expect(res.body.errors).toEqual([
        {
          field: 'people[1].email',
          message: `${member} is already invited and has not accepted yet: resend the invitation from the members list.`,
        },
        { field: 'people[2].email', message: expect.stringMatching(/deactivated account/) },
        { field: 'people[3].email', message: `${lead.email} is already a member of the audit.` },
      ]);
      expect(await memberEmails()).not.toContain(fresh);
      expect(await t.prisma.user.count({ where: { email: fresh } })).toBe(0);
      expect(smtp.to(fresh)).toHaveLength(0);
    });

    it('refuses an address listed twice, a bad address and a bad role, each by its place in the list', async () => {
      const twice = newEmail('twice');
      const res = await inviteMany([
        { email: twice, role: 'CONTRIBUTOR' },
        { email: ` ${twice.toUpperCase()} `, role: 'VIEWER' },
      ]);
      expectProblem(res, 400, 'VALIDATION_FAILED', ['people[1].email']);
      expect(res.body.errors[0].message).toBe(`${twice} is listed twice (also person 1).`);

      const bad = await inviteMany([
        { email: 'not-an-email', role: 'CONTRIBUTOR' },
        { email: newEmail('ok'), role: 'BOSS' },
      ]);
      expectProblem(bad, 400, 'VALIDATION_FAILED', ['people[0].email', 'people[1].role']);
      expectProblem(await inviteMany([]), 400, 'VALIDATION_FAILED', ['people']);
      expect(await t.prisma.user.count({ where: { email: twice } })).toBe(0);
    });

    it('is for lead counsel only', async () => {
      const other = await newAuditViaApi(asLead);
      await asLead.post(`/api/audits/${other.id}/members`).send({ userId: counsel.id, role: 'COUNSEL' });
      const byCounsel = await asCounsel
        .post(`/api/audits/${other.id}/invitations/batch`)
        .send({ people: [{ email: newEmail('x'), role: 'VIEWER' }] });
      expectProblem(byCounsel, 403, 'FORBIDDEN');
    });
  });

  it('changes the role of an invited member and removes one, whose link then stops working', async () => {
    const email = newEmail('member');
    const invited = await invite(email, 'VIEWER');
    const token = linkToken((await smtp.waitFor(email, 1))[0], 'invitations');
    const userId = invited.body.member.userId as string;

    const changed = await asLead.patch(`/api/audits/${audit.id}/members/${userId}`).send({ role: 'COUNSEL' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'COUNSEL', state: 'INVITED' });

    expect((await asLead.delete(`/api/audits/${audit.id}/members/${userId}`)).status).toBe(204);
    expectProblem(await accept(token), 410, 'GONE');
  });

  describe('org admin users API', () => {
    it('is refused to non-admins with 403', async () => {
      expectProblem(await asLead.get('/api/admin/users'), 403, 'FORBIDDEN');
      expectProblem(await asLead.post('/api/admin/users').send({ email: newEmail('n'), name: 'N' }), 403, 'FORBIDDEN');
      expectProblem(await asLead.patch(`/api/admin/users/${counsel.id}`).send({ active: false }), 403, 'FORBIDDEN');
      expectProblem(await asLead.post(`/api/admin/users/${counsel.id}/reset-password`), 403, 'FORBIDDEN');
    });

    it('creates a user with a temporary password, lists them with state and last login, and deactivates them at once', async () => {
      const email = newEmail('temp');
      const created = await asAdmin
        .post('/api/admin/users')
        .send({ email, name: 'Tom Temp', temporaryPassword: 'temporary-password-1', timeZone: 'America/New_York' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email, state: 'ACTIVE', lastLoginAt: null, invitation: null });

      const asTom = await login(t.http, email, 'temporary-password-1');
      const script = await asTom.post('/api/auth/tokens').send({ name: 'script' });
      const listed = await asAdmin.get('/api/admin/users').query({ search: email });
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, state: 'ACTIVE', lastLoginAt: '2026-12-01T09:00:00.000Z' }),
      ]);

      const deactivated = await asAdmin.patch(`/api/admin/users/${created.body.id}`).send({ active: false });
      expect(deactivated.body.state).toBe('DEACTIVATED');
      expectProblem(await asTom.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${script.body.token}`),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await request(t.http).post('/api/auth/login').send({ email, password: 'temporary-password-1' }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await asAdmin.get('/api/admin/users').query({ state: 'DEACTIVATED', search: email })).body.total).toBe(1);

      const reactivated = await asAdmin.patch(`/api/admin/users/${created.body.id}`).send({ active: true });
      expect(reactivated.body.state).toBe('ACTIVE');
      expect(
        (await request(t.http).post('/api/auth/login').send({ email, password: 'temporary-password-1' })).status,
      ).toBe(200);
    });

    it('creates a user by invitation when no password is given', async () => {
      const email = newEmail('orginv');
      const created = await asAdmin.post('/api/admin/users').send({ email, name: 'Ivy Invited', orgRole: 'ADMIN' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ state: 'INVITED', orgRole: 'ADMIN', invitation: { mailSent: true } });
      const [mail] = await smtp.waitFor(email, 1);
      expect(mail.text).toContain(`${admin.name} invited you to AuditDesk.`);
      const shown = await request(t.http).get(`/api/invitations/${linkToken(mail, 'invitations')}`);
      expect(shown.body).toMatchObject({ email, audit: null });
      expectProblem(await asAdmin.post('/api/admin/users').send({ email, name: 'Again' }), 409, 'DUPLICATE', ['email']);
    });

    it('resends an invitation the admin created: a fresh link, the old one gone; refused for an active user', async () => {
      const email = newEmail('orgresend');
      const created = await asAdmin.post('/api/admin/users').send({ email, name: 'Rhea Resent' });
      expect(created.status).toBe(201);
      const [first] = await smtp.waitFor(email, 1);
      const resent = await asAdmin.post(`/api/admin/users/${created.body.id}/resend-invitation`);
      expect(resent.status).toBe(200);
      expect(resent.body).toMatchObject({ mailSent: true });
      const [, second] = await smtp.waitFor(email, 2);
      expect(linkToken(second, 'invitations')).not.toBe(linkToken(first, 'invitations'));
      expect((await request(t.http).get(`/api/invitations/${linkToken(first, 'invitations')}`)).status).toBe(410);
      expect((await request(t.http).get(`/api/invitations/${linkToken(second, 'invitations')}`)).status).toBe(200);

      const active = await newUser(t.prisma, { label: 'active' });
      expectProblem(await asAdmin.post(`/api/admin/users/${active.id}/resend-invitation`), 422, 'RULE_VIOLATION');
      expect((await asCounsel.post(`/api/admin/users/${created.body.id}/resend-invitation`)).status).toBe(403);
    });

    it('resets a password by an emailed one-time link valid 24 hours', async () => {
      const user = await newUser(t.prisma, { label: 'reset' });
      const asUser = await login(t.http, user.email);
      const sent = await asAdmin.post(`/api/admin/users/${user.id}/reset-password`);
      expect(sent.status).toBe(200);
      expect(sent.body).toEqual({ expiresAt: '2026-12-02T09:00:00.000Z', mailSent: true });
      const token = linkToken((await smtp.waitFor(user.email, 1))[0], 'password-resets');

      expect((await request(t.http).get(`/api/password-resets/${token}`)).body).toMatchObject({ email: user.email });
      expectProblem(
        await request(t.http).post(`/api/password-resets/${token}`).send({ password: 'short' }),
        400,
        'VALIDATION_FAILED',
        ['password'],
      );
      expect(
        (await request(t.http).post(`/api/password-resets/${token}`).send({ password: 'brand-new-password' })).status,
      ).toBe(204);
      expectProblem(await asUser.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      expect(
        (await request(t.http).post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status,
      ).toBe(401);
      await login(t.http, user.email, 'brand-new-password');
      expectProblem(
        await request(t.http).post(`/api/password-resets/${token}`).send({ password: 'another-new-password' }),
        410,
        'GONE',
      );

      await asAdmin.post(`/api/admin/users/${user.id}/reset-password`);
      const late = linkToken((await smtp.waitFor(user.email, 2))[1], 'password-resets');
      const start = t.clock.now();
      try {
        t.clock.set(new Date(start.getTime() + DAY_MS));
        expectProblem(await request(t.http).get(`/api/password-resets/${late}`), 410, 'GONE');
      } finally {
        t.clock.set(start);
      }
    });

    it('refuses to deactivate yourself', async () => {
      const res = await asAdmin.patch(`/api/admin/users/${admin.id}`).send({ active: false });
      expectProblem(res, 422, 'RULE_VIOLATION', ['active']);
    });
  });

  describe('what a member may do in the organisation', () => {
    /** A member an admin made with a temporary password, who belongs to no audit. */
    async function newcomer(body: Record<string, unknown> = {}) {
      const email = newEmail('newcomer');
      const created = await asAdmin
        .post('/api/admin/users')
        .send({ email, name: 'Nora Newcomer', temporaryPassword: 'newcomer-password-1', ...body });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, agent: await login(t.http, email, 'newcomer-password-1') };
    }

    it('a member of no audit may neither list the users nor open an audit (403 in plain words)', async () => {
      const nora = await newcomer();
      expect((await nora.agent.get('/api/auth/me')).body).toMatchObject({ orgRole: 'MEMBER', canOpenAudits: false });
      const users = await nora.agent.get('/api/users');
      expectProblem(users, 403, 'FORBIDDEN');
      expect(JSON.stringify(users.body)).not.toContain(lead.email);
      const opened = await nora.agent.post('/api/audits').send(auditInput());
      expectProblem(opened, 403, 'FORBIDDEN');
      expect(opened.body.detail).toBe('Opening a new audit needs an org admin’s permission; ask one to allow it.');
      expect((await nora.agent.get('/api/audits')).body.total).toBe(0);
    });

    it('an admin allows a member to open audits and takes it back; the log records both', async () => {
      const nora = await newcomer();
      const allowed = await asAdmin.patch(`/api/admin/users/${nora.id}`).send({ canOpenAudits: true });
      expect(allowed.body).toMatchObject({ id: nora.id, canOpenAudits: true });
      expect((await nora.agent.get('/api/auth/me')).body.canOpenAudits).toBe(true);
      const opened = await nora.agent.post('/api/audits').send(auditInput({ title: 'Nora’s first audit' }));
      expect(opened.status).toBe(201);
      // Lead counsel of her audit now: she staffs it from the directory.
      expect((await nora.agent.get('/api/users').query({ search: lead.email })).body.total).toBe(1);

      expect((await asAdmin.patch(`/api/admin/users/${nora.id}`).send({ canOpenAudits: false })).status).toBe(200);
      expectProblem(await nora.agent.post('/api/audits').send(auditInput()), 403, 'FORBIDDEN');
      // A copy is a new audit too.
      const copy = await nora.agent.post(`/api/audits/${opened.body.id}/copy`).send({
        title: 'Copy',
        referenceCode: `COPY-${uid()}`,
        receivedOn: '2023-05-18',
        responseDeadline: '2023-06-07T17:00',
        deadlineTimeZone: 'America/New_York',
      });
      expectProblem(copy, 403, 'FORBIDDEN');
      const events = await t.prisma.activityEvent.findMany({
        where: { entityType: 'user', entityId: nora.id, action: 'updated' },
        orderBy: { id: 'asc' },
      });
      expect(events.map((e) => e.changes)).toEqual([
        { canOpenAudits: { before: false, after: true } },
        { canOpenAudits: { before: true, after: false } },
      ]);
    });

    it('an admin may give the permission when creating the user, and lists who has it', async () => {
      const nora = await newcomer({ canOpenAudits: true });
      expect((await nora.agent.post('/api/audits').send(auditInput())).status).toBe(201);
      const listed = await asAdmin.get('/api/admin/users').query({ search: 'newcomer' });
      expect(listed.body.items.find((u: { id: string }) => u.id === nora.id)).toMatchObject({ canOpenAudits: true });
      expectProblem(
        await asAdmin.patch(`/api/admin/users/${nora.id}`).send({ canOpenAudits: 'yes' }),
        400,
        'VALIDATION_FAILED',
        ['canOpenAudits'],
      );
      expectProblem(await asLead.patch(`/api/admin/users/${nora.id}`).send({ canOpenAudits: false }), 403, 'FORBIDDEN');
    });

    it('org admins open audits and list users without being given anything', async () => {
      const boss = await newUser(t.prisma, { label: 'ppl-boss', orgRole: 'ADMIN', canOpenAudits: false });
      const asBoss = await login(t.http, boss.email);
      expect((await asBoss.get('/api/users').query({ search: lead.email })).body.total).toBe(1);
      expect((await asBoss.post('/api/audits').send(auditInput())).status).toBe(201);
    });
  });

  describe('own profile', () => {
    it('edits name and time zone, refusing a zone that is not IANA', async () => {
      const user = await newUser(t.prisma, { label: 'profile' });
      const agent = await login(t.http, user.email);
      const res = await agent.patch('/api/auth/me').send({ name: 'Maria Santos', timeZone: 'America/Chicago' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Maria Santos', timeZone: 'America/Chicago' });
      expect((await agent.get('/api/auth/me')).body).toMatchObject({
        name: 'Maria Santos',
        timeZone: 'America/Chicago',
      });
      expectProblem(await agent.patch('/api/auth/me').send({ timeZone: 'Central' }), 400, 'VALIDATION_FAILED', [
        'timeZone',
      ]);
    });

    it('changes the password with the current one; other sessions end, this one stays', async () => {
      const user = await newUser(t.prisma, { label: 'passwd' });
      const here = await login(t.http, user.email);
      const elsewhere = await login(t.http, user.email);
      expectProblem(
        await here
          .post('/api/auth/me/password')
          .send({ currentPassword: 'wrong-password', newPassword: 'a-new-password-1' }),
        400,
        'VALIDATION_FAILED',
        ['currentPassword'],
      );
      expect(
        (await here.post('/api/auth/me/password').send({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' }))
          .status,
      ).toBe(204);
      expect((await here.get('/api/auth/me')).status).toBe(200);
      expectProblem(await elsewhere.get('/api/auth/me'), 401, 'UNAUTHENTICATED');
      await login(t.http, user.email, 'a-new-password-1');
    });
  });
});
