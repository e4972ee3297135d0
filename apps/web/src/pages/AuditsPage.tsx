import { isCounsel } from '@app/domain/audit-access';
import { mayOpenAudits } from '@app/domain/org-permissions';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useAudits } from '../api/queries';
import { Countdown, DeadlineText } from '../components/deadline';
import { useCurrentUser } from '../components/layout';
import { CompletionBar } from '../components/progress';
import { Empty, ErrorNotice } from '../components/states';
import { AUDIT_STATUS_LABEL, ROLE_LABEL } from '../lib/status';

/**
 * Every audit card is at least this tall, and so is each placeholder drawn while the list
 * loads: the cards take the placeholders' place without moving the page (a layout shift of
 * 0.227 when they pushed the templates card down).
 */
const CARD_MIN_HEIGHT = 262;
const PLACEHOLDER_CARDS = 2;

const cardList = { listStyle: 'none', padding: 0, margin: 0 } as const;

// The new-audit dialog and the template cards under the list are chunks of their own: with them
// (the demand form, the form editor, dialogs, selects and their positioning) the list's own
// chunk waited for five times its size before it could draw the list, on a phone a second.
const loadCreateAuditModal = () => import('../components/CreateAuditModal');
const CreateAuditModal = lazy(async () => ({ default: (await loadCreateAuditModal()).CreateAuditModal }));
// The request templates card is in view on a phone (its text is the page's largest paint): its
// chunk is fetched as soon as this one runs, while the list's read is under way, so the card is
// ready when the list is.
const requestTemplatesCard = import('../components/RequestTemplatesCard');
const RequestTemplatesCard = lazy(async () => ({ default: (await requestTemplatesCard).RequestTemplatesCard }));
const FormTemplatesCard = lazy(async () => ({
  default: (await import('../components/forms/FormTemplatesCard')).FormTemplatesCard,
}));

export function AuditsPage() {
  const me = useCurrentUser();
  const audits = useAudits();
  const [creating, create] = useDisclosure(false);
  // The dialog is drawn from its first opening on (and stays, for its closing transition).
  const [createOpened, setCreateOpened] = useState(false);
  // Opening an audit is an org-level permission (admins, and members an admin allowed).
  const mayOpen = mayOpenAudits(me);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audits
        </Title>
        {mayOpen && (
          <Button
            // Its chunk is fetched as the pointer comes or focus arrives, ahead of the click.
            onPointerEnter={() => void loadCreateAuditModal()}
            onFocus={() => void loadCreateAuditModal()}
            onClick={() => {
              setCreateOpened(true);
              create.open();
            }}
          >
            New audit
          </Button>
        )}
      </Group>
      {mayOpen && createOpened && (
        <Suspense fallback={null}>
          <CreateAuditModal opened={creating} onClose={create.close} />
        </Suspense>
      )}
      {audits.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" style={cardList} aria-busy aria-label="Loading audits…">
          {Array.from({ length: PLACEHOLDER_CARDS }, (_, i) => (
            <Card key={i} component="li" withBorder shadow="xs" padding="lg" radius="md" mih={CARD_MIN_HEIGHT}>
              <Stack gap="sm" aria-hidden>
                <Skeleton height={24} width="60%" />
                <Skeleton height={14} width="30%" />
                <Skeleton height={14} width="80%" />
                <Skeleton height={40} width="50%" />
                <Skeleton height={26} />
                <Skeleton height={20} width="25%" />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      ) : audits.isError ? (
        <ErrorNotice error={audits.error} onRetry={() => void audits.refetch()} />
      ) : audits.data.items.length === 0 ? (
        <Empty title="No audits yet">
          {mayOpen
            ? 'Open one with “New audit” when a demand arrives.'
            : 'You see an audit here once counsel add you to it. To open audits yourself, ask an admin.'}
        </Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" style={cardList} aria-label="Your audits">
          {audits.data.items.map((audit) => (
            <Card key={audit.id} component="li" withBorder shadow="xs" padding="lg" radius="md" mih={CARD_MIN_HEIGHT}>
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <div>
                    <Anchor component={Link} to={`/audits/${audit.id}`} fw={650} size="lg">
                      {audit.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {audit.referenceCode}
                    </Text>
                  </div>
                  <Group gap={6} wrap="nowrap">
                    <Badge variant="outline">{AUDIT_STATUS_LABEL[audit.status]}</Badge>
                    <Badge variant="light" color="gray">
                      {ROLE_LABEL[audit.myRole]}
                    </Badge>
                  </Group>
                </Group>
                <Text size="sm">
                  <Text span c="dimmed">
                    Demanded by{' '}
                  </Text>
                  {audit.demandingParty}
                  <Text span c="dimmed">
                    {' '}
                    of{' '}
                  </Text>
                  {audit.respondingParty}
                </Text>
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                      Deadline
                    </Text>
                    <DeadlineText
                      at={audit.responseDeadline}
                      auditZone={audit.deadlineTimeZone}
                      userZone={me.timeZone}
                    />
                  </div>
                  <Countdown audit={audit} />
                </Group>
                <CompletionBar
                  done={audit.progress.done}
                  total={audit.progress.total}
                  percent={audit.progress.percentComplete}
                />
                <Group gap="xs">
                  {audit.progress.overdue > 0 ? (
                    <Badge color="red" variant="light">
                      {audit.progress.overdue} overdue
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      Nothing overdue
                    </Badge>
                  )}
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {/* Below the list only once the list is drawn: nothing under it is pushed down as it arrives. */}
      {audits.isSuccess && (
        <Suspense fallback={null}>
          <RequestTemplatesCard />
          {/* Drawn after the card above, never before it (which would then push it down). */}
          <Suspense fallback={null}>
            {/* Managed by the people who manage request templates: org admins and counsel of some audit (the API decides). */}
            <FormTemplatesCard
              canManage={me.orgRole === 'ADMIN' || audits.data.items.some((audit) => isCounsel(audit.myRole))}
            />
          </Suspense>
        </Suspense>
      )}
    </Stack>
  );
}
