import { romanValue, splitLetter, titleFromText } from './letter-split';

const LETTER = `NORTHWIND DATA LICENSING LLC
400 Harbour Road, Seattle

Re: Audit under the Data Licence Agreement of 3 March 2021

Dear Ms Jones,

Pursuant to Section 12.4 of the Agreement, we request the following within 30 days:

1. A list of all installations of the Licensed Data,
including server names and the number of
cores.
2) Licence keys issued to you since 1 January 2022.
3. All documents concerning:
(a) user counts per month;
(b) any third-party access; and
(c) backups.

4. Your internal policies on data retention.

Sincerely,
John Doe
General Counsel`;

describe('splitLetter', () => {
  it('finds the numbered items, joins wrapped lines and keeps sub-items in their item', () => {
    const split = splitLetter(LETTER);
    expect(split.style).toBe('number');
    expect(split.items.map((i) => [i.marker, i.ordinal, i.line])).toEqual([
      ['1.', 1, 10],
      ['2)', 2, 13],
      ['3.', 3, 14],
      ['4.', 4, 19],
    ]);
    expect(split.items[0].text).toBe(
      'A list of all installations of the Licensed Data, including server names and the number of cores.',
    );
    expect(split.items[2].text).toBe(
      'All documents concerning:\n(a) user counts per month;\n(b) any third-party access; and\n(c) backups.',
    );
  });

  it('reports the heading before the first item and the closing after the last, and imports neither', () => {
    const split = splitLetter(LETTER);
    expect(split.preamble).toMatch(/^NORTHWIND DATA LICENSING LLC\n/);
    expect(split.preamble).toMatch(/we request the following within 30 days:$/);
    expect(split.closing).toBe('Sincerely,\nJohn Doe\nGeneral Counsel');
    expect(split.items[3].text).toBe('Your internal policies on data retention.');
  });

  it('reads "Request No. n:" items, with the text on the same line or the next, and numbered sub-lists inside', () => {
    const split = splitLetter(
      'REQUEST NO. 1: Purpose. Describe the app.\n1. its users\n2. its data\n\nRequest No. 2:\nThe data flows,\nend to end.',
    );
    expect(split.style).toBe('request-no');
    expect(split.items.map((i) => [i.ordinal, i.text])).toEqual([
      [1, 'Purpose. Describe the app.\n1. its users\n2. its data'],
      [2, 'The data flows, end to end.'],
    ]);
  });

  it('reads lettered and roman lists, telling "(i)" the letter from "(i)" the numeral', () => {
    const lettered = splitLetter(
      '(a) one\n(b) two\n(c) three\n(d) four\n(e) five\n(f) six\n(g) seven\n(h) eight\n(i) nine',
    );
    expect(lettered.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const roman = splitLetter('Requests:\ni. first\nii. second\niii. third\niv. fourth\nv. fifth');
    expect(roman.style).toBe('roman');
    expect(roman.items.map((i) => [i.marker, i.ordinal])).toEqual([
      ['i.', 1],
      ['ii.', 2],
      ['iii.', 3],
      ['iv.', 4],
      ['v.', 5],
    ]);
  });

  it('prefers the list whose numbers only go up over sub-lists that restart under each item', () => {
    const split = splitLetter('1. Records of:\n(a) x\n(b) y\n2. Logs of:\n(a) z\n(b) w\n(c) v');
    expect(split.items.map((i) => i.ordinal)).toEqual([1, 2]);
    const sections = splitLetter('I. Background\nWe license.\nII. Requests\n1. one\n2. two\n3. three');
    expect(sections.items.map((i) => i.ordinal)).toEqual([1, 2, 3]);
    expect(sections.preamble).toBe('I. Background\nWe license.\nII. Requests');
  });

  it('finds nothing in prose, and says so by returning the whole text as the preamble', () => {
    const split = splitLetter('Dear Sir,\nA. Smith asked for 3 things in 2023.\nRegards');
    expect(split.items).toEqual([]);
    expect(split.style).toBeNull();
    expect(split.preamble).toMatch(/^Dear Sir,/);
  });

  it('takes Windows line ends, tabs and non-breaking spaces as plain white space', () => {
    const split = splitLetter('1.\tFirst\u00a0item\r\n   continued\r\n2.  Second');
    expect(split.items.map((i) => i.text)).toEqual(['First item continued', 'Second']);
  });

  it('reads "1. January 2025" wrapped onto a line of its own as part of the sentence, not a new item', () => {
    const split = splitLetter(
      '8. Your policies.\n9. Provide all records dated on or after\n1. January 2025.\n10. Your logs.',
    );
    expect(split.items.map((i) => [i.ordinal, i.text])).toEqual([
      [8, 'Your policies.'],
      [9, 'Provide all records dated on or after 1. January 2025.'],
      [10, 'Your logs.'],
    ]);
    const first = splitLetter('Requests\n1. January 2025 board minutes.\n2. Your logs.');
    expect(first.items.map((i) => i.ordinal)).toEqual([1, 2]);
  });
});

describe('titleFromText', () => {
  it('is the first sentence, or the words before a colon', () => {
    expect(titleFromText('Purpose and use of the app. Describe everything.')).toBe('Purpose and use of the app');
    expect(titleFromText('All documents concerning:\n(a) x')).toBe('All documents concerning');
  });

  it('does not end the sentence at a period inside it: a day before its month, "No. 5", "e.g. the"', () => {
    const item = splitLetter('9. Provide all records dated on or after 1. January 2025.').items[0];
    expect(item.text).toBe('Provide all records dated on or after 1. January 2025.');
    expect(titleFromText(item.text)).toBe('Provide all records dated on or after 1. January 2025');
    expect(titleFromText('Invoices under Order No. 5 and its annexes. Then more.')).toBe(
      'Invoices under Order No. 5 and its annexes',
    );
    expect(titleFromText('Any reseller, e.g. the Atlas shop. Then more.')).toBe('Any reseller, e.g. the Atlas shop');
  });

  it('cuts a long sentence at a word, with an ellipsis', () => {
    const title = titleFromText(`A list of ${'installed copies and servers '.repeat(10)}everywhere`);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/servers\u2026$|copies\u2026$|and\u2026$/);
  });
});

describe('romanValue', () => {
  it('reads canonical numerals only', () => {
    expect([romanValue('i'), romanValue('iv'), romanValue('xii'), romanValue('XL')]).toEqual([1, 4, 12, 40]);
    expect([romanValue('iiii'), romanValue('ic'), romanValue('b')]).toEqual([null, null, null]);
  });
});
