import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Audit } from '../api/client';
import { formatInstant } from '../lib/dates';

/** The audit's deadline, which an internal due date should not pass. */
export type DeadlineOf = Pick<Audit, 'responseDeadline' | 'responseDeadlineLocal' | 'deadlineTimeZone'>;

/**
 * What to say of an internal due date later than the deadline's own day (in the audit's zone,
 * as `responseDeadlineLocal` writes it): not refused (an extension may be on its way), but
 * said, since work due then answers late.
 */
export function afterDeadlineWarning(day: string, audit: DeadlineOf): string | null {
  if (!WHOLE_DAY.test(day) || day <= audit.responseDeadlineLocal.slice(0, 10)) return null;
  return `This is after the audit's deadline (${formatInstant(audit.responseDeadline, audit.deadlineTimeZone)}): the work would be late.`;
}

export interface DueDateFieldProps {
  /** The saved day ("YYYY-MM-DD"), or null. */
  value: string | null;
  /** The audit's deadline and zone, in which the day is meant. */
  audit: DeadlineOf;
  disabled?: boolean;
  onSave: (day: string | null) => void;
}

const WHOLE_DAY = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * The internal due date. A date input reports each keystroke, and half a date reads as empty
 * (or as the year 0002): saving on change stored an empty date at the first key. It saves when
 * the user leaves the field or presses Enter, and only a whole date or a deliberately emptied
 * field. Remount it (key) when the saved value changes.
 */
export function DueDateField({ value, audit, disabled, onSave }: DueDateFieldProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [partial, setPartial] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const commit = () => {
    if (partial) return setError('Enter the whole date (month, day and year), or clear the field.');
    const year = WHOLE_DAY.exec(draft)?.[1];
    if (draft && (!year || Number(year) < 2000 || Number(year) > 2100))
      return setError('Enter a date between the years 2000 and 2100.');
    setError(null);
    const next = draft || null;
    if (next !== value) onSave(next);
  };

  const late = afterDeadlineWarning(draft, audit);
  return (
    <TextInput
      label="Internal due date"
      description={
        <>
          A day in the audit&apos;s zone ({audit.deadlineTimeZone}); saved when you leave the field
          {late && (
            <Text span display="block" size="xs" fw={700} c="var(--mantine-color-text)">
              {late}
            </Text>
          )}
        </>
      }
      type="date"
      value={draft}
      error={error}
      disabled={disabled}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        // The browser flags a date typed only in part.
        setPartial(event.currentTarget.validity.badInput);
      }}
      onBlur={commit}
      onKeyDown={(event) => event.key === 'Enter' && commit()}
    />
  );
}
