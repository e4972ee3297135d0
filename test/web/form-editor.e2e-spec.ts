// The form editor in a real browser (Debian's chromium) against the real API and the demo seed:
// lead counsel build a form template with the keyboard (a table of two columns, a required
// yes/no), give a request a form from it on the set-up screen, retire a field (its answers
// kept), and are told, in the API's words, why a form that answers hold cannot be removed.
// What the UI did is read back from the API.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { AppConfig } from '@app/config';
import type { FormField } from '@app/domain';
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

describe('the form editor in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Agent;
  let auditId: string;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    await buildWebUi();
    dropDatabase = await useOwnDatabase('form-editor');
    t = await createTestApp({ now: NOW });
    t.app.get(AppConfig).DEMO_MODE = true;
    await seedDemo(t.prisma, seedServicesOf(t));
    auditId = (await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: REFERENCE_AUDIT.referenceCode } })).id;
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    api = await login(t.http, lead.email, DEMO_PASSWORD);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/Dublin' });
    await context.clock.setFixedTime(new Date(NOW));
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await dropDatabase?.();
  });

  /** Presses a button from the keyboard: focus, then Enter. */
  const press = async (button: Locator) => {
    await button.focus();
    await page.keyboard.press('Enter');
  };
  // Compared by id (the editor gives each input one); a string runs in the page, not under Node's types.
  const focused = async (locator: Locator) =>
    (await locator.getAttribute('id')) === (await page.evaluate<string>('document.activeElement?.id ?? ""'));

  it('builds a template by keyboard, gives a request a form from it, retires a field, and shows why a form with answers stays', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(lead.email);
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();

    // A template, by keyboard.
    await press(page.getByRole('button', { name: 'New form template' }));
    const editor = page.getByRole('dialog', { name: 'New form template' });
    await editor.waitFor();
    await page.keyboard.type('Authorities abroad');
    await press(editor.getByRole('button', { name: 'Add a field' }));
    const field1 = editor.getByRole('group', { name: /^Field 1 of 1/ });
    expect(await focused(field1.getByLabel(/^Question or label/))).toBe(true);
    await page.keyboard.type('Government entities');
    await page.keyboard.press('Tab');
    await field1.getByLabel('Type of answer').selectOption('TABLE');
    await field1.getByLabel(/^Column heading/).focus();
    await page.keyboard.type('Entity');
    await press(field1.getByRole('button', { name: 'Add a column' }));
    const column2 = field1.getByRole('group', { name: /^Column 2/ });
    expect(await focused(column2.getByLabel(/^Column heading/))).toBe(true);
    await page.keyboard.type('Country');
    await press(editor.getByRole('button', { name: 'Add a field' }));
    const field2 = editor.getByRole('group', { name: /^Field 2 of 2/ });
    await page.keyboard.type('Still held');
    await field2.getByLabel('Type of answer').selectOption('YES_NO');
    await field2.getByRole('checkbox', { name: /^Required/ }).focus();
    await page.keyboard.press('Space');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'form-template-editor');
    await press(editor.getByRole('button', { name: 'Save template' }));
    await editor.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Form templates' }).getByRole('row', { name: /Authorities abroad/ });
    await row.getByText('2 fields').waitFor();
    await row.getByText('0 requests').waitFor();

    const templates = (await api.get('/api/form-templates')).body as {
      id: string;
      name: string;
      fields: FormField[];
    }[];
    const template = templates.find((x) => x.name === 'Authorities abroad')!;
    expect(template.fields).toEqual([
      {
        key: 'government_entities',
        label: 'Government entities',
        type: 'TABLE',
        required: false,
        columns: [
          { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: false },
          { key: 'country', label: 'Country', type: 'SHORT_TEXT', required: false },
        ],
      },
      { key: 'still_held', label: 'Still held', type: 'YES_NO', required: true },
    ]);

    // Request 3 gets a form from it on the set-up screen.
    await page.goto(`${base}/audits/${auditId}/setup`);
    const requests = page.getByRole('table', { name: 'Requests' });
    await press(requests.getByRole('button', { name: 'Add a form to request 3' }));
    const dialog = page.getByRole('dialog', { name: /^Form of request 3:/ });
    await dialog.getByRole('combobox', { name: 'Start from a form template' }).click();
    await page.getByRole('option', { name: 'Authorities abroad (2 fields)' }).click();
    await press(dialog.getByRole('button', { name: 'Use this template' }));
    await dialog.getByText('Made from the template “Authorities abroad”').waitFor();
    const formPath = `/api/audits/${auditId}/requests/${(await t.prisma.auditRequest.findFirstOrThrow({ where: { auditId, ordinal: 3 } })).id}/form`;
    expect((await api.get(formPath)).body).toMatchObject({ templateId: template.id, version: 1 });

    // Retiring a field keeps it, marked, with its answers.
    await press(dialog.getByRole('button', { name: 'Remove field 2' }));
    const retired = dialog.getByRole('region', { name: 'Retired fields' });
    await retired.getByText('Retired when you save').waitFor();
    await press(dialog.getByRole('button', { name: 'Save form' }));
    await dialog.getByRole('status').getByText('Saved', { exact: true }).waitFor();
    await retired.getByText('Retired', { exact: true }).waitFor();
    const revised = (await api.get(formPath)).body as { version: number; fields: FormField[] };
    expect(revised.version).toBe(2);
    expect(revised.fields.map((f) => [f.key, f.retired ?? false])).toEqual([
      ['government_entities', false],
      ['still_held', true],
    ]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await requests.getByRole('row', { name: /^3 / }).getByText('1 field', { exact: true }).waitFor();

    // An answer holds values of the form: removing it is refused, and the refusal says why.
    const requestId = formPath.split('/')[5];
    const cell = await t.prisma.response.findFirstOrThrow({
      where: { auditId, requestId, status: { in: ['NOT_STARTED', 'IN_PROGRESS', 'CHANGES_REQUESTED'] } },
    });
    const answered = await api
      .patch(`/api/audits/${auditId}/responses/${cell.id}`)
      .send({ version: cell.version, formValues: { government_entities: [{ entity: 'FBI', country: 'US' }] } });
    expect(answered.status).toBe(200);
    await press(requests.getByRole('button', { name: 'Edit the form of request 3' }));
    await dialog.getByText(/One response holds answers to this form/).waitFor();
    await press(dialog.getByRole('button', { name: 'Remove the form' }));
    const confirm = page.getByRole('dialog', { name: 'Remove the form of request 3?' });
    await press(confirm.getByRole('button', { name: 'Remove the form' }));
    await confirm.getByRole('alert').waitFor();
    expect(await confirm.getByRole('alert').innerText()).toMatch(/The form was not removed[\s\S]*cannot be removed/);
    expect((await api.get(formPath)).status).toBe(200);
  });
});
