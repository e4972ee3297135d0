// The organisation's form templates, beside its request templates: what each asks, how many
// requests' forms came from one; create, edit (in the form editor) and delete with a
// confirmation. The same people manage them as request templates; the API decides, and a
// refusal is shown where it happened.
import { NameCell, RowActions } from '../TableCells';
import {
  Alert,
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
import { useEffect, useState } from 'react';
import {
  fetchFormTemplate,
  type FormTemplate,
  useDeleteFormTemplate,
  useFormTemplates,
  useSaveFormTemplate,
} from '../../api/queries';
import { useVersionedDraft } from '../../lib/use-versioned-draft';
import { ConfirmDialog } from '../ConfirmDialog';
import { optionalText } from '../setup/RowActions';
import { Empty, QueryState } from '../states';
import { VersionConflictAlert } from '../VersionConflictAlert';
import { FormEditor } from './FormEditor';
import { editorFieldsOf, type EditorFields, fieldCount, formFieldsOf } from './form-editor-model';
import { useDiscardGuard } from './discard-guard';
import { SaveStateLabel } from './SaveStateLabel';
import { useDefinitionProblems } from './use-definition-problems';

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** `canManage`: whether to offer the changes (counsel of some audit, or an org admin). */
export function FormTemplatesCard({ canManage }: { canManage: boolean }) {
  const templates = useFormTemplates();
  const remove = useDeleteFormTemplate();
  const [editing, setEditing] = useState<FormTemplate | 'new' | null>(null);
  const guard = useDiscardGuard(() => setEditing(null), 'this template');
  const [deleting, setDeleting] = useState<FormTemplate | null>(null);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="form-templates-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="form-templates-heading">
          Form templates
        </Title>
        {canManage && (
          <Button size="xs" onClick={() => setEditing('new')}>
            New form template
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Questions asked the same way of every subject, e.g. a data inventory. A request’s form starts from one (Setup,
        Requests); it keeps its own copy, so changing a template changes no request already using it.
      </Text>
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
                            { label: 'Edit', ariaLabel: `Edit ${t.name}`, onClick: () => setEditing(t) },
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
        {editing !== null && (
          <TemplateForm
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

interface Draft {
  name: string;
  description: string;
  fields: EditorFields;
}

const BLANK: FormTemplate = {
  id: '',
  name: '',
  description: null,
  fields: [],
  version: 0,
  updatedAt: '',
  usedBy: 0,
};

const draftOf = (t: FormTemplate): Draft => ({
  name: t.name,
  description: t.description ?? '',
  fields: editorFieldsOf(t.fields),
});

function TemplateForm({
  template,
  onCancel,
  onSaved,
  onDirty,
}: {
  template: FormTemplate | null;
  onCancel: () => void;
  onSaved: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const save = useSaveFormTemplate();
  const {
    draft,
    change,
    state,
    error,
    theirs,
    save: saveDraft,
    loadTheirs,
  } = useVersionedDraft(template ?? BLANK, draftOf, () =>
    template ? fetchFormTemplate(template.id) : Promise.resolve(null),
  );
  const problems = useDefinitionProblems(draft.fields);
  const unsaved = state === 'dirty' || state === 'conflict' || state === 'error';
  useEffect(() => onDirty(unsaved), [onDirty, unsaved]);
  const [ownErrors, setOwnErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const nameMissing = tried && !draft.name.trim() ? 'Enter a name for the template.' : undefined;

  const send = async (basedOn?: number) => {
    setTried(true);
    const fieldsReady = problems.readyToSend();
    if (!fieldsReady || !draft.name.trim()) return;
    const sent = draft.fields.active;
    let saved = false;
    await saveDraft(async (version) => {
      try {
        const body = {
          name: draft.name.trim(),
          description: optionalText(draft.description),
          fields: formFieldsOf(sent),
        };
        const result = await save.mutateAsync(template ? { id: template.id, body: { ...body, version } } : { body });
        saved = true;
        return result;
      } catch (err) {
        const others = problems.refused(err, sent);
        setOwnErrors(Object.fromEntries(others.map((p) => [p.field, p.message])));
        throw err;
      }
    }, basedOn);
    if (saved) onSaved();
  };

  const placedOnInputs = Object.keys(problems.placed.byInput).length > 0 || Object.keys(ownErrors).length > 0;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed">
            {template && template.usedBy > 0
              ? `${plural(template.usedBy, 'request’s form', 'requests’ forms')} came from this template and keep their own copy: saving changes only forms made from it later.`
              : 'Forms made from this template take a copy of its fields.'}
          </Text>
          <SaveStateLabel state={template ? state : state === 'saved' ? 'new' : state} />
        </Group>
        {state === 'conflict' && (
          <VersionConflictAlert
            title="Someone else saved this template first"
            theirs={
              theirs && (
                <Text size="sm">
                  Their version (version {theirs.version}) is named “{theirs.name}” and asks:{' '}
                  {theirs.fields
                    .filter((f) => !f.retired)
                    .map((f) => f.label)
                    .join('; ')}
                </Text>
              )
            }
            onLoadTheirs={loadTheirs}
            onKeepMine={() => theirs && void send(theirs.version)}
          />
        )}
        {(state === 'error' || (problems.attempted && problems.hasOurs)) && (
          <Alert color="red" title="Not saved" role="alert">
            {placedOnInputs || problems.hasOurs ? 'Check the fields marked below.' : error}
          </Alert>
        )}
        <TextInput
          label="Template name"
          required
          data-autofocus
          value={draft.name}
          error={ownErrors.name ?? nameMissing}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setOwnErrors(({ name: _gone, ...rest }) => rest);
            change({ name });
          }}
        />
        <Textarea
          label="Description"
          description="Optional: when to use it"
          autosize
          minRows={1}
          value={draft.description}
          error={ownErrors.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            change({ description });
          }}
        />
        <FormEditor
          value={draft.fields}
          onChange={(fields) => {
            problems.edited(draft.fields, fields);
            change({ fields });
          }}
          problems={problems.placed}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={state === 'saving'} disabled={state === 'conflict'}>
            Save template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
