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
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { isApiError, type Member, type Subject } from '../../api/client';
import {
  importTemplateUrl,
  type ImportOutcome,
  type RequestImportResult,
  useImportRequests,
  useImportSubjects,
  useMembers,
  useSubjects,
} from '../../api/queries';
import { useCurrentAudit } from '../layout';
import { ErrorNotice } from '../states';
import { plural } from '../../lib/words';

/** What the preview says will happen to a row (after the import: what happened). */
const OUTCOME: Record<ImportOutcome, { label: string; color: string }> = {
  created: { label: 'New', color: 'teal' },
  updated: { label: 'Update', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  refused: { label: 'Refused', color: 'red' },
};

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
  if (isApiError(error) && error.status !== 0 && !error.problem.detail?.startsWith('Validation failed')) {
    return (
      <Alert color="red" title={title} role="alert" variant="light">
        <Text size="sm">{error.message}</Text>
      </Alert>
    );
  }
  return <ErrorNotice error={error} title={title} />;
}

interface PreviewRow {
  row: number;
  outcome: ImportOutcome;
  reason: string | null;
}

/** The preview (or result) of an import, a row per line of the input, ending with its outcome. */
function PreviewTable<Row extends PreviewRow>({
  rows,
  columns,
  minWidth,
}: {
  rows: Row[];
  columns: { header: string; cell: (row: Row) => ReactNode }[];
  minWidth: number;
}) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      maxHeight={420}
      // Nothing in the rows takes focus: the box that scrolls does, so the keyboard can scroll it.
      scrollAreaProps={{
        viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Preview of the import, scrollable' },
      }}
    >
      <Table stickyHeader aria-label="Preview of the import">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header}>{c.header}</Table.Th>
            ))}
            <Table.Th>What will happen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.row}>
              {columns.map((c) => (
                <Table.Td key={c.header}>{c.cell(r)}</Table.Td>
              ))}
              <Table.Td>
                <Outcome outcome={r.outcome} reason={r.reason} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type ImportMutation<Source> = UseMutationResult<
  { counts: RequestImportResult['counts']; rows: readonly object[] },
  Error,
  { source: Source; dryRun: boolean }
>;

/**
 * The preview-then-import cycle both dialogs share: a dry run for every change of the input,
 * then the import of what the preview showed, a notice of what happened, and the dialog closed
 * and cleared.
 */
function useImportRun<Source>(
  preview: ImportMutation<Source>,
  run: ImportMutation<Source>,
  noun: 'requests' | 'subjects',
  onClose: () => void,
) {
  const counts = preview.data?.counts;
  const writes = counts ? counts.created + counts.updated : 0;
  const close = () => {
    preview.reset();
    run.reset();
    onClose();
  };
  const confirm = (source: Source | null) =>
    source &&
    run.mutate(
      { source, dryRun: false },
      {
        onSuccess: (done) => {
          const { created, updated, refused } = done.counts;
          // A subject's new owner takes its open work (as the preview said): the notice says so too.
          const reassigned = done.rows.reduce(
            (sum: number, r) => sum + ('responsesReassigned' in r ? Number(r.responsesReassigned) : 0),
            0,
          );
          notifications.show({
            color: 'teal',
            title: `${noun === 'requests' ? 'Requests' : 'Subjects'} imported`,
            message:
              `${created} new, ${updated} updated${refused ? `, ${refused} refused` : ''}.` +
              (reassigned > 0 ? ` ${plural(reassigned, 'open response')} assigned to their subject's new owner.` : ''),
          });
          close();
        },
      },
    );
  return {
    close,
    ask: (source: Source | null) => {
      run.reset();
      if (source) preview.mutate({ source, dryRun: true });
      else preview.reset();
    },
    /** The error under the preview, and the buttons that end the dialog. */
    footer: (source: Source | null) => (
      <>
        {run.error && <ImportProblem error={run.error} title="Not imported" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button disabled={!preview.data || writes === 0} loading={run.isPending} onClick={() => confirm(source)}>
            {`Import ${plural(writes, noun.slice(0, -1))}`}
          </Button>
        </Group>
      </>
    ),
  };
}

type Way = 'paste' | 'file';

const SPREADSHEETS = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The file picker's clear button is an icon: its name is for screen readers (axe: button-name). */
const CLEAR_FILE = { 'aria-label': 'Remove the chosen file' };

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
  const flow = useImportRun(preview, run, 'requests', () => {
    setText('');
    setFile(null);
    onClose();
  });
  const result = preview.data;
  const source = way === 'paste' ? (text.trim() ? { text } : null) : file ? { file } : null;

  return (
    <Modal
      opened={opened}
      onClose={flow.close}
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
              <Button
                variant="default"
                disabled={!text.trim()}
                loading={preview.isPending}
                onClick={() => flow.ask(source)}
              >
                Preview
              </Button>
            </Group>
          </>
        ) : (
          <>
            <FileInput
              label="Request list"
              description="A CSV or Excel (.xlsx) file with the template's columns: Ordinal, Title, Text, Provision reference, Subjects (names separated by ;, empty for every subject), and optionally Form (the name of a form template, for the request's form). Without a Provision reference or Subjects column, requests already in the audit keep theirs. At most 1,000 rows."
              placeholder="Choose a file"
              accept={SPREADSHEETS}
              clearable
              clearButtonProps={CLEAR_FILE}
              value={file}
              onChange={(next) => {
                setFile(next);
                flow.ask(next ? { file: next } : null);
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
            <PreviewTable
              rows={result.rows}
              minWidth={800}
              columns={[
                { header: way === 'paste' ? 'Item' : 'Row', cell: (r) => r.row },
                { header: 'No.', cell: (r) => r.ordinal ?? '—' },
                {
                  header: 'Request',
                  cell: (r) => (
                    <div style={{ maxWidth: 520 }}>
                      <Text size="sm" fw={500}>
                        {r.title}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                        {r.text}
                      </Text>
                    </div>
                  ),
                },
                { header: 'Provision', cell: (r) => r.provisionReference ?? '—' },
                {
                  header: 'Subjects',
                  cell: (r) => (r.subjectNames.length ? r.subjectNames.join(', ') : 'Every subject'),
                },
                // A pasted letter names no form; a file may, in its Form column.
                ...(way === 'file'
                  ? [{ header: 'Form', cell: (r: (typeof result.rows)[number]) => r.formTemplateName ?? '—' }]
                  : []),
              ]}
            />
          </>
        )}
        {flow.footer(source)}
      </Stack>
    </Modal>
  );
}

/**
 * Under a row that gives an existing subject another owner (or none): who owns it now, so the
 * preview reads "dana@client.com, was Kenji Watanabe".
 */
function PreviousOwner({
  row,
  subjects,
  members,
}: {
  row: { outcome: ImportOutcome; subjectId: string | null; ownerEmail: string | null };
  subjects: readonly Subject[];
  members: readonly Member[];
}) {
  if (row.outcome !== 'updated') return null;
  const owner = subjects.find((s) => s.id === row.subjectId)?.owner;
  if (!owner) return null;
  const email = members.find((m) => m.userId === owner.id)?.email.toLowerCase();
  if (email === row.ownerEmail) return null;
  return (
    <Text size="xs" c="dimmed">
      was {owner.name}
    </Text>
  );
}

/** Imports a subject list from a CSV or Excel file: preview first, then the import. */
export function ImportSubjectsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const audit = useCurrentAudit();
  // Who owns each subject now, and their addresses: the preview says whose place a new owner takes.
  const subjects = useSubjects(audit.id);
  const members = useMembers(audit.id);
  const preview = useImportSubjects(audit.id);
  const run = useImportSubjects(audit.id);
  const [file, setFile] = useState<File | null>(null);
  const flow = useImportRun(preview, run, 'subjects', () => {
    setFile(null);
    onClose();
  });
  const result = preview.data;

  return (
    <Modal
      opened={opened}
      onClose={flow.close}
      title="Import subjects"
      size="70rem"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <FileInput
          label="Subject list"
          description="A CSV or Excel (.xlsx) file with the template's columns: Name, Product, Owner email (a member who is not a viewer). Without a Product or Owner email column, subjects already in the audit keep theirs. At most 1,000 rows."
          placeholder="Choose a file"
          accept={SPREADSHEETS}
          clearable
          clearButtonProps={CLEAR_FILE}
          value={file}
          onChange={(next) => {
            setFile(next);
            flow.ask(next ? { file: next } : null);
          }}
        />
        <TemplateLinks kind="subjects" />
        {preview.isPending && <Text size="sm">Reading the file…</Text>}
        {preview.error && <ImportProblem error={preview.error} title="No preview" />}
        {result && (
          <>
            <Summary counts={result.counts} what="file" />
            <PreviewTable
              rows={result.rows}
              minWidth={600}
              columns={[
                { header: 'Row', cell: (r) => r.row },
                { header: 'Name', cell: (r) => r.name || '—' },
                { header: 'Product', cell: (r) => r.product ?? '—' },
                {
                  header: 'Owner',
                  cell: (r) => (
                    <>
                      {r.ownerEmail ?? '—'}
                      <PreviousOwner
                        row={r}
                        subjects={subjects.data?.items ?? []}
                        members={members.data?.items ?? []}
                      />
                      {/* A new owner takes over the subject's open work, as when the owner is edited. */}
                      {r.responsesReassigned > 0 && (
                        <Text size="xs">{plural(r.responsesReassigned, 'open response')} will be assigned to them</Text>
                      )}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
        {flow.footer(file ? { file } : null)}
      </Stack>
    </Modal>
  );
}
