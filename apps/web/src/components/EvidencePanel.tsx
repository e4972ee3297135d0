// Evidence of one response: the list (download, SHA-256, integrity state) and the upload
// (drag and drop or a file picker; a progress bar per file, each cancellable; the SHA-256 the
// API computed shown when it is done). An empty file is refused before it is sent; a file
// already among the response's evidence is reported as such (the API's 409 DUPLICATE); leaving
// the page while an upload runs asks first. Each file's History (EvidenceHistory) holds its
// versions, its chain of custody and the upload of a new version.
import { Alert, Anchor, Badge, Button, Card, Code, Group, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { ApiError, isApiError, type Evidence, type EvidenceVersion } from '../api/client';
import {
  evidenceContentUrl,
  featureKeys,
  redactionPagePath,
  useResponseEvidence,
  useVerifyEvidence,
} from '../api/queries';
import { uploadEvidenceFile } from '../api/upload';
import { formatInstant } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { EvidenceHistory } from './EvidenceHistory';
import { INTEGRITY_RESULT_LABEL } from '../lib/status';
import { CopyHashButton } from './HashValue';
import { useCurrentUser } from './layout';
import { LeaveGuard } from './LeaveGuard';
import { RowActions } from './TableCells';
import { Empty, ErrorNotice, QueryState } from './states';

interface UploadItem {
  key: string;
  name: string;
  size: number;
  progress: number;
  /** `duplicate`: the same bytes already support this response (nothing was added). */
  state: 'uploading' | 'done' | 'failed' | 'cancelled' | 'duplicate';
  sha256?: string;
  error?: unknown;
}

const STATE_LABEL: Record<Exclude<UploadItem['state'], 'uploading'>, string> = {
  done: 'Uploaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  duplicate: 'Already there',
};

/** Refused here, before a byte is sent: the API refuses it too. */
const emptyFileError = (name: string) =>
  new ApiError(400, {
    title: 'Empty file',
    detail: `${name} is empty (0 bytes): nothing was sent. Choose the file again, or the right one.`,
  });

/** The API's words for a duplicate: which record already holds these bytes. */
const duplicateMessage = (error: unknown) =>
  error instanceof ApiError ? (error.problem.detail ?? error.message) : String(error);

export function EvidencePanel({
  auditId,
  responseId,
  canUpload,
  locked = null,
  canRedact = false,
}: {
  auditId: string;
  responseId: string;
  canUpload: boolean;
  /** Why the evidence may not change now (an approved answer: `backingLockedByApproval`), or null. */
  locked?: string | null;
  /** Counsel: a PDF's current version opens the redaction screen. */
  canRedact?: boolean;
}) {
  const evidence = useResponseEvidence(auditId, responseId);
  const verify = useVerifyEvidence(auditId, responseId);
  const client = useQueryClient();
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const openPicker = useRef<() => void>(null);
  // One AbortController per running upload, by key: Cancel, or leaving the page, aborts it.
  const controllers = useRef(new Map<string, AbortController>());
  const uploadCount = useRef(0);
  const running = uploads.some((u) => u.state === 'uploading');

  const update = (key: string, change: Partial<UploadItem>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const upload = (files: File[]) => {
    for (const file of files) {
      const key = `upload-${(uploadCount.current += 1)}`;
      const item: UploadItem = { key, name: file.name, size: file.size, progress: 0, state: 'uploading' };
      if (file.size === 0) {
        setUploads((list) => [...list, { ...item, state: 'failed', error: emptyFileError(file.name) }]);
        continue;
      }
      setUploads((list) => [...list, item]);
      const controller = new AbortController();
      controllers.current.set(key, controller);
      uploadEvidenceFile({
        auditId,
        file,
        title: file.name,
        responseIds: [responseId],
        onProgress: (f) => update(key, { progress: Math.round(f * 100) }),
        signal: controller.signal,
      })
        .then((created) => {
          update(key, { state: 'done', progress: 100, sha256: created.currentVersion?.sha256 });
          void client.invalidateQueries({ queryKey: featureKeys.evidence(auditId, responseId) });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) update(key, { state: 'cancelled' });
          else if (isApiError(error, 409) && error.code === 'DUPLICATE') update(key, { state: 'duplicate', error });
          else update(key, { state: 'failed', error });
        })
        .finally(() => controllers.current.delete(key));
    }
  };

  const cancel = (key: string) => controllers.current.get(key)?.abort();
  const cancelAll = () => controllers.current.forEach((controller) => controller.abort());

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="evidence-heading">
      <Title order={3} size="h5" id="evidence-heading" mb="sm">
        Evidence
      </Title>
      <Stack gap="sm">
        {canUpload && locked && (
          <Text size="sm" c="dimmed">
            {locked}
          </Text>
        )}
        {canUpload && !locked && (
          <Dropzone
            onDrop={upload}
            openRef={openPicker}
            activateOnClick={false}
            aria-label="Drop files here to upload them as evidence"
            p="md"
          >
            <Group justify="center" gap="sm" mih={60} style={{ pointerEvents: 'none' }}>
              <Text size="sm">Drag files here to add them as evidence of this response, or</Text>
              <Button
                size="xs"
                variant="default"
                style={{ pointerEvents: 'all' }}
                onClick={() => openPicker.current?.()}
              >
                Choose files
              </Button>
            </Group>
          </Dropzone>
        )}
        {uploads.length > 0 && (
          <Stack gap="xs" aria-label="Uploads" role="list">
            {uploads.map((u) => (
              <div key={u.key} role="listitem">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={500} truncate>
                    {u.name}{' '}
                    <Text span size="xs" c="dimmed">
                      ({formatBytes(u.size)})
                    </Text>
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="xs" c={u.state === 'failed' ? 'red.9' : 'dimmed'}>
                      {u.state === 'uploading' ? `${u.progress}%` : STATE_LABEL[u.state]}
                    </Text>
                    {u.state === 'uploading' && (
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => cancel(u.key)}
                        aria-label={`Cancel the upload of ${u.name}`}
                      >
                        Cancel
                      </Button>
                    )}
                  </Group>
                </Group>
                <Progress
                  value={u.progress}
                  color={u.state === 'failed' ? 'red' : u.state === 'done' ? 'teal' : 'blue'}
                  aria-label={`Upload of ${u.name}`}
                />
                {u.sha256 && (
                  <Text size="xs" mt={2}>
                    SHA-256 <Code data-testid="upload-sha256">{u.sha256}</Code>
                  </Text>
                )}
                {u.state === 'duplicate' && (
                  <Alert color="blue" variant="light" title={`${u.name} is already here`}>
                    <Text size="sm">{duplicateMessage(u.error)}</Text>
                  </Alert>
                )}
                {u.state === 'failed' && <ErrorNotice error={u.error} title={`${u.name} was not uploaded`} />}
              </div>
            ))}
          </Stack>
        )}
        <LeaveGuard
          when={running}
          title="Leave while an upload is running?"
          leaveLabel="Leave and cancel the upload"
          onLeave={cancelAll}
        >
          A file is still being uploaded to this response. Leaving the page cancels it: nothing of it is kept.
        </LeaveGuard>
        {verify.error && <ErrorNotice error={verify.error} title="Not verified" />}
        <QueryState query={evidence} label="Loading evidence…">
          {(page) =>
            page.items.length === 0 ? (
              <Empty title="No evidence linked yet" />
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {page.items.map((item) => (
                  <EvidenceRow
                    key={item.id}
                    auditId={auditId}
                    responseId={responseId}
                    item={item}
                    canRedact={canRedact}
                    canAddVersion={canUpload && !locked}
                    onVerify={(v) => verify.mutate({ evidenceId: item.id, number: v.number })}
                    verifying={verify.isPending && verify.variables?.evidenceId === item.id}
                  />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Card>
  );
}

function IntegrityBadge({ version }: { version: EvidenceVersion }) {
  const me = useCurrentUser();
  if (version.lastVerification === null) {
    return (
      <Badge variant="light" color="gray" size="sm">
        Not re-checked since upload
      </Badge>
    );
  }
  const when = version.lastVerifiedAt ? formatInstant(version.lastVerifiedAt, me.timeZone) : '';
  if (version.lastVerification === 'MATCH') {
    return (
      <Tooltip label={`Checked ${when}`}>
        <Badge variant="light" color="teal" size="sm" tabIndex={0}>
          {INTEGRITY_RESULT_LABEL.MATCH}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge variant="filled" color="red" size="sm">
      {INTEGRITY_RESULT_LABEL[version.lastVerification]} ({when})
    </Badge>
  );
}

function EvidenceRow({
  auditId,
  responseId,
  item,
  canRedact,
  canAddVersion,
  onVerify,
  verifying,
}: {
  auditId: string;
  responseId: string;
  item: Evidence;
  canRedact: boolean;
  /** May upload a new version of the file (works on the response, the evidence not locked). */
  canAddVersion: boolean;
  onVerify: (v: EvidenceVersion) => void;
  verifying: boolean;
}) {
  const v = item.currentVersion;
  const here = useLocation().pathname;
  // The history dialog is drawn from its first opening on (it reads the versions and custody then).
  const [history, setHistory] = useState<'closed' | 'open' | 'closing'>('closed');
  return (
    <li>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="xs" variant="outline" color="gray">
              {item.kind}
            </Badge>
            <Text size="sm" fw={600}>
              {item.title}
            </Text>
            {item.integrityAlert && (
              <Badge size="xs" color="red" variant="filled">
                Integrity alert
              </Badge>
            )}
          </Group>
          {item.kind === 'LINK' && item.url && (
            <Anchor href={item.url} target="_blank" rel="noreferrer" size="sm">
              {item.url}
            </Anchor>
          )}
          {item.kind === 'NOTE' && item.body && (
            <Text size="sm" lineClamp={3}>
              {item.body}
            </Text>
          )}
          {v && (
            <Stack gap={2} mt={2}>
              <Text size="xs" c="dimmed">
                {v.fileName} · {formatBytes(v.sizeBytes)} · {v.mediaType} · version {v.number}
                {item.versionCount > 1 && ` of ${item.versionCount}`}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Text size="xs">SHA-256</Text>
                <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 360 }} title={v.sha256}>
                  {v.sha256}
                </Code>
                <CopyHashButton sha256={v.sha256} label={`Copy the SHA-256 of ${item.title}`} />
              </Group>
            </Stack>
          )}
        </div>
        {v && (
          <Stack gap={4} align="flex-end">
            <IntegrityBadge version={v} />
            <RowActions
              actions={[
                {
                  label: 'Download',
                  ariaLabel: `Download ${v.fileName}`,
                  variant: 'default',
                  href: evidenceContentUrl(auditId, item.id, v.number),
                  download: v.fileName,
                },
                {
                  label: 'Verify',
                  ariaLabel: `Verify ${v.fileName} against its SHA-256`,
                  variant: 'default',
                  loading: verifying,
                  onClick: () => onVerify(v),
                },
                {
                  label: 'History',
                  ariaLabel: `History of ${item.title}: versions and custody`,
                  variant: 'default',
                  onClick: () => setHistory('open'),
                },
                canRedact &&
                  v.mediaType === 'application/pdf' && {
                    label: 'Redact',
                    ariaLabel: `Redact ${v.fileName}, version ${v.number}`,
                    variant: 'default',
                    // Its back link returns here, to the response (see RedactionPage).
                    to: `${redactionPagePath({ auditId, evidenceId: item.id, number: v.number })}?from=${encodeURIComponent(here)}`,
                  },
              ]}
            />
          </Stack>
        )}
      </Group>
      {v && history !== 'closed' && (
        <EvidenceHistory
          auditId={auditId}
          responseId={responseId}
          evidence={item}
          canAddVersion={canAddVersion}
          opened={history === 'open'}
          onClose={() => setHistory('closing')}
        />
      )}
    </li>
  );
}
