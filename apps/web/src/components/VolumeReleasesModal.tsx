// A produced volume's releases to the other side: each link with its state and every download,
// Revoke after a confirmation, Send again for a release whose emails did not go out, and (lead
// counsel) a new release: recipient, email, until when in the user's zone, confirmed before the
// emails go out.
import { localDeadline, parseDeadline, wallClockTime } from '@app/domain/deadlines';
import { RELEASE_STATE_LABEL, releaseExpiryProblem } from '@app/domain/production-releases';
import { Badge, Button, Group, List, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  type Production,
  type ProductionRelease,
  type ReleaseState,
  useCreateRelease,
  useResendRelease,
  useRevokeRelease,
} from '../api/queries';
import { MadeByCell, RowActions } from './TableCells';
import { formatInstant } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { plainFieldErrors } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice } from './states';

const STATE_COLOR: Record<ReleaseState, string> = {
  ACTIVE: 'teal',
  SENDING: 'blue',
  NOT_SENT: 'red',
  EXPIRED: 'gray',
  REVOKED: 'gray',
  LOCKED: 'red',
};

const DAY_MS = 86_400_000;

export function VolumeReleasesModal({ volume, onClose }: { volume: Production; onClose: () => void }) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const lead = audit.myRole === 'LEAD_COUNSEL';
  const revoke = useRevokeRelease(audit.id);
  const resend = useResendRelease(audit.id);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<ProductionRelease | null>(null);
  // Newest first, as counsel look for the link they just sent.
  const releases = [...volume.releases].reverse();

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`Volume ${volume.name}: releases to the other side`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          Each release emails the recipient a download link and, in a second email, a code. Every download is listed
          here and in the production log.
        </Text>
        {lead && !adding && (
          <Group>
            <Button size="xs" onClick={() => setAdding(true)}>
              Release to the other side
            </Button>
          </Group>
        )}
        {adding && <NewReleaseForm volume={volume} onDone={() => setAdding(false)} />}
        {resend.error && <ErrorNotice error={resend.error} title="Not sent again" />}
        {releases.length === 0 ? (
          <Empty title="Not released yet" />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label={`Releases of volume ${volume.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Recipient</Table.Th>
                  <Table.Th>Link</Table.Th>
                  <Table.Th>Released</Table.Th>
                  <Table.Th>Downloads</Table.Th>
                  {lead && <Table.Th>Action</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {releases.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm">{r.recipientName}</Text>
                      <Text size="xs" c="dimmed">
                        {r.recipientEmail}
                      </Text>
                      {r.state === 'NOT_SENT' ? (
                        <Text size="xs" c="red.9">
                          The emails did not both go out. Send again emails a new link and a new code; this link then
                          stops working.
                        </Text>
                      ) : r.state === 'SENDING' ? (
                        <Text size="xs" c="dimmed">
                          The emails are being sent.
                        </Text>
                      ) : (
                        !r.mailSent && (
                          <Text size="xs" c="dimmed">
                            The emails did not both go out.
                          </Text>
                        )
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLOR[r.state]}>
                        {RELEASE_STATE_LABEL[r.state]}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {r.state === 'REVOKED' && r.revokedAt
                          ? `Revoked ${formatInstant(r.revokedAt, me.timeZone)}${r.revokedBy ? ` by ${r.revokedBy.name}` : ''}`
                          : `Works until ${formatInstant(r.expiresAt, me.timeZone)}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <MadeByCell by={r.createdBy} at={r.createdAt} timeZone={me.timeZone} />
                    </Table.Td>
                    <Table.Td>
                      {r.downloads.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          None yet
                        </Text>
                      ) : (
                        <List size="xs" spacing={2}>
                          {r.downloads.map((d) => (
                            <List.Item key={d.id}>
                              {formatInstant(d.startedAt, me.timeZone)}
                              {d.clientAddress && ` from ${d.clientAddress}`}:{' '}
                              {d.complete
                                ? `complete (${formatBytes(d.bytesSent)})`
                                : d.finishedAt
                                  ? `stopped after ${formatBytes(d.bytesSent)}`
                                  : 'in progress'}
                            </List.Item>
                          ))}
                        </List>
                      )}
                    </Table.Td>
                    {lead && (
                      <Table.Td>
                        {r.state !== 'REVOKED' && (
                          <RowActions
                            justify="flex-start"
                            actions={[
                              r.state === 'NOT_SENT' && {
                                label: 'Send again',
                                ariaLabel: `Send the link and the code to ${r.recipientName} again`,
                                variant: 'filled',
                                loading: resend.isPending && resend.variables?.releaseId === r.id,
                                onClick: () =>
                                  resend.mutate(
                                    { productionId: volume.id, releaseId: r.id },
                                    { onSuccess: (sent) => notifySent(sent) },
                                  ),
                              },
                              {
                                label: 'Revoke…',
                                ariaLabel: `Revoke the link sent to ${r.recipientName}`,
                                variant: 'default',
                                danger: true,
                                onClick: () => setRevoking(r),
                              },
                            ]}
                          />
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke this download link?"
        confirmLabel="Revoke link"
        color="red"
        pending={revoke.isPending}
        error={revoke.error}
        errorTitle="Not revoked"
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() =>
          revoke.mutate(
            { productionId: volume.id, releaseId: revoking!.id },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', title: 'Link revoked', message: revoking!.recipientName });
                setRevoking(null);
              },
            },
          )
        }
      >
        {revoking && (
          <>
            The link sent to {revoking.recipientName} ({revoking.recipientEmail}) stops working at once. Downloads
            already made stay on record.
          </>
        )}
      </ConfirmDialog>
    </Modal>
  );
}

/** Whether the link and the code went out, said once a release was made or sent again. */
function notifySent(release: ProductionRelease) {
  if (release.mailSent)
    notifications.show({ color: 'teal', title: 'Link and code sent', message: release.recipientEmail });
  else
    notifications.show({
      color: 'red',
      title: 'Not sent: the emails did not both go out',
      message: 'Use Send again on the release to email a new link and code.',
    });
}

function NewReleaseForm({ volume, onDone }: { volume: Production; onDone: () => void }) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const create = useCreateRelease(audit.id);
  const [name, setName] = useState(audit.demandingCounselName ?? '');
  const [email, setEmail] = useState(audit.demandingCounselEmail ?? '');
  // A week from now, to the minute, on the user's clock.
  const [until, setUntil] = useState(() => wallClockTime(new Date(Date.now() + 7 * DAY_MS), me.timeZone).slice(0, 16));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<Date | null>(null);
  const apiProblems = plainFieldErrors(create.error);
  const errors = { ...apiProblems, ...problems };

  const check = () => {
    const found: Record<string, string> = {};
    if (!name.trim()) found.recipientName = 'Give the recipient’s name.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.recipientEmail = 'Give an email address.';
    const expiresAt = parseDeadline(until, me.timeZone);
    if (!expiresAt) found.expiresAt = 'Give a date and time.';
    else {
      const problem = releaseExpiryProblem(expiresAt, new Date(), 'The end of the link');
      if (problem) found.expiresAt = problem;
    }
    setProblems(found);
    if (Object.keys(found).length === 0) setConfirming(expiresAt);
  };

  return (
    <form
      noValidate
      aria-label={`Release volume ${volume.name} to the other side`}
      onSubmit={(event) => {
        event.preventDefault();
        create.reset();
        check();
      }}
    >
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label="Recipient"
            description="The other side’s counsel"
            required
            value={name}
            error={errors.recipientName}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="Their email"
            type="email"
            required
            value={email}
            error={errors.recipientEmail}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={`Link works until (${me.timeZone})`}
          description="From one hour to 30 days from now."
          type="datetime-local"
          required
          value={until}
          error={errors.expiresAt}
          onChange={(e) => setUntil(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button size="xs" type="submit">
            Continue…
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title={`Release volume ${volume.name}?`}
        confirmLabel="Send the link and the code"
        pending={create.isPending}
        error={create.error}
        errorTitle="Not released"
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          create.mutate(
            {
              productionId: volume.id,
              recipientName: name.trim(),
              recipientEmail: email.trim(),
              expiresAt: localDeadline(confirming!, me.timeZone),
            },
            {
              onSuccess: (release) => {
                setConfirming(null);
                notifySent(release);
                onDone();
              },
            },
          )
        }
      >
        {confirming && (
          <>
            {name.trim()} ({email.trim()}) gets an email with a download link and a second one with a code. The link
            works until {formatInstant(confirming, me.timeZone)}, unless you revoke it.
          </>
        )}
      </ConfirmDialog>
    </form>
  );
}
