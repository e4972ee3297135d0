// Filling a request's form in a real browser (Debian's chromium) against the real API and the
// demo seed, the way ui.e2e-spec runs one: a table field filled entirely by keyboard (Tab
// through the cells, a row added with its button, the focus on the new row's first cell), saved
// by the autosave, and still there after a reload; then the comparison across subjects.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppConfig } from '@app/config';
import { Prisma } from '@app/db';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { DEMO_PASSWORD, DEMO_USERS, REFERENCE_AUDIT } from '../../prisma/seed/reference-case';
import { createTestApp, type TestApp } from '../support/app';
import { buildWebUi, launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { login } from '../support/factories';
import { useOwnDatabase } from '../support/own-database';
import { seedServicesOf } from '../support/seed';

jest.setTimeout(600_000);

const NOW = '2023-05-25T14:00:00Z';
const lead = DEMO_USERS.find((u) => u.key === 'leadCounsel')!;

const FIELDS = [
  { key: 'holder', label: 'Who holds the data', required: true, type: 'SHORT_TEXT' },
  {
    key: 'recipients',
    label: 'Government recipients',
    help: 'Every public body that received data from the app.',
    required: true,
    type: 'TABLE',
    columns: [
      { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
      { key: 'country', label: 'Country', type: 'SINGLE_CHOICE', options: ['France', 'Germany'] },
      { key: 'received', label: 'Received data', type: 'YES_NO' },
      { key: 'since', label: 'Since', type: 'DATE' },
      { key: 'requests', label: 'Requests', type: 'NUMBER', unit: 'requests' },
    ],
  },
];

describe('filling a form in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dropDatabase: () => Promise<void>;
  let auditId: string;
  let responseId: string;
  let requestId: string;

  beforeAll(async () => {
    await buildWebUi();
    dropDatabase = await useOwnDatabase('forms_ui');
    t = await createTestApp({ now: NOW });
    t.app.get(AppConfig).DEMO_MODE = true;
    await seedDemo(t.prisma, seedServicesOf(t));
    auditId = (await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: REFERENCE_AUDIT.referenceCode } })).id;
    // A response still being worked on; its request gets the form. The seed fills some requests'
    // forms already, and ids are random, so the pick is a request whose form nobody has answered:
    // the test then owns every stored value it asserts.
    const response = await t.prisma.response.findFirstOrThrow({
      where: {
        auditId,
        status: { in: ['NOT_STARTED', 'IN_PROGRESS'] },
        request: { responses: { none: { formValues: { not: Prisma.DbNull } } } },
      },
      orderBy: { id: 'asc' },
    });
    responseId = response.id;
    requestId = response.requestId;
    const counsel = await login(t.http, lead.email, DEMO_PASSWORD);
    const formPath = `/api/audits/${auditId}/requests/${requestId}/form`;
    const seeded = await counsel.get(formPath);
    const put = await counsel
      .put(formPath)
      .send({ fields: FIELDS, ...(seeded.status === 200 && { version: seeded.body.version }) });
    if (put.status !== 200) throw new Error(`request form: ${put.status} ${JSON.stringify(put.body)}`);

    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Europe/Dublin',
      locale: 'en-US',
    });
    await context.clock.setFixedTime(new Date(NOW));
    page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(lead.email);
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await dropDatabase?.();
  });

  /** What has the keyboard's focus, by its name. (A string: this runs in the page, not under Node's types.) */
  const focused = () =>
    page.evaluate<string>(
      `(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '')`,
    );

  /** Tab until the focus leaves a field: a date input's month, day and year are Tab stops of their own in Chromium. */
  async function tabOutOf(name: string) {
    for (let presses = 0; presses < 4 && (await focused()) === name; presses++) await page.keyboard.press('Tab');
  }

  it('fills a table field by keyboard alone, and finds it saved after a reload', async () => {
    await page.goto(`${base}/audits/${auditId}/responses/${responseId}`);
    await page.getByRole('textbox', { name: 'Who holds the data' }).waitFor();

    // From the field before the table, Tab reaches "Add a row"; Enter adds one and puts the focus in it.
    await page.getByRole('textbox', { name: 'Who holds the data' }).focus();
    await page.keyboard.type('Trust and safety team');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Add a row to Government recipients');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('Entity, row 1');
    await page.keyboard.type('Bundeskriminalamt');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Country, row 1');
    // A closed select picks by typing, as in any browser form.
    await page.keyboard.type('G');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Received data, row 1');
    await page.keyboard.type('Y');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Since, row 1');
    // The date input's segments in the en-US order: month, day, year.
    await page.keyboard.type('03152021');
    await tabOutOf('Since, row 1');
    expect(await focused()).toBe('Requests, row 1');
    await page.keyboard.type('1200');
    // Past the row's Remove button, to Add a row again: a second row, focus in its first cell.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Remove row 1 of Government recipients');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Add a row to Government recipients');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('Entity, row 2');
    await page.keyboard.type('Gendarmerie nationale');
    await page.keyboard.press('Tab');
    await page.keyboard.type('F');
    await page.keyboard.press('Tab');
    await page.keyboard.type('N');

    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await screenshot(page, 'forms-table-filled');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const stored = await t.prisma.response.findUniqueOrThrow({ where: { id: responseId } });
    expect(stored.formValues).toEqual({
      holder: 'Trust and safety team',
      recipients: [
        { entity: 'Bundeskriminalamt', country: 'Germany', received: true, since: '2021-03-15', requests: 1200 },
        { entity: 'Gendarmerie nationale', country: 'France', received: false },
      ],
    });

    await page.reload();
    await page.getByRole('textbox', { name: 'Entity, row 2' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Who holds the data' }).inputValue()).toBe('Trust and safety team');
    expect(await page.getByRole('textbox', { name: 'Entity, row 1' }).inputValue()).toBe('Bundeskriminalamt');
    expect(await page.getByRole('combobox', { name: 'Country, row 1' }).inputValue()).toBe('Germany');
    expect(await page.getByRole('combobox', { name: 'Received data, row 1' }).inputValue()).toBe('yes');
    expect(await page.getByLabel('Since, row 1').inputValue()).toBe('2021-03-15');
    expect(await page.getByRole('textbox', { name: 'Requests, row 1' }).inputValue()).toBe('1,200');
    expect(await page.getByRole('textbox', { name: 'Entity, row 2' }).inputValue()).toBe('Gendarmerie nationale');
    expect(await page.getByRole('combobox', { name: 'Received data, row 2' }).inputValue()).toBe('no');
  });

  it('compares the request across subjects, from the response page', async () => {
    await page.goto(`${base}/audits/${auditId}/responses/${responseId}`);
    await page.getByRole('link', { name: /^Compare the answers of every subject/ }).click();
    const table = page.getByRole('table', { name: 'Answers by subject and field' });
    await table.waitFor();
    const subject = await t.prisma.response.findUniqueOrThrow({
      where: { id: responseId },
      include: { subject: true },
    });
    const row = table.getByRole('row', { name: new RegExp(`^${subject.subject.name}`) });
    await expect(row.getByRole('cell').nth(0).textContent()).resolves.toBe('Trust and safety team');
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toContain('Entity: Bundeskriminalamt');
    expect(await page.getByRole('link', { name: 'Download as spreadsheet' }).getAttribute('href')).toBe(
      `/api/audits/${auditId}/requests/${requestId}/form/comparison.xlsx`,
    );
  });
});
