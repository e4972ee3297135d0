// A request's form, from the set-up screen: add one (from a template, or blank), revise it in
// the form editor, or remove it. Saved with the version it is based on: a 409 keeps the draft and
// offers the other version (useVersionedDraft); the API refuses removing a form while answers
// hold its values, and that refusal is shown in the confirmation.
import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  fetchRequestForm,
  type RequestForm,
  useDeleteRequestForm,
  useFormTemplates,
  useRequestForm,
  useSaveRequestForm,
} from '../../api/queries';
import { useVersionedDraft } from '../../lib/use-versioned-draft';
import { ConfirmDialog } from '../ConfirmDialog';
import { useCurrentAudit } from '../layout';
import { ErrorNotice, Loading } from '../states';
import { VersionConflictAlert } from '../VersionConflictAlert';
import { FormEditor } from './FormEditor';
import { editorFieldsOf, type EditorFields, fieldCount, formFieldsOf } from './form-editor-model';
import { useDiscardGuard } from './discard-guard';
import { SaveStateLabel } from './SaveStateLabel';
import { useDefinitionProblems } from './use-definition-problems';

export interface RequestRef {
  id: string;
  ordinal: number;
  title: string;
}

export function RequestFormDialog({ request, onClose }: { request: RequestRef | null; onClose: () => void }) {
  const guard = useDiscardGuard(onClose, 'this form');
  return (
    <>
      <Modal
        opened={request !== null}
        onClose={guard.requestClose}
        title={request ? `Form of request ${request.ordinal}: ${request.title}` : ''}
        size="80rem"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {request && (
          <RequestFormBody
            request={request}
            onClose={guard.requestClose}
            onRemoved={guard.close}
            onDirty={guard.setDirty}
          />
        )}
      </Modal>
      {guard.confirm}
    </>
  );
}

interface BodyProps {
  request: RequestRef;
  onClose: () => void;
  /** After the form was removed: the dialog closes, with nothing left to save. */
  onRemoved: () => void;
  /** Whether the draft holds changes not saved. */
  onDirty: (dirty: boolean) => void;
}

function RequestFormBody({ request, onClose, onRemoved, onDirty }: BodyProps) {
  const audit = useCurrentAudit();
  const form = useRequestForm(audit.id, request.id);
  const [blank, setBlank] = useState(false);
  if (form.isPending) return <Loading label="Loading the form…" />;
  if (form.isError) return <ErrorNotice error={form.error} onRetry={() => void form.refetch()} />;
  if (!form.data && !blank) return <AddForm request={request} onBlank={() => setBlank(true)} />;
  return <EditForm request={request} form={form.data} onClose={onClose} onRemoved={onRemoved} onDirty={onDirty} />;
}

/** A request with no form: its answers are free text until counsel give it one. */
function AddForm({ request, onBlank }: { request: RequestRef; onBlank: () => void }) {
  const audit = useCurrentAudit();
  const templates = useFormTemplates();
  const save = useSaveRequestForm(audit.id, request.id);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const chosen = templates.data?.find((t) => t.id === templateId);
  return (
    <Stack>
      <Text size="sm">
        Request {request.ordinal} has no form: each subject answers it in free text. A form asks the same questions of
        every subject, so their answers can be checked for completeness and compared side by side.
      </Text>
      {templates.isError && <ErrorNotice error={templates.error} title="The form templates could not be loaded" />}
      <Select
        label="Start from a form template"
        placeholder={templates.data?.length === 0 ? 'No form templates yet' : 'Choose a template'}
        data={(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${fieldCount(t.fields)})` }))}
        value={templateId}
        onChange={setTemplateId}
        searchable
        clearable
        nothingFoundMessage="No such template"
        disabled={templates.isPending}
      />
      {chosen?.description && (
        <Text size="sm" c="dimmed">
          {chosen.description}
        </Text>
      )}
      {save.error && <ErrorNotice error={save.error} title="No form was added" />}
      <Group justify="space-between">
        <Button variant="default" onClick={onBlank}>
          Start a blank form
        </Button>
        <Button
          disabled={!templateId}
          loading={save.isPending}
          onClick={() => templateId && save.mutate({ templateId })}
        >
          Use this template
        </Button>
      </Group>
    </Stack>
  );
}

interface Draft {
  fields: EditorFields;
}

const BLANK: RequestForm = {
  requestId: '',
  templateId: null,
  templateName: null,
  fields: [],
  version: 0,
  answeredCount: 0,
};

const draftOf = (form: RequestForm): Draft => ({ fields: editorFieldsOf(form.fields) });

function EditForm({ request, form, onClose, onRemoved, onDirty }: BodyProps & { form: RequestForm | null }) {
  const audit = useCurrentAudit();
  const save = useSaveRequestForm(audit.id, request.id);
  const remove = useDeleteRequestForm(audit.id, request.id);
  const [removing, setRemoving] = useState(false);
  const {
    draft,
    change,
    state,
    error,
    theirs,
    save: saveDraft,
    loadTheirs,
  } = useVersionedDraft(form ?? BLANK, draftOf, () => fetchRequestForm(audit.id, request.id));
  const problems = useDefinitionProblems(draft.fields);
  const unsaved = state === 'dirty' || state === 'conflict' || state === 'error' || (!form && state === 'saving');
  useEffect(() => onDirty(unsaved), [onDirty, unsaved]);

  const send = (basedOn?: number) => {
    if (!problems.readyToSend()) return;
    const sent = draft.fields.active;
    void saveDraft(async (version) => {
      try {
        return await save.mutateAsync({ fields: formFieldsOf(sent), ...(form && { version }) });
      } catch (err) {
        problems.refused(err, sent);
        throw err;
      }
    }, basedOn);
  };

  const onChange = (fields: EditorFields) => {
    problems.edited(draft.fields, fields);
    change({ fields });
  };

  const placedOnInputs = Object.keys(problems.placed.byInput).length > 0;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          {form?.templateName && (
            <Text size="sm" c="dimmed">
              Made from the template “{form.templateName}”. Changes here apply to this request only.
            </Text>
          )}
          {form && form.answeredCount > 0 && (
            <Text size="sm" c="dimmed">
              {form.answeredCount === 1 ? 'One response holds' : `${form.answeredCount} responses hold`} answers to this
              form. Changing a label or help text keeps them; a removed field is retired with its answers kept.
            </Text>
          )}
          {!form && (
            <Text size="sm" c="dimmed">
              A new form: nothing is saved until you save it.
            </Text>
          )}
        </Stack>
        <SaveStateLabel state={form ? state : state === 'saved' ? 'new' : state} />
      </Group>
      {state === 'conflict' && (
        <VersionConflictAlert
          title="Someone else saved this form first"
          theirs={
            theirs && (
              <Paper withBorder p="xs" bg="white">
                <Text size="xs" fw={600} mb={4}>
                  Their version (version {theirs.version}):
                </Text>
                <Group gap={4}>
                  {theirs.fields
                    .filter((f) => !f.retired)
                    .map((f) => (
                      <Badge key={f.key} variant="light" color="gray">
                        {f.label}
                      </Badge>
                    ))}
                </Group>
              </Paper>
            )
          }
          onLoadTheirs={loadTheirs}
          onKeepMine={() => theirs && send(theirs.version)}
        />
      )}
      {(state === 'error' || (problems.attempted && problems.hasOurs)) && (
        <Alert color="red" title="Not saved" role="alert">
          {placedOnInputs || problems.hasOurs ? 'Check the fields marked below.' : error}
        </Alert>
      )}
      <FormEditor value={draft.fields} onChange={onChange} problems={problems.placed} />
      <Group justify="space-between">
        <div>
          {form && (
            <Button variant="light" color="red" onClick={() => setRemoving(true)}>
              Remove the form
            </Button>
          )}
        </div>
        <Group>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => send()} loading={state === 'saving'} disabled={state === 'conflict'}>
            Save form
          </Button>
        </Group>
      </Group>
      <ConfirmDialog
        opened={removing}
        title={`Remove the form of request ${request.ordinal}?`}
        confirmLabel="Remove the form"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="The form was not removed"
        onClose={() => {
          setRemoving(false);
          remove.reset();
        }}
        onConfirm={() =>
          form &&
          remove.mutate(form.version, {
            onSuccess: () => {
              setRemoving(false);
              onRemoved();
            },
          })
        }
      >
        Subjects will answer request {request.ordinal} in free text again. A form cannot be removed while any response
        holds answers to it
        {form && form.answeredCount > 0
          ? ` (${form.answeredCount === 1 ? 'one does' : `${form.answeredCount} do`}): remove or retire fields instead.`
          : '.'}
      </ConfirmDialog>
    </Stack>
  );
}
