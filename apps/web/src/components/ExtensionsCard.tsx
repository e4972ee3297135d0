import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { isCounsel } from '@app/domain/audit-access';
import { extensionDecisionDayProblem, extensionRequestDayProblem, todayIn } from '@app/domain/deadlines';
import { ApiError, type Extension } from '../api/client';
import { useDecideExtension, useExtensions, useRequestExtension } from '../api/queries';
import { formatDay, formatInstant, skippedTimeProblem } from '../lib/dates';
import { plainFieldErrors, plainMessage } from '../lib/messages';
import { EXTENSION_STATUS_COLOR, EXTENSION_STATUS_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { chosenTime, RepeatedTimeChoice, repeatedTimeUnchosen } from './RepeatedTimeChoice';
import { useCurrentAudit } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

type Decision = Exclude<Extension['status'], 'REQUESTED'>;

/** What each decision does, said before it is recorded. */
const DECISION_EFFECT: Record<Decision, string> = {
  GRANTED: 'The audit’s deadline moves to the new one, and every reminder is planned again for it.',
  DENIED: 'The deadline stays as it is.',
  WITHDRAWN: 'The request is recorded as withdrawn; the deadline stays as it is.',
};

/** The deadline's history: extensions asked for and decided; counsel records both. */
export function ExtensionsCard() {
  const audit = useCurrentAudit();
  const extensions = useExtensions(audit.id);
  const decide = useDecideExtension(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [adding, add] = useDisclosure(false);
  const [deciding, setDeciding] = useState<{ extension: Extension; status: Decision } | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="extensions-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="extensions-heading">
          Extensions
        </Title>
        {counsel && !adding && (
          <Button size="xs" variant="default" onClick={add.open}>
            Record a request
          </Button>
        )}
      </Group>
      {adding && <RequestForm onDone={add.close} />}
      <QueryState query={extensions}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No extension asked for" />
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {page.items.map((ext) => (
                <li key={ext.id}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div>
                      <Text size="sm" fw={600}>
                        To {formatInstant(ext.newDeadline, audit.deadlineTimeZone)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Asked {formatDay(ext.requestedOn)}
                        {ext.decidedOn &&
                          ext.status !== 'REQUESTED' &&
                          `, ${EXTENSION_STATUS_LABEL[ext.status].toLowerCase()} ${formatDay(ext.decidedOn)}`}
                        {ext.recordedBy && ` · recorded by ${ext.recordedBy.name}`}
                      </Text>
                      {ext.previousDeadline && (
                        <Text size="xs" c="dimmed">
                          Moved the deadline from {formatInstant(ext.previousDeadline, audit.deadlineTimeZone)} to{' '}
                          {formatInstant(ext.newDeadline, audit.deadlineTimeZone)}.
                        </Text>
                      )}
                      {ext.note && <Text size="xs">Note on the request: {ext.note}</Text>}
                      {ext.decisionNote && <Text size="xs">Note on the decision: {ext.decisionNote}</Text>}
                    </div>
                    <Badge color={EXTENSION_STATUS_COLOR[ext.status]} variant="light">
                      {EXTENSION_STATUS_LABEL[ext.status]}
                    </Badge>
                  </Group>
                  {counsel && ext.status === 'REQUESTED' && (
                    <Group gap="xs" mt={4}>
                      {(['GRANTED', 'DENIED', 'WITHDRAWN'] as const).map((status) => (
                        <Button
                          key={status}
                          size="compact-xs"
                          variant={status === 'GRANTED' ? 'filled' : 'default'}
                          onClick={() => (decide.reset(), setDeciding({ extension: ext, status }))}
                        >
                          {EXTENSION_STATUS_LABEL[status]}
                        </Button>
                      ))}
                    </Group>
                  )}
                </li>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {deciding && <DecisionDialog {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

/**
 * Records a decision after confirming it: the day it was made (today in the audit's zone
 * unless changed; never later, never before the request) and an optional note, both logged.
 */
function DecisionDialog({
  extension,
  status,
  onClose,
}: {
  extension: Extension;
  status: Decision;
  onClose: () => void;
}) {
  const audit = useCurrentAudit();
  const decide = useDecideExtension(audit.id);
  const today = todayIn(audit.deadlineTimeZone, new Date());
  const [decidedOn, setDecidedOn] = useState(today);
  const [note, setNote] = useState('');
  const dayProblem = decidedOn ? extensionDecisionDayProblem(decidedOn, extension.requestedOn, today) : null;
  const dayError = dayProblem ? plainMessage('decidedOn', dayProblem) : plainFieldErrors(decide.error).decidedOn;
  return (
    <ConfirmDialog
      opened
      title={`Record the extension as ${EXTENSION_STATUS_LABEL[status].toLowerCase()}?`}
      confirmLabel={`Record as ${EXTENSION_STATUS_LABEL[status].toLowerCase()}`}
      pending={decide.isPending}
      confirmDisabled={!decidedOn || dayProblem !== null}
      error={decide.error && !plainFieldErrors(decide.error).decidedOn ? decide.error : null}
      errorTitle="Decision not recorded"
      onConfirm={() =>
        decide.mutate(
          { extensionId: extension.id, status, decidedOn, ...(note.trim() && { note: note.trim() }) },
          { onSuccess: onClose },
        )
      }
      onClose={onClose}
    >
      {DECISION_EFFECT[status]}
      <Stack gap="xs" mt="sm">
        <TextInput
          label="Decided on"
          description={`Asked ${formatDay(extension.requestedOn)}; the day the decision was made or received, if not today`}
          type="date"
          required
          min={extension.requestedOn}
          max={today}
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          error={dayError}
        />
        <Textarea
          label="Note on the decision"
          description={
            extension.note
              ? 'Kept with the decision, beside the note on the request, and in the audit’s history.'
              : 'Kept with the decision and in the audit’s history.'
          }
          autosize
          minRows={1}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </Stack>
    </ConfirmDialog>
  );
}

function RequestForm({ onDone }: { onDone: () => void }) {
  const audit = useCurrentAudit();
  const request = useRequestExtension(audit.id);
  const zone = audit.deadlineTimeZone;
  // The API's "today": the audit's zone decides which days are still to come, not the browser's.
  const today = todayIn(zone, new Date());
  const form = useForm({
    initialValues: { requestedOn: '', newDeadline: '', newDeadlineChoice: '', note: '' },
    validate: {
      requestedOn: (day) => {
        const problem = day ? extensionRequestDayProblem(day, today) : null;
        return problem && plainMessage('requestedOn', problem);
      },
      // A time the clocks skip is said as it is typed (the field's error below); it also stops the form.
      newDeadline: (local) => skippedTimeProblem(local, zone),
      newDeadlineChoice: (choice, values) => repeatedTimeUnchosen(values.newDeadline, zone, choice),
    },
  });
  const submit = form.onSubmit((values) =>
    request.mutate(
      {
        requestedOn: values.requestedOn,
        newDeadline: chosenTime(values.newDeadline, zone, values.newDeadlineChoice),
        ...(values.note.trim() && { note: values.note }),
      },
      {
        onSuccess: () => {
          form.reset();
          onDone();
        },
        onError: (error) => form.setErrors(plainFieldErrors(error)),
      },
    ),
  );
  const unplaced =
    request.error instanceof ApiError && Object.keys(request.error.fieldErrors).length === 0 ? request.error : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Record an extension request">
      <Stack gap="xs" mb="md">
        {unplaced && <ErrorNotice error={unplaced} title="Not recorded" />}
        <Group grow align="flex-start">
          <TextInput label="Asked on" type="date" required max={today} {...form.getInputProps('requestedOn')} />
          <TextInput
            label={`New deadline (${zone})`}
            type="datetime-local"
            required
            {...form.getInputProps('newDeadline')}
            error={form.errors.newDeadline ?? skippedTimeProblem(form.values.newDeadline, zone)}
          />
        </Group>
        <RepeatedTimeChoice
          local={form.values.newDeadline}
          zone={zone}
          value={form.values.newDeadlineChoice}
          onChange={(choice) => form.setFieldValue('newDeadlineChoice', choice)}
          error={form.errors.newDeadlineChoice}
        />
        <Textarea label="Note" autosize minRows={1} {...form.getInputProps('note')} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button size="xs" type="submit" loading={request.isPending}>
            Record
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
