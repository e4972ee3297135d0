import { canOwnWork, isCounsel } from '@app/domain/audit-access';
import {
  Button,
  Card,
  Group,
  Modal,
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
import type { Subject } from '../../api/client';
import { useDeleteSubject, useMembers, useReorderSubjects, useSaveSubject, useSubjects } from '../../api/queries';
import { plainFieldErrors } from '../../lib/messages';
import { ConfirmDialog } from '../ConfirmDialog';
import { useCurrentAudit } from '../layout';
import { Empty, ErrorNotice, QueryState } from '../states';
import { ImportSubjectsDialog } from './ImportDialog';
import { optionalText, RowActions } from './RowActions';
import { useSetupAction } from './setup-actions';

/** The audited apps or systems: the rows of the grid, in the order the demand lists them. */
export function SubjectsCard() {
  const audit = useCurrentAudit();
  const subjects = useSubjects(audit.id);
  const remove = useDeleteSubject(audit.id);
  const reorder = useReorderSubjects(audit.id);
  const canEdit = isCounsel(audit.myRole);
  const [chosen, setEditing] = useState<Subject | 'new' | null>(null);
  const [addAsked, addDone] = useSetupAction('add-subject');
  const [importAsked, importDone] = useSetupAction('import-subjects');
  const [importing, setImporting] = useState(false);
  const editing = chosen ?? (addAsked && canEdit ? 'new' : null);
  const closeEditor = () => {
    setEditing(null);
    addDone();
  };
  const [deleting, setDeleting] = useState<Subject | null>(null);

  const move = (items: Subject[], from: number, to: number) => {
    const ordered = [...items];
    [ordered[from], ordered[to]] = [ordered[to], ordered[from]];
    reorder.mutate(ordered);
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="subjects-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="subjects-heading">
          Subjects
        </Title>
        {canEdit && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setImporting(true)}>
              Import subjects
            </Button>
            <Button size="xs" onClick={() => setEditing('new')}>
              Add subject
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The apps or systems the demand is about: one row of the grid each.
      </Text>
      {reorder.error && <ErrorNotice error={reorder.error} title="The order was not fully saved" />}
      <QueryState query={subjects}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No subjects yet">Add each app or system the letter names.</Empty>
          ) : (
            <Table aria-labelledby="subjects-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  {canEdit && (
                    <Table.Th>
                      <VisuallyHidden>Changes</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((s, i) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{s.product ?? '—'}</Table.Td>
                    <Table.Td>{s.owner?.name ?? 'No owner'}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          name={s.name}
                          moving={reorder.isPending}
                          onUp={i > 0 ? () => move(page.items, i, i - 1) : undefined}
                          onDown={i < page.items.length - 1 ? () => move(page.items, i, i + 1) : undefined}
                          onEdit={() => setEditing(s)}
                          onDelete={() => setDeleting(s)}
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
        title={editing === 'new' ? 'Add a subject' : `Edit ${editing?.name ?? ''}`}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && <SubjectForm subject={editing === 'new' ? null : editing} onDone={closeEditor} />}
      </Modal>
      <ImportSubjectsDialog
        opened={canEdit && (importing || importAsked)}
        onClose={() => {
          setImporting(false);
          importDone();
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete subject"
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
        The subject and its row of the grid are deleted. This is refused while any of its responses holds work (an
        answer, a comment or a status other than not started).
      </ConfirmDialog>
    </Card>
  );
}

function SubjectForm({ subject, onDone }: { subject: Subject | null; onDone: () => void }) {
  const audit = useCurrentAudit();
  const save = useSaveSubject(audit.id);
  const members = useMembers(audit.id);
  // An owner may answer the subject's responses: any member who can write.
  const owners = (members.data?.items ?? [])
    .filter((m) => canOwnWork(m.role))
    .map((m) => ({ value: m.userId, label: m.name }));
  const form = useForm({
    initialValues: {
      name: subject?.name ?? '',
      product: subject?.product ?? '',
      ownerId: subject?.owner?.id ?? null,
      description: subject?.description ?? '',
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        id: subject?.id,
        body: {
          name: values.name.trim(),
          product: optionalText(values.product),
          ownerId: values.ownerId,
          description: optionalText(values.description),
        },
      },
      { onSuccess: onDone, onError: (error) => form.setErrors(plainFieldErrors(error)) },
    ),
  );
  const unplaced = save.error && Object.keys(plainFieldErrors(save.error)).length === 0 ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && <ErrorNotice error={unplaced} title="Not saved" />}
        <TextInput
          label="Name"
          description="The app or system, e.g. Bing Pages"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput label="Product" description="The product it belongs to, if any" {...form.getInputProps('product')} />
        <Select
          label="Owner"
          description="The member who answers for it; members are added under Members"
          placeholder="No owner"
          data={owners}
          clearable
          searchable
          nothingFoundMessage="No member with that name"
          {...form.getInputProps('ownerId')}
        />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {subject ? 'Save subject' : 'Add subject'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
