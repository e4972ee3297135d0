// A date and time typed for a zone can fall in the hour the clocks go back (01:30 on the first
// Sunday of November in New York), which that day happens twice. The API refuses such a time
// unless it carries the offset of the one meant; only the person typing knows which, so every
// form that takes a date, a time and a zone asks them here and sends the offset chosen.
import { Radio, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { readLocalTime, type RepeatedTimeReading } from '@app/domain/deadlines';
import { formatDay, formatTime } from '../lib/dates';

/** The two readings of `local` ("YYYY-MM-DDTHH:mm") in `zone`, or null when it has one (or none). */
function readings(local: string, zone: string): readonly [RepeatedTimeReading, RepeatedTimeReading] | null {
  if (!local || !zone) return null;
  const reading = readLocalTime(local, zone);
  return reading.kind === 'repeated' ? reading.readings : null;
}

/**
 * The form's value for a choice: it names the time and zone it was made for, so a choice made
 * before either changed is no choice for the new one (one offset can read both ways in two zones).
 */
const choiceValue = (local: string, zone: string, offset: string) => `${local}${offset} ${zone}`;

/** The choice a stored time stands for ("2023-11-05T01:30:00.000-05:00" as the API shows it in `zone`). */
export const storedChoice = (localWithOffset: string, zone: string): string =>
  choiceValue(localWithOffset.slice(0, 16), zone, localWithOffset.slice(23));

/** What to send for `local` in `zone`: as typed, or with the chosen offset when it happens twice. */
export function chosenTime(local: string, zone: string, choice: string): string {
  const offset = readings(local, zone)?.find((r) => choiceValue(local, zone, r.offset) === choice)?.offset;
  return offset ? `${local}${offset}` : local;
}

/** The form's complaint when `local` happens twice in `zone` and neither time is chosen. */
export const repeatedTimeUnchosen = (local: string, zone: string, choice: string): string | null =>
  readings(local, zone) && chosenTime(local, zone, choice) === local ? 'Choose which of the two times you mean' : null;

/** Nothing, or the two readings of a time that happens twice, to choose from. */
export function RepeatedTimeChoice({
  local,
  zone,
  value,
  onChange,
  error,
}: {
  local: string;
  zone: string;
  value: string;
  onChange: (choice: string) => void;
  error?: ReactNode;
}) {
  const both = readings(local, zone);
  if (!both) return null;
  const [first, second] = both;
  return (
    <Radio.Group
      label={`This time happens twice on ${formatDay(local.slice(0, 10))}`}
      description="The clocks go back that night. Which one do you mean?"
      required
      value={value}
      onChange={onChange}
      error={error}
    >
      <Stack gap={4} mt={4}>
        <Radio
          value={choiceValue(local, zone, first.offset)}
          label={`${formatTime(first.instant, zone)} (the first time)`}
        />
        <Radio
          value={choiceValue(local, zone, second.offset)}
          label={`${formatTime(second.instant, zone)} (the second time, after clocks go back)`}
        />
      </Stack>
    </Radio.Group>
  );
}
