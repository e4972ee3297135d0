import { isCounsel } from '@app/domain/audit-access';
import { mayOpenAudits } from '@app/domain/org-permissions';
import { Anchor, Button, Card, Group, RingProgress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AuditProgress } from '../api/client';
import { useOverdue, useProgress } from '../api/queries';
import { AuditStatusCard } from '../components/AuditStatusCard';
import { Countdown, DeadlineText } from '../components/deadline';
import { CopyAuditModal } from '../components/CopyAuditModal';
import { DocumentsCard } from '../components/DocumentsCard';
import { EditDemandModal } from '../components/EditDemandModal';
import { ExtensionsCard } from '../components/ExtensionsCard';
import { LegalHoldCard } from '../components/LegalHoldCard';
import { ReminderPauseBanner } from '../components/ReminderPauseBanner';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { MembersCard } from '../components/MembersCard';
import { StatusBadge, StatusBar, StatusLegend } from '../components/progress';
import { Empty, QueryState } from '../components/states';
import { formatDay } from '../lib/dates';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children || '—'}
      </Text>
    </div>
  );
}

export function AuditOverviewPage() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const progress = useProgress(audit.id);
  const overdue = useOverdue(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [editing, edit] = useDisclosure(false);
  const [copying, copy] = useDisclosure(false);
  const lead = audit.myRole === 'LEAD_COUNSEL';
  // A copy is a new audit: the same org-level permission as New audit.
  const mayCopy = lead && mayOpenAudits(me);

  return (
    <Stack>
      <ReminderPauseBanner />
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card
          withBorder
          padding="lg"
          radius="md"
          style={{ gridColumn: 'span 2' }}
          component="section"
          aria-labelledby="demand"
        >
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="demand">
              The demand
            </Title>
            <Group gap="xs">
              <Button size="xs" variant="default" component={Link} to={`/audits/${audit.id}/setup`}>
                {counsel ? 'Set up subjects and requests' : 'Subjects and requests'}
              </Button>
              {mayCopy && (
                <Button size="xs" variant="default" onClick={copy.open}>
                  Copy as a new audit
                </Button>
              )}
              {counsel && (
                <Button size="xs" onClick={edit.open}>
                  Edit demand
                </Button>
              )}
            </Group>
          </Group>
          {counsel && <EditDemandModal audit={audit} opened={editing} onClose={edit.close} />}
          {mayCopy && <CopyAuditModal audit={audit} opened={copying} onClose={copy.close} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0} spacing="sm">
            <Fact label="Demanding party">{audit.demandingParty}</Fact>
            <Fact label="Their counsel">
              {[audit.demandingCounselName, audit.demandingCounselFirm].filter(Boolean).join(', ')}
              {audit.demandingCounselEmail && (
                <>
                  {' '}
                  (<Anchor href={`mailto:${audit.demandingCounselEmail}`}>{audit.demandingCounselEmail}</Anchor>)
                </>
              )}
            </Fact>
            <Fact label="Responding party">{audit.respondingParty}</Fact>
            <Fact label="Responding counsel">
              {[audit.respondingCounselName, audit.respondingCounselFirm].filter(Boolean).join(', ')}
              {audit.respondingCounselEmail && (
                <>
                  {' '}
                  (<Anchor href={`mailto:${audit.respondingCounselEmail}`}>{audit.respondingCounselEmail}</Anchor>)
                </>
              )}
            </Fact>
            <Fact label="Agreement">{[audit.agreementTitle, audit.agreementVersion].filter(Boolean).join(', ')}</Fact>
            <Fact label="Audit clause">{audit.auditClauseRef}</Fact>
            <Fact label="Audit period">
              {audit.periodStart || audit.periodEnd
                ? `${formatDay(audit.periodStart)} to ${formatDay(audit.periodEnd)}`
                : ''}
            </Fact>
            <Fact label="Letter dated">{formatDay(audit.letterDate)}</Fact>
            <Fact label="Received">{formatDay(audit.receivedOn)}</Fact>
            {audit.submittedAt && <Fact label="Submitted">{formatDay(audit.submittedAt)}</Fact>}
            <Fact label="Confidentiality legend">{audit.effectiveConfidentialityLegend}</Fact>
          </SimpleGrid>
          {audit.notes && (
            <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
              {audit.notes}
            </Text>
          )}
        </Card>
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="deadline">
          <Title order={2} size="h4" id="deadline" mb="sm">
            Deadline
          </Title>
          <Stack gap="sm">
            <DeadlineText at={audit.responseDeadline} auditZone={audit.deadlineTimeZone} userZone={me.timeZone} />
            <Countdown audit={audit} size="lg" />
            <QueryState query={progress}>{(p) => <Completion progress={p} />}</QueryState>
          </Stack>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <AuditStatusCard />
        <ExtensionsCard />
        <LegalHoldCard />
      </SimpleGrid>

      <QueryState query={progress} label="Loading progress…">
        {(p) => (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <BreakdownCard
              title="Progress per subject"
              rows={p.bySubject.map((s) => ({ key: s.subjectId, label: s.name, ...s }))}
              link={(key) => `/audits/${audit.id}/grid?subject=${key}`}
            />
            <BreakdownCard
              title="Progress per request"
              rows={p.byRequest.map((r) => ({ key: r.requestId, label: `${r.ordinal}. ${r.title}`, ...r }))}
            />
          </SimpleGrid>
        )}
      </QueryState>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="overdue">
          <Title order={2} size="h4" id="overdue" mb="sm">
            Overdue, and who owes it
          </Title>
          <QueryState query={overdue}>
            {(page) =>
              page.items.length === 0 ? (
                <Empty title="Nothing is overdue" />
              ) : (
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Response</Table.Th>
                      <Table.Th>Owed by</Table.Th>
                      <Table.Th>Due</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/audits/${audit.id}/responses/${r.id}`} size="sm">
                            {r.subject.name} · #{r.request.ordinal}
                          </Anchor>{' '}
                          <StatusBadge status={r.status} size="xs" />
                        </Table.Td>
                        <Table.Td>
                          {r.assignee?.name ?? (
                            <Text span c="dimmed" size="sm">
                              unassigned
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{r.dueDate ? formatDay(r.dueDate) : 'audit deadline'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )
            }
          </QueryState>
        </Card>
        <MembersCard />
      </SimpleGrid>

      <DocumentsCard />
    </Stack>
  );
}

function Completion({ progress }: { progress: AuditProgress }) {
  return (
    <Group gap="md" wrap="nowrap">
      <RingProgress
        size={110}
        thickness={12}
        roundCaps
        sections={[{ value: progress.percentComplete, color: 'teal' }]}
        label={
          <Text ta="center" fw={700} size="lg">
            {progress.percentComplete}%
          </Text>
        }
        aria-label={`${progress.percentComplete}% complete`}
      />
      <Stack gap={2}>
        <Text size="sm" data-testid="progress-done">
          <strong>{progress.done}</strong> of {progress.total} responses done
        </Text>
        <Text size="sm" c={progress.overdue > 0 ? 'red' : 'dimmed'}>
          <strong>{progress.overdue}</strong> overdue
        </Text>
        <Text size="sm" c="dimmed">
          {progress.counts.IN_REVIEW} in review
        </Text>
      </Stack>
    </Group>
  );
}

interface BreakdownRow {
  key: string;
  label: string;
  total: number;
  done: number;
  overdue: number;
  percentComplete: number;
  counts: AuditProgress['counts'];
}

function BreakdownCard({ title, rows, link }: { title: string; rows: BreakdownRow[]; link?: (key: string) => string }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
      </Group>
      {rows.length === 0 ? (
        <Empty title="Nothing to show yet" />
      ) : (
        <Stack gap="sm">
          {rows.map((row) => (
            <div key={row.key}>
              <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
                {link ? (
                  <Anchor component={Link} to={link(row.key)} size="sm" truncate>
                    {row.label}
                  </Anchor>
                ) : (
                  <Text size="sm" truncate>
                    {row.label}
                  </Text>
                )}
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {row.done}/{row.total} · {row.percentComplete}%
                  {row.overdue > 0 && <Text span c="red" size="xs">{` · ${row.overdue} overdue`}</Text>}
                </Text>
              </Group>
              <StatusBar counts={row.counts} total={row.total} label={row.label} />
            </div>
          ))}
          <StatusLegend />
        </Stack>
      )}
    </Card>
  );
}
