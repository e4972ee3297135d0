// A form template's own form, in the dialog the form templates card opens (FormTemplatesCard):
// its name, description and fields (the form editor), saved with a check for a newer version.
import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fetchFormTemplate, type FormTemplate, useSaveFormTemplate } from '../../api/queries';
import { useVersionedDraft } from '../../lib/use-versioned-draft';
import { plural } from '../../lib/words';
import { optionalText } from '../setup/RowActions';
import { VersionConflictAlert } from '../VersionConflictAlert';
import { FormEditor } from './FormEditor';
import { editorFieldsOf, type EditorFields, formFieldsOf } from './form-editor-model';
import { SaveStateLabel } from './SaveStateLabel';
import { useDefinitionProblems } from './use-definition-problems';

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

export function FormTemplateForm({
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
