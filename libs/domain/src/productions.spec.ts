import {
  DESIGNATION_PATTERN,
  fitsWidth,
  formatBates,
  isProductionEditable,
  nextBatesStart,
  plannedBatesStart,
  producedAndWithheldConflict,
  productionLockedReason,
} from './productions';

describe('production rules', () => {
  it('formats Bates numbers zero-padded after the prefix', () => {
    expect(formatBates('MSFT-TWTR-', 1, 6)).toBe('MSFT-TWTR-000001');
    expect(formatBates('ABC', 1234567, 6)).toBe('ABC1234567');
    expect(fitsWidth(999_999, 6)).toBe(true);
    expect(fitsWidth(1_000_000, 6)).toBe(false);
  });

  it('continues after the highest number used, or starts at the volume start', () => {
    expect(nextBatesStart(null, 100)).toBe(100);
    expect(nextBatesStart(41, 1)).toBe(42);
    expect(nextBatesStart(41, 500)).toBe(42);
  });

  it('plans a new volume after the last number produced under its prefix, ignoring other prefixes and drafts', () => {
    const volumes = [
      { batesPrefix: 'MSFT-', lastNumber: 120 },
      { batesPrefix: 'MSFT-', lastNumber: 40 },
      { batesPrefix: 'MSFT-', lastNumber: null },
      { batesPrefix: 'TWTR-', lastNumber: 900 },
    ];
    expect(plannedBatesStart(volumes, 'MSFT-', 1)).toBe(121);
    expect(plannedBatesStart(volumes, 'ACME-', 500)).toBe(500);
  });

  it('lets drafts and failed volumes change, never produced or producing ones', () => {
    expect(isProductionEditable('DRAFT')).toBe(true);
    expect(isProductionEditable('FAILED')).toBe(true);
    expect(isProductionEditable('PRODUCING')).toBe(false);
    expect(isProductionEditable('PRODUCED')).toBe(false);
    expect(productionLockedReason('VOL001', 'PRODUCED')).toBe(
      'Volume VOL001 has been produced and can no longer be changed.',
    );
    expect(productionLockedReason('VOL001', 'DRAFT')).toBeNull();
  });

  it('accepts Latin-1 designations only', () => {
    expect(DESIGNATION_PATTERN.test('HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY')).toBe(true);
    expect(DESIGNATION_PATTERN.test('VERTRAULICH – ÄUSSERST')).toBe(false);
    expect(DESIGNATION_PATTERN.test('CONFIDENTIEL É')).toBe(true);
    expect(DESIGNATION_PATTERN.test('')).toBe(false);
  });

  it('refuses a withheld entry for a produced document, never a redacted one', () => {
    expect(producedAndWithheldConflict('WITHHELD', ['VOL001'], 'memo.pdf')).toMatch(/in production VOL001/);
    expect(producedAndWithheldConflict('REDACTED', ['VOL001'], 'memo.pdf')).toBeNull();
    expect(producedAndWithheldConflict('WITHHELD', [], 'memo.pdf')).toBeNull();
  });
});
