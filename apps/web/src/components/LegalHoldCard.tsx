import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useLegalHold, useSetLegalHold } from '../api/queries';
import { formatInstant } from '../lib/dates';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from './layout';
import { ErrorNotice, QueryState } from './states';
import { plainFieldErrors } from '../lib/messages';

/** Whether the audit is under legal hold (nothing in it may be deleted); lead counsel places and lifts it. */
export function LegalHoldCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const hold = useLegalHold(audit.id);
  const set = useSetLegalHold(audit.id);
  const [reason, setReason] = useState('');
  // Placing it stops every deletion in the audit: it is confirmed, once the form has its reason
  // (checked here first: an empty reason is not sent, the API would refuse it).
  const [placingAsked, setPlacingAsked] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  // Lifting ends the protection of every record: it is confirmed, with the reason kept in the log.
  const [lifting, setLifting] = useState(false);
  const [liftReason, setLiftReason] = useState('');
  const lead = audit.myRole === 'LEAD_COUNSEL';
  const placing = set.variables?.on !== false;
  const reasonError = reasonMissing
    ? 'Enter the reason for the hold'
    : placing
      ? plainFieldErrors(set.error).reason
      : undefined;

  const askToPlace = () => {
    set.reset();
    if (!reason.trim()) return setReasonMissing(true);
    setPlacingAsked(true);
  };
  const closePlace = () => {
    setPlacingAsked(false);
    set.reset();
  };

  const closeLift = () => {
    setLifting(false);
    set.reset();
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="hold-heading">
      <Title order={2} size="h4" id="hold-heading" mb="sm">
        Legal hold
      </Title>
      <QueryState query={hold}>
        {(h) => (
          <Stack gap="sm">
            {h.active ? (
              <Alert color="orange" title="On: nothing in this audit may be deleted">
                <Text size="sm">{h.reason}</Text>
                <Text size="xs" c="dimmed">
                  Since {h.since ? formatInstant(h.since, me.timeZone) : '—'}
                  {h.placedBy && `, placed by ${h.placedBy.name}`}
                </Text>
              </Alert>
            ) : (
              <Text size="sm">Off. Records may be deleted by those allowed to.</Text>
            )}
            {set.error && placing && !placingAsked && !reasonError && (
              <ErrorNotice error={set.error} title="Not changed" />
            )}
            {lead &&
              (h.active ? (
                <Group justify="flex-end">
                  <Button size="xs" variant="default" color="orange" onClick={() => setLifting(true)}>
                    Lift the hold
                  </Button>
                </Group>
              ) : (
                <>
                  <Textarea
                    label="Reason for the hold"
                    value={reason}
                    onChange={(e) => (setReason(e.currentTarget.value), setReasonMissing(false))}
                    error={reasonError}
                    required
                    autosize
                    minRows={2}
                  />
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      // Mantine's orange under white text is 3.6:1; this shade reaches WCAG AA.
                      color="#8a3300"
                      onClick={askToPlace}
                    >
                      Place under legal hold
                    </Button>
                  </Group>
                </>
              ))}
            <ConfirmDialog
              opened={placingAsked}
              title="Place the audit under legal hold?"
              confirmLabel="Place under legal hold"
              color="#8a3300"
              pending={set.isPending}
              error={placing ? set.error : null}
              onConfirm={() =>
                set.mutate(
                  { on: true, reason: reason.trim() },
                  { onSuccess: () => (setPlacingAsked(false), setReason('')) },
                )
              }
              onClose={closePlace}
            >
              While the hold is on, nothing in this audit can be deleted: not its evidence, documents, correspondence,
              subjects, requests, provisions or responses, nor the audit itself, until lead counsel lifts the hold.
              Adding and editing go on as before.
              <Text size="sm" mt="sm">
                Reason: {reason.trim()}
              </Text>
            </ConfirmDialog>
            <ConfirmDialog
              opened={lifting}
              title="Lift the legal hold?"
              confirmLabel="Lift the hold"
              color="#8a3300"
              pending={set.isPending}
              confirmDisabled={!liftReason.trim()}
              error={set.variables?.on === false ? set.error : null}
              onConfirm={() =>
                set.mutate(
                  { on: false, reason: liftReason.trim() },
                  { onSuccess: () => (setLifting(false), setLiftReason('')) },
                )
              }
              onClose={closeLift}
            >
              Records of this audit can be deleted again by those allowed to, as soon as the hold is lifted.
              <Textarea
                mt="sm"
                label="Why is the hold lifted?"
                description="Kept in the audit's history."
                required
                autosize
                minRows={2}
                value={liftReason}
                onChange={(e) => setLiftReason(e.currentTarget.value)}
              />
            </ConfirmDialog>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
