import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  MultiSelect,
  Progress,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { isCounsel } from '@app/domain/audit-access';
import { useQueueReport, useReport, useReports, useSubjects, useUpdateAudit } from '../api/queries';
import { formatBytes } from '../lib/format';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Empty, ErrorNotice, QueryState } from '../components/states';
import { formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { REPORT_STATUS_COLOR, REPORT_STATUS_LABEL } from '../lib/status';

export function ReportPage() {
  const audit = useCurrentAudit();
  const counsel = isCounsel(audit.myRole);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {counsel ? (
          <GenerateCard />
        ) : (
          <Card withBorder padding="lg" radius="md">
            <Title order={2} size="h4" mb="xs">
              PDF report
            </Title>
            <Text size="sm">Counsel generate the report; you can download the exports.</Text>
          </Card>
        )}
        <Stack>
          <ExportsCard />
          {counsel && <LegendCard />}
        </Stack>
      </SimpleGrid>
      <PastReports />
    </Stack>
  );
}

function GenerateCard() {
  const audit = useCurrentAudit();
  const subjects = useSubjects(audit.id);
  const queue = useQueueReport(audit.id);
  const [subjectIds, setSubjectIds] = useState<string[]>([]);
  const [includeUnapproved, setIncludeUnapproved] = useState(true);
  const [reportId, setReportId] = useState<string | null>(null);
  const report = useReport(audit.id, reportId);
  const r = report.data;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="generate-heading">
      <Title order={2} size="h4" id="generate-heading" mb="xs">
        Generate the PDF report
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Cover, summary matrix, one section per subject with its answers and evidence. Every page carries the legend “
        {audit.effectiveConfidentialityLegend}”.
      </Text>
      <Stack gap="sm">
        <MultiSelect
          label="Subjects"
          placeholder={subjectIds.length ? undefined : 'All subjects'}
          data={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={subjectIds}
          onChange={setSubjectIds}
          clearable
          searchable
        />
        <Switch
          label="Include answers not approved yet (the report is then a DRAFT, watermarked on every page)"
          checked={includeUnapproved}
          onChange={(e) => setIncludeUnapproved(e.currentTarget.checked)}
        />
        {queue.error && <ErrorNotice error={queue.error} title="Not started" />}
        <Group justify="flex-end">
          <Button
            loading={queue.isPending}
            disabled={r !== undefined && (r.status === 'QUEUED' || r.status === 'RENDERING')}
            onClick={() =>
              queue.mutate(
                { includeUnapproved, ...(subjectIds.length > 0 && { subjectIds }) },
                { onSuccess: (created) => setReportId(created.id) },
              )
            }
          >
            Generate PDF
          </Button>
        </Group>
        {reportId && report.error && <ErrorNotice error={report.error} />}
        {r && (
          <Stack gap={4} aria-live="polite">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {REPORT_STATUS_LABEL[r.status]}
              </Text>
              <Text size="sm">{r.progress}%</Text>
            </Group>
            <Progress
              value={r.progress}
              color={REPORT_STATUS_COLOR[r.status]}
              animated={r.status === 'RENDERING'}
              aria-label="Report progress"
            />
            {r.status === 'FAILED' && (
              <Alert color="red" role="alert">
                {r.error ?? 'The report could not be rendered.'}
              </Alert>
            )}
            {r.status === 'DONE' && r.downloadUrl && (
              <Stack gap={4}>
                <Group>
                  <Button component="a" href={r.downloadUrl} download color="teal">
                    Download the PDF
                  </Button>
                  <Text size="xs" c="dimmed">
                    {r.pageCount} pages · {formatBytes(r.sizeBytes ?? 0)}
                    {r.draft && ' · a DRAFT (answers not yet approved are printed)'}
                  </Text>
                </Group>
                <Text size="xs">
                  SHA-256 <Code data-testid="report-sha256">{r.sha256}</Code>
                </Text>
              </Stack>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** The confidentiality legend every page of the report carries; counsel set it per audit. */
function LegendCard() {
  const audit = useCurrentAudit();
  const update = useUpdateAudit(audit.id);
  const [legend, setLegend] = useState(audit.confidentialityLegend ?? '');
  const fieldError = plainFieldErrors(update.error).confidentialityLegend;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="legend-heading">
      <Title order={2} size="h4" id="legend-heading" mb="xs">
        Confidentiality legend
      </Title>
      <Stack gap="sm">
        <TextInput
          label="Printed on every page"
          description="Leave empty for the default legend"
          placeholder={audit.effectiveConfidentialityLegend}
          value={legend}
          onChange={(e) => setLegend(e.currentTarget.value)}
          error={fieldError}
        />
        {update.error && !fieldError && <ErrorNotice error={update.error} title="Not saved" />}
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="default"
            loading={update.isPending}
            disabled={legend === (audit.confidentialityLegend ?? '')}
            onClick={() =>
              update.mutate(
                { confidentialityLegend: legend.trim() || null },
                { onSuccess: () => notifications.show({ color: 'teal', message: 'Legend saved.' }) },
              )
            }
          >
            Save legend
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ExportsCard() {
  const audit = useCurrentAudit();
  const base = `/api/audits/${audit.id}/exports`;
  const link = (file: string, label: string) => (
    <Button component="a" href={`${base}/${file}`} download variant="default" size="xs">
      {label}
    </Button>
  );
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="exports-heading">
      <Title order={2} size="h4" id="exports-heading" mb="xs">
        Exports
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Spreadsheets for review outside AuditDesk.
      </Text>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm">The response grid</Text>
          <Group gap="xs">
            {link('responses.csv', 'Responses CSV')}
            {link('responses.xlsx', 'Responses XLSX')}
          </Group>
        </Group>
        <Group justify="space-between">
          <Text size="sm">The evidence index (one row per file version)</Text>
          <Group gap="xs">
            {link('evidence.csv', 'Evidence CSV')}
            {link('evidence.xlsx', 'Evidence XLSX')}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

function PastReports() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const reports = useReports(audit.id);
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="past-heading">
      <Title order={2} size="h4" id="past-heading" mb="sm">
        Past reports
      </Title>
      <QueryState query={reports}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No report generated yet" />
          ) : (
            <Table striped aria-label="Past reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Requested ({me.timeZone})</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>Covers</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                  <Table.Th>File</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(r.createdAt, me.timeZone)}</Table.Td>
                    <Table.Td>{r.requestedBy?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {r.options.subjectIds
                          ? `${r.options.subjectIds.length} subject${r.options.subjectIds.length === 1 ? '' : 's'}`
                          : 'All subjects'}
                        {r.options.includeUnapproved ? ', draft answers included' : ', approved answers only'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge color={REPORT_STATUS_COLOR[r.status]} variant="light">
                          {REPORT_STATUS_LABEL[r.status]}
                          {r.status === 'RENDERING' && `, ${r.progress}%`}
                        </Badge>
                        {r.draft && (
                          <Badge color="orange" variant="light">
                            draft
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {r.sha256 ? (
                        <Code
                          title={r.sha256}
                          style={{
                            display: 'inline-block',
                            maxWidth: 200,
                            overflow: 'hidden',
                            textOverflow: 'ellipsis',
                            verticalAlign: 'bottom',
                          }}
                        >
                          {r.sha256}
                        </Code>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.downloadUrl ? (
                        <Anchor href={r.downloadUrl} download size="sm">
                          PDF{r.pageCount ? `, ${r.pageCount} pages` : ''}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Card>
  );
}
