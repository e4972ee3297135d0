import { formatDay, formatInstant, formatSize } from './report-format';

describe('report formats', () => {
  it('shows instants on the audit clock, across a daylight-saving change', () => {
    expect(formatInstant(new Date('2023-06-07T21:00:00Z'), 'America/New_York')).toBe(
      '7 June 2023, 17:00 (America/New_York)',
    );
    expect(formatInstant(new Date('2023-01-07T22:00:00Z'), 'America/New_York', false)).toBe('7 January 2023, 17:00');
    expect(formatInstant(new Date('2023-06-07T21:00:00Z'), 'Asia/Tokyo', false)).toBe('8 June 2023, 06:00');
    expect(formatInstant(null, 'UTC')).toBe('—');
  });

  it('shows calendar days as stored, whatever the server zone', () => {
    expect(formatDay(new Date('2023-05-18T00:00:00Z'))).toBe('18 May 2023');
    expect(formatDay(null)).toBe('—');
  });

  it('gives the exact byte count beside the rounded size', () => {
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(1_468_006)).toBe('1.4 MB (1,468,006 bytes)');
  });
});
