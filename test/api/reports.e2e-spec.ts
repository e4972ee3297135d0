// The PDF report as counsel downloads it (GET /audits/:id/report.pdf), read back with PDF.js:
// the reference case with evidence, the options, a small audit with non-Latin names and a
// custom legend, access and the size limit.
import { AppConfig } from '@app/config';
import { DEFAULT_CONFIDENTIALITY_LEGEND } from '@app/report';
import { createTestApp, type TestApp } from '../support/app';
import {
  addMember,
  addRequest,
  addSubject,
  type Agent,
  expectProblem,
  grid,
  newAuditViaApi,
  newUser,
  tokenAgent,
} from '../support/factories';
import { insertFileEvidence, type InsertedEvidence, insertOtherEvidence } from '../support/evidence-rows';
import {
  bodyText,
  diagonalLetters,
  getPdf,
  outlineTitles,
  pageOnePng,
  pdfInfo,
  pdfPages,
  squash,
} from '../support/pdf';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoUserKey,
  REFERENCE_AUDIT,
  RESPONSE_STATES,
  SUBJECTS,
} from '../../prisma/seed/reference-case';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { useOwnDatabase } from '../support/own-database';
import { seedServicesOf } from '../support/seed';

const NOW = '2023-05-25T16:00:00.000Z';
const demo = (key: DemoUserKey) => DEMO_USERS.find((u) => u.key === key)!;
const REF = REFERENCE_AUDIT.referenceCode;

describe('PDF report', () => {
  let t: TestApp;
  let asLead: Agent;
  let auditId: string;
  const evidence: InsertedEvidence[] = [];
  let deleted: InsertedEvidence;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // The demo case in a database of this file's own: the evidence added here stays here.
    dropDatabase = await useOwnDatabase('reports');
    t = await createTestApp({ now: NOW });
    await seedDemo(t.prisma, seedServicesOf(t));
    asLead = await tokenAgent(t.http, { email: demo('leadCounsel').email, password: DEMO_PASSWORD });
    auditId = (await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: REF }, select: { id: true } })).id;
    const cells = await grid(asLead, auditId);
    evidence.push(
      await insertFileEvidence(t.prisma, auditId, [cells[0].id, cells[1].id], {
        title: 'Xbox API usage export',
        versions: 2,
        custodian: 'Zoë Ødegård',
      }),
    );
    evidence.push(
      await insertFileEvidence(t.prisma, auditId, [cells[9].id], {
        title: 'Bing key inventory',
        custodian: 'Иван Петров',
      }),
    );
    evidence.push(
      await insertFileEvidence(t.prisma, auditId, [cells[47].id], { title: 'Ads data retention log', versions: 3 }),
    );
    deleted = await insertFileEvidence(t.prisma, auditId, [cells[2].id], {
      title: 'Withdrawn spreadsheet',
      deleted: true,
    });
    await insertOtherEvidence(t.prisma, auditId, [cells[3].id], 'LINK', 'Developer portal app list');
  });

  afterAll(async () => {
    await t?.close();
    await dropDatabase?.();
  });

  it('prints the reference case: cover, contents, every subject, answer and evidence hash, numbered pages under the legend', async () => {
    const res = await getPdf(asLead, `/api/audits/${auditId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${REF}-report-2023-05-25-DRAFT.pdf"`);
    const pdf = res.body as Buffer;
    pageOnePng(pdf, 'reference-case-report-page-1');

    const info = pdfInfo(pdf);
    // Cover, contents, summary, 8 subject sections and 4 appendices, each starting a page.
    expect(info.pages).toBeGreaterThanOrEqual(14);
    expect(info.pages).toBeLessThan(120);
    expect(info.title).toBe(`${REFERENCE_AUDIT.title} (${REF})`);
    expect(info.language).toBe('en');
    // Tagged for screen readers; a draft is not PDF/A (it is not a record to keep).
    expect(info.tagged).toEqual({ marked: true, structTree: true });
    expect(info.pdfA).toBeNull();
    // A bookmark for every section, in order.
    expect(info.outline.map((o) => o.title)).toEqual([
      'Summary',
      ...SUBJECTS.map((s, i) => `${i + 1}. ${s.name}`),
      'Appendix A. Evidence index',
      'Appendix B. Provisions cited',
      'Appendix C. Activity summary',
      'Appendix D. Form comparisons',
    ]);
    expect(outlineTitles(info.outline)).toContain('Open and overdue items');

    const pages = pdfPages(pdf, { noDiagonal: true });
    expect(pages).toHaveLength(info.pages);
    const cover = pages[0];
    for (const fact of [
      REFERENCE_AUDIT.title,
      REF,
      'Twitter, Inc. (now X Corp.)',
      'Microsoft Corporation',
      'Alex Spiro, Quinn Emanuel Urquhart & Sullivan LLP',
      'Daniel Okafor (Lead counsel)',
      'Twitter Developer Agreement and Policy, effective 10 March 2020',
      'VII Compliance Audit',
      '7 June 2023, 17:00 (America/New_York)',
      '18 May 2023',
      '1 May 2021 to 30 April 2023',
      '25 May 2023, 12:00 (America/New_York) by Daniel Okafor',
    ]) {
      expect(squash(cover)).toContain(squash(fact));
    }

    const contents = squash(pages[1]);
    expect(contents).toContain('Contents');
    SUBJECTS.forEach((s, i) => expect(contents).toMatch(new RegExp(`${i + 1}\\.${escape(squash(s.name))}\\.*\\d+`)));
    for (const appendix of [
      'Summary',
      'AppendixA.Evidenceindex',
      'AppendixB.Provisionscited',
      'AppendixC.Activitysummary',
    ]) {
      expect(contents).toContain(appendix);
    }

    const body = bodyText(pages, DEFAULT_CONFIDENTIALITY_LEGEND);
    SUBJECTS.forEach((s, i) => expect(body).toContain(squash(`${i + 1}. ${s.name}`)));
    const answers = RESPONSE_STATES.filter((r) => r.answer);
    expect(answers.length).toBeGreaterThan(3);
    for (const r of answers) expect(body).toContain(squash(r.answer!));
    for (const e of evidence) for (const hash of e.hashes) expect(body).toContain(hash);
    expect(body).toContain(squash('Developer portal app list'));
    expect(body).not.toContain(deleted.hashes[0]);
    expect(body).not.toContain(squash(deleted.title));
    expect(body).toContain(squash('Zoë Ødegård'));
    expect(body).toContain(squash('Иван Петров'));

    // Unapproved answers are printed by default: a draft, marked on every page.
    const withWatermark = pdfPages(pdf);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length} — ${REF}`);
      expect(text).toContain(`DRAFT — ${DEFAULT_CONFIDENTIALITY_LEGEND}`);
      expect(diagonalLetters(withWatermark[i], text)).toBe('ADFRT');
    });

    const events = await t.prisma.activityEvent.findMany({
      where: { auditId, entityType: 'report', action: 'generated' },
    });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)!.changes).toMatchObject({ delivery: { after: 'streamed' }, pageCount: { after: info.pages } });
  });

  it("prints each app's answers to the request forms, and compares the apps in Appendix D", async () => {
    const res = await getPdf(asLead, `/api/audits/${auditId}/report.pdf`);
    expect(res.status).toBe(200);
    const pdf = res.body as Buffer;
    const pages = pdfPages(pdf, { noDiagonal: true });
    const sections = pages.filter((p) => !p.includes('Contents')).join('\n');
    const between = (from: string, to: string) =>
      squash(sections.slice(sections.indexOf(from), sections.indexOf(to, sections.indexOf(from))));

    // Xbox One Social's answer to request 1, field by field.
    const xbox = between('1. Xbox One Social', '2. Bing Pages');
    for (const line of [
      'Field Answer',
      'Data categories Tweets; User profiles',
      'Volume 2,400,000 records',
      'Period held 1 May 2021 – 25 Apr 2023',
      'Still held No',
      'Destroyed on 28 Apr 2023',
      'How it was destroyed The community feed cache was switched off',
    ])
      expect(xbox).toContain(squash(line));
    // Azure Logic Apps for Fairfax's table on request 5, one row per entity.
    const fairfax = squash(sections.slice(sections.indexOf('8. Azure Logic Apps for Fairfax')));
    expect(fairfax).toContain(
      squash(
        'Government entities Entity: Federal agency tenant B (name withheld pending review of notice obligations); Country: United States; Received Twitter data: Yes; Period: 1 Sept 2021 – 30 Apr 2023'.replace(
          'Sept',
          'Sep',
        ),
      ),
    );
    expect(fairfax).toContain(squash('Received Twitter data: No; Period: 15 Jan 2022 – open'));

    // The appendix: every app answering request 1 side by side, the differing fields and the gap flagged.
    const info = pdfInfo(pdf);
    const appendix = info.outline.find((o) => o.title === 'Appendix D. Form comparisons')!;
    expect(appendix.items.map((i) => i.title)).toEqual([
      'R1. Twitter data held now, or held and destroyed',
      'R5. Government entities that used the app or received Twitter data',
    ]);
    const comparison = squash(
      sections.slice(sections.indexOf('Appendix D. Form comparisons', sections.indexOf('Appendix C'))),
    );
    expect(comparison).toContain(
      squash(
        'Answered differently: Data categories, Volume, Period held, Still held, Destroyed on, How it was destroyed.',
      ),
    );
    expect(comparison).toContain(squash('Required entries empty: Bing Pages 2 (Volume);'));
    expect(comparison).toContain(squash('Volume DIFFERS 2,400,000 records 310,000 records EMPTY (required)'));
    expect(comparison).toContain(squash('Still held DIFFERS No Yes No'));
    expect(comparison).toContain(squash('Answered differently: Government entities.'));
  });

  it('prints only the chosen subjects, and withholds unapproved answers in a final (non-draft) report', async () => {
    const subjects = (await asLead.get(`/api/audits/${auditId}/subjects`)).body.items as { id: string; name: string }[];
    const chosen = [subjects[0], subjects[3]];
    const res = await getPdf(asLead, `/api/audits/${auditId}/report.pdf`, {
      subjectIds: chosen.map((s) => s.id).join(','),
      includeUnapproved: 'false',
    });
    expect(res.status).toBe(200);
    // A final report is archival: PDF/A-2b, and tagged.
    expect(pdfInfo(res.body).pdfA).toEqual({ part: 2, conformance: 'B' });
    expect(pdfInfo(res.body).tagged).toEqual({ marked: true, structTree: true });
    const all = pdfPages(res.body);
    const pages = pdfPages(res.body, { noDiagonal: true });
    pages.forEach((text, i) => {
      expect(all[i]).not.toContain('DRAFT');
      expect(diagonalLetters(all[i], text)).toBe('');
      expect(text).toContain(DEFAULT_CONFIDENTIALITY_LEGEND);
    });
    const contents = squash(pages[1]);
    expect(contents).toContain(squash(`1. ${chosen[0].name}`));
    expect(contents).toContain(squash(`2. ${chosen[1].name}`));
    for (const other of subjects.filter((s) => !chosen.includes(s)))
      expect(contents).not.toMatch(new RegExp(`\\d\\.${escape(squash(other.name))}\\d`));

    const body = bodyText(pages, DEFAULT_CONFIDENTIALITY_LEGEND);
    const answered = RESPONSE_STATES.filter((r) => r.answer && chosen.some((s) => s.name === r.subject));
    const released = answered.filter((r) => r.status === 'APPROVED' || r.status === 'NOT_APPLICABLE');
    const withheld = answered.filter((r) => !released.includes(r));
    // The chosen subjects hold both kinds, so both rules are exercised.
    expect(released.length).toBeGreaterThan(0);
    expect(withheld.length).toBeGreaterThan(0);
    for (const r of released) expect(body).toContain(squash(r.answer!));
    for (const r of withheld) expect(body).not.toContain(squash(r.answer!));
    expect(body).toContain(squash('Answer withheld'));
    // Form values are part of the answer: Xbox One Social's to request 1 is in review, so withheld too,
    // in its section and in the comparison.
    expect(chosen[0].name).toBe('Xbox One Social');
    expect(body).not.toContain(squash('2,400,000 records'));
    expect(body).toContain(squash('Withheld (not approved): Xbox One Social.'));
  });

  it("prints a small audit with non-Latin names, a long answer across pages and the audit's own legend", async () => {
    const lead = await newUser(t.prisma, { name: 'Łukasz Żółć' });
    const contributor = await newUser(t.prisma, { name: 'Иван Петров' });
    const agent = await tokenAgent(t.http, lead);
    const audit = await newAuditViaApi(agent, {
      demandingParty: 'Ødegård Holding AS',
      respondingParty: 'Ελληνική Λογισμικό Α.Ε.',
    });
    await addMember(agent, audit.id, contributor, 'CONTRIBUTOR');
    const legend = 'HIGHLY CONFIDENTIAL – OUTSIDE COUNSEL EYES ONLY';
    const patched = await agent.patch(`/api/audits/${audit.id}`).send({ confidentialityLegend: legend });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ confidentialityLegend: legend, effectiveConfidentialityLegend: legend });
    await addSubject(agent, audit.id, { name: 'Zoë Ødegård analytics' });
    await addRequest(agent, audit.id, { title: 'Records of use', text: 'Provide every record of use.' });
    const [cell] = await grid(agent, audit.id);
    const longAnswer = Array.from({ length: 1500 }, (_, i) => `Sentence ${i} of the answer by Иван Петров.`).join(' ');
    const updated = await agent
      .patch(`/api/audits/${audit.id}/responses/${cell.id}`)
      .send({ version: cell.version, answer: longAnswer, assigneeId: contributor.id });
    expect(updated.status).toBe(200);

    // A granted extension has already moved the deadline (2023-06-07 17:00 -> 2023-06-21 17:00 New York).
    await t.prisma.auditExtension.create({
      data: {
        auditId: audit.id,
        requestedOn: new Date('2023-05-30T00:00:00Z'),
        newDeadline: new Date('2023-06-21T21:00:00Z'),
        status: 'GRANTED',
        previousDeadline: new Date('2023-06-07T21:00:00Z'),
        decidedOn: new Date('2023-06-01T00:00:00Z'),
      },
    });
    await t.prisma.audit.update({
      where: { id: audit.id },
      data: { responseDeadline: new Date('2023-06-21T21:00:00Z') },
    });

    const res = await getPdf(agent, `/api/audits/${audit.id}/report.pdf`);
    expect(res.status).toBe(200);
    const pages = pdfPages(res.body, { noDiagonal: true });
    expect(squash(pages[0])).toContain(squash('21 June 2023, 17:00 (America/New_York)'));
    expect(squash(pages[0])).toContain(
      squash('Granted on 1 June 2023: deadline moved from 7 June 2023, 17:00 to 21 June 2023, 17:00'),
    );
    pages.forEach((text, i) => {
      expect(text).toContain(legend);
      expect(text).toContain(`Page ${i + 1} of ${pages.length} — ${audit.referenceCode}`);
    });
    const body = bodyText(pages, legend);
    expect(body).toContain(squash(longAnswer));
    for (const name of [
      'Łukasz Żółć',
      'Иван Петров',
      'Zoë Ødegård analytics',
      'Ødegård Holding AS',
      'Ελληνική Λογισμικό Α.Ε.',
    ])
      expect(body).toContain(squash(name));
    // The answer alone takes several pages.
    expect(pages.filter((p) => p.includes('Sentence')).length).toBeGreaterThan(3);

    const cleared = await agent.patch(`/api/audits/${audit.id}`).send({ confidentialityLegend: null });
    expect(cleared.body).toMatchObject({
      confidentialityLegend: null,
      effectiveConfidentialityLegend: DEFAULT_CONFIDENTIALITY_LEGEND,
    });
  });

  it('lets counsel generate; viewers get 403, non-members 404', async () => {
    const viewer = await tokenAgent(t.http, { email: demo('viewer').email, password: DEMO_PASSWORD });
    expectProblem(await viewer.get(`/api/audits/${auditId}/report.pdf`), 403, 'FORBIDDEN');
    expectProblem(await viewer.post(`/api/audits/${auditId}/reports`).send({}), 403, 'FORBIDDEN');
    expect((await viewer.get(`/api/audits/${auditId}/reports`)).status).toBe(200);
    const stranger = await tokenAgent(t.http, await newUser(t.prisma));
    expectProblem(await stranger.get(`/api/audits/${auditId}/report.pdf`), 404, 'NOT_FOUND');
  });

  it('names bad options: unknown subjects, a non-boolean, a non-UUID', async () => {
    const url = `/api/audits/${auditId}/report.pdf`;
    expectProblem(
      await asLead.get(url).query({ subjectIds: '6f1c0e4e-0000-4000-8000-000000000000' }),
      400,
      'VALIDATION_FAILED',
      ['subjectIds'],
    );
    expectProblem(await asLead.get(url).query({ subjectIds: 'not-a-uuid' }), 400, 'VALIDATION_FAILED', ['subjectIds']);
    expectProblem(await asLead.get(url).query({ includeUnapproved: 'maybe' }), 400, 'VALIDATION_FAILED', [
      'includeUnapproved',
    ]);
  });

  it('refuses to stream a report over the size limit and says to queue it', async () => {
    const config = t.app.get(AppConfig);
    const limit = config.REPORT_STREAM_MAX_RESPONSES;
    config.REPORT_STREAM_MAX_RESPONSES = 10;
    try {
      const res = await asLead.get(`/api/audits/${auditId}/report.pdf`);
      expectProblem(res, 422, 'RULE_VIOLATION');
      expect(res.body).toMatchObject({ responses: 48, limit: 10, queueUrl: `/api/audits/${auditId}/reports` });
      expect(res.body.detail).toContain('POST');
    } finally {
      config.REPORT_STREAM_MAX_RESPONSES = limit;
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
