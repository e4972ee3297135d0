// The "Response" tab: the formal response to the demand, drafted request by request, the
// letter that carries it (previewed in the page as PDF, downloaded as Word for counsel to edit),
// and the correspondence with the other side.
import { Alert, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { isCounsel } from '@app/domain/audit-access';
import { isApiError } from '../api/client';
import {
  type ResponseDraft,
  responseLetterUrl,
  useFetchDraft,
  useObjectionLibrary,
  useProvisions,
  useResponseDraft,
  useSaveDisposition,
  useSaveLetterFields,
  useSaveSubjectDisposition,
} from '../api/queries';
import { CorrespondenceCard } from '../components/CorrespondenceCard';
import { DispositionEditor } from '../components/DispositionEditor';
import { ResponseSubmissionsCard } from '../components/ResponseSubmissionsCard';
import { UnsavedChangesGuard, useUnsavedParts } from '../components/UnsavedChangesGuard';
import { useCurrentAudit } from '../components/layout';
import { QueryState } from '../components/states';

export function ResponseDraftPage() {
  const audit = useCurrentAudit();
  const draft = useResponseDraft(audit.id);
  const library = useObjectionLibrary();
  const provisions = useProvisions(audit.id);
  const save = useSaveDisposition(audit.id);
  const saveSubject = useSaveSubjectDisposition(audit.id);
  const fetchDraft = useFetchDraft(audit.id);
  const canDraft = isCounsel(audit.myRole);
  const [unsaved, reportUnsaved] = useUnsavedParts();

  return (
    <QueryState query={draft}>
      {(d) => (
        <Stack>
          <UnsavedChangesGuard parts={unsaved} />
          <LetterCard draft={d} />
          <ResponseSubmissionsCard />
          <CorrespondenceCard />
          {d.requests.length === 0 && (
            <Text size="sm" c="dimmed">
              The demand has no requests yet: add them under Setup.
            </Text>
          )}
          {d.requests.map((r) => (
            <DispositionEditor
              key={r.requestId}
              request={r}
              library={library.data ?? []}
              provisions={provisions.data?.items ?? []}
              respondingParty={d.respondingParty}
              canDraft={canDraft}
              onSave={(update) => save.mutateAsync({ requestId: r.requestId, ...update })}
              onSaveSubject={(subjectId, update) =>
                saveSubject.mutateAsync({ requestId: r.requestId, subjectId, ...update })
              }
              onLoadLatest={async () => (await fetchDraft()).requests.find((x) => x.requestId === r.requestId) ?? null}
              onUnsavedChange={(changed) => reportUnsaved(r.requestId, `Request No. ${r.ordinal}`, changed)}
            />
          ))}
          {canDraft && (
            <LetterFieldsCard
              draft={d}
              onUnsavedChange={(changed) => reportUnsaved('letter', "the letter's details", changed)}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** The letter: what is still missing, the in-page PDF preview and the Word download. */
function LetterCard({ draft }: { draft: ResponseDraft }) {
  const audit = useCurrentAudit();
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const preview = async () => {
    setLoading(true);
    setError(null);
    try {
      const res = await fetch(responseLetterUrl(audit.id, 'pdf'), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { detail?: string } | null)?.detail);
      setPreviewUrl(URL.createObjectURL(await res.blob()));
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'The letter could not be made; try again.');
    } finally {
      setLoading(false);
    }
  };

  const total = draft.requests.length;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="letter-heading">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h4" id="letter-heading">
            Formal response
          </Title>
          <Text size="sm" c="dimmed">
            {draft.missingDispositions === 0
              ? `Every request (${total}) has a disposition.`
              : `${draft.missingDispositions} of ${total} requests have no disposition yet: the letter is marked DRAFT until each has one.`}
          </Text>
        </div>
        <Group gap="xs">
          <Button onClick={() => void preview()} loading={loading}>
            Preview letter
          </Button>
          <Button component="a" href={responseLetterUrl(audit.id, 'docx')} download variant="default">
            Download Word
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" title="No preview" role="alert" mt="sm">
          {error}
        </Alert>
      )}
      {previewUrl && (
        <Stack gap="xs" mt="sm">
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" onClick={() => setPreviewUrl(null)}>
              Close preview
            </Button>
          </Group>
          <iframe
            title="Response letter (PDF preview)"
            src={previewUrl}
            style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-3)' }}
          />
        </Stack>
      )}
    </Card>
  );
}

type LetterFields = Pick<
  ResponseDraft['letter'],
  | 'firmName'
  | 'firmAddress'
  | 'addresseeAddress'
  | 'preliminaryStatement'
  | 'generalObjections'
  | 'signerName'
  | 'signerTitle'
>;
const fieldsOf = (l: ResponseDraft['letter']): LetterFields => ({
  firmName: l.firmName,
  firmAddress: l.firmAddress,
  addresseeAddress: l.addresseeAddress,
  preliminaryStatement: l.preliminaryStatement,
  generalObjections: l.generalObjections,
  signerName: l.signerName,
  signerTitle: l.signerTitle,
});

/** The letter's own fields: letterhead, addressee's address, preliminary statement, general objections, signer. */
function LetterFieldsCard({
  draft,
  onUnsavedChange,
}: {
  draft: ResponseDraft;
  onUnsavedChange: (unsaved: boolean) => void;
}) {
  const audit = useCurrentAudit();
  const save = useSaveLetterFields(audit.id);
  const [fields, setFields] = useState<LetterFields>(() => fieldsOf(draft.letter));
  // What the server holds, as last read or saved: the fields differ from it until saved.
  const [savedFields, setSavedFields] = useState<LetterFields>(fields);
  const unsaved = (Object.keys(fields) as (keyof LetterFields)[]).some((key) => fields[key] !== savedFields[key]);
  useEffect(() => onUnsavedChange(unsaved), [unsaved, onUnsavedChange]);
  const [version, setVersion] = useState(draft.letter.version);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const set = (key: keyof LetterFields) => (value: string) => setFields((f) => ({ ...f, [key]: value || null }));

  const submit = async () => {
    setMessage(null);
    try {
      const saved = await save.mutateAsync({ version, ...fields });
      setVersion(saved.letter.version);
      setSavedFields(fields);
      setMessage({ color: 'teal', text: 'Letter details saved.' });
    } catch (err) {
      if (isApiError(err, 409))
        setMessage({
          color: 'orange',
          text: 'Someone else changed the letter details first; nothing was overwritten. Reload the page to see theirs.',
        });
      else setMessage({ color: 'red', text: err instanceof Error ? err.message : String(err) });
    }
  };

  const l = draft.letter;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="letter-fields-heading">
      <Title order={2} size="h4" id="letter-fields-heading" mb="xs">
        Letter details
      </Title>
      <Stack gap="sm">
        <TextInput
          label="Firm (letterhead)"
          placeholder={l.defaultFirmName}
          value={fields.firmName ?? ''}
          onChange={(e) => set('firmName')(e.currentTarget.value)}
        />
        <Textarea
          label="Firm's address"
          autosize
          minRows={2}
          value={fields.firmAddress ?? ''}
          onChange={(e) => set('firmAddress')(e.currentTarget.value)}
        />
        <Textarea
          label={`Address of ${[draft.addresseeName, draft.addresseeFirm].filter(Boolean).join(', ') || 'their counsel'}`}
          autosize
          minRows={2}
          value={fields.addresseeAddress ?? ''}
          onChange={(e) => set('addresseeAddress')(e.currentTarget.value)}
        />
        <Textarea
          label="Preliminary statement"
          description="Left empty, the letter prints the standard statement shown."
          placeholder={l.defaultPreliminaryStatement}
          autosize
          minRows={3}
          value={fields.preliminaryStatement ?? ''}
          onChange={(e) => set('preliminaryStatement')(e.currentTarget.value)}
        />
        <Textarea
          label="General objections"
          description="One objection per paragraph, with a blank line between two; the letter numbers them. Left empty, it prints the standard ones shown."
          placeholder={l.defaultGeneralObjections}
          autosize
          minRows={4}
          value={fields.generalObjections ?? ''}
          onChange={(e) => set('generalObjections')(e.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            label="Signed by"
            placeholder={l.defaultSignerName ?? undefined}
            value={fields.signerName ?? ''}
            onChange={(e) => set('signerName')(e.currentTarget.value)}
          />
          <TextInput
            label="Signer's title"
            value={fields.signerTitle ?? ''}
            onChange={(e) => set('signerTitle')(e.currentTarget.value)}
          />
        </Group>
        {message && (
          <Alert color={message.color} role="status">
            {message.text}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={save.isPending}>
            Save letter details
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
