// The privilege log (FRCP 26(b)(5)(A)): every document withheld or redacted on a privilege
// ground, or a class of them, described without revealing what is privileged; counsel add,
// edit and remove entries; everyone downloads it as CSV, Excel or PDF.
import { isCounsel } from '@app/domain/audit-access';
import { PRIVILEGE_LABEL, TREATMENT_LABEL } from '@app/domain/productions';
import {
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  type PrivilegeLogEntry,
  type PrivilegeLogEntryInput,
  type PrivilegeTreatment,
  type PrivilegeType,
  privilegeLogExportUrl,
  useDeleteLogEntry,
  usePrivilegeLog,
  useReleasableEvidence,
  useRequests,
  useSaveLogEntry,
} from '../api/queries';
import { formatDay } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';
import { RowActions } from './TableCells';

const PRIVILEGES = (Object.keys(PRIVILEGE_LABEL) as PrivilegeType[]).map((value) => ({
  value,
  label: PRIVILEGE_LABEL[value],
}));

const EXPORTS = [
  { format: 'pdf', label: 'PDF' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'csv', label: 'CSV' },
] as const;

/** "3 documents, Mar 1, 2023 – Apr 2, 2023" for a class; the document's date otherwise. */
function entryDate(e: PrivilegeLogEntry): string {
  if (!e.categorical) return formatDay(e.documentDate);
  const range = e.dateFrom || e.dateTo ? `${formatDay(e.dateFrom)} – ${formatDay(e.dateTo)}` : 'undated';
  return range;
}

const privilegeText = (e: PrivilegeLogEntry) =>
  e.privilege === 'OTHER' && e.privilegeOther ? e.privilegeOther : PRIVILEGE_LABEL[e.privilege];

const entryName = (e: PrivilegeLogEntry) => `entry ${e.number} (${e.documentType})`;

export function PrivilegeLogCard() {
  const audit = useCurrentAudit();
  const log = usePrivilegeLog(audit.id);
  const remove = useDeleteLogEntry(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [editing, setEditing] = useState<PrivilegeLogEntry | 'new' | null>(null);
  const [removing, setRemoving] = useState<PrivilegeLogEntry | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="privilege-log-heading">
      <Group justify="space-between" mb="sm" align="flex-start">
        <div>
          <Title order={2} size="h4" id="privilege-log-heading">
            Privilege log
          </Title>
          <Text size="sm" c="dimmed">
            Documents withheld or redacted as privileged, described without revealing what is privileged.
          </Text>
        </div>
        <Group gap="xs">
          {EXPORTS.map((x) => (
            <Button
              key={x.format}
              component="a"
              href={privilegeLogExportUrl(audit.id, x.format)}
              download
              size="xs"
              variant="default"
              aria-label={`Download the privilege log as ${x.label}`}
            >
              {x.label}
            </Button>
          ))}
          {counsel && (
            <Button size="xs" onClick={() => setEditing('new')}>
              Add entry
            </Button>
          )}
        </Group>
      </Group>
      <QueryState query={log} label="Loading the privilege log…">
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="Nothing logged">Nothing has been withheld or redacted as privileged.</Empty>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table aria-labelledby="privilege-log-heading" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>No.</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Document</Table.Th>
                    <Table.Th>Author and recipients</Table.Th>
                    <Table.Th>Description</Table.Th>
                    <Table.Th>Privilege asserted</Table.Th>
                    <Table.Th>Withheld or redacted</Table.Th>
                    <Table.Th>Responds to</Table.Th>
                    {counsel && (
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.number}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{entryDate(e)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {e.documentType}
                          {e.categorical && ` (${e.documentCount ?? '?'} documents)`}
                        </Text>
                        {e.document && (
                          <Text size="xs" c="dimmed">
                            {e.document.fileName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {e.author && <Text size="sm">From: {e.author}</Text>}
                        {e.recipientsTo.length > 0 && <Text size="sm">To: {e.recipientsTo.join('; ')}</Text>}
                        {e.recipientsCc.length > 0 && <Text size="sm">Cc: {e.recipientsCc.join('; ')}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.description}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{privilegeText(e)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{TREATMENT_LABEL[e.treatment]}</Text>
                        {e.batesBegin && (
                          <Text size="xs" c="dimmed">
                            {e.batesEnd && e.batesEnd !== e.batesBegin
                              ? `${e.batesBegin} – ${e.batesEnd}`
                              : e.batesBegin}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.requests.map((r) => `Request ${r.ordinal}`).join(', ') || '—'}</Text>
                      </Table.Td>
                      {counsel && (
                        <Table.Td>
                          <RowActions
                            actions={[
                              {
                                label: 'Edit',
                                ariaLabel: `Edit ${entryName(e)}`,
                                variant: 'default',
                                onClick: () => setEditing(e),
                              },
                              {
                                label: 'Remove',
                                ariaLabel: `Remove ${entryName(e)}`,
                                danger: true,
                                onClick: () => setRemoving(e),
                              },
                            ]}
                          />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add a privilege log entry' : `Edit entry ${editing?.number ?? ''}`}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && <EntryForm entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing ? entryName(removing) : ''} from the privilege log?`}
        confirmLabel="Remove entry"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not removed"
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(removing!.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', title: 'Entry removed', message: entryName(removing!) });
              setRemoving(null);
            },
          })
        }
      >
        The entry leaves the log and its number is not used again; the audit history keeps a record of it. A document no
        longer logged as withheld may then be produced.
      </ConfirmDialog>
    </Card>
  );
}

interface EntryFields {
  categorical: boolean;
  evidenceVersionId: string | null;
  documentDate: string;
  documentCount: number | null;
  dateFrom: string;
  dateTo: string;
  documentType: string;
  author: string;
  recipientsTo: string[];
  recipientsCc: string[];
  description: string;
  privilege: PrivilegeType;
  privilegeOther: string;
  treatment: PrivilegeTreatment;
  batesBegin: string;
  batesEnd: string;
  requestIds: string[];
}

const fieldsOf = (e: PrivilegeLogEntry | null): EntryFields => ({
  categorical: e?.categorical ?? false,
  evidenceVersionId: e?.document?.evidenceVersionId ?? null,
  documentDate: e?.documentDate ?? '',
  documentCount: e?.documentCount ?? null,
  dateFrom: e?.dateFrom ?? '',
  dateTo: e?.dateTo ?? '',
  documentType: e?.documentType ?? '',
  author: e?.author ?? '',
  recipientsTo: e?.recipientsTo ?? [],
  recipientsCc: e?.recipientsCc ?? [],
  description: e?.description ?? '',
  privilege: e?.privilege ?? 'ATTORNEY_CLIENT',
  privilegeOther: e?.privilegeOther ?? '',
  treatment: e?.treatment ?? 'WITHHELD',
  batesBegin: e?.batesBegin ?? '',
  batesEnd: e?.batesEnd ?? '',
  requestIds: e?.requests.map((r) => r.id) ?? [],
});

/** The whole entry as the API takes it: only the fields that apply to its kind and treatment. */
function inputOf(f: EntryFields): PrivilegeLogEntryInput {
  const text = (s: string) => s.trim() || null;
  return {
    categorical: f.categorical,
    evidenceVersionId: f.categorical ? null : f.evidenceVersionId,
    documentDate: f.categorical ? null : text(f.documentDate),
    documentCount: f.categorical ? f.documentCount : null,
    dateFrom: f.categorical ? text(f.dateFrom) : null,
    dateTo: f.categorical ? text(f.dateTo) : null,
    documentType: f.documentType,
    author: text(f.author),
    recipientsTo: f.recipientsTo,
    recipientsCc: f.recipientsCc,
    description: f.description,
    privilege: f.privilege,
    privilegeOther: f.privilege === 'OTHER' ? text(f.privilegeOther) : null,
    treatment: f.treatment,
    batesBegin: f.treatment === 'REDACTED' ? text(f.batesBegin) : null,
    batesEnd: f.treatment === 'REDACTED' ? text(f.batesEnd) : null,
    requestIds: f.requestIds,
  };
}

function EntryForm({ entry, onDone }: { entry: PrivilegeLogEntry | null; onDone: () => void }) {
  const audit = useCurrentAudit();
  const save = useSaveLogEntry(audit.id);
  const evidence = useReleasableEvidence(audit.id, true);
  const requests = useRequests(audit.id);
  const form = useForm<EntryFields>({ initialValues: fieldsOf(entry) });
  // Which fields apply depends on the kind and treatment chosen: the form follows them as they change.
  const f = form.getValues();

  const documents = (evidence.data?.items ?? []).map((v) => ({
    value: v.evidenceVersionId,
    label: `${v.title} (${v.fileName}, version ${v.versionNumber})`,
  }));
  // An entry may log a version no longer approved for release: it stays choosable.
  if (entry?.document && !documents.some((d) => d.value === entry.document!.evidenceVersionId))
    documents.unshift({
      value: entry.document.evidenceVersionId,
      label: `${entry.document.title} (${entry.document.fileName}, version ${entry.document.versionNumber})`,
    });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { entryId: entry?.id ?? null, body: inputOf(values) },
          {
            onError: (error) => form.setErrors(plainFieldErrors(error)),
            onSuccess: (saved) => {
              notifications.show({
                color: 'teal',
                title: entry ? 'Entry saved' : 'Entry added',
                message: `Entry ${saved.number}: ${saved.documentType}`,
              });
              onDone();
            },
          },
        ),
      )}
    >
      <Stack>
        {save.error && <ErrorNotice error={save.error} title="Not saved" />}
        <Radio.Group
          label="The entry covers"
          value={f.categorical ? 'class' : 'one'}
          onChange={(value) => form.setFieldValue('categorical', value === 'class')}
        >
          <Group mt={4}>
            <Radio value="one" label="One document" />
            <Radio value="class" label="A class of documents" />
          </Group>
        </Radio.Group>
        {f.categorical ? (
          <Group grow align="flex-start">
            <NumberInput
              label="Number of documents"
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('documentCount')}
              value={f.documentCount ?? ''}
              onChange={(n) => form.setFieldValue('documentCount', typeof n === 'number' ? n : null)}
            />
            <TextInput label="Earliest dated" type="date" {...form.getInputProps('dateFrom')} />
            <TextInput label="Latest dated" type="date" {...form.getInputProps('dateTo')} />
          </Group>
        ) : (
          <Group grow align="flex-start">
            <Select
              label="Document"
              description="The evidence file logged, if it is in AuditDesk"
              placeholder="Not in AuditDesk"
              clearable
              searchable
              data={documents}
              {...form.getInputProps('evidenceVersionId')}
            />
            <TextInput label="Document dated" type="date" {...form.getInputProps('documentDate')} />
          </Group>
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Type of document"
            description="E.g. Email, Memorandum"
            required
            {...form.getInputProps('documentType')}
          />
          <TextInput label="Author" {...form.getInputProps('author')} />
        </Group>
        <Group grow align="flex-start">
          <TagsInput
            label="To"
            description="Press Enter after each recipient"
            {...form.getInputProps('recipientsTo')}
          />
          <TagsInput
            label="Cc"
            description="Press Enter after each recipient"
            {...form.getInputProps('recipientsCc')}
          />
        </Group>
        <Textarea
          label="Description"
          description="Enough for the other side to assess the claim, without revealing what is privileged"
          required
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <Group grow align="flex-start">
          <Select
            label="Privilege asserted"
            required
            allowDeselect={false}
            data={PRIVILEGES}
            {...form.getInputProps('privilege')}
          />
          {f.privilege === 'OTHER' && (
            <TextInput label="Which privilege" required {...form.getInputProps('privilegeOther')} />
          )}
        </Group>
        <Radio.Group label="Withheld or redacted" {...form.getInputProps('treatment')}>
          <Group mt={4}>
            <Radio value="WITHHELD" label="Withheld in full" />
            <Radio value="REDACTED" label="Produced with redactions" />
          </Group>
        </Radio.Group>
        {f.treatment === 'REDACTED' && (
          <Group grow align="flex-start">
            <TextInput label="First Bates number" required={!f.categorical} {...form.getInputProps('batesBegin')} />
            <TextInput label="Last Bates number" {...form.getInputProps('batesEnd')} />
          </Group>
        )}
        <MultiSelect
          label="Responds to"
          description="The requests the document responds to"
          searchable
          data={(requests.data?.items ?? []).map((r) => ({ value: r.id, label: `Request ${r.ordinal}: ${r.title}` }))}
          {...form.getInputProps('requestIds')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entry ? 'Save entry' : 'Add entry'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
