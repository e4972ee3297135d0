import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { isCounsel } from '@app/domain/audit-access';
import { useReminderPause, useSetReminderPause } from '../api/queries';
import { formatInstant } from '../lib/dates';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from './layout';

/**
 * Counsel's pause of an audit's reminders: while paused, a banner says who paused them, when
 * and why, with Resume for counsel. With `offerPause`, counsel also get a Pause button (the
 * reminders page). Both are confirmed; pausing needs a reason, which members see.
 */
export function ReminderPauseBanner({ offerPause = false }: { offerPause?: boolean }) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const pause = useReminderPause(audit.id);
  const set = useSetReminderPause(audit.id);
  const [dialog, setDialog] = useState<'pause' | 'resume' | null>(null);
  const [reason, setReason] = useState('');
  const counsel = isCounsel(audit.myRole);
  const close = () => {
    setDialog(null);
    set.reset();
  };
  const state = pause.data;
  if (!state) return null;

  return (
    <>
      {state.paused ? (
        <Alert color="orange" role="status" aria-label="Reminders paused">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                Reminders paused
                {state.pausedBy && ` by ${state.pausedBy.name}`}
                {state.since && ` on ${formatInstant(state.since, me.timeZone)}`}: {state.reason}
              </Text>
              <Text size="xs" c="dimmed">
                Nobody gets reminders of this audit until counsel resume them.
              </Text>
            </div>
            {counsel && (
              <Button size="xs" variant="default" onClick={() => setDialog('resume')}>
                Resume reminders
              </Button>
            )}
          </Group>
        </Alert>
      ) : (
        offerPause &&
        counsel && (
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setDialog('pause')}>
              Pause reminders…
            </Button>
          </Group>
        )
      )}
      <ConfirmDialog
        opened={dialog === 'pause'}
        title="Pause the reminders of this audit?"
        confirmLabel="Pause reminders"
        color="#8a3300"
        pending={set.isPending}
        confirmDisabled={!reason.trim()}
        error={set.error}
        onClose={close}
        onConfirm={() => set.mutate({ reason: reason.trim() }, { onSuccess: () => (setDialog(null), setReason('')) })}
      >
        Nobody, lead counsel included, gets reminders of this audit until it is resumed; what falls due meanwhile is not
        sent.
        <Textarea
          mt="sm"
          label="Why are reminders paused?"
          description="Shown to the audit's members and kept in its history."
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'resume'}
        title="Resume the reminders of this audit?"
        confirmLabel="Resume reminders"
        pending={set.isPending}
        error={set.error}
        onClose={close}
        onConfirm={() => set.mutate({ reason: null }, { onSuccess: () => setDialog(null) })}
      >
        Reminders are planned again from now, by the audit&apos;s policy and each person&apos;s settings.
      </ConfirmDialog>
    </>
  );
}
