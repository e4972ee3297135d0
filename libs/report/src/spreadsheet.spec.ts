import { neutralizeCell } from './spreadsheet';

describe('neutralizeCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://evil.example","click")'])(
    'prefixes %j with a quote so it is shown as text',
    (text) => expect(neutralizeCell(text)).toBe(`'${text}`),
  );

  it.each(['Zoë Ødegård', 'a=b', '1-2', '', ' =leading space', "'already quoted"])('leaves %j alone', (text) =>
    expect(neutralizeCell(text)).toBe(text),
  );
});
