// The organisation's form templates, beside its request templates: what each asks, how many
// requests' forms came from one; create, edit (in the form editor) and delete with a
// confirmation. The same people manage them as request templates; the API decides, and a
// refusal is shown where it happened.
import { NameCell, RowActions } from '../TableCells';
import { Button, Card, Group, Modal, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { type FormTemplate, useDeleteFormTemplate, useFormTemplates } from '../../api/queries';
import { chunk } from '../../lib/chunk';
import { plural } from '../../lib/words';
import { ConfirmDialog } from '../ConfirmDialog';
import { Empty, ErrorNotice, QueryState } from '../states';
import { fieldCount } from './form-editor-model';
import { useDiscardGuard } from './discard-guard';

// The template form (the form editor, its field types and checks) is a chunk of its own: the
// card is drawn on every visit to the audits list, under it, and opened rarely. The chunk is
// fetched as the pointer or focus reaches "New form template", or on the click, and the dialog
// opens once it is here: opened with a loading state in it, the dialog's focus would go to its
// Close button rather than the template's name (where a space typed would close it).
const templateForm = chunk(async () => (await import('./FormTemplateForm')).FormTemplateForm);
const prefetchTemplateForm = () => void templateForm.load().catch(() => undefined);

const EDITOR_UNAVAILABLE = new Error(
  'The form editor could not be loaded. Check the connection and try again; if AuditDesk has just been updated, reload the page.',
);

/** `canManage`: whether to offer the changes (counsel of some audit, or an org admin). */
export function FormTemplatesCard({ canManage }: { canManage: boolean }) {
  const templates = useFormTemplates();
  const remove = useDeleteFormTemplate();
  const [editing, setEditing] = useState<FormTemplate | 'new' | null>(null);
  /** The template whose dialog waits for the form editor's chunk. */
  const [opening, setOpening] = useState<FormTemplate | 'new' | null>(null);
  const [openFailed, setOpenFailed] = useState(false);
  const open = (template: FormTemplate | 'new') => {
    setOpenFailed(false);
    if (templateForm.loaded) return setEditing(template);
    setOpening(template);
    templateForm
      .load()
      .then(
        () => setEditing(template),
        () => setOpenFailed(true),
      )
      .finally(() => setOpening(null));
  };
  const guard = useDiscardGuard(() => setEditing(null), 'this template');
  const Form = templateForm.loaded;
  const [deleting, setDeleting] = useState<FormTemplate | null>(null);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="form-templates-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="form-templates-heading">
          Form templates
        </Title>
        {canManage && (
          <Button
            size="xs"
            loading={opening === 'new'}
            onPointerEnter={prefetchTemplateForm}
            onFocus={prefetchTemplateForm}
            onClick={() => open('new')}
          >
            New form template
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Questions asked the same way of every subject, e.g. a data inventory. A request’s form starts from one (Setup,
        Requests); it keeps its own copy, so changing a template changes no request already using it.
      </Text>
      {openFailed && <ErrorNotice error={EDITOR_UNAVAILABLE} title="The template did not open" />}
      <QueryState query={templates} label="Loading form templates…">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No form templates yet">
              {canManage ? 'Create one with “New form template”.' : 'Counsel create them.'}
            </Empty>
          ) : (
            <Table aria-labelledby="form-templates-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Fields</Table.Th>
                  <Table.Th>Used by</Table.Th>
                  {canManage && (
                    <Table.Th>
                      <VisuallyHidden>Changes</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <NameCell name={t.name} description={t.description} />
                    </Table.Td>
                    <Table.Td>{fieldCount(t.fields)}</Table.Td>
                    <Table.Td>{plural(t.usedBy, 'request', 'requests')}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        <RowActions
                          actions={[
                            { label: 'Edit', ariaLabel: `Edit ${t.name}`, onClick: () => open(t) },
                            {
                              label: 'Delete',
                              ariaLabel: `Delete ${t.name}`,
                              onClick: () => setDeleting(t),
                              danger: true,
                            },
                          ]}
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
        onClose={guard.requestClose}
        title={editing === 'new' ? 'New form template' : `Edit ${editing?.name ?? ''}`}
        size="80rem"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && Form && (
          <Form
            template={editing === 'new' ? null : editing}
            onCancel={guard.requestClose}
            onSaved={guard.close}
            onDirty={guard.setDirty}
          />
        )}
      </Modal>
      {guard.confirm}
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
        The template is removed for everyone.
        {deleting && deleting.usedBy > 0
          ? ` The ${plural(deleting.usedBy, 'request', 'requests')} whose form came from it keep their forms and answers.`
          : ' No request’s form came from it.'}
      </ConfirmDialog>
    </Card>
  );
}
