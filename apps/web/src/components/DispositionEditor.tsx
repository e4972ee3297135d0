// One request of the formal response: its disposition, the objections raised (from the
// library, each with the provision relied on and a note), the outward text that goes in the
// letter, beside the internal answers it is drafted from. Saved with the version it is based
// on; a 409 keeps the user's draft, shows the other version and lets the user choose, as the
// answer editor (ResponseForm) does.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import {
  composeObjection,
  composeReservation,
  DISPOSITION_LABEL,
  DISPOSITIONS,
  type Disposition,
} from '@app/domain/formal-response';
import type {
  DispositionUpdate,
  LibraryObjection,
  RequestDisposition,
  SubjectDispositionUpdate,
} from '../api/queries/formal-response';
import { useEffect } from 'react';
import { type DraftSaveState, useVersionedDraft } from '../lib/use-versioned-draft';
import { StatusBadge } from './progress';
import { VersionConflictAlert } from './VersionConflictAlert';
import { SubjectDispositions } from './SubjectDispositions';

interface RaisedInput {
  objectionId: string;
  provisionId: string | null;
  note: string | null;
}

interface Draft {
  disposition: Disposition | null;
  responseText: string;
  objections: RaisedInput[];
}

const draftOf = (r: RequestDisposition): Draft => ({
  disposition: r.disposition,
  responseText: r.responseText ?? '',
  objections: r.objections.map((o) => ({ objectionId: o.objectionId, provisionId: o.provisionId, note: o.note })),
});

const DISPOSITION_OPTIONS = DISPOSITIONS.map((value) => ({ value, label: DISPOSITION_LABEL[value] }));

export interface DispositionEditorProps {
  request: RequestDisposition;
  library: LibraryObjection[];
  provisions: { id: string; reference: string; title: string }[];
  respondingParty: string;
  canDraft: boolean;
  onSave: (update: DispositionUpdate) => Promise<RequestDisposition>;
  /** Gives one subject its own disposition of the request, or clears it. */
  onSaveSubject: (subjectId: string, update: SubjectDispositionUpdate) => Promise<RequestDisposition>;
  /** The request as last saved by anyone (read after a conflict). */
  onLoadLatest: () => Promise<RequestDisposition | null>;
  /** Told whether the card holds changes not saved (the page asks before it is left with any). */
  onUnsavedChange?: (unsaved: boolean) => void;
}

export function DispositionEditor(props: DispositionEditorProps) {
  const { request, library, provisions, respondingParty, canDraft } = props;
  const { draft, change, state, error, theirs, save, loadTheirs } = useVersionedDraft(
    request,
    draftOf,
    props.onLoadLatest,
  );

  const { onUnsavedChange } = props;
  // Saving counts as saved: the request goes on when the page is left within the app.
  const unsaved = state === 'dirty' || state === 'error' || state === 'conflict';
  useEffect(() => onUnsavedChange?.(unsaved), [unsaved, onUnsavedChange]);

  const saveDraft = (basedOn?: number) =>
    save(
      (version) =>
        props.onSave({
          version,
          disposition: draft.disposition,
          responseText: draft.responseText.trim() ? draft.responseText : null,
          objections: draft.objections,
        }),
      basedOn,
    );

  const keepMine = () => {
    if (!theirs) return;
    void saveDraft(theirs.version);
  };

  const byId = new Map(library.map((o) => [o.id, o]));
  const provisionRef = (id: string | null) => provisions.find((p) => p.id === id)?.reference ?? null;
  const reservation = composeReservation({
    respondingParty,
    disposition: draft.disposition,
    objectionCount: draft.objections.length,
  });
  const headingId = `request-${request.requestId}-heading`;
  const label = `request ${request.ordinal}`;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={3} size="h5" id={headingId}>
          Request No. {request.ordinal}: {request.title}
        </Title>
        <Group gap="xs">
          {request.disposition ? (
            <Badge variant="light">{DISPOSITION_LABEL[request.disposition]}</Badge>
          ) : request.disposed ? (
            <Badge variant="light">Differs by subject</Badge>
          ) : (
            <Badge variant="light" color="orange">
              No disposition yet
            </Badge>
          )}
          <SaveLabel state={state} />
        </Group>
      </Group>
      <Text size="sm" fs="italic" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {request.text}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Internal answers (not sent)
          </Text>
          {request.answers.length === 0 && (
            <Text size="sm" c="dimmed">
              No subject answers this request.
            </Text>
          )}
          {request.answers.map((a) => (
            <Paper key={a.responseId} withBorder p="xs">
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {a.subjectName}
                </Text>
                <StatusBadge status={a.status} />
              </Group>
              <Text size="sm" c={a.answer ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                {a.answer || 'No answer yet.'}
              </Text>
            </Paper>
          ))}
        </Stack>
        <Stack gap="sm">
          {state === 'conflict' && (
            <VersionConflictAlert
              title="Someone else saved this request's response first"
              theirs={
                theirs && (
                  <Paper withBorder p="xs" bg="white">
                    <Text size="xs" fw={600} mb={4}>
                      Their version (version {theirs.version}):{' '}
                      {theirs.disposition ? DISPOSITION_LABEL[theirs.disposition] : 'no disposition'}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {theirs.responseText || '(no response text)'}
                    </Text>
                  </Paper>
                )
              }
              onLoadTheirs={loadTheirs}
              onKeepMine={keepMine}
            />
          )}
          {state === 'error' && error && (
            <Alert color="red" title="Not saved" role="alert">
              {error}
            </Alert>
          )}
          <Select
            label={`Disposition of ${label}`}
            placeholder="Not decided"
            data={DISPOSITION_OPTIONS}
            value={draft.disposition}
            onChange={(value) => change({ disposition: value ?? null })}
            clearable
            disabled={!canDraft}
          />
          <MultiSelect
            label={`Objections to ${label}`}
            placeholder={draft.objections.length ? undefined : 'None'}
            data={library.map((o) => ({ value: o.id, label: o.title }))}
            value={draft.objections.map((o) => o.objectionId)}
            onChange={(ids) =>
              change({
                objections: ids.map(
                  (id) =>
                    draft.objections.find((o) => o.objectionId === id) ?? {
                      objectionId: id,
                      provisionId: null,
                      note: null,
                    },
                ),
              })
            }
            searchable
            disabled={!canDraft}
          />
          {draft.objections.map((raised, i) => {
            const entry = byId.get(raised.objectionId);
            if (!entry) return null;
            const update = (next: Partial<RaisedInput>) =>
              change({ objections: draft.objections.map((o, j) => (j === i ? { ...o, ...next } : o)) });
            return (
              <Paper key={raised.objectionId} withBorder p="xs">
                <Text size="sm" fw={600} mb={4}>
                  {entry.title}
                </Text>
                <Group grow align="flex-start">
                  <Select
                    label={`Provision relied on (${entry.title})`}
                    placeholder="None"
                    data={provisions.map((p) => ({ value: p.id, label: `${p.reference} ${p.title}` }))}
                    value={raised.provisionId}
                    onChange={(value) => update({ provisionId: value })}
                    clearable
                    disabled={!canDraft}
                  />
                  <TextInput
                    label={`Note for this request (${entry.title})`}
                    value={raised.note ?? ''}
                    onChange={(e) => update({ note: e.currentTarget.value || null })}
                    disabled={!canDraft}
                  />
                </Group>
                <Text size="xs" c="dimmed" mt={4} data-testid="composed-objection">
                  {composeObjection({
                    wording: entry.wording,
                    provisionReference: provisionRef(raised.provisionId),
                    note: raised.note,
                  })}
                </Text>
              </Paper>
            );
          })}
          {reservation && (
            <Text size="sm" data-testid="reservation">
              {reservation}
            </Text>
          )}
          <Textarea
            label={`Response sent for ${label}`}
            description="What the letter says; the internal answers stay in the firm."
            autosize
            minRows={3}
            value={draft.responseText}
            onChange={(e) => change({ responseText: e.currentTarget.value })}
            disabled={!canDraft}
          />
          {canDraft && (
            <Group justify="flex-end">
              <Button
                onClick={() => void saveDraft()}
                loading={state === 'saving'}
                disabled={state === 'saved' || state === 'conflict'}
              >
                Save {label}
              </Button>
            </Group>
          )}
          <SubjectDispositions
            request={request}
            canDraft={canDraft}
            onSave={props.onSaveSubject}
            onLoadLatest={props.onLoadLatest}
          />
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

function SaveLabel({ state }: { state: DraftSaveState }) {
  const text = {
    saved: 'Saved',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
  }[state];
  const color = { saved: 'teal.9', dirty: 'gray.7', saving: 'gray.7', conflict: 'orange.9', error: 'red.9' }[state];
  return (
    <Text size="xs" c={color} role="status">
      {text}
    </Text>
  );
}
