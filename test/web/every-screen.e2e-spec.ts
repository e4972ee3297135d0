// Accessibility of every screen of the web UI, in a real browser (Debian's chromium) against
// the real API and the demo seed, the way ui.e2e-spec builds it: each route of the router
// (read from its definition, so a route added tomorrow fails here until it is visited) and the
// dialogs that matter (new audit with its field errors, import with a file's preview,
// invitation, extension decision, lifting a legal hold, a production volume's documents, the
// form editors) must have no serious or critical axe-core violation. The login page must load
// with no error in the browser's console, and the audits list must not move as its data arrives.
// On a phone, every control of the header shows in full; an open dropdown (a Select's list) sits
// inside a landmark, with no axe violation at all on its screen.
import AxeBuilder from '@axe-core/playwright';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AppConfig } from '@app/config';
import { SESSION_COOKIE } from '../../apps/api/src/auth/auth-context';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { DEMO_PASSWORD, DEMO_USERS, REFERENCE_AUDIT } from '../../prisma/seed/reference-case';
import { createTestApp, type TestApp } from '../support/app';
import { buildWebUi, launchChromium, screenshot, seriousA11yViolations, waitInPage } from '../support/browser';
import { login } from '../support/factories';
import { useOwnDatabase } from '../support/own-database';
import { seedServicesOf } from '../support/seed';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { webRoutePatterns } from '../support/web-routes';

// A browser walk of every screen with an axe run on each: minutes on a busy 2-core machine.
jest.setTimeout(600_000);

const NOW = '2023-05-25T14:00:00Z';
const userNamed = (key: string) => DEMO_USERS.find((u) => u.key === key)!;

type Who = 'visitor' | 'leadCounsel' | 'admin';
interface Ids {
  auditId: string;
  /** A response whose request has a form (of every kind of field), partly filled in. */
  responseId: string;
  /** That request: its comparison across subjects. */
  formRequestId: string;
  invitationPath: string;
  passwordResetPath: string;
  /** The page of a release link to the seeded volume. */
  releasePath: string;
  /** The seeded production's PDF, with a redaction box drawn on its first page. */
  pdfEvidenceId: string;
  pdfVersion: number;
}
interface Visit {
  who: Who;
  url: (ids: Ids) => string;
  /** What shows once the screen is there (not a loading state or an error). */
  ready: (page: Page) => ReturnType<Page['getByRole']>;
  /**
   * Dialogs opened from this screen, each checked too: the button that opens it, the dialog's
   * name, and what to do in it before the check (to draw what only shows once it is used).
   */
  dialogs?: {
    open: (page: Page) => ReturnType<Page['getByRole']>;
    name: string | RegExp;
    prepare?: (dialog: Locator) => Promise<void>;
    /** Closing it over unsaved changes asks first: that dialog is checked too, then the changes dropped. */
    asksToDiscard?: boolean;
  }[];
}

/** A form with a field of every kind, for the response page and the comparison. */
const EVERY_KIND_OF_FIELD = [
  { key: 'holder', label: 'Who holds the data', help: 'The team or system.', required: true, type: 'SHORT_TEXT' },
  { key: 'purpose', label: 'Purpose', required: false, type: 'LONG_TEXT' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
  { key: 'period', label: 'Period held', required: false, type: 'DATE_RANGE' },
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'still_held', label: 'Still held', required: false, type: 'YES_NO' },
  { key: 'storage', label: 'Where stored', required: false, type: 'SINGLE_CHOICE', options: ['EU', 'US'] },
  { key: 'categories', label: 'Categories', required: false, type: 'MULTIPLE_CHOICE', options: ['Tweets', 'Profiles'] },
  {
    key: 'recipients',
    label: 'Government recipients',
    required: false,
    type: 'TABLE',
    columns: [
      { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
      { key: 'country', label: 'Country', type: 'SINGLE_CHOICE', options: ['FR', 'DE'] },
      { key: 'received', label: 'Received data', type: 'YES_NO' },
      { key: 'period', label: 'Period', type: 'DATE_RANGE' },
    ],
  },
  { key: 'backing', label: 'Backing evidence', required: false, type: 'EVIDENCE' },
];

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name }).first();
/** An audit's section, shown with its tab current. */
const auditSection = (tab: string) => (page: Page) =>
  page
    .getByRole('navigation', { name: 'Audit sections' })
    .getByRole('link', { name: tab, exact: true })
    .and(page.locator('[aria-current="page"]'));
const button = (name: string | RegExp) => (page: Page) => page.getByRole('button', { name, exact: true }).first();

/** The form editor with a table field, so its inputs and its columns' are checked too. */
const tableField = async (dialog: Locator) => {
  await dialog.getByRole('button', { name: 'Add a field', exact: true }).click();
  await dialog
    .getByLabel(/^Question or label/)
    .last()
    .fill('Government entities');
  await dialog.getByLabel('Type of answer').last().selectOption('TABLE');
  await dialog
    .getByLabel(/^Column heading/)
    .first()
    .waitFor();
};

/** How to reach each route of the router, as whom, and which dialogs to open there. */
const VISITS: Record<string, Visit> = {
  '/login': { who: 'visitor', url: () => '/login', ready: heading('Demo users') },
  '/invitations/:token': {
    who: 'visitor',
    url: (ids) => ids.invitationPath,
    ready: heading('Accept your invitation'),
  },
  '/password-resets/:token': {
    who: 'visitor',
    url: (ids) => ids.passwordResetPath,
    ready: heading('Choose a new password'),
  },
  '/release/:token': {
    who: 'visitor',
    url: (ids) => ids.releasePath,
    ready: heading(/^Production volume /),
  },
  // Sends a logged-in user on to the audits.
  '/': { who: 'leadCounsel', url: () => '/', ready: heading('Audits') },
  '/audits': {
    who: 'leadCounsel',
    url: () => '/audits',
    ready: (page) => page.getByRole('list', { name: 'Your audits' }),
    dialogs: [
      // Sent empty: the API's field errors show under the fields (a date field's too).
      {
        open: button('New audit'),
        name: 'New audit',
        prepare: async (dialog) => {
          await dialog.getByRole('button', { name: 'Open audit' }).click();
          await dialog.getByText('Enter the day the demand was received').waitFor();
        },
      },
      { open: button('New form template'), name: 'New form template', prepare: tableField, asksToDiscard: true },
    ],
  },
  '/profile': { who: 'leadCounsel', url: () => '/profile', ready: heading('Your profile') },
  '/users': {
    who: 'admin',
    url: () => '/users',
    ready: (page) => page.getByRole('button', { name: /^Reset the password of / }).first(),
    dialogs: [{ open: button('New user'), name: /user/i }],
  },
  '/audits/:auditId': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}`,
    ready: heading('The demand'),
    dialogs: [
      { open: button('Invite by email'), name: 'Invite by email' },
      { open: button('Granted'), name: 'Record the extension as granted?' },
      { open: button('Lift the hold'), name: 'Lift the legal hold?' },
    ],
  },
  '/audits/:auditId/setup': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/setup`,
    ready: button('Import requests'),
    dialogs: [
      // A file chosen (its clear button shows) and previewed, in rows enough to scroll (nothing written).
      {
        open: button('Import requests'),
        name: 'Import requests',
        prepare: async (dialog) => {
          await dialog.getByText('Upload CSV or Excel').click();
          const rows = Array.from({ length: 30 }, (_, i) => `${900 + i},Request ${i},The text of request ${i},,`);
          await dialog.locator('input[type="file"]').setInputFiles({
            name: 'requests.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from(['Ordinal,Title,Text,Provision reference,Subjects', ...rows].join('\n')),
          });
          await dialog.getByRole('table', { name: 'Preview of the import' }).waitFor();
        },
      },
      { open: button('Import subjects'), name: 'Import subjects' },
      {
        open: (page) => page.getByRole('button', { name: /^Add a form to request / }).first(),
        name: /^Form of request /,
        prepare: async (dialog) => {
          await dialog.getByRole('button', { name: 'Start a blank form' }).click();
          await tableField(dialog);
        },
        asksToDiscard: true,
      },
      // A seeded form (the reference case's), as the editor draws saved fields: keys and types fixed.
      {
        open: (page) => page.getByRole('button', { name: /^Edit the form of request / }).first(),
        name: /^Form of request /,
      },
    ],
  },
  '/audits/:auditId/grid': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/grid`,
    ready: (page) => page.getByRole('table', { name: 'Responses by subject and request' }),
  },
  '/audits/:auditId/responses/:responseId': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/responses/${ids.responseId}`,
    // The form drawn, its table too.
    ready: (page) => page.getByRole('button', { name: 'Add a row to Government recipients' }),
  },
  '/audits/:auditId/requests/:requestId/compare': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/requests/${ids.formRequestId}/compare`,
    ready: (page) => page.getByRole('table', { name: 'Answers by subject and field' }),
  },
  '/audits/:auditId/reminders': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/reminders`,
    ready: auditSection('Reminders'),
  },
  '/audits/:auditId/response': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/response`,
    ready: heading('Formal response'),
  },
  '/audits/:auditId/productions': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/productions`,
    ready: heading('Production log'),
    // The seeded volume's documents, with their Bates ranges and hashes.
    dialogs: [
      {
        open: (page) => page.getByRole('button', { name: /^Show the documents of volume / }).first(),
        name: /^Volume .*: documents$/,
        // Checked once its documents are listed, not while they load.
        prepare: (dialog) => dialog.getByRole('table').waitFor(),
      },
    ],
  },
  '/audits/:auditId/evidence/:evidenceId/versions/:number/redactions': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/evidence/${ids.pdfEvidenceId}/versions/${ids.pdfVersion}/redactions`,
    // The page's image drawn by the API and loaded (its box over it is listed beside it).
    ready: (page) => page.getByRole('img', { name: /^Page 1 of / }).and(page.locator('[data-loaded]')),
  },
  '/audits/:auditId/report': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/report`,
    ready: heading('Generate the PDF report'),
  },
  '/audits/:auditId/activity': {
    who: 'leadCounsel',
    url: (ids) => `/audits/${ids.auditId}/activity`,
    ready: auditSection('Activity'),
  },
  '*': { who: 'leadCounsel', url: () => '/no-such-page', ready: heading('Page not found') },
};

describe('every screen of the web UI in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let smtp: SmtpSink;
  let dropDatabase: () => Promise<void>;
  const ids = {} as Ids;
  const windows = new Map<Who, Page>();
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildWebUi();
    dropDatabase = await useOwnDatabase('screens');
    smtp = await startSmtpSink();
    t = await createTestApp({ now: NOW, env: { SMTP_URL: smtp.url, APP_URL: 'http://auditdesk.e2e.example' } });
    t.app.get(AppConfig).DEMO_MODE = true;
    await seedDemo(t.prisma, seedServicesOf(t));
    ids.auditId = (
      await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: REFERENCE_AUDIT.referenceCode } })
    ).id;
    ids.responseId = (
      await t.prisma.response.findFirstOrThrow({ where: { auditId: ids.auditId }, orderBy: { id: 'asc' } })
    ).id;

    // What the screens with dialogs need: an extension asked for (to decide), a legal hold (to
    // lift), a one-time invitation link and a password-reset link, as the mails carry them.
    const lead = await login(t.http, userNamed('leadCounsel').email, DEMO_PASSWORD);
    const audit = `/api/audits/${ids.auditId}`;
    const ok = (res: { status: number; body: unknown }, what: string) => {
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    ok(
      await lead.post(`${audit}/extensions`).send({ requestedOn: '2023-05-25', newDeadline: '2023-07-21T17:00' }),
      'extension',
    );
    ok(await lead.put(`${audit}/legal-hold`).send({ reason: 'Litigation reasonably anticipated' }), 'legal hold');
    // A form with every kind of field on the request of the response visited (over the seed's
    // form, if it gave one: its fields are then retired), answered by two subjects differently,
    // so the comparison shows a difference and an empty required entry.
    const formResponse = await t.prisma.response.findUniqueOrThrow({ where: { id: ids.responseId } });
    ids.formRequestId = formResponse.requestId;
    const formPath = `${audit}/requests/${ids.formRequestId}/form`;
    const seeded = await lead.get(formPath);
    ok(
      await lead
        .put(formPath)
        .send({ fields: EVERY_KIND_OF_FIELD, ...(seeded.status === 200 && { version: seeded.body.version }) }),
      'request form',
    );
    const answered = await t.prisma.response.findMany({
      where: { requestId: ids.formRequestId, status: { notIn: ['APPROVED', 'NOT_APPLICABLE'] } },
      orderBy: { id: 'asc' },
      take: 2,
    });
    for (const [i, r] of answered.entries()) {
      ok(
        await lead.patch(`${audit}/responses/${r.id}`).send({
          version: r.version,
          formValues: {
            holder: i === 0 ? 'Ads platform' : 'Data team',
            still_held: true,
            recipients: [{ entity: 'BKA', country: 'DE', received: i === 0 }],
          },
        }),
        'form values',
      );
    }
    // A box on the seeded PDF, so the redaction screen draws one over its page and lists it.
    // Inserted as a row: the seeded volume holding the PDF is being produced (no worker runs
    // here), and the API refuses boxes on it until then (409).
    const pdf = await t.prisma.evidenceVersion.findFirstOrThrow({
      where: {
        mediaType: 'application/pdf',
        evidence: { auditId: ids.auditId, deletedAt: null, sourceDocumentKind: null },
      },
      orderBy: [{ evidenceId: 'asc' }, { number: 'asc' }],
    });
    ids.pdfEvidenceId = pdf.evidenceId;
    ids.pdfVersion = pdf.number;
    const leadUser = await t.prisma.user.findUniqueOrThrow({ where: { email: userNamed('leadCounsel').email } });
    await t.prisma.redaction.create({
      data: {
        evidenceVersionId: pdf.id,
        page: 1,
        x: 0.1,
        y: 0.1,
        width: 0.5,
        height: 0.05,
        reason: 'PRIVILEGE',
        note: 'Advice',
        createdById: leadUser.id,
      },
    });
    const invitee = 'screens.invitee@example.com';
    ok(await lead.post(`${audit}/invitations`).send({ email: invitee, role: 'CONTRIBUTOR' }), 'invitation');
    const admin = await login(t.http, userNamed('admin').email, DEMO_PASSWORD);
    const resetFor = userNamed('adsOwner');
    const resetUser = await t.prisma.user.findUniqueOrThrow({ where: { email: resetFor.email } });
    ok(await admin.post(`/api/admin/users/${resetUser.id}/reset-password`), 'password reset');
    const linkIn = async (address: string, kind: string) => {
      const [mail] = await smtp.waitFor(address, 1);
      const match = new RegExp(`https?://[^/\\s]+(/${kind}/[A-Za-z0-9_-]+)`).exec(mail.text);
      if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
      return match[1];
    };
    ids.invitationPath = await linkIn(invitee, 'invitations');
    ids.passwordResetPath = await linkIn(resetFor.email, 'password-resets');
    // The other side's page of a release link. No worker runs here, so the seeded volume is
    // never produced and cannot be released through the API: the release row is written as the
    // API would write it (only the SHA-256 of the link's secret), for the page to read.
    const volume = await t.prisma.production.findFirstOrThrow({ where: { auditId: ids.auditId } });
    const releaseSecret = randomBytes(32).toString('base64url');
    await t.prisma.productionRelease.create({
      data: {
        productionId: volume.id,
        recipientName: 'Ina Roth',
        recipientEmail: 'ina.roth@example.com',
        expiresAt: new Date(new Date(NOW).getTime() + 7 * 86_400_000),
        createdAt: new Date(NOW),
        tokenHash: createHash('sha256').update(releaseSecret).digest('hex'),
        codeHash: createHash('sha256').update('unused').digest('hex'),
      },
    });
    ids.releasePath = `/release/${releaseSecret}`;

    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await dropDatabase?.();
  });

  async function newWindow(viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, timezoneId: 'Europe/Dublin' });
    contexts.push(context);
    await context.clock.setFixedTime(new Date(NOW));
    return context.newPage();
  }

  async function logIn(page: Page, key: string): Promise<void> {
    const user = userNamed(key);
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  }

  /** One window per person, logged in once, kept for every screen they visit. */
  async function windowOf(who: Who): Promise<Page> {
    let page = windows.get(who);
    if (!page) {
      page = await newWindow();
      if (who !== 'visitor') await logIn(page, who);
      windows.set(who, page);
    }
    return page;
  }

  /** No loading state left on the page (a screen's chunk, its data). */
  const settled = (page: Page) =>
    waitInPage(
      page,
      `!document.querySelector('[aria-busy="true"]') && !/Loading|Checking your session/.test(document.body.innerText)`,
    );

  /** The errors the page logs in the browser's console from now on (a refused request is one). */
  function consoleErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return errors;
  }

  it('the login page loads with no error in the browser console (a visitor is no 401)', async () => {
    const page = await newWindow();
    const errors = consoleErrors(page);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Demo users' }).waitFor();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('outside a demo install the login page asks for no demo logins, and logs no error', async () => {
    const config = t.app.get(AppConfig);
    config.DEMO_MODE = false;
    try {
      const page = await newWindow();
      const errors = consoleErrors(page);
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      expect(errors).toEqual([]);
      expect(asked).not.toContain('/api/demo/logins');
      expect(await page.getByRole('heading', { name: 'Demo users' }).count()).toBe(0);
    } finally {
      config.DEMO_MODE = true;
    }
  });

  /** The API reads the page names as preloads ("/api/..." with its query). */
  const preloadedReads = (page: Page) =>
    page.evaluate<string[]>(
      `[...document.querySelectorAll('link[rel="preload"][as="fetch"]')].map((l) => new URL(l.href).pathname + new URL(l.href).search)`,
    );

  /**
   * The scripts and stylesheets the page as served names as preloads: its entry's (index.html)
   * and its screen's. Read from the served HTML, not the document: Vite's loader adds links of
   * its own for each chunk it fetches.
   */
  const preloadedChunks = (html: string) =>
    [...html.matchAll(/<link rel="(?:modulepreload|preload" as="style)"[^>]* href="([^"]+)"/g)].map(([, href]) => href);

  it("a logged-in screen's first reads and chunks go out with the page: ones it loads itself, each asked for once", async () => {
    const page = await newWindow({ width: 412, height: 823 });
    await logIn(page, 'leadCounsel');
    const audit = `/api/audits/${ids.auditId}`;
    const screens = [
      {
        url: '/audits',
        chunk: /^\/assets\/AuditsPage-[\w-]+\.js$/,
        // The last of its reads is the form templates card's, under the list.
        ready: page.getByRole('heading', { name: 'Form templates' }),
        reads: ['/api/audits?page=1&pageSize=100', '/api/request-templates?page=1&pageSize=500', '/api/form-templates'],
      },
      {
        url: `/audits/${ids.auditId}/grid`,
        chunk: /^\/assets\/GridPage-[\w-]+\.js$/,
        ready: page.getByRole('table', { name: 'Responses by subject and request' }),
        reads: [
          audit,
          `${audit}/legal-hold`,
          `${audit}/subjects?page=1&pageSize=500`,
          `${audit}/responses?page=1&pageSize=500`,
        ],
      },
    ];
    /**
     * The API reads ("/api/..." with its query) and the built files ("/assets/...") the page asks
     * for while `visit` runs, with how often.
     */
    const readsDuring = async (visit: () => Promise<void>) => {
      const asked = new Map<string, number>();
      const count = (request: { url: () => string }) => {
        const url = new URL(request.url());
        const read = url.pathname + url.search;
        if (/^\/(api|assets)\//.test(url.pathname)) asked.set(read, (asked.get(read) ?? 0) + 1);
      };
      page.on('request', count);
      try {
        await visit();
      } finally {
        page.off('request', count);
      }
      return asked;
    };
    for (const screen of screens) {
      // What the screen asks for by itself: opened from a page that names no reads, within the
      // app (the router follows the address), with nothing of it in the page's cache yet.
      const before = await readsDuring(async () => {
        await page.goto(`${base}/profile`);
        await page.getByRole('heading', { name: 'Your profile' }).waitFor();
        await settled(page);
      });
      const own = await readsDuring(async () => {
        await page.evaluate(
          `history.pushState(null, '', ${JSON.stringify(screen.url)}); dispatchEvent(new PopStateEvent('popstate'))`,
        );
        await screen.ready.waitFor();
        await settled(page);
      });
      // The screen opened as a page: what the page names, and how often each is asked for.
      let html = '';
      const asked = await readsDuring(async () => {
        html = (await (await page.goto(`${base}${screen.url}`))?.text()) ?? '';
        await screen.ready.waitFor();
        await settled(page);
      });
      const preloaded = await preloadedReads(page);
      expect({ screen: screen.url, preloaded }).toEqual({
        screen: screen.url,
        preloaded: expect.arrayContaining(['/api/auth/session', ...screen.reads]),
      });
      // Each a read the screen makes (a preload of any other URL goes unused); the session
      // check is every page's, made before the screen was opened within the app.
      expect({ screen: screen.url, notItsOwn: preloaded.filter((read) => !own.has(read)) }).toEqual({
        screen: screen.url,
        notItsOwn: ['/api/auth/session'],
      });
      // And taken by the screen's own fetch: one it did not match (another URL, another mode)
      // is asked for twice.
      expect({ screen: screen.url, asked: preloaded.map((read) => [read, asked.get(read)]) }).toEqual({
        screen: screen.url,
        asked: preloaded.map((read) => [read, 1]),
      });
      // Its layout's and screen's chunks: the screen's own among them, each one the app loads
      // for the screen (here or on the page it was opened from), each fetched once (a preload
      // the module loader did not match is fetched again).
      const chunks = preloadedChunks(html);
      expect({ screen: screen.url, ownChunk: chunks.some((file) => screen.chunk.test(file)) }).toEqual({
        screen: screen.url,
        ownChunk: true,
      });
      const loaded = new Set([...before.keys(), ...own.keys()]);
      expect({ screen: screen.url, unused: chunks.filter((file) => !loaded.has(file)) }).toEqual({
        screen: screen.url,
        unused: [],
      });
      expect({ screen: screen.url, asked: chunks.map((file) => [file, asked.get(file)]) }).toEqual({
        screen: screen.url,
        asked: chunks.map((file) => [file, 1]),
      });
    }
  });

  // Sent to the login page in the same document: its head is the one the server answered. An
  // ended session is a cookie the browser still holds for a session the server no longer knows
  // (it expired, or ended when the password changed elsewhere).
  it.each([
    ["a visitor's page", null],
    ['a page opened with a session that has ended', randomBytes(32).toString('base64url')],
  ])('%s names no read but the session check, and logs no refusal', async (_, sessionCookie) => {
    const page = await newWindow();
    const errors = consoleErrors(page);
    if (sessionCookie) await page.context().addCookies([{ name: SESSION_COOKIE, value: sessionCookie, url: base }]);
    await page.goto(`${base}/audits/${ids.auditId}/grid`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await preloadedReads(page)).toEqual(['/api/auth/session']);
    expect(errors).toEqual([]);
  });

  it('visits every route of the router', () => {
    expect(webRoutePatterns().sort()).toEqual(Object.keys(VISITS).sort());
  });

  it('the audits list holds its place as its data arrives (no layout shift), on a phone', async () => {
    const page = await newWindow({ width: 412, height: 823 });
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/audits`);
    await page.getByRole('list', { name: 'Your audits' }).waitFor();
    await page.getByRole('heading', { name: 'Request templates' }).waitFor();
    await settled(page);
    // The page's layout shifts as the browser recorded them since it loaded.
    // Buffered entries are delivered at once; with none the callback never runs, so the total
    // is read two frames later. (A string: this runs in the page, not under Node's types.)
    const shift = await page.evaluate<number>(`new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
    })`);
    expect(shift).toBeLessThan(0.1);
  });

  it('on a 1366-wide laptop no button of the audit overview is cut off by the card it is in', async () => {
    const page = await newWindow({ width: 1366, height: 900 });
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/audits/${ids.auditId}`);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page
      .getByRole('button', { name: /^Remove / })
      .first()
      .waitFor();
    await settled(page);
    // Each button against the nearest box around it that clips what overflows (a card):
    // a box that scrolls lets the person reach it, one that hides it does not.
    // (A string: this runs in the page, not under Node's types.)
    const cutOff = await page.evaluate<string[]>(`[...document.querySelectorAll('button')].flatMap((button) => {
      const rect = button.getBoundingClientRect();
      if (rect.width === 0) return [];
      for (let box = button.parentElement; box; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'visible') continue;
        if (overflow !== 'hidden' && overflow !== 'clip') return [];
        const edge = box.getBoundingClientRect();
        return rect.left < edge.left - 1 || rect.right > edge.right + 1 ? [button.getAttribute('aria-label') || button.textContent] : [];
      }
      return [];
    })`);
    expect(cutOff).toEqual([]);
  });

  /** Every violation axe finds with the rules it runs by default: best practices (region) and moderate ones too. */
  async function everyA11yViolation(page: Page): Promise<string[]> {
    // A dropdown fading in is measured once it is drawn in full.
    await waitInPage(page, `document.getAnimations().every((a) => a.playState !== 'running')`);
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map(
      (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`,
    );
  }

  /**
   * The links and buttons in `selector` that show but not in full: cut off by the window's
   * edges, or drawn with no size (a control the keyboard reaches and the eye does not). One
   * hidden by its screen size (display: none) is not there at all, and is not counted.
   * (A string: this runs in the page, not under Node's types.)
   */
  const cutOffControls = (page: Page, selector: string) =>
    page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].flatMap((control) => {
      if (control.getClientRects().length === 0) return [];
      const rect = control.getBoundingClientRect();
      const name = (control.getAttribute('aria-label') || control.textContent || '').trim();
      const width = document.documentElement.clientWidth;
      if (rect.width < 1 || rect.height < 1) return [name + ': no size'];
      return rect.left < 0 || rect.right > width + 0.5 ? [name + ': ' + Math.round(rect.left) + '-' + Math.round(rect.right) + ' of ' + width] : [];
    })`);

  it.each([412, 360])(
    'on a %i-wide phone every control of the header shows in full, and its menu too',
    async (width) => {
      for (const who of ['admin', 'leadCounsel']) {
        const page = await newWindow({ width, height: 800 });
        await logIn(page, who);
        await settled(page);
        const header = page.getByRole('banner');
        expect({ who, width, cutOff: await cutOffControls(page, 'header a, header button') }).toEqual({
          who,
          width,
          cutOff: [],
        });
        // The profile and Log out are in the Account menu there.
        await header.getByRole('button', { name: 'Account' }).click();
        const menu = page.getByRole('menu');
        await menu.getByRole('menuitem', { name: 'Log out' }).waitFor();
        await settled(page);
        await waitInPage(page, `document.getAnimations().every((a) => a.playState !== 'running')`);
        await screenshot(page, `screens-header-${width}-${who}`);
        expect({ who, width, cutOff: await cutOffControls(page, '[role="menuitem"]') }).toEqual({
          who,
          width,
          cutOff: [],
        });
        // The open menu is in the header's landmark: no axe violation at all.
        expect({ who, width, violations: await everyA11yViolation(page) }).toEqual({ who, width, violations: [] });
        await menu.getByRole('menuitem', { name: /^Your profile: / }).click();
        await page.getByRole('heading', { name: 'Your profile' }).waitFor();
        await page.context().close();
      }
    },
  );

  it("the overview's add-member list, open, is inside a landmark: no axe violation at all (region)", async () => {
    const page = await newWindow({ width: 1366, height: 900 });
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/audits/${ids.auditId}`);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Add member', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a member' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: /^Person/ }).click();
    const list = page.getByRole('listbox', { name: /^Person/ });
    await list.getByRole('option').first().waitFor();
    await settled(page);
    expect(await everyA11yViolation(page)).toEqual([]);
    // The list is drawn in the dialog, and whole: its last corner is on top, not hidden by the
    // dialog's scrolling box.
    expect(await dialog.getByRole('listbox', { name: /^Person/ }).count()).toBe(1);
    await screenshot(page, 'screens-add-member-list');
    const last = (await list.getByRole('option').last().boundingBox())!;
    const [x, y] = [last.x + last.width / 2, last.y + last.height / 2];
    const onTop = await page.evaluate<string>(`(() => {
      const hit = document.elementFromPoint(${x}, ${y});
      return hit?.closest('[role="listbox"]')?.id === ${JSON.stringify(await list.getAttribute('id'))} ? 'the list' : hit ? hit.tagName + ' ' + hit.className : 'nothing';
    })()`);
    expect({ onTop, inWindow: y < page.viewportSize()!.height }).toEqual({ onTop: 'the list', inWindow: true });
  });

  // The routes' loop opens the lift dialog of the seeded hold; this is the other one, asked before
  // an audit with no hold is placed under one, with its reason typed. The hold is put back after.
  it('placing a legal hold asks first, with the reason given: no axe violation at all', async () => {
    const lead = await login(t.http, userNamed('leadCounsel').email, DEMO_PASSWORD);
    const hold = `/api/audits/${ids.auditId}/legal-hold`;
    expect((await lead.delete(hold).send({ reason: 'To show the placing dialog' })).status).toBe(200);
    try {
      const page = await newWindow({ width: 1366, height: 900 });
      await logIn(page, 'leadCounsel');
      await page.goto(`${base}/audits/${ids.auditId}`);
      await page.getByText('Off. Records may be deleted by those allowed to.').waitFor();
      await page.getByLabel('Reason for the hold').fill('Litigation reasonably anticipated');
      await page.getByRole('button', { name: 'Place under legal hold' }).click();
      const dialog = page.getByRole('dialog', { name: 'Place the audit under legal hold?' });
      await dialog.waitFor();
      await settled(page);
      await screenshot(page, 'screens-place-legal-hold');
      expect(await everyA11yViolation(page)).toEqual([]);
      // Nothing is placed until it is confirmed.
      expect((await lead.get(hold)).body).toMatchObject({ active: false });
    } finally {
      // Put back for the tests after this one (the lift dialog), whatever happened above.
      if (!(await lead.get(hold)).body.active)
        await lead.put(hold).send({ reason: 'Litigation reasonably anticipated' });
    }
  });

  it("a screen whose code does not download says so under the audit's header, with no axe violation, and loads on its next visit or a reload", async () => {
    const page = await newWindow({ width: 1366, height: 900 });
    const errors = consoleErrors(page);
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/audits/${ids.auditId}`);
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    // The activity screen's file is gone, as when AuditDesk was updated after this tab opened.
    const activityChunk = /\/assets\/ActivityPage-[^/]+\.js$/;
    await page.route(activityChunk, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.getByRole('link', { name: 'Activity', exact: true }).click();
    const alert = page.getByRole('alert', { name: 'This page did not load' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('the connection may have dropped, or AuditDesk was updated');
    // The app's header and the audit's stay, with their way elsewhere.
    await page.getByRole('banner').waitFor();
    await page.getByRole('heading', { level: 1, name: REFERENCE_AUDIT.title }).waitFor();
    await settled(page);
    await screenshot(page, 'screens-screen-did-not-load');
    expect(await everyA11yViolation(page)).toEqual([]);
    // The browser reports the refused file; nothing else went wrong.
    expect(errors.filter((e) => !/404|dynamically imported module/.test(e))).toEqual([]);
    // With the connection back, the screen opens on its next visit, without a reload.
    await page.unroute(activityChunk);
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByRole('link', { name: 'Activity', exact: true }).click();
    await page.getByRole('region', { name: 'Filters' }).waitFor();
    expect(await page.getByRole('alert', { name: 'This page did not load' }).count()).toBe(0);
    // And "Reload the page" loads the page afresh.
    const remindersChunk = /\/assets\/RemindersPage-[^/]+\.js$/;
    await page.route(remindersChunk, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.getByRole('link', { name: 'Reminders', exact: true }).click();
    await alert.waitFor();
    await page.unroute(remindersChunk);
    await alert.getByRole('button', { name: 'Reload the page' }).click();
    await page.getByRole('region', { name: 'Reminders' }).waitFor();
    expect(await page.getByRole('alert', { name: 'This page did not load' }).count()).toBe(0);
    await page.context().close();
  });

  it("a file's history (its versions and chain of custody) opens from its response: no axe violation at all", async () => {
    const link = await t.prisma.evidenceResponse.findFirstOrThrow({ where: { evidenceId: ids.pdfEvidenceId } });
    // A download, which the record's custody holds (the seed writes its files without history).
    const lead = await login(t.http, userNamed('leadCounsel').email, DEMO_PASSWORD);
    const content = `/api/audits/${ids.auditId}/evidence/${ids.pdfEvidenceId}/versions/${ids.pdfVersion}/content`;
    expect((await lead.get(content)).status).toBe(200);
    const page = await newWindow({ width: 1366, height: 900 });
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/audits/${ids.auditId}/responses/${link.responseId}`);
    // The PDF's own history (the response has other files too).
    const { title } = await t.prisma.evidence.findUniqueOrThrow({ where: { id: ids.pdfEvidenceId } });
    await page.getByRole('button', { name: `History of ${title}: versions and custody` }).click();
    const dialog = page.getByRole('dialog', { name: `History of ${title}` });
    await dialog.getByRole('table', { name: 'Versions' }).waitFor();
    await dialog.getByRole('list', { name: 'Chain of custody' }).waitFor();
    await settled(page);
    await screenshot(page, 'screens-evidence-history');
    // The download is in its custody, read from the audit's history in the user's words.
    expect(await dialog.getByRole('list', { name: 'Chain of custody' }).textContent()).toContain(
      `Downloaded · version ${ids.pdfVersion} · `,
    );
    expect(await everyA11yViolation(page)).toEqual([]);
  });

  it('the profile\'s time-zone search finds a zone by its former name, and says "No such zone" with no axe violation', async () => {
    const page = await newWindow({ width: 1366, height: 900 });
    await logIn(page, 'leadCounsel');
    await page.goto(`${base}/profile`);
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await settled(page);
    const zone = page.getByRole('combobox', { name: /^Time zone/ });
    await zone.fill('Kiev');
    const list = page.getByRole('listbox', { name: /^Time zone/ });
    await list.getByRole('option', { name: 'Europe/Kyiv' }).waitFor();
    await zone.fill('Atlantis');
    await list.getByText('No such zone').waitFor();
    await settled(page);
    expect(await everyA11yViolation(page)).toEqual([]);
    await page.context().close();
  });

  it.each(Object.entries(VISITS))(
    '%s: no serious or critical axe violation, nor in its dialogs',
    async (route, visit) => {
      const page = await windowOf(visit.who);
      await page.goto(`${base}${visit.url(ids)}`);
      await visit.ready(page).waitFor();
      await settled(page);
      const name = route.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
      await screenshot(page, `screens-${name}`);
      expect({ route, violations: await seriousA11yViolations(page) }).toEqual({ route, violations: [] });
      for (const dialog of visit.dialogs ?? []) {
        await dialog.open(page).click();
        const opened = page.getByRole('dialog', { name: dialog.name });
        await opened.waitFor();
        await settled(page);
        if (dialog.prepare) {
          await dialog.prepare(opened);
          await settled(page);
        }
        expect({ route, dialog: String(dialog.name), violations: await seriousA11yViolations(page) }).toEqual({
          route,
          dialog: String(dialog.name),
          violations: [],
        });
        await page.keyboard.press('Escape');
        if (dialog.asksToDiscard) {
          const discard = page.getByRole('dialog', { name: /^Discard your changes/ });
          await discard.waitFor();
          expect({ route, dialog: 'Discard', violations: await seriousA11yViolations(page) }).toEqual({
            route,
            dialog: 'Discard',
            violations: [],
          });
          await discard.getByRole('button', { name: 'Discard changes' }).click();
        }
        await opened.waitFor({ state: 'detached' });
      }
    },
  );
});
