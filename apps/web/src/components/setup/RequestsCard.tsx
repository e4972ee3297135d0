import { isCounsel } from '@app/domain/audit-access';
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
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { AuditRequest } from '../../api/client';
import {
  moved,
  useDeleteRequest,
  useProvisions,
  useReorder,
  useRequests,
  useSaveRequest,
  useFormTemplates,
  useSubjects,
} from '../../api/queries';
import { plainFieldErrors } from '../../lib/messages';
import { ConfirmDialog } from '../ConfirmDialog';
import { RequestFormCell } from '../forms/RequestFormCell';
import { type RequestRef, RequestFormDialog } from '../forms/RequestFormDialog';
import { useCurrentAudit } from '../layout';
import { Empty, ErrorNotice, QueryState } from '../states';
import { ImportRequestsDialog } from './ImportDialog';
import { RowActions } from './RowActions';
import { SaveTemplateModal } from './SaveTemplateModal';
import { useSetupAction } from './setup-actions';

/** The demanded items: the columns of the grid, numbered as the letter numbers them. */
export function RequestsCard() {
  const audit = useCurrentAudit();
  const requests = useRequests(audit.id);
  const subjects = useSubjects(audit.id);
  const remove = useDeleteRequest(audit.id);
  const reorder = useReorder(audit.id, 'requests');
  const canEdit = isCounsel(audit.myRole);
  const [chosen, setEditing] = useState<AuditRequest | 'new' | null>(null);
  const [addAsked, addDone] = useSetupAction('add-request');
  const [importAsked, importDone] = useSetupAction('import-requests');
  const [importing, setImporting] = useState(false);
  const editing = chosen ?? (addAsked && canEdit ? 'new' : null);
  const closeEditor = () => {
    setEditing(null);
    addDone();
  };
  const [deleting, setDeleting] = useState<AuditRequest | null>(null);
  const subjectName = new Map((subjects.data?.items ?? []).map((s) => [s.id, s.name]));
  const [formOf, setFormOf] = useState<RequestRef | null>(null);

  // The whole list in its new order, in one request: the numbers stay, the requests move between them.
  const move = (items: AuditRequest[], from: number, to: number) => reorder.mutate(moved(items, from, to));
  const [savingTemplate, setSavingTemplate] = useState(false);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="requests-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="requests-heading">
          Requests
        </Title>
        {canEdit && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              disabled={(requests.data?.total ?? 0) === 0}
              onClick={() => setSavingTemplate(true)}
            >
              Save as template
            </Button>
            <Button size="xs" variant="default" onClick={() => setImporting(true)}>
              Import requests
            </Button>
            <Button size="xs" onClick={() => setEditing('new')}>
              Add request
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        What the letter demands, item by item: one column of the grid each. Moving a request changes its number.
      </Text>
      {reorder.error && <ErrorNotice error={reorder.error} title="The order was not saved" />}
      <QueryState query={requests}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No requests yet">Add each numbered item of the letter.</Empty>
          ) : (
            <Table aria-labelledby="requests-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>No.</Table.Th>
                  <Table.Th>Request</Table.Th>
                  <Table.Th>Cites</Table.Th>
                  <Table.Th>Applies to</Table.Th>
                  <Table.Th>Form</Table.Th>
                  {canEdit && (
                    <Table.Th>
                      <VisuallyHidden>Changes</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.ordinal}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {r.text}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.provision ? r.provision.reference : '—'}</Table.Td>
                    <Table.Td>
                      {r.appliesToAll
                        ? 'Every subject'
                        : r.subjectIds.map((id) => subjectName.get(id) ?? 'a removed subject').join(', ')}
                    </Table.Td>
                    <Table.Td>
                      <RequestFormCell
                        request={r}
                        canEdit={canEdit}
                        onOpen={() => setFormOf({ id: r.id, ordinal: r.ordinal, title: r.title })}
                      />
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          name={`request ${r.ordinal}`}
                          moving={reorder.isPending}
                          onUp={i > 0 ? () => move(page.items, i, i - 1) : undefined}
                          onDown={i < page.items.length - 1 ? () => move(page.items, i, i + 1) : undefined}
                          onEdit={() => setEditing(r)}
                          onDelete={() => setDeleting(r)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={closeEditor}
        title={editing === 'new' ? 'Add a request' : `Edit request ${editing?.ordinal ?? ''}`}
        size="xl"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && <RequestForm request={editing === 'new' ? null : editing} onDone={closeEditor} />}
      </Modal>
      {canEdit && <RequestFormDialog request={formOf} onClose={() => setFormOf(null)} />}
      {canEdit && (
        <SaveTemplateModal
          auditId={audit.id}
          requestCount={requests.data?.total ?? 0}
          opened={savingTemplate}
          onClose={() => setSavingTemplate(false)}
        />
      )}
      <ImportRequestsDialog
        opened={canEdit && (importing || importAsked)}
        onClose={() => {
          setImporting(false);
          importDone();
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete request ${deleting?.ordinal ?? ''}?`}
        confirmLabel="Delete request"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not deleted"
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(deleting!.id, { onSuccess: () => setDeleting(null) })}
      >
        “{deleting?.title}” and its column of the grid are deleted. This is refused while any of its responses holds
        work (an answer, a comment or a status other than not started).
      </ConfirmDialog>
    </Card>
  );
}

interface RequestValues {
  ordinal: number | string;
  title: string;
  text: string;
  provisionId: string | null;
  scope: 'all' | 'chosen';
  subjectIds: string[];
  formTemplateId: string | null;
}

function RequestForm({ request, onDone }: { request: AuditRequest | null; onDone: () => void }) {
  const audit = useCurrentAudit();
  const save = useSaveRequest(audit.id);
  const provisions = useProvisions(audit.id);
  const subjects = useSubjects(audit.id);
  const form = useForm<RequestValues>({
    initialValues: {
      ordinal: request?.ordinal ?? '',
      title: request?.title ?? '',
      text: request?.text ?? '',
      provisionId: request?.provision?.id ?? null,
      scope: request && !request.appliesToAll ? 'chosen' : 'all',
      subjectIds: request?.subjectIds ?? [],
      formTemplateId: null,
    },
  });
  // Only a new request takes a form here; an existing one gets its form from the list's Form column.
  const formTemplates = useFormTemplates();
  const submit = form.onSubmit((values) => {
    const appliesToAll = values.scope === 'all';
    save.mutate(
      {
        id: request?.id,
        body: {
          // Left empty on a new request: the API gives it the next free number.
          ...(values.ordinal !== '' && { ordinal: Number(values.ordinal) }),
          title: values.title.trim(),
          text: values.text.trim(),
          provisionId: values.provisionId,
          appliesToAll,
          ...(!appliesToAll && { subjectIds: values.subjectIds }),
          ...(!request && values.formTemplateId && { formTemplateId: values.formTemplateId }),
        },
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          const { appliesToAll, ...errors } = plainFieldErrors(error);
          form.setErrors(appliesToAll ? { ...errors, scope: appliesToAll } : errors);
        },
      },
    );
  });
  const unplaced = save.error && Object.keys(plainFieldErrors(save.error)).length === 0 ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && <ErrorNotice error={unplaced} title="Not saved" />}
        <Group align="flex-start" grow>
          <NumberInput
            label="Number"
            description={request ? 'As the letter numbers it' : 'Leave empty for the next number'}
            min={1}
            max={10_000}
            allowDecimal={false}
            allowNegative={false}
            style={{ maxWidth: 180 }}
            {...form.getInputProps('ordinal')}
          />
          <TextInput
            label="Title"
            description="A short name for the grid, e.g. Use case"
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
        </Group>
        <Textarea
          label="Text of the request"
          description="In full, as the letter puts it"
          required
          autosize
          minRows={4}
          maxRows={14}
          {...form.getInputProps('text')}
        />
        <Select
          label="Cited provision"
          placeholder="None"
          data={(provisions.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.reference} ${p.title}` }))}
          clearable
          searchable
          nothingFoundMessage="No such provision: add it under Provisions"
          {...form.getInputProps('provisionId')}
        />
        <Radio.Group label="Applies to" {...form.getInputProps('scope')}>
          <Group mt="xs">
            <Radio value="all" label="Every subject" />
            <Radio value="chosen" label="Only the subjects chosen below" />
          </Group>
        </Radio.Group>
        {form.values.scope === 'chosen' && (
          <MultiSelect
            label="Subjects"
            placeholder="Choose the subjects"
            data={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            searchable
            {...form.getInputProps('subjectIds')}
          />
        )}
        {!request && (
          <Select
            label="Form"
            description="Optional: the questions every subject answers, from a form template. Without one, subjects answer in free text; a form can be added later."
            placeholder={formTemplates.data?.length === 0 ? 'No form templates yet' : 'No form'}
            data={(formTemplates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            clearable
            searchable
            nothingFoundMessage="No such form template"
            {...form.getInputProps('formTemplateId')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {request ? 'Save request' : 'Add request'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
