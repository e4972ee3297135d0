// A volume opened from the production log: every document it holds, page by page, with the
// Bates range it went out under, its designation and both hashes (of the produced file and of
// the evidence as uploaded), which is what counsel check against the other side's copy. While
// the volume can still change, counsel open a PDF's redaction screen from here.
import { isCounsel } from '@app/domain/audit-access';
import { Button, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  type Production,
  type ProductionDocument,
  redactionPagePath,
  useProductionDocuments,
  VOLUME_DOCUMENTS_PAGE_SIZE,
} from '../api/queries';
import { plural } from '../lib/bates';
import { HashValue } from './HashValue';
import { useCurrentAudit } from './layout';
import { Pages } from './pagination';
import { Empty, QueryState } from './states';

export function VolumeDocumentsModal({ volume, onClose }: { volume: Production; onClose: () => void }) {
  const audit = useCurrentAudit();
  const [page, setPage] = useState(1);
  const documents = useProductionDocuments(audit.id, volume.id, page);
  const produced = volume.status === 'PRODUCED';
  // Redactions are burnt in at production: they can change until the volume is produced.
  const redacting = isCounsel(audit.myRole) && (volume.status === 'DRAFT' || volume.status === 'FAILED');

  return (
    <Modal opened onClose={onClose} size="72rem" title={`Volume ${volume.name}: documents`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {plural(volume.documentCount, 'document')}
          {produced && volume.firstBates && volume.lastBates
            ? `, ${volume.firstBates} – ${volume.lastBates}`
            : ': Bates numbers are given when the volume is produced'}
          .
        </Text>
        <QueryState query={documents} label="Loading documents…">
          {(result) =>
            result.total === 0 ? (
              <Empty title="No documents in this volume" />
            ) : (
              <Stack gap="sm">
                <Table.ScrollContainer minWidth={1000}>
                  <Table verticalSpacing="xs" aria-label={`Documents of volume ${volume.name}`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Bates range</Table.Th>
                        <Table.Th>File</Table.Th>
                        <Table.Th>Designation</Table.Th>
                        <Table.Th>Pages</Table.Th>
                        <Table.Th>SHA-256 of the produced file</Table.Th>
                        <Table.Th>SHA-256 of the original</Table.Th>
                        {redacting && (
                          <Table.Th>
                            <VisuallyHidden>Redactions</VisuallyHidden>
                          </Table.Th>
                        )}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.items.map((d) => (
                        <Table.Tr key={d.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {d.begBates ? (
                              <Text size="sm">
                                {d.endBates && d.endBates !== d.begBates ? `${d.begBates} – ${d.endBates}` : d.begBates}
                              </Text>
                            ) : (
                              <Text size="sm" c="dimmed">
                                Not yet numbered
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
                              {d.fileName}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {d.title} · version {d.versionNumber}
                            </Text>
                            <RedactionNote document={d} produced={produced} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{d.designation}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{d.pageCount ?? '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            {d.producedSha256 ? (
                              <HashValue
                                sha256={d.producedSha256}
                                copyLabel={`Copy the SHA-256 of the produced file of ${d.fileName}`}
                              />
                            ) : (
                              <Text size="sm" c="dimmed">
                                Not produced yet
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <HashValue
                              sha256={d.originalSha256}
                              copyLabel={`Copy the SHA-256 of the original of ${d.fileName}`}
                            />
                          </Table.Td>
                          {redacting && (
                            <Table.Td>
                              {d.mediaType === 'application/pdf' && <RedactButton auditId={audit.id} document={d} />}
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {result.total > VOLUME_DOCUMENTS_PAGE_SIZE && (
                  <Pages
                    label={`Pages of the documents of volume ${volume.name}`}
                    total={Math.ceil(result.total / VOLUME_DOCUMENTS_PAGE_SIZE)}
                    value={page}
                    onChange={setPage}
                  />
                )}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Modal>
  );
}

/**
 * What redaction does to a document: how many boxes it carries (burnt in once produced), and,
 * when some are for privilege, whether the privilege log still owes the other side its entry.
 */
function RedactionNote({ document, produced }: { document: ProductionDocument; produced: boolean }) {
  const count = document.redactionCount;
  if (count === 0) return null;
  const boxes = `${count} ${count === 1 ? 'box' : 'boxes'}`;
  return (
    <>
      <Text size="xs">{produced ? `Produced redacted (${boxes})` : `Redacted when produced (${boxes})`}</Text>
      {document.privilegeLogMissing && (
        <Text size="xs" fw={600} c="red.9">
          Privilege boxes: log it in the privilege log as redacted
        </Text>
      )}
    </>
  );
}

/** "Redact", with the number of boxes the document carries when it has some. */
function RedactButton({ auditId, document }: { auditId: string; document: ProductionDocument }) {
  const count = document.redactionCount;
  return (
    <Button
      component={Link}
      to={redactionPagePath({ auditId, evidenceId: document.evidenceId, number: document.versionNumber })}
      size="compact-xs"
      variant="default"
      aria-label={`Redact ${document.fileName}${count > 0 ? ` (${count} ${count === 1 ? 'box' : 'boxes'})` : ''}`}
    >
      {count > 0 ? `Redact (${count})` : 'Redact'}
    </Button>
  );
}
