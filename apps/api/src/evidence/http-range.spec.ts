import { decideRange } from './http-range';

describe('decideRange', () => {
  it('serves the whole file without a Range header', () => {
    expect(decideRange(undefined, 100)).toEqual({ kind: 'full' });
  });

  it('reads first-last, open-ended and suffix ranges', () => {
    expect(decideRange('bytes=0-9', 100)).toEqual({ kind: 'partial', range: { start: 0, end: 9 } });
    expect(decideRange('bytes=90-', 100)).toEqual({ kind: 'partial', range: { start: 90, end: 99 } });
    expect(decideRange('bytes=-5', 100)).toEqual({ kind: 'partial', range: { start: 95, end: 99 } });
    expect(decideRange('bytes=-500', 100)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
  });

  it('clamps a last byte past the end', () => {
    expect(decideRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', range: { start: 50, end: 99 } });
  });

  it('refuses a range that starts past the end, and any range of an empty file', () => {
    expect(decideRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not understand, and multiple ranges (the whole file)', () => {
    expect(decideRange('items=0-5', 100)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=0-5,10-15', 100)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=-', 100)).toEqual({ kind: 'full' });
  });
});
