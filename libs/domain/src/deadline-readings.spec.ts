// A date-time typed for a zone around the clock changes, and the day an extension was asked for.
import { extensionRequestDayProblem, parseDeadline, readLocalTime, repeatedTimeProblem } from './deadlines';

const NY = 'America/New_York';

describe('readLocalTime', () => {
  it('reads an ordinary wall-clock time as one instant, also on the days the clocks change', () => {
    expect(readLocalTime('2023-06-07T17:00', NY)).toEqual({
      kind: 'instant',
      instant: new Date('2023-06-07T21:00:00.000Z'),
    });
    // 5 November 2023: New York's clocks went back from 02:00 EDT to 01:00 EST.
    expect(parseDeadline('2023-11-05T00:59', NY)?.toISOString()).toBe('2023-11-05T04:59:00.000Z');
    expect(parseDeadline('2023-11-05T02:00', NY)?.toISOString()).toBe('2023-11-05T07:00:00.000Z');
    expect(parseDeadline('2023-11-05T17:00', NY)?.toISOString()).toBe('2023-11-05T22:00:00.000Z');
  });

  it('gives both instants of a time the clocks pass twice, the first first, and parseDeadline refuses it', () => {
    const first = { instant: new Date('2023-11-05T05:30:00.000Z'), offset: '-04:00' };
    const second = { instant: new Date('2023-11-05T06:30:00.000Z'), offset: '-05:00' };
    expect(readLocalTime('2023-11-05T01:30', NY)).toEqual({ kind: 'repeated', readings: [first, second] });
    expect(readLocalTime('2023-11-05T01:30:00.000', NY)).toEqual({ kind: 'repeated', readings: [first, second] });
    expect(readLocalTime('2023-11-05T01:00', NY)).toMatchObject({ kind: 'repeated' });
    expect(parseDeadline('2023-11-05T01:30', NY)).toBeNull();
    // Elsewhere, with other offsets: London goes back from BST to GMT; Lord Howe by half an hour.
    expect(readLocalTime('2023-10-29T01:30', 'Europe/London')).toEqual({
      kind: 'repeated',
      readings: [
        { instant: new Date('2023-10-29T00:30:00.000Z'), offset: '+01:00' },
        { instant: new Date('2023-10-29T01:30:00.000Z'), offset: '+00:00' },
      ],
    });
    expect(readLocalTime('2023-04-02T01:45', 'Australia/Lord_Howe')).toMatchObject({
      kind: 'repeated',
      readings: [{ offset: '+11:00' }, { offset: '+10:30' }],
    });
  });

  it('takes a repeated time given with either offset as that exact instant', () => {
    expect(parseDeadline('2023-11-05T01:30-04:00', NY)?.toISOString()).toBe('2023-11-05T05:30:00.000Z');
    expect(parseDeadline('2023-11-05T01:30:00-05:00', NY)?.toISOString()).toBe('2023-11-05T06:30:00.000Z');
  });

  it('tells a skipped time from an unreadable one', () => {
    // 12 March 2023: the clocks jumped from 02:00 to 03:00.
    expect(readLocalTime('2023-03-12T02:30', NY)).toEqual({ kind: 'skipped' });
    expect(parseDeadline('2023-03-12T02:30', NY)).toBeNull();
    expect(readLocalTime('2023-02-30T17:00', NY)).toEqual({ kind: 'unreadable' });
    expect(readLocalTime('next Tuesday', NY)).toEqual({ kind: 'unreadable' });
  });

  it('words the refusal of a repeated time with the two values that would be taken', () => {
    const reading = readLocalTime('2023-11-05T01:30', NY);
    if (reading.kind !== 'repeated') throw new Error('expected a repeated time');
    expect(repeatedTimeProblem('responseDeadline', '2023-11-05T01:30', NY, reading.readings)).toBe(
      'responseDeadline 2023-11-05T01:30 happens twice that day in America/New_York, as the clocks go back: ' +
        'choose one by giving its offset (2023-11-05T01:30-04:00 for the first time, 2023-11-05T01:30-05:00 for the second).',
    );
  });
});

describe('extensionRequestDayProblem', () => {
  it('takes today or an earlier day, and refuses a day still to come in plain words', () => {
    expect(extensionRequestDayProblem('2023-06-01', '2023-06-01')).toBeNull();
    expect(extensionRequestDayProblem('2023-05-25', '2023-06-01')).toBeNull();
    expect(extensionRequestDayProblem('2023-06-02', '2023-06-01')).toBe(
      'The day the extension was asked for cannot be in the future.',
    );
  });
});
