// The audit's own documents (the demand letter, the agreement, other correspondence): what is
// on file, with the SHA-256 taken at intake; counsel add and remove them.
import { MadeByCell, RowActions } from './TableCells';
import { isCounsel } from '@app/domain/audit-access';
import {
  Badge,
  Button,
  Card,
  Group,
  Input,
  Modal,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import type { SourceDocument, SourceDocumentKind } from '../api/client';
import { useDeleteSourceDocument, useSourceDocuments, useUploadSourceDocument } from '../api/queries';
import { formatDay } from '../lib/dates';
import { formatBytes } from '../lib/format';
import { plainFieldErrors } from '../lib/messages';
import { DOCUMENT_KIND_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { HashValue } from './HashValue';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

// In lib/status beside the other labels: the activity log reads a source document's kind too.
export { DOCUMENT_KIND_LABEL };

const KINDS = (Object.keys(DOCUMENT_KIND_LABEL) as SourceDocumentKind[]).map((kind) => ({
  value: kind,
  label: DOCUMENT_KIND_LABEL[kind],
}));

/** Enough of a SHA-256 to tell files apart at a glance; the whole hash is a hover or a copy away. */
const shortHash = (sha256: string) => sha256.slice(0, 12);

export function DocumentsCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const documents = useSourceDocuments(audit.id);
  const remove = useDeleteSourceDocument(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SourceDocument | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="documents-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="documents-heading">
          Documents
        </Title>
        {counsel && (
          <Button size="xs" onClick={() => setAdding(true)}>
            Add document
          </Button>
        )}
      </Group>
      <QueryState query={documents} label="Loading documents…">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No documents yet">
              {counsel ? 'Add the demand letter and the agreement, so everyone works from the same copy.' : undefined}
            </Empty>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table aria-labelledby="documents-heading" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Document</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Size</Table.Th>
                    <Table.Th>SHA-256</Table.Th>
                    <Table.Th>Uploaded</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((doc) => (
                    <Table.Tr key={doc.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {doc.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {doc.file.fileName}
                          {doc.documentDate && ` · dated ${formatDay(doc.documentDate)}`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={doc.kind === 'OTHER' ? 'gray' : 'indigo'}>
                          {DOCUMENT_KIND_LABEL[doc.kind]}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{formatBytes(doc.file.sizeBytes)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <HashValue
                          sha256={doc.file.sha256}
                          copyLabel={`Copy the SHA-256 of ${doc.file.fileName}`}
                          testId="document-sha256"
                        />
                      </Table.Td>
                      <Table.Td>
                        <MadeByCell by={doc.createdBy} at={doc.createdAt} timeZone={me.timeZone} />
                      </Table.Td>
                      <Table.Td>
                        <RowActions
                          actions={[
                            {
                              label: 'Download',
                              ariaLabel: `Download ${doc.file.fileName}`,
                              variant: 'default',
                              href: doc.downloadUrl,
                              download: doc.file.fileName,
                            },
                            counsel && {
                              label: 'Remove',
                              ariaLabel: `Remove ${doc.title}`,
                              danger: true,
                              onClick: () => setRemoving(doc),
                            },
                          ]}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title="Add a document"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {adding && <AddDocumentForm onDone={() => setAdding(false)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.title ?? ''}?`}
        confirmLabel="Remove document"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not removed"
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(removing!.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', title: 'Document removed', message: removing!.title });
              setRemoving(null);
            },
          })
        }
      >
        The document leaves the audit; the audit history keeps a record of it. This is refused while the audit is under
        legal hold.
      </ConfirmDialog>
    </Card>
  );
}

function AddDocumentForm({ onDone }: { onDone: () => void }) {
  const audit = useCurrentAudit();
  const upload = useUploadSourceDocument(audit.id);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<SourceDocumentKind>('DEMAND_LETTER');
  const [title, setTitle] = useState('');
  const [documentDate, setDocumentDate] = useState('');
  const [progress, setProgress] = useState(0);
  const errors = plainFieldErrors(upload.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return;
        upload.mutate(
          {
            file,
            kind,
            title: title.trim() || file.name,
            documentDate: documentDate || undefined,
            onProgress: setProgress,
          },
          {
            onSuccess: (doc) => {
              notifications.show({
                color: 'teal',
                title: 'Document added',
                message: `${doc.title}: SHA-256 ${shortHash(doc.file.sha256)}…`,
              });
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        {upload.error && Object.keys(errors).length === 0 && <ErrorNotice error={upload.error} title="Not added" />}
        <Input.Wrapper
          label="File"
          required
          id={fileId}
          description="Its SHA-256 is taken as it arrives"
          error={errors.file}
        >
          <input
            id={fileId}
            type="file"
            data-autofocus
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0] ?? null;
              setFile(picked);
              if (picked && !title) setTitle(picked.name);
            }}
          />
        </Input.Wrapper>
        <Select
          label="Kind"
          required
          allowDeselect={false}
          data={KINDS}
          value={kind}
          onChange={(value) => value && setKind(value)}
          error={errors.kind}
        />
        <TextInput
          label="Title"
          description="How the document is cited, e.g. Demand letter of 16 May 2023"
          required
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
        />
        <TextInput
          label="Document dated"
          description="The date the document bears, if any"
          type="date"
          value={documentDate}
          onChange={(event) => setDocumentDate(event.currentTarget.value)}
          error={errors.documentDate}
        />
        {upload.isPending && <Progress value={progress * 100} aria-label="Upload progress" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            Add document
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
