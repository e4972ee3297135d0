import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { isCounsel } from '@app/domain/audit-access';
import { ApiError, type Extension } from '../api/client';
import { useDecideExtension, useExtensions, useRequestExtension } from '../api/queries';
import { formatDay, formatInstant } from '../lib/dates';
import { useCurrentAudit } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

const STATUS_COLOR: Record<Extension['status'], string> = {
  REQUESTED: 'blue',
  GRANTED: 'teal',
  DENIED: 'red',
  WITHDRAWN: 'gray',
};

/** The deadline's history: extensions asked for and decided; counsel records both. */
export function ExtensionsCard() {
  const audit = useCurrentAudit();
  const extensions = useExtensions(audit.id);
  const decide = useDecideExtension(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [adding, add] = useDisclosure(false);

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
      {decide.error && <ErrorNotice error={decide.error} title="Decision not recorded" />}
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
                        {ext.decidedOn && `, decided ${formatDay(ext.decidedOn)}`}
                        {ext.previousDeadline &&
                          `; replaced ${formatInstant(ext.previousDeadline, audit.deadlineTimeZone)}`}
                        {ext.recordedBy && ` · recorded by ${ext.recordedBy.name}`}
                      </Text>
                      {ext.note && <Text size="xs">{ext.note}</Text>}
                    </div>
                    <Badge color={STATUS_COLOR[ext.status]} variant="light">
                      {ext.status.toLowerCase()}
                    </Badge>
                  </Group>
                  {counsel && ext.status === 'REQUESTED' && (
                    <Group gap="xs" mt={4}>
                      {(['GRANTED', 'DENIED', 'WITHDRAWN'] as const).map((status) => (
                        <Button
                          key={status}
                          size="compact-xs"
                          variant={status === 'GRANTED' ? 'filled' : 'default'}
                          loading={
                            decide.isPending &&
                            decide.variables?.extensionId === ext.id &&
                            decide.variables.status === status
                          }
                          onClick={() => decide.mutate({ extensionId: ext.id, status })}
                        >
                          {{ GRANTED: 'Granted', DENIED: 'Denied', WITHDRAWN: 'Withdrawn' }[status]}
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
    </Card>
  );
}

function RequestForm({ onDone }: { onDone: () => void }) {
  const audit = useCurrentAudit();
  const request = useRequestExtension(audit.id);
  const form = useForm({ initialValues: { requestedOn: '', newDeadline: '', note: '' } });
  const submit = form.onSubmit((values) =>
    request.mutate(
      {
        requestedOn: values.requestedOn,
        newDeadline: values.newDeadline,
        ...(values.note.trim() && { note: values.note }),
      },
      {
        onSuccess: () => {
          form.reset();
          onDone();
        },
        onError: (error) => error instanceof ApiError && form.setErrors(error.fieldErrors),
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
          <TextInput label="Asked on" type="date" required {...form.getInputProps('requestedOn')} />
          <TextInput
            label={`New deadline (${audit.deadlineTimeZone})`}
            type="datetime-local"
            required
            {...form.getInputProps('newDeadline')}
          />
        </Group>
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
