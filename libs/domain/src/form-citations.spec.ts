import type { FormField } from './audit-forms';
import { citeRequestFormValues } from './form-citations';

const fields: FormField[] = [
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
  { key: 'proof', label: 'Proof', required: false, type: 'EVIDENCE' },
];

describe('citing form values at request level', () => {
  it('prints the value once when every subject answered the same', () => {
    const text = citeRequestFormValues('Data still held: {{still_held}}.', fields, [
      { subjectName: 'App A', values: { still_held: false } },
      { subjectName: 'App B', values: { still_held: false, volume: 3 } },
    ]);
    expect(text).toBe('Data still held: No.');
  });

  it('lists each subject when the answers differ, an empty one as not answered', () => {
    const text = citeRequestFormValues('Volumes: {{ volume }}.', fields, [
      { subjectName: 'App A', values: { volume: 1200 } },
      { subjectName: 'App B', values: { volume: 300 } },
      { subjectName: 'App C', values: null },
    ]);
    expect(text).toBe('Volumes: App A: 1,200 records; App B: 300 records; App C: [not answered].');
  });

  it('reads "[not answered]" when no subject answered, and for a key the form does not have', () => {
    const answers = [
      { subjectName: 'App A', values: null },
      { subjectName: 'App B', values: {} },
    ];
    expect(citeRequestFormValues('{{volume}} / {{nothing}}', fields, answers)).toBe('[not answered] / [not answered]');
  });

  it('reads evidence by title through each subject’s context', () => {
    const titles = new Map([['3f0c2a8e-8e4b-4c1e-9d7a-2b1f0c9e8d71', 'Purge log']]);
    const text = citeRequestFormValues('See {{proof}}.', fields, [
      {
        subjectName: 'App A',
        values: { proof: ['3f0c2a8e-8e4b-4c1e-9d7a-2b1f0c9e8d71'] },
        context: { evidenceTitle: (id) => titles.get(id) },
      },
    ]);
    expect(text).toBe('See Purge log.');
  });

  it('leaves the text as written when the request has no form or no subjects', () => {
    expect(citeRequestFormValues('Keep {{volume}}.', null, [{ subjectName: 'A', values: { volume: 1 } }])).toBe(
      'Keep {{volume}}.',
    );
    expect(citeRequestFormValues('Keep {{volume}}.', fields, [])).toBe('Keep {{volume}}.');
  });
});
