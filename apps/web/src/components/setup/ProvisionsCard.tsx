import { isCounsel } from '@app/domain/audit-access';
import {
  Button,
  Card,
  Group,
  Modal,
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
import type { Schemas } from '../../api/client';
import { moved, useDeleteProvision, useProvisions, useReorder, useSaveProvision } from '../../api/queries';
import { plainFieldErrors } from '../../lib/messages';
import { ConfirmDialog } from '../ConfirmDialog';
import { useCurrentAudit } from '../layout';
import { Empty, ErrorNotice, QueryState } from '../states';
import { optionalText, RowActions } from './RowActions';

type Provision = Schemas['ProvisionDto'];

/** The clauses of the agreement that requests cite. */
export function ProvisionsCard() {
  const audit = useCurrentAudit();
  const provisions = useProvisions(audit.id);
  const remove = useDeleteProvision(audit.id);
  const reorder = useReorder(audit.id, 'provisions');
  const canEdit = isCounsel(audit.myRole);
  const [editing, setEditing] = useState<Provision | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provision | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="provisions-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="provisions-heading">
          Provisions
        </Title>
        {canEdit && (
          <Button size="xs" onClick={() => setEditing('new')}>
            Add provision
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The clauses of the agreement that the requests cite.
      </Text>
      {reorder.error && <ErrorNotice error={reorder.error} title="The order was not saved" />}
      <QueryState query={provisions}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No provisions yet">Add the clauses the letter relies on, e.g. the audit clause.</Empty>
          ) : (
            <Table aria-labelledby="provisions-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Clause</Table.Th>
                  <Table.Th>Title</Table.Th>
                  {canEdit && (
                    <Table.Th>
                      <VisuallyHidden>Changes</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((p, i) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.reference}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.title}</Text>
                      {p.text && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {p.text}
                        </Text>
                      )}
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          name={`provision ${p.reference}`}
                          moving={reorder.isPending}
                          onUp={i > 0 ? () => reorder.mutate(moved(page.items, i, i - 1)) : undefined}
                          onDown={
                            i < page.items.length - 1 ? () => reorder.mutate(moved(page.items, i, i + 1)) : undefined
                          }
                          onEdit={() => setEditing(p)}
                          onDelete={() => setDeleting(p)}
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
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add a provision' : `Edit provision ${editing?.reference ?? ''}`}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && (
          <ProvisionForm provision={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete provision ${deleting?.reference ?? ''}?`}
        confirmLabel="Delete provision"
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
        {deleting?.title} will be removed from this audit. Requests that cite it must cite another provision first.
      </ConfirmDialog>
    </Card>
  );
}

function ProvisionForm({ provision, onDone }: { provision: Provision | null; onDone: () => void }) {
  const audit = useCurrentAudit();
  const save = useSaveProvision(audit.id);
  const form = useForm({
    initialValues: {
      reference: provision?.reference ?? '',
      title: provision?.title ?? '',
      text: provision?.text ?? '',
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        id: provision?.id,
        body: { reference: values.reference.trim(), title: values.title.trim(), text: optionalText(values.text) },
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
          label="Clause"
          description="As the agreement numbers it, e.g. II.D"
          required
          data-autofocus
          {...form.getInputProps('reference')}
        />
        <TextInput label="Title" description="e.g. Rate limits" required {...form.getInputProps('title')} />
        <Textarea label="Text of the clause" autosize minRows={3} maxRows={12} {...form.getInputProps('text')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {provision ? 'Save provision' : 'Add provision'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
