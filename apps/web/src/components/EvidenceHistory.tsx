// An evidence record's history, in a dialog opened from its row: every version (file, size,
// SHA-256, who uploaded it and when, its last integrity check, a download) and the record's
// chain of custody (the audit's history of that record: uploaded, new versions, downloads,
// checks, links), and, for those who may change the response's evidence, a new version. A new
// version never replaces the earlier ones: each keeps its bytes and its hash.
import { ACTIVITY_ACTION_LABEL } from '@app/activity/activity-catalog';
import { Alert, Anchor, Button, FileButton, Group, Modal, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, type Evidence } from '../api/client';
import { evidenceContentUrl, featureKeys, useEvidenceCustody, useEvidenceVersions } from '../api/queries';
import { uploadEvidenceVersion } from '../api/upload';
import { formatInstant } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { INTEGRITY_RESULT_LABEL } from '../lib/status';
import { HashValue } from './HashValue';
import { useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

/** The version an event of the record names (downloads, checks and new versions say which). */
const versionOf = (changes: Record<string, { after?: unknown }> | null) => {
  const after = changes?.version?.after ?? changes?.number?.after;
  return typeof after === 'number' ? after : null;
};

export function EvidenceHistory({
  auditId,
  responseId,
  evidence,
  canAddVersion,
  opened,
  onClose,
}: {
  auditId: string;
  /** The response whose evidence list shows the record (refreshed after a new version). */
  responseId: string;
  evidence: Evidence;
  /** Whether this person may add a version now (may change the response's evidence, not locked). */
  canAddVersion: boolean;
  opened: boolean;
  onClose: () => void;
}) {
  const me = useCurrentUser();
  const client = useQueryClient();
  const versions = useEvidenceVersions(auditId, evidence.id, opened);
  const custody = useEvidenceCustody(auditId, evidence.id, opened);
  const [upload, setUpload] = useState<{ name: string; progress: number } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [added, setAdded] = useState<number | null>(null);
  const controller = useRef<AbortController | null>(null);

  const addVersion = (file: File | null) => {
    if (!file) return;
    setAdded(null);
    setUploadError(null);
    if (file.size === 0) {
      setUploadError(
        new ApiError(400, { title: 'Empty file', detail: `${file.name} is empty (0 bytes): nothing was sent.` }),
      );
      return;
    }
    controller.current = new AbortController();
    setUpload({ name: file.name, progress: 0 });
    uploadEvidenceVersion({
      auditId,
      evidenceId: evidence.id,
      file,
      onProgress: (f) => setUpload({ name: file.name, progress: Math.round(f * 100) }),
      signal: controller.current.signal,
    })
      .then((version) => {
        setAdded(version.number);
        void client.invalidateQueries({ queryKey: featureKeys.evidenceVersions(auditId, evidence.id) });
        void client.invalidateQueries({ queryKey: featureKeys.evidenceCustody(auditId, evidence.id) });
        void client.invalidateQueries({ queryKey: featureKeys.evidence(auditId, responseId) });
      })
      .catch((error: unknown) => setUploadError(error))
      .finally(() => {
        controller.current = null;
        setUpload(null);
      });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`History of ${evidence.title}`}
      size="70rem"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h5" id={`versions-${evidence.id}`}>
            Versions
          </Title>
          {canAddVersion && (
            <FileButton onChange={addVersion}>
              {(props) => (
                <Button size="xs" variant="default" loading={upload !== null} {...props}>
                  Upload a new version
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {upload && (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{upload.name}</Text>
            <Progress value={upload.progress} style={{ flex: 1 }} aria-label={`Uploading ${upload.name}`} />
            <Button size="compact-xs" variant="subtle" onClick={() => controller.current?.abort()}>
              Cancel
            </Button>
          </Group>
        )}
        {added !== null && (
          <Alert color="teal" variant="light" title={`Version ${added} added`}>
            The earlier versions are kept, each with its own SHA-256.
          </Alert>
        )}
        {uploadError != null && <ErrorNotice error={uploadError} title="No new version" />}
        <QueryState query={versions} label="Loading the versions…">
          {(list) => (
            <Table.ScrollContainer minWidth={720} type="native">
              <Table aria-labelledby={`versions-${evidence.id}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>File</Table.Th>
                    <Table.Th>SHA-256</Table.Th>
                    <Table.Th>Uploaded</Table.Th>
                    <Table.Th>Last check</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>{v.number}</Table.Td>
                      <Table.Td>
                        <Anchor
                          href={evidenceContentUrl(auditId, evidence.id, v.number)}
                          download={v.fileName}
                          size="sm"
                        >
                          {v.fileName}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {formatBytes(v.sizeBytes)} · {v.mediaType}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <HashValue sha256={v.sha256} copyLabel={`Copy the SHA-256 of version ${v.number}`} />
                      </Table.Td>
                      <Table.Td>
                        {v.uploadedBy?.name ?? 'A former user'}, {formatInstant(v.uploadedAt, me.timeZone)}
                      </Table.Td>
                      <Table.Td>
                        {v.lastVerification === null
                          ? 'Not re-checked since upload'
                          : `${INTEGRITY_RESULT_LABEL[v.lastVerification]}, ${v.lastVerifiedAt ? formatInstant(v.lastVerifiedAt, me.timeZone) : ''}`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>

        <Title order={3} size="h5" id={`custody-${evidence.id}`}>
          Chain of custody
        </Title>
        <QueryState query={custody} label="Loading the record's history…">
          {(page) =>
            page.items.length === 0 ? (
              <Empty title="Nothing recorded yet" />
            ) : (
              <Stack
                gap={4}
                component="ol"
                aria-labelledby={`custody-${evidence.id}`}
                style={{ listStyle: 'none', padding: 0, margin: 0 }}
              >
                {page.items.map((event) => {
                  const version = versionOf(event.changes);
                  return (
                    <li key={event.id}>
                      <Text size="sm">
                        <strong>{ACTIVITY_ACTION_LABEL[event.action]}</strong>
                        {version !== null && ` · version ${version}`} · {event.actor?.name ?? 'AuditDesk'} ·{' '}
                        {formatInstant(event.occurredAt, me.timeZone)}
                      </Text>
                    </li>
                  );
                })}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Modal>
  );
}
