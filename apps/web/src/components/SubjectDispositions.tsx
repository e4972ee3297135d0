// Where a request's response differs by subject: counsel pick a subject, give it its own
// disposition and text (the letter adds "As to <subject>: ..." after the request's response),
// or clear it so the request's own applies to it again (after confirming). Each subject's is
// saved with the version it is based on; a 409 keeps the user's draft and lets them choose, as
// the request's editor does. Objections stay with the request.
import { Alert, Button, Group, List, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { DISPOSITION_LABEL, DISPOSITIONS, type Disposition } from '@app/domain/formal-response';
import type { RequestDisposition, SubjectDisposition, SubjectDispositionUpdate } from '../api/queries/formal-response';
import { useVersionedDraft } from '../lib/use-versioned-draft';
import { ConfirmDialog } from './ConfirmDialog';
import { VersionConflictAlert } from './VersionConflictAlert';

interface Draft {
  disposition: Disposition | null;
  responseText: string;
}

const draftOf = (s: SubjectDisposition): Draft => ({ disposition: s.disposition, responseText: s.responseText ?? '' });

const DISPOSITION_OPTIONS = DISPOSITIONS.map((value) => ({ value, label: DISPOSITION_LABEL[value] }));

export interface SubjectDispositionsProps {
  request: RequestDisposition;
  canDraft: boolean;
  onSave: (subjectId: string, update: SubjectDispositionUpdate) => Promise<RequestDisposition>;
  /** The request as last saved by anyone (read after a conflict). */
  onLoadLatest: () => Promise<RequestDisposition | null>;
}

export function SubjectDispositions({ request, canDraft, onSave, onLoadLatest }: SubjectDispositionsProps) {
  const subjects = request.subjectDispositions;
  const [subjectId, setSubjectId] = useState<string | null>(
    () => subjects.find((s) => s.disposition !== null)?.subjectId ?? null,
  );
  const subject = subjects.find((s) => s.subjectId === subjectId) ?? null;
  // One such section per request on the page: its name says which request, so each landmark's
  // name is its own (the visible heading alone repeats).
  return (
    <Stack gap="xs" component="section" aria-label={`Differs by subject: Request No. ${request.ordinal}`}>
      <Title order={4} size="h6">
        Differs by subject
      </Title>
      {subjects.length === 0 ? (
        <Text size="sm" c="dimmed">
          No subject answers this request.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Where the response for one subject differs, give that subject its own disposition: the letter adds it after
            the request&apos;s response. Objections stay with the request.
          </Text>
          {request.subjectLines.length > 0 && (
            <Paper withBorder p="xs">
              <Text size="xs" fw={600} mb={4}>
                The letter adds:
              </Text>
              <List size="sm" spacing={2}>
                {request.subjectLines.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </Paper>
          )}
          <Select
            label={`Subject of request ${request.ordinal}`}
            placeholder="Pick a subject"
            data={subjects.map((s) => ({
              value: s.subjectId,
              label: s.disposition ? `${s.subjectName} (${DISPOSITION_LABEL[s.disposition]})` : s.subjectName,
            }))}
            value={subjectId}
            onChange={setSubjectId}
            allowDeselect={false}
          />
          {subject && (
            <SubjectDispositionForm
              key={subject.subjectId}
              request={request}
              subject={subject}
              canDraft={canDraft}
              onSave={(update) => onSave(subject.subjectId, update)}
              onLoadLatest={async () =>
                (await onLoadLatest())?.subjectDispositions.find((s) => s.subjectId === subject.subjectId) ?? null
              }
            />
          )}
        </>
      )}
    </Stack>
  );
}

function SubjectDispositionForm(props: {
  request: RequestDisposition;
  subject: SubjectDisposition;
  canDraft: boolean;
  onSave: (update: SubjectDispositionUpdate) => Promise<RequestDisposition>;
  onLoadLatest: () => Promise<SubjectDisposition | null>;
}) {
  const { request, subject, canDraft } = props;
  const {
    draft,
    change,
    state,
    error,
    theirs,
    save: saveWith,
    loadTheirs,
  } = useVersionedDraft(subject, draftOf, props.onLoadLatest);
  const [confirmClear, setConfirmClear] = useState(false);

  const save = async (update: Draft, basedOn?: number) => {
    await saveWith(async (version) => {
      const saved = await props.onSave({
        version,
        disposition: update.disposition,
        responseText: update.disposition && update.responseText.trim() ? update.responseText : null,
      });
      return saved.subjectDispositions.find((s) => s.subjectId === subject.subjectId);
    }, basedOn);
    setConfirmClear(false);
  };

  const name = subject.subjectName;
  const stateText = {
    saved: subject.disposition ? 'Saved' : "The request's disposition applies",
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
  }[state];

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {name}
          </Text>
          <Text size="xs" c={state === 'conflict' ? 'orange.9' : state === 'error' ? 'red.9' : 'gray.7'} role="status">
            {stateText}
          </Text>
        </Group>
        {state === 'conflict' && (
          <VersionConflictAlert
            title={`Someone else saved ${name}'s response first`}
            theirs={
              theirs && (
                <Text size="sm">
                  Their version (version {theirs.version}):{' '}
                  {theirs.disposition
                    ? `${DISPOSITION_LABEL[theirs.disposition]}. ${theirs.responseText ?? ''}`
                    : "no disposition of its own (the request's applies)"}
                </Text>
              )
            }
            onLoadTheirs={loadTheirs}
            onKeepMine={() => theirs && void save(draft, theirs.version)}
          />
        )}
        {state === 'error' && error && (
          <Alert color="red" title="Not saved" role="alert">
            {error}
          </Alert>
        )}
        <Select
          label={`Disposition for ${name}`}
          placeholder={
            request.disposition ? `As the request: ${DISPOSITION_LABEL[request.disposition]}` : 'As the request'
          }
          data={DISPOSITION_OPTIONS}
          value={draft.disposition}
          onChange={(value) => change({ disposition: value ?? null })}
          disabled={!canDraft}
        />
        <Textarea
          label={`Response sent for ${name}`}
          description={`Printed after "As to ${name}: <disposition>."`}
          autosize
          minRows={2}
          value={draft.responseText}
          onChange={(e) => change({ responseText: e.currentTarget.value })}
          disabled={!canDraft || draft.disposition === null}
        />
        {canDraft && (
          <Group justify="flex-end">
            {subject.disposition && (
              <Button variant="default" color="red" onClick={() => setConfirmClear(true)} disabled={state === 'saving'}>
                Clear for {name}
              </Button>
            )}
            <Button
              onClick={() => void save(draft)}
              loading={state === 'saving'}
              disabled={state === 'saved' || state === 'conflict' || draft.disposition === null}
            >
              Save for {name}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirmClear}
        title={`Clear ${name}'s own disposition?`}
        confirmLabel="Clear it"
        color="red"
        pending={state === 'saving'}
        onConfirm={() => void save({ disposition: null, responseText: '' })}
        onClose={() => setConfirmClear(false)}
      >
        The letter will answer Request No. {request.ordinal} for {name} with the request&apos;s own disposition, and the
        text written for {name} is removed.
      </ConfirmDialog>
    </Paper>
  );
}
