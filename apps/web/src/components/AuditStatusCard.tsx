import { canMoveAudit } from '@app/domain/audit-lifecycle';
import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AuditStatus } from '../api/client';
import { useUpdateAudit } from '../api/queries';
import { formatDay } from '../lib/dates';
import { AUDIT_STATUS_LABEL, AUDIT_STATUS_MEANING } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit } from './layout';

interface Move {
  /** The button. */
  label: string;
  /** The confirmation's question. */
  title: string;
  /** What happens, said before it does. */
  consequence: string;
  color?: string;
}

/** Each move, worded from the status it leaves (reopening reads differently from opening). */
function describeMove(from: AuditStatus, to: AuditStatus): Move {
  switch (to) {
    case 'OPEN':
      return from === 'DRAFT'
        ? {
            label: 'Open for work',
            title: 'Open the audit for work?',
            consequence:
              'The audit moves from Draft to Open: the set-up is done and the team answers the requests. Reminders and calendar entries go on as planned.',
          }
        : {
            label: 'Reopen',
            title: 'Reopen the audit?',
            consequence: `The audit moves from ${AUDIT_STATUS_LABEL[from]} back to Open, for example for a follow-up request. Reminders for open responses are planned again and the deadline returns to the members' calendar feeds.`,
          };
    case 'SUBMITTED':
      return {
        label: 'Mark as submitted',
        title: 'Mark the audit as submitted?',
        consequence:
          'Record that the responses have been sent to the demanding party. Every pending reminder is cancelled and the deadline leaves the calendar feeds. Answers and evidence stay as they are, and lead counsel can reopen the audit.',
      };
    case 'CLOSED':
      return {
        label: 'Close the audit',
        title: 'Close the audit?',
        consequence:
          'The audit is finished. Every pending reminder is cancelled and the deadline leaves the calendar feeds. Answers, evidence and history are kept, and lead counsel can reopen it.',
        color: 'red',
      };
    case 'DRAFT':
      return { label: 'Back to draft', title: 'Move the audit back to draft?', consequence: '' };
  }
}

const TARGETS: AuditStatus[] = ['OPEN', 'SUBMITTED', 'CLOSED'];

/** The audit's status and, for lead counsel, the moves the lifecycle allows, each confirmed first. */
export function AuditStatusCard() {
  const audit = useCurrentAudit();
  const update = useUpdateAudit(audit.id);
  const [target, setTarget] = useState<AuditStatus | null>(null);
  // Reopening a submitted or closed audit needs a reason, which the activity log keeps.
  const [reason, setReason] = useState('');
  // The day the response went out, when it was not today (empty: today in the deadline's zone).
  const [submittedAt, setSubmittedAt] = useState('');
  const reopening = target === 'OPEN' && audit.status !== 'DRAFT';
  const lead = audit.myRole === 'LEAD_COUNSEL';
  const moves = TARGETS.filter((to) => to !== audit.status && canMoveAudit(audit.status, to));
  const move = target ? describeMove(audit.status, target) : null;

  const close = () => {
    setTarget(null);
    setReason('');
    setSubmittedAt('');
    update.reset();
  };
  const confirm = () =>
    update.mutate(
      {
        status: target!,
        ...(reopening && { statusReason: reason.trim() }),
        ...(target === 'SUBMITTED' && submittedAt && { submittedAt }),
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            title: `The audit is now ${AUDIT_STATUS_LABEL[saved.status].toLowerCase()}`,
            message: AUDIT_STATUS_MEANING[saved.status],
          });
          setTarget(null);
          setReason('');
          setSubmittedAt('');
        },
      },
    );

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="audit-status-heading">
      <Title order={2} size="h4" id="audit-status-heading" mb="sm">
        Audit status
      </Title>
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" size="lg">
            {AUDIT_STATUS_LABEL[audit.status]}
          </Badge>
          <Text size="sm">{AUDIT_STATUS_MEANING[audit.status]}</Text>
        </Group>
        {audit.submittedAt && <Text size="sm">Submitted on {formatDay(audit.submittedAt)}.</Text>}
        {lead ? (
          <Group gap="xs">
            {moves.map((to) => {
              const m = describeMove(audit.status, to);
              return (
                <Button key={to} size="xs" variant="light" color={m.color} onClick={() => setTarget(to)}>
                  {m.label}
                </Button>
              );
            })}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only lead counsel can change the status.
          </Text>
        )}
      </Stack>
      {move && (
        <ConfirmDialog
          opened
          title={move.title}
          confirmLabel={move.label}
          color={move.color}
          pending={update.isPending}
          error={update.error}
          errorTitle="The status did not change"
          onConfirm={confirm}
          onClose={close}
        >
          {move.consequence}
          {target === 'SUBMITTED' && (
            <TextInput
              mt="sm"
              label="Submitted on"
              description="Leave empty for today, in the deadline's time zone"
              type="date"
              value={submittedAt}
              onChange={(event) => setSubmittedAt(event.currentTarget.value)}
            />
          )}
          {reopening && (
            <Textarea
              mt="sm"
              label="Why is the audit reopened?"
              description="Kept in the audit's history."
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
          )}
        </ConfirmDialog>
      )}
    </Card>
  );
}
