// The correspondence log with the other side: letters, emails, calls and meetings, newest
// first, at times shown in the user's zone. The demand letter is its first entry (made when
// the letter is attached under Documents). Counsel log, edit and delete entries and attach
// files; everyone searches, filters, downloads files and exports the log.
import { isCounsel } from '@app/domain/audit-access';
import { CORRESPONDENCE_CHANNEL_LABEL, CORRESPONDENCE_DIRECTION_LABEL } from '@app/domain/correspondence';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError } from '../api/client';
import {
  type Correspondence,
  type CorrespondenceChannel,
  type CorrespondenceDirection,
  type CorrespondenceFilters,
  CORRESPONDENCE_PAGE_SIZE,
  correspondenceExportUrl,
  useAttachToCorrespondence,
  useCorrespondence,
  useDeleteCorrespondence,
  useExtensions,
  useRemoveCorrespondenceAttachment,
  useRequests,
  useSaveCorrespondence,
} from '../api/queries';
import { formatDay, formatInstant } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { plainFieldErrors } from '../lib/messages';
import { EXTENSION_STATUS_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Pages } from './pagination';
import { Empty, ErrorNotice, QueryState } from './states';
import { chosenTime, RepeatedTimeChoice, repeatedTimeUnchosen, storedChoice } from './RepeatedTimeChoice';
import { TimeZoneSelect } from './TimeZoneSelect';

const DIRECTIONS = (Object.keys(CORRESPONDENCE_DIRECTION_LABEL) as CorrespondenceDirection[]).map((value) => ({
  value,
  label: CORRESPONDENCE_DIRECTION_LABEL[value],
}));
const CHANNELS = (Object.keys(CORRESPONDENCE_CHANNEL_LABEL) as CorrespondenceChannel[]).map((value) => ({
  value,
  label: CORRESPONDENCE_CHANNEL_LABEL[value],
}));
const EXPORTS = [
  { format: 'xlsx', label: 'Excel' },
  { format: 'csv', label: 'CSV' },
  { format: 'pdf', label: 'PDF' },
] as const;

export function CorrespondenceCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const counsel = isCounsel(audit.myRole);
  const requests = useRequests(audit.id);
  const [filters, setFilters] = useState<CorrespondenceFilters>({});
  const [page, setPage] = useState(1);
  const log = useCorrespondence(audit.id, filters, page);
  const remove = useDeleteCorrespondence(audit.id);
  const [editing, setEditing] = useState<Correspondence | 'new' | null>(null);
  const [removing, setRemoving] = useState<Correspondence | null>(null);
  const filter = (change: CorrespondenceFilters) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const requestOptions = (requests.data?.items ?? []).map((r) => ({
    value: r.id,
    label: `Request ${r.ordinal}: ${r.title}`,
  }));

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="correspondence-heading">
      <Group justify="space-between" mb="sm" align="flex-start">
        <div>
          <Title order={2} size="h4" id="correspondence-heading">
            Correspondence
          </Title>
          <Text size="sm" c="dimmed">
            Letters, emails, calls and meetings with the other side, newest first; times in your zone ({me.timeZone}).
          </Text>
        </div>
        <Group gap="xs">
          {EXPORTS.map((x) => (
            <Button
              key={x.format}
              component="a"
              href={correspondenceExportUrl(audit.id, x.format, filters)}
              download
              size="xs"
              variant="default"
              aria-label={`${x.label}: download the correspondence`}
            >
              {x.label}
            </Button>
          ))}
          {counsel && (
            <Button size="xs" onClick={() => setEditing('new')}>
              Log correspondence
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs" mb="md" align="flex-end" role="search" aria-label="Search the correspondence">
        <TextInput
          label="Search"
          placeholder="Subject, summary, from or to"
          value={filters.q ?? ''}
          onChange={(e) => filter({ q: e.currentTarget.value })}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Select
          label="Direction"
          placeholder="Any"
          clearable
          data={DIRECTIONS}
          value={filters.direction ?? null}
          onChange={(v) => filter({ direction: (v as CorrespondenceDirection) ?? undefined })}
          w={130}
        />
        <Select
          label="Channel"
          placeholder="Any"
          clearable
          data={CHANNELS}
          value={filters.channel ?? null}
          onChange={(v) => filter({ channel: (v as CorrespondenceChannel) ?? undefined })}
          w={130}
        />
        <Select
          label="Request"
          placeholder="Any"
          clearable
          searchable
          data={requestOptions}
          value={filters.requestId ?? null}
          onChange={(v) => filter({ requestId: v ?? undefined })}
          w={220}
        />
      </Group>
      <QueryState query={log} label="Loading the correspondence…">
        {(result) =>
          result.items.length === 0 ? (
            <Empty title={result.total === 0 && !hasFilter(filters) ? 'No correspondence yet' : 'Nothing matches'}>
              {hasFilter(filters)
                ? 'No entry matches the search and filters.'
                : 'Attach the demand letter under Documents to start the log, or log an exchange here.'}
            </Empty>
          ) : (
            <Stack gap="sm">
              <Stack gap="sm" component="ol" aria-label="Correspondence, newest first" style={listStyle}>
                {result.items.map((entry) => (
                  <EntryItem
                    key={entry.id}
                    entry={entry}
                    counsel={counsel}
                    onEdit={() => setEditing(entry)}
                    onRemove={() => setRemoving(entry)}
                  />
                ))}
              </Stack>
              {result.total > CORRESPONDENCE_PAGE_SIZE && (
                <Pages
                  label="Correspondence pages"
                  total={Math.ceil(result.total / CORRESPONDENCE_PAGE_SIZE)}
                  value={page}
                  onChange={setPage}
                />
              )}
            </Stack>
          )
        }
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Log correspondence' : 'Edit correspondence'}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && (
          <EntryForm
            entry={editing === 'new' ? null : editing}
            requestOptions={requestOptions}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={`Delete “${removing?.subject ?? ''}”?`}
        confirmLabel="Delete entry"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not deleted"
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(removing!.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', title: 'Entry deleted', message: removing!.subject });
              setRemoving(null);
            },
          })
        }
      >
        The entry leaves the log
        {removing && removing.attachments.length > 0
          ? `, and its ${removing.attachments.length === 1 ? 'file leaves' : `${removing.attachments.length} files leave`} the audit's documents`
          : ''}
        . The audit history keeps a record of it.
      </ConfirmDialog>
    </Card>
  );
}

const listStyle = { listStyle: 'none', padding: 0, margin: 0 } as const;

const hasFilter = (f: CorrespondenceFilters) => Boolean(f.q?.trim() || f.direction || f.channel || f.requestId);

function EntryItem({
  entry,
  counsel,
  onEdit,
  onRemove,
}: {
  entry: Correspondence;
  counsel: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const attach = useAttachToCorrespondence(audit.id);
  const detach = useRemoveCorrespondenceAttachment(audit.id);
  const [uploading, setUploading] = useState<string | null>(null);
  const [detaching, setDetaching] = useState<Correspondence['attachments'][number] | null>(null);
  const headingId = `correspondence-${entry.id}`;

  const upload = async (files: File[]) => {
    attach.reset();
    try {
      // One request per file, in the order chosen.
      for (const file of files) {
        setUploading(file.name);
        await attach.mutateAsync({ entryId: entry.id, file });
      }
    } catch {
      // Shown below from attach.error.
    } finally {
      setUploading(null);
    }
  };

  return (
    <Card component="li" withBorder padding="sm" radius="sm" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Badge variant="light" color={entry.direction === 'RECEIVED' ? 'blue' : 'teal'}>
              {CORRESPONDENCE_DIRECTION_LABEL[entry.direction]}
            </Badge>
            <Badge variant="outline" color="gray">
              {CORRESPONDENCE_CHANNEL_LABEL[entry.channel]}
            </Badge>
            {entry.demandLetter && <Badge color="grape">Demand letter</Badge>}
            <Text size="sm" c="dimmed">
              <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt, me.timeZone)}</time>
              {entry.timeZone !== me.timeZone &&
                ` (${formatInstant(entry.occurredAt, entry.timeZone)} as stated, ${entry.timeZone})`}
            </Text>
          </Group>
          <Title order={3} size="h5" mt={4} id={headingId}>
            {entry.subject}
          </Title>
          <Text size="sm">
            From {entry.from} to {entry.to}
          </Text>
          {entry.summary && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {entry.summary}
            </Text>
          )}
          {entry.requests.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              Concerns {entry.requests.map((r) => `request ${r.ordinal} (${r.title})`).join(', ')}
            </Text>
          )}
          {entry.extension && (
            <Text size="xs" c="dimmed">
              Extension asked {formatDay(entry.extension.requestedOn)} to{' '}
              {formatInstant(entry.extension.newDeadline, audit.deadlineTimeZone)} (
              {EXTENSION_STATUS_LABEL[entry.extension.status].toLowerCase()})
            </Text>
          )}
          {entry.attachments.length > 0 && (
            <Stack gap={2} mt={6} component="ul" aria-label={`Files of ${entry.subject}`} style={listStyle}>
              {entry.attachments.map((a) => (
                <li key={a.id}>
                  <Text size="xs">
                    <Anchor href={a.downloadUrl} download aria-label={`${a.title}: download ${a.file.fileName}`}>
                      {a.title}
                    </Anchor>{' '}
                    · {formatBytes(a.file.sizeBytes)} · SHA-256{' '}
                    <span title={a.file.sha256}>{a.file.sha256.slice(0, 12)}…</span>
                    {counsel && (
                      <>
                        {' '}
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${a.title} from ${entry.subject}`}
                          onClick={() => setDetaching(a)}
                        >
                          Remove
                        </Button>
                      </>
                    )}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
          {uploading && (
            <Text size="xs" c="dimmed" mt={4} role="status">
              Uploading {uploading}…
            </Text>
          )}
          {attach.error && <ErrorNotice error={attach.error} title="File not attached" />}
          <ConfirmDialog
            opened={detaching !== null}
            title={`Remove “${detaching?.title ?? ''}”?`}
            confirmLabel="Remove file"
            color="red"
            pending={detach.isPending}
            error={detach.error}
            errorTitle="Not removed"
            onClose={() => {
              setDetaching(null);
              detach.reset();
            }}
            onConfirm={() =>
              detach.mutate(
                { entry, attachmentId: detaching!.id },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', title: 'File removed', message: detaching!.title });
                    setDetaching(null);
                  },
                },
              )
            }
          >
            The file leaves this entry and the audit&apos;s documents; its stored copy is deleted unless another record
            holds the same file. The audit history keeps a record of it.
          </ConfirmDialog>
        </div>
        {counsel && (
          <Group gap={4} wrap="nowrap">
            <FileButton onChange={(files) => void upload(files)} multiple>
              {(props) => (
                <Button
                  {...props}
                  size="compact-xs"
                  variant="default"
                  loading={uploading !== null}
                  aria-label={`Attach files to ${entry.subject}`}
                >
                  Attach
                </Button>
              )}
            </FileButton>
            <Button size="compact-xs" variant="default" aria-label={`Edit ${entry.subject}`} onClick={onEdit}>
              Edit
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              aria-label={`Delete ${entry.subject}`}
              onClick={onRemove}
            >
              Delete
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}

interface EntryFields {
  occurredAt: string;
  timeZone: string;
  /** Which of the two readings is meant when the time happens twice that day (RepeatedTimeChoice). */
  occurredAtChoice: string;
  direction: CorrespondenceDirection;
  channel: CorrespondenceChannel;
  from: string;
  to: string;
  subject: string;
  summary: string;
  requestIds: string[];
  extensionId: string | null;
}

/** The time as it was stated, in the field's "YYYY-MM-DDTHH:mm" form. */
const statedTime = (e: Correspondence) => e.occurredAtLocal.slice(0, 16);

function EntryForm({
  entry,
  requestOptions,
  onDone,
}: {
  entry: Correspondence | null;
  requestOptions: { value: string; label: string }[];
  onDone: () => void;
}) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const save = useSaveCorrespondence(audit.id);
  const extensions = useExtensions(audit.id);
  const form = useForm<EntryFields>({
    initialValues: {
      occurredAt: entry ? statedTime(entry) : '',
      timeZone: entry?.timeZone ?? me.timeZone,
      occurredAtChoice: entry ? storedChoice(entry.occurredAtLocal, entry.timeZone) : '',
      direction: entry?.direction ?? 'RECEIVED',
      channel: entry?.channel ?? 'EMAIL',
      from: entry?.from ?? '',
      to: entry?.to ?? '',
      subject: entry?.subject ?? '',
      summary: entry?.summary ?? '',
      requestIds: entry?.requests.map((r) => r.id) ?? [],
      extensionId: entry?.extension?.id ?? null,
    },
    validate: {
      occurredAt: (v) => (v ? null : 'Enter when it was sent, received or held'),
      occurredAtChoice: (choice, values) => repeatedTimeUnchosen(values.occurredAt, values.timeZone, choice),
      from: (v) => (v.trim() ? null : 'Enter who it came from'),
      to: (v) => (v.trim() ? null : 'Enter who it went to'),
      subject: (v) => (v.trim() ? null : 'Enter a subject'),
    },
  });
  const extensionOptions = (extensions.data?.items ?? []).map((x) => ({
    value: x.id,
    label: `Asked ${formatDay(x.requestedOn)} to ${formatInstant(x.newDeadline, audit.deadlineTimeZone)} (${EXTENSION_STATUS_LABEL[x.status].toLowerCase()})`,
  }));
  const unplaced =
    save.error instanceof ApiError && Object.keys(save.error.fieldErrors).filter((f) => f !== 'version').length === 0
      ? save.error
      : null;

  return (
    <form
      noValidate
      aria-label={entry ? 'Edit correspondence' : 'Log correspondence'}
      onSubmit={form.onSubmit(({ occurredAtChoice, ...values }) =>
        save.mutate(
          {
            entry,
            body: {
              ...values,
              occurredAt: chosenTime(values.occurredAt, values.timeZone, occurredAtChoice),
              summary: values.summary.trim() || null,
              extensionId: values.extensionId || null,
            },
          },
          {
            onSuccess: () => {
              notifications.show({
                color: 'teal',
                title: entry ? 'Entry saved' : 'Entry logged',
                message: values.subject,
              });
              onDone();
            },
            onError: (error) => form.setErrors(plainFieldErrors(error)),
          },
        ),
      )}
    >
      <Stack gap="xs">
        {unplaced && (
          <ErrorNotice
            error={unplaced}
            title={unplaced.code === 'VERSION_CONFLICT' ? 'Someone else changed this entry' : 'Not saved'}
          />
        )}
        <Group grow align="flex-start">
          <TextInput label="Date and time" type="datetime-local" required {...form.getInputProps('occurredAt')} />
          <TimeZoneSelect description="The zone the time was stated in" {...form.getInputProps('timeZone')} />
        </Group>
        <RepeatedTimeChoice
          local={form.values.occurredAt}
          zone={form.values.timeZone}
          value={form.values.occurredAtChoice}
          onChange={(choice) => form.setFieldValue('occurredAtChoice', choice)}
          error={form.errors.occurredAtChoice}
        />
        <Group grow align="flex-start">
          <Select
            label="Direction"
            required
            allowDeselect={false}
            data={DIRECTIONS}
            {...form.getInputProps('direction')}
          />
          <Select label="Channel" required allowDeselect={false} data={CHANNELS} {...form.getInputProps('channel')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="From" required {...form.getInputProps('from')} />
          <TextInput label="To" required {...form.getInputProps('to')} />
        </Group>
        <TextInput label="Subject" required {...form.getInputProps('subject')} />
        <Textarea label="Summary" autosize minRows={3} maxRows={10} {...form.getInputProps('summary')} />
        <MultiSelect label="Concerns requests" searchable data={requestOptions} {...form.getInputProps('requestIds')} />
        <Select
          label="Extension"
          description="When it asks for or grants an extension recorded under Extensions"
          clearable
          data={extensionOptions}
          {...form.getInputProps('extensionId')}
        />
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entry ? 'Save' : 'Log'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
