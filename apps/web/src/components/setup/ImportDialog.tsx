import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { isApiError } from '../../api/client';
import { useState } from 'react';
import {
  importTemplateUrl,
  type ImportOutcome,
  type RequestImportResult,
  type SubjectImportResult,
  useImportRequests,
  useImportSubjects,
} from '../../api/queries';
import { useCurrentAudit } from '../layout';
import { ErrorNotice } from '../states';

/** What the preview says will happen to a row (after the import: what happened). */
const OUTCOME: Record<ImportOutcome, { label: string; color: string }> = {
  created: { label: 'New', color: 'teal' },
  updated: { label: 'Update', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  refused: { label: 'Refused', color: 'red' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Outcome({ outcome, reason }: { outcome: ImportOutcome; reason: string | null }) {
  return (
    <Stack gap={2}>
      <Badge color={OUTCOME[outcome].color} variant="light">
        {OUTCOME[outcome].label}
      </Badge>
      {reason && (
        <Text size="xs" c="red.9">
          {reason}
        </Text>
      )}
    </Stack>
  );
}

function Summary({ counts, what }: { counts: RequestImportResult['counts']; what: string }) {
  return (
    <Text size="sm" aria-live="polite">
      {counts.created} new, {counts.updated} to update, {counts.unchanged} unchanged, {counts.refused} refused.
      {counts.refused > 0 && ` Refused rows are not imported; fix them in the ${what} and preview again.`}
    </Text>
  );
}

function TemplateLinks({ kind }: { kind: 'requests' | 'subjects' }) {
  const audit = useCurrentAudit();
  return (
    <Text size="sm">
      Download the template:{' '}
      <Anchor href={importTemplateUrl(audit.id, kind, 'xlsx')} download>
        Excel
      </Anchor>{' '}
      or{' '}
      <Anchor href={importTemplateUrl(audit.id, kind, 'csv')} download>
        CSV
      </Anchor>
    </Text>
  );
}

/**
 * Why a preview or an import failed. The import's own refusals (no numbered items, a missing
 * column, too many rows, too large) are sentences written for the reader: shown as they are.
 * Field validation (e.g. a text over the limit) goes through the shared notice, which rewords it.
 */
function ImportProblem({ error, title }: { error: unknown; title: string }) {
  if (isApiError(error) && error.status !== 0 && !error.message.startsWith('Validation failed')) {
    return (
      <Alert color="red" title={title} role="alert" variant="light">
        <Text size="sm">{error.message}</Text>
      </Alert>
    );
  }
  return <ErrorNotice error={error} title={title} />;
}

type Way = 'paste' | 'file';

/**
 * Imports a request list: the letter pasted, or a CSV or Excel file. Every change of the input
 * asks for a new preview (nothing written); the import button writes what the preview shows.
 */
export function ImportRequestsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const audit = useCurrentAudit();
  const preview = useImportRequests(audit.id);
  const run = useImportRequests(audit.id);
  const [way, setWay] = useState<Way>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const result = preview.data;

  const source = way === 'paste' ? (text.trim() ? { text } : null) : file ? { file } : null;
  const ask = (next: typeof source) => {
    run.reset();
    if (next) preview.mutate({ source: next, dryRun: true });
    else preview.reset();
  };
  const close = () => {
    preview.reset();
    run.reset();
    setText('');
    setFile(null);
    onClose();
  };
  const writes = result ? result.counts.created + result.counts.updated : 0;
  const confirm = () =>
    source &&
    run.mutate(
      { source, dryRun: false },
      {
        onSuccess: (done) => {
          notifications.show({
            color: 'teal',
            title: 'Requests imported',
            message: `${done.counts.created} new, ${done.counts.updated} updated${done.counts.refused ? `, ${done.counts.refused} refused` : ''}.`,
          });
          close();
        },
      },
    );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import requests"
      size="90rem"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <SegmentedControl
          aria-label="How to import"
          value={way}
          onChange={(value) => {
            setWay(value);
            preview.reset();
          }}
          data={[
            { value: 'paste', label: 'Paste the letter' },
            { value: 'file', label: 'Upload CSV or Excel' },
          ]}
        />
        {way === 'paste' ? (
          <>
            <Textarea
              label="Text of the letter"
              description='Paste the letter. Each numbered item ("1.", "2)", "(a)", "i.", "Request No. 3:") becomes a request; the heading and the closing are left out. Not split right? Edit the text (a line starting with a number starts a request) and preview again.'
              autosize
              minRows={6}
              maxRows={16}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (preview.data || preview.error) preview.reset();
              }}
            />
            <Group>
              <Button variant="default" disabled={!text.trim()} loading={preview.isPending} onClick={() => ask(source)}>
                Preview
              </Button>
            </Group>
          </>
        ) : (
          <>
            <FileInput
              label="Request list"
              description="A CSV or Excel (.xlsx) file with the template's columns: Ordinal, Title, Text, Provision reference, Subjects (names separated by ;, empty for every subject). At most 1,000 rows."
              placeholder="Choose a file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              clearable
              value={file}
              onChange={(next) => {
                setFile(next);
                ask(next ? { file: next } : null);
              }}
            />
            <TemplateLinks kind="requests" />
          </>
        )}
        {preview.error && <ImportProblem error={preview.error} title="No preview" />}
        {result && (
          <>
            {result.ignoredPreamble && (
              <Alert color="gray" title="Left out: the text before the first item">
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                  {result.ignoredPreamble}
                </Text>
              </Alert>
            )}
            {result.ignoredClosing && (
              <Alert color="gray" title="Left out: the text after the last item">
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={3}>
                  {result.ignoredClosing}
                </Text>
              </Alert>
            )}
            <Summary counts={result.counts} what={way === 'paste' ? 'text' : 'file'} />
            <Table.ScrollContainer minWidth={800} maxHeight={420}>
              <Table stickyHeader aria-label="Preview of the import">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{way === 'paste' ? 'Item' : 'Row'}</Table.Th>
                    <Table.Th>No.</Table.Th>
                    <Table.Th>Request</Table.Th>
                    <Table.Th>Provision</Table.Th>
                    <Table.Th>Subjects</Table.Th>
                    <Table.Th>What will happen</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.rows.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.ordinal ?? '—'}</Table.Td>
                      <Table.Td maw={520}>
                        <Text size="sm" fw={500}>
                          {r.title}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                          {r.text}
                        </Text>
                      </Table.Td>
                      <Table.Td>{r.provisionReference ?? '—'}</Table.Td>
                      <Table.Td>{r.subjectNames.length ? r.subjectNames.join(', ') : 'Every subject'}</Table.Td>
                      <Table.Td>
                        <Outcome outcome={r.outcome} reason={r.reason} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {run.error && <ImportProblem error={run.error} title="Not imported" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button disabled={!result || writes === 0} loading={run.isPending} onClick={confirm}>
            {`Import ${plural(writes, 'request')}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Imports a subject list from a CSV or Excel file: preview first, then the import. */
export function ImportSubjectsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const audit = useCurrentAudit();
  const preview = useImportSubjects(audit.id);
  const run = useImportSubjects(audit.id);
  const [file, setFile] = useState<File | null>(null);
  const result: SubjectImportResult | undefined = preview.data;
  const writes = result ? result.counts.created + result.counts.updated : 0;
  const close = () => {
    preview.reset();
    run.reset();
    setFile(null);
    onClose();
  };
  const confirm = () =>
    file &&
    run.mutate(
      { file, dryRun: false },
      {
        onSuccess: (done) => {
          notifications.show({
            color: 'teal',
            title: 'Subjects imported',
            message: `${done.counts.created} new, ${done.counts.updated} updated${done.counts.refused ? `, ${done.counts.refused} refused` : ''}.`,
          });
          close();
        },
      },
    );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import subjects"
      size="70rem"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <FileInput
          label="Subject list"
          description="A CSV or Excel (.xlsx) file with the template's columns: Name, Product, Owner email (a member who is not a viewer). At most 1,000 rows."
          placeholder="Choose a file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          clearable
          value={file}
          onChange={(next) => {
            setFile(next);
            run.reset();
            if (next) preview.mutate({ file: next, dryRun: true });
            else preview.reset();
          }}
        />
        <TemplateLinks kind="subjects" />
        {preview.isPending && <Text size="sm">Reading the file…</Text>}
        {preview.error && <ImportProblem error={preview.error} title="No preview" />}
        {result && (
          <>
            <Summary counts={result.counts} what="file" />
            <Table.ScrollContainer minWidth={600} maxHeight={420}>
              <Table stickyHeader aria-label="Preview of the import">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Row</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>What will happen</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.rows.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.name || '—'}</Table.Td>
                      <Table.Td>{r.product ?? '—'}</Table.Td>
                      <Table.Td>{r.ownerEmail ?? '—'}</Table.Td>
                      <Table.Td>
                        <Outcome outcome={r.outcome} reason={r.reason} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {run.error && <ImportProblem error={run.error} title="Not imported" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button disabled={!result || writes === 0} loading={run.isPending} onClick={confirm}>
            {`Import ${plural(writes, 'subject')}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
