// The response letter citing form values: `{{key}}` in a request's response text reads what
// the subjects answered in the request's form (one value when all agree, else per subject), in
// a subject's own text that subject's value; the draft keeps the text as counsel wrote it. Read
// back from the PDF and the Word file. The form and its values are written to the database as
// the forms API stores them (that API is not what this spec is about).
import mammoth from 'mammoth';
import type { Prisma } from '@app/db';
import type { FormField } from '@app/domain';
import { createTestApp, type TestApp } from '../support/app';
import { addRequest, addSubject, type Agent, newAuditViaApi, newUser, tokenAgent } from '../support/factories';
import { getPdf, pdfPages, squash } from '../support/pdf';

const FIELDS: FormField[] = [
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
];

describe('formal response: the letter cites form values', () => {
  let t: TestApp;
  let asLead: Agent;
  let base: string;
  let requestId: string;
  let reporting: { id: string };
  let search: { id: string };

  const setValues = async (subjectId: string, values: Record<string, unknown>) => {
    const { count } = await t.prisma.response.updateMany({
      where: { requestId, subjectId },
      data: { formValues: values as Prisma.InputJsonValue, version: { increment: 1 } },
    });
    expect(count).toBe(1);
  };
  const letterText = async () => {
    const pdf = await getPdf(asLead, `${base}/response-letter.pdf`);
    expect(pdf.status).toBe(200);
    const docx = await getPdf(asLead, `${base}/response-letter.docx`);
    expect(docx.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: docx.body as Buffer });
    return { pdf: squash(pdfPages(pdf.body as Buffer).join('\n')), docx: squash(value) };
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2023-06-01T15:00:00Z' });
    const lead = await newUser(t.prisma, { label: 'cite-lead' });
    asLead = await tokenAgent(t.http, lead);
    const audit = await newAuditViaApi(asLead, { respondingParty: 'Licensee Inc' });
    base = `/api/audits/${audit.id}`;
    reporting = await addSubject(asLead, audit.id, { name: 'Reporting app' });
    search = await addSubject(asLead, audit.id, { name: 'Search app' });
    requestId = (await addRequest(asLead, audit.id, { title: 'Data held', text: 'Describe the data held.' })).id;
    await t.prisma.requestForm.create({ data: { requestId, fields: FIELDS as unknown as Prisma.InputJsonValue } });
  });
  afterAll(() => t.close());

  it("prints a request's citation once when every subject agrees, per subject when they differ, and a subject's own", async () => {
    await setValues(reporting.id, { volume: 1200, still_held: false, destroyed_on: '2023-04-28' });
    await setValues(search.id, { volume: 300, still_held: false });
    const text = 'Records held: {{volume}}. Still held: {{still_held}}. Destroyed on {{destroyed_on}}.';
    const saved = await asLead
      .put(`${base}/response-draft/requests/${requestId}`)
      .send({ version: 0, disposition: 'COMPLY', responseText: text });
    expect(saved.status).toBe(200);
    // The draft keeps counsel's text, citations and all: only the letter reads the values.
    expect(saved.body.responseText).toBe(text);
    const own = await asLead
      .put(`${base}/response-draft/requests/${requestId}/subjects/${search.id}`)
      .send({ version: 0, disposition: 'COMPLY_IN_PART', responseText: 'The Search app held {{volume}}.' });
    expect(own.status).toBe(200);
    expect(own.body.subjectLines).toEqual(['As to Search app: Will comply in part. The Search app held 300 records.']);

    const letter = await letterText();
    for (const printed of [letter.pdf, letter.docx]) {
      expect(printed).toContain(
        squash(
          'Records held: Reporting app: 1,200 records; Search app: 300 records. Still held: No. ' +
            'Destroyed on Reporting app: 28 Apr 2023; Search app: [not answered].',
        ),
      );
      expect(printed).toContain(squash('As to Search app: Will comply in part. The Search app held 300 records.'));
      expect(printed).not.toContain('{{');
    }
  });

  it('reads a changed value the next time the letter is printed', async () => {
    await setValues(search.id, { volume: 1200, still_held: false });
    const letter = await letterText();
    expect(letter.pdf).toContain(squash('Records held: 1,200 records. Still held: No.'));
    expect(letter.pdf).toContain(squash('The Search app held 1,200 records.'));
  });
});
