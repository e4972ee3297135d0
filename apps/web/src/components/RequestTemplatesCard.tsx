// The organisation's request templates: what each holds, who saved it, rename and delete
// (with a confirmation). The API decides who may; a refusal is shown where it happened.
import { NameCell, RowActions } from './TableCells';
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
import {
  type RequestTemplate,
  useDeleteRequestTemplate,
  useRequestTemplates,
  useUpdateRequestTemplate,
} from '../api/queries';
import { formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentUser } from './layout';
import { optionalText } from './setup/RowActions';
import { Empty, ErrorNotice, QueryState } from './states';

export function RequestTemplatesCard() {
  const me = useCurrentUser();
  const templates = useRequestTemplates();
  const remove = useDeleteRequestTemplate();
  const [renaming, setRenaming] = useState<RequestTemplate | null>(null);
  const [deleting, setDeleting] = useState<RequestTemplate | null>(null);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="templates-heading">
      <Title order={2} size="h4" id="templates-heading" mb="xs">
        Request templates
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Request lists saved from earlier audits (“Save as template” under Setup). A new audit can start from one.
      </Text>
      <QueryState query={templates} label="Loading templates…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No templates yet">Save an audit’s requests as a template from its Setup tab.</Empty>
          ) : (
            <Table aria-labelledby="templates-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Requests</Table.Th>
                  <Table.Th>Saved by</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Changes</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <NameCell name={t.name} description={t.description} />
                    </Table.Td>
                    <Table.Td>
                      {t.requestCount} requests, {t.provisionCount} provisions
                    </Table.Td>
                    <Table.Td>
                      {t.createdBy?.name ?? 'a former user'}, {formatInstant(t.createdAt, me.timeZone)}
                    </Table.Td>
                    <Table.Td>
                      <RowActions
                        actions={[
                          { label: 'Rename', ariaLabel: `Rename ${t.name}`, onClick: () => setRenaming(t) },
                          {
                            label: 'Delete',
                            ariaLabel: `Delete ${t.name}`,
                            onClick: () => setDeleting(t),
                            danger: true,
                          },
                        ]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title={`Rename ${renaming?.name ?? ''}`}>
        {renaming && <RenameForm template={renaming} onDone={() => setRenaming(null)} />}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete template"
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
        The template is removed for everyone. Audits already started from it keep their requests.
      </ConfirmDialog>
    </Card>
  );
}

function RenameForm({ template, onDone }: { template: RequestTemplate; onDone: () => void }) {
  const update = useUpdateRequestTemplate();
  const form = useForm({ initialValues: { name: template.name, description: template.description ?? '' } });
  const submit = form.onSubmit((values) =>
    update.mutate(
      { id: template.id, body: { name: values.name.trim(), description: optionalText(values.description) } },
      { onSuccess: onDone, onError: (error) => form.setErrors(plainFieldErrors(error)) },
    ),
  );
  const unplaced = update.error && Object.keys(plainFieldErrors(update.error)).length === 0 ? update.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && <ErrorNotice error={unplaced} title="Not saved" />}
        <TextInput label="Template name" required data-autofocus {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
