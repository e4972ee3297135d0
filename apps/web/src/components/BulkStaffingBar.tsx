// The bar over the grid while cells are selected: "N selected" and what counsel may set on all of
// them at once. Each action opens one confirmation that says how many responses it changes; the
// API applies it to every cell it may and tells which it left alone, and why, listed afterwards.
import { businessDaysBeforeDeadline, MAX_BUSINESS_DAYS_BEFORE_DEADLINE } from '@app/domain/deadlines';
import { canOwnWork } from '@app/domain/audit-access';
import { reviewerIsAssignee } from '@app/domain/response-workflow';
import { afterDeadlineWarning } from './DueDateField';
import { Alert, Button, Card, Group, List, NumberInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Audit, GridCell, Member } from '../api/client';
import { useBulkStaffing, type BulkStaffing, type BulkStaffingResult } from '../api/queries';
import { formatDay } from '../lib/dates';
import { ConfirmDialog } from './ConfirmDialog';
import { pickerName } from '../lib/people';
import { plural } from '../lib/words';

type Action = 'assignee' | 'reviewer' | 'due' | 'notApplicable';

const NOBODY = '';

export interface BulkStaffingBarProps {
  audit: Pick<Audit, 'id' | 'responseDeadline' | 'responseDeadlineLocal' | 'deadlineTimeZone'>;
  /** The selected cells, in grid order. */
  cells: GridCell[];
  members: Member[];
  /** Whether every shown cell is selected already. */
  allSelected: boolean;
  /** The grid's own words for selecting every cell shown ("Select all", "Select all filtered"). */
  selectAllLabel: string;
  onSelectAll: () => void;
  onClear: () => void;
}

const cellName = (c: GridCell) => `${c.subject.name}, request ${c.request.ordinal}`;

export function BulkStaffingBar({
  audit,
  cells,
  members,
  allSelected,
  selectAllLabel,
  onSelectAll,
  onClear,
}: BulkStaffingBarProps) {
  const staffing = useBulkStaffing(audit.id);
  const [action, setAction] = useState<Action | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [dueMode, setDueMode] = useState<'date' | 'businessDays'>('date');
  const [dueDate, setDueDate] = useState('');
  const [businessDays, setBusinessDays] = useState<number | string>(3);
  const [outcome, setOutcome] = useState<{ result: BulkStaffingResult; named: Map<string, GridCell> } | null>(null);

  const workers = members.filter((m) => canOwnWork(m.role) && m.state !== 'DEACTIVATED');
  /**
   * Whether naming `userId` would make them review their own work in this cell, which the API
   * refuses (`reviewerIsAssignee`): the cell would stay as it is.
   */
  const clashes = (c: GridCell, userId: string | null) =>
    (action === 'reviewer' && reviewerIsAssignee(c.assignee?.id ?? null, userId || null)) ||
    (action === 'assignee' && reviewerIsAssignee(userId || null, c.reviewer?.id ?? null));
  const ofThem = cells.length === 1 ? '' : ' of all of them';
  // Someone who holds the other role on every selected cell could change none: shown, not offered.
  const people = [
    { value: NOBODY, label: action === 'reviewer' ? 'Nobody (clear the reviewer)' : 'Nobody (unassign)' },
    ...workers.map((m) =>
      cells.length > 0 && cells.every((c) => clashes(c, m.userId))
        ? {
            value: m.userId,
            label:
              action === 'reviewer'
                ? `${m.name} (the assignee${ofThem}, who cannot also review)`
                : `${m.name} (the reviewer${ofThem}, who cannot also be the assignee)`,
            disabled: true,
          }
        : { value: m.userId, label: pickerName(m) },
    ),
  ];
  const nameOf = (userId: string | null) => workers.find((m) => m.userId === userId)?.name ?? 'nobody';

  const days = typeof businessDays === 'number' ? businessDays : Number.NaN;
  const daysValid = Number.isInteger(days) && days >= 0 && days <= MAX_BUSINESS_DAYS_BEFORE_DEADLINE;
  // Worked out (time zones, business days) only while the due date dialog is open: the bar is
  // drawn again with every change to the grid page, mostly with nothing selected.
  const computedDay =
    action === 'due' && daysValid
      ? businessDaysBeforeDeadline(new Date(audit.responseDeadline), audit.deadlineTimeZone, days)
      : null;
  const chosenDay = dueMode === 'date' ? dueDate || null : computedDay;

  /** The body sent, or null while the dialog still lacks a choice. */
  const set = ((): BulkStaffing['set'] | null => {
    if (action === 'assignee' && person !== null) return { assigneeId: person || null };
    if (action === 'reviewer' && person !== null) return { reviewerId: person || null };
    if (action === 'due' && dueMode === 'date' && dueDate) return { dueDate };
    if (action === 'due' && dueMode === 'businessDays' && daysValid) return { dueBusinessDaysBeforeDeadline: days };
    if (action === 'notApplicable') return { notApplicable: true };
    return null;
  })();

  /** The selected cells the chosen person cannot take: they hold the other role there. */
  const clashing = person ? cells.filter((c) => clashes(c, person)).length : 0;
  /** How many selected cells the change would alter (the others already are so, or clash). */
  const changing = cells.filter((c) => {
    if (person && clashes(c, person)) return false;
    if (action === 'assignee') return (c.assignee?.id ?? NOBODY) !== person;
    if (action === 'reviewer') return (c.reviewer?.id ?? NOBODY) !== person;
    if (action === 'due') return c.dueDate !== chosenDay;
    return c.status !== 'NOT_APPLICABLE';
  }).length;

  const open = (next: Action) => {
    staffing.reset();
    setPerson(null);
    setAction(next);
  };
  const close = () => setAction(null);
  const apply = () => {
    if (!set) return;
    const named = new Map(cells.map((c) => [c.id, c]));
    staffing.mutate(
      { items: cells.map((c) => ({ responseId: c.id, version: c.version })), set },
      {
        onSuccess: (result) => {
          setOutcome({ result, named });
          setAction(null);
          onClear();
        },
      },
    );
  };

  const what: Record<Action, { title: string; confirm: string; says: string }> = {
    assignee: {
      title: `Assign ${plural(cells.length, 'response')}`,
      confirm: 'Assign',
      says: person === NOBODY ? 'unassigned' : `assigned to ${nameOf(person)}`,
    },
    reviewer: {
      title: `Choose the reviewer of ${plural(cells.length, 'response')}`,
      confirm: 'Set reviewer',
      says: person === NOBODY ? 'left without a reviewer' : `reviewed by ${nameOf(person)}`,
    },
    due: {
      title: `Set the internal due date of ${plural(cells.length, 'response')}`,
      confirm: 'Set due date',
      says: `due internally on ${formatDay(chosenDay)}`,
    },
    notApplicable: {
      title: `Mark ${plural(cells.length, 'response')} not applicable`,
      confirm: 'Mark not applicable',
      says: 'marked not applicable (approved ones stay as they are)',
    },
  };

  return (
    <Stack gap="xs">
      {cells.length > 0 && (
        <Card withBorder padding="sm" radius="md" component="section" aria-label="Selected responses">
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={700} aria-live="polite">
                {cells.length} selected
              </Text>
              <Button size="xs" variant="default" onClick={() => open('assignee')}>
                Assign to…
              </Button>
              <Button size="xs" variant="default" onClick={() => open('reviewer')}>
                Reviewer…
              </Button>
              <Button size="xs" variant="default" onClick={() => open('due')}>
                Internal due date…
              </Button>
              <Button size="xs" variant="default" onClick={() => open('notApplicable')}>
                Mark not applicable
              </Button>
            </Group>
            <Group gap="xs">
              {!allSelected && (
                <Button size="xs" variant="subtle" onClick={onSelectAll}>
                  {selectAllLabel}
                </Button>
              )}
              <Button size="xs" variant="subtle" onClick={onClear}>
                Clear selection
              </Button>
            </Group>
          </Group>
        </Card>
      )}
      {outcome && <Outcome {...outcome} onClose={() => setOutcome(null)} />}
      {action && (
        <ConfirmDialog
          opened
          title={what[action].title}
          confirmLabel={what[action].confirm}
          pending={staffing.isPending}
          error={staffing.error}
          onConfirm={apply}
          onClose={close}
        >
          <Stack gap="sm">
            {(action === 'assignee' || action === 'reviewer') && (
              <Select
                label={action === 'assignee' ? 'Assign to' : 'Reviewer'}
                placeholder="Choose a person"
                data={people}
                value={person}
                onChange={setPerson}
                searchable
              />
            )}
            {action === 'due' && (
              <>
                <Radio.Group label="Due" value={dueMode} onChange={(value) => setDueMode(value)}>
                  <Group mt={4}>
                    <Radio value="date" label="On a date" />
                    <Radio value="businessDays" label="Business days before the deadline" />
                  </Group>
                </Radio.Group>
                {dueMode === 'date' ? (
                  <TextInput
                    type="date"
                    label="Internal due date"
                    description={afterDeadlineWarning(dueDate, audit)}
                    value={dueDate}
                    onChange={(e) => setDueDate(e.currentTarget.value)}
                  />
                ) : (
                  <NumberInput
                    label="Business days before the deadline"
                    description="Monday to Friday, counted back from the deadline's date in the audit's time zone"
                    min={0}
                    max={MAX_BUSINESS_DAYS_BEFORE_DEADLINE}
                    allowDecimal={false}
                    value={businessDays}
                    onChange={setBusinessDays}
                  />
                )}
              </>
            )}
            {set ? (
              <Text size="sm">
                {changing === 0 && clashing > 0
                  ? 'Nothing will change.'
                  : changing === 0
                    ? `The ${plural(cells.length, 'selected response')} already ${cells.length === 1 ? 'is' : 'are'} so: nothing will change.`
                    : `This changes ${plural(changing, 'response')} of the ${cells.length} selected: ${changing === 1 ? 'it' : 'they'} will be ${what[action].says}.`}
                {clashing > 0 &&
                  ` ${plural(clashing, 'response')} ${clashing === 1 ? 'stays as it is' : 'stay as they are'}: ${nameOf(person)} ${
                    action === 'reviewer'
                      ? `is ${clashing === 1 ? 'its assignee' : 'their assignee'}`
                      : `reviews ${clashing === 1 ? 'it' : 'them'}`
                  }, and a response's reviewer cannot also be its assignee.`}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {action === 'due' ? 'Choose the due date.' : 'Choose a person.'}
              </Text>
            )}
          </Stack>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** What the last bulk change did: how many cells changed, and each cell left alone with its reason. */
function Outcome({
  result,
  named,
  onClose,
}: {
  result: BulkStaffingResult;
  named: Map<string, GridCell>;
  onClose: () => void;
}) {
  const refused = result.refused;
  const summary = [
    `${plural(result.applied.length, 'response')} changed`,
    ...(result.unchanged.length ? [`${result.unchanged.length} already as asked`] : []),
    ...(refused.length ? [`${refused.length} left as ${refused.length === 1 ? 'it was' : 'they were'}`] : []),
  ].join(', ');
  return (
    <Alert
      role="status"
      color={refused.length ? 'orange' : 'teal'}
      title={summary}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {refused.length > 0 && (
        <List size="sm" spacing={2}>
          {refused.map((r) => {
            const cell = named.get(r.responseId);
            return (
              <List.Item key={r.responseId}>
                {cell ? cellName(cell) : 'A response no longer in the grid'}: {r.reason}
              </List.Item>
            );
          })}
        </List>
      )}
    </Alert>
  );
}
