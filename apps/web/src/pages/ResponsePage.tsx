import { Alert, Anchor, Badge, Button, Card, Grid, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { effectiveRole, hasAtLeast, isCounsel } from '@app/domain/audit-access';
import { REDACT_ROLE } from '@app/domain/redactions';
import {
  backingLockedByApproval,
  canChangeBacking,
  canComment,
  reviewerIsAssignee,
} from '@app/domain/response-workflow';
import { isApiError, type ResponseDetail, type ResponseUpdate } from '../api/client';
import {
  fetchResponse,
  formOf,
  keys,
  useAddComment,
  useComments,
  useGrid,
  useMembers,
  useRelogin,
  useResponse,
  useResponseEvidence,
  useUpdateResponse,
} from '../api/queries';
import { DueDateField } from '../components/DueDateField';
import { EvidencePanel } from '../components/EvidencePanel';
import { rememberGridCell } from '../components/grid-focus';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { ResponseForm, workflowState } from '../components/ResponseForm';
import { Empty, ErrorNotice, Loading, QueryState } from '../components/states';
import { formatDay, formatInstant } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { pickerOption } from '../lib/people';

/** What the grid hands a response page: its cells in grid order (as filtered) and its filters. */
interface GridWalk {
  gridOrder?: string[];
  gridSearch?: string;
}

/**
 * Previous / Next through the grid's cells in grid order: the filtered grid the page was opened
 * from, or (opened by a link) the whole grid, whose API order is the grid's.
 */
export function GridNavigation({ auditId, responseId }: { auditId: string; responseId: string }) {
  const navigate = useNavigate();
  const walk = (useLocation().state ?? {}) as GridWalk;
  const whole = useGrid(auditId, {});
  const order = walk.gridOrder ?? whole.data?.items.map((c) => c.id) ?? [];
  const at = order.indexOf(responseId);
  const go = (id: string | undefined) => {
    if (!id) return;
    // Back on the grid, focus goes to the cell of the response walked to.
    if (walk.gridOrder) rememberGridCell(auditId, id);
    void navigate(`/audits/${auditId}/responses/${id}`, { state: walk satisfies GridWalk });
  };
  return (
    <Group gap="xs" component="nav" aria-label="Responses of the grid">
      <Anchor component={Link} to={`/audits/${auditId}/grid${walk.gridSearch ?? ''}`} size="sm">
        ← Back to the grid
      </Anchor>
      {at >= 0 && (
        <>
          <Button size="compact-xs" variant="default" disabled={at === 0} onClick={() => go(order[at - 1])}>
            Previous response
          </Button>
          <Text size="xs" c="dimmed">
            {at + 1} of {order.length}
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            disabled={at === order.length - 1}
            onClick={() => go(order[at + 1])}
          >
            Next response
          </Button>
        </>
      )}
    </Group>
  );
}

/** What each status's note is, as the people working on the response read it. */
const NOTE_TITLE: Partial<Record<ResponseDetail['status'], string>> = {
  CHANGES_REQUESTED: 'Changes asked for',
  APPROVED: 'Sign-off note',
  IN_PROGRESS: 'Reopened',
};

/**
 * The reason given with the move to the current status: what the reviewer asked to change (the
 * assignee's to-do), an approval's sign-off note, or why an approval was reopened.
 */
export function StatusNote({ response }: { response: ResponseDetail }) {
  const me = useCurrentUser();
  const note = response.statusNote;
  if (!note) return null;
  return (
    <Alert
      color={response.status === 'CHANGES_REQUESTED' ? 'orange' : 'gray'}
      title={NOTE_TITLE[response.status] ?? 'Note'}
      // A standing note, not news: read in place, never announced as an alert.
      role="note"
      aria-label={NOTE_TITLE[response.status] ?? 'Note'}
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {note.reason}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {note.by?.name ?? 'Someone no longer here'}, {formatInstant(note.at, me.timeZone)}
      </Text>
    </Alert>
  );
}

export function ResponsePage() {
  const { responseId = '' } = useParams();
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const response = useResponse(audit.id, responseId);
  const update = useUpdateResponse();
  // What a form's evidence field picks from (the panel below reads the same query).
  const evidence = useResponseEvidence(audit.id, responseId);
  const client = useQueryClient();
  const relogin = useRelogin();
  const role = effectiveRole({ userId: me.id, role: audit.myRole, orgRole: me.orgRole }) ?? 'VIEWER';
  const actor = { userId: me.id, role };

  if (response.isPending) return <Loading label="Loading the response…" />;
  if (response.isError) return <ErrorNotice error={response.error} onRetry={() => void response.refetch()} />;
  const r = response.data;

  // Each save names the response it is for: one sent as this response is left (Next response)
  // finishes after the page has moved on to the next one (see useUpdateResponse).
  const target = { auditId: audit.id, responseId: r.id };

  const loadLatest = async () => {
    const latest = await fetchResponse(audit.id, responseId);
    client.setQueryData(keys.response(audit.id, responseId), latest);
    return latest;
  };

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <GridNavigation auditId={audit.id} responseId={responseId} />
          <Title order={2} size="h3">
            {r.subject.name} · Request {r.request.ordinal}: {r.request.title}
          </Title>
          {formOf(r) && (
            <Anchor component={Link} to={`/audits/${audit.id}/requests/${r.request.id}/compare`} size="sm">
              Compare the answers of every subject to request {r.request.ordinal}
            </Anchor>
          )}
        </div>
        {r.overdue && (
          <Badge color="red" size="lg" variant="filled">
            Overdue
          </Badge>
        )}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="request-heading">
              <Title order={3} size="h5" id="request-heading" mb={6}>
                What was demanded
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.requestText}
              </Text>
              {r.provision && (
                <Card withBorder mt="sm" padding="sm" bg="gray.0" component="figure" m={0}>
                  <Text size="xs" fw={700} component="figcaption">
                    Cited provision: {r.provision.reference} {r.provision.title}
                  </Text>
                  {r.provision.text && (
                    <Text size="sm" mt={4} fs="italic" component="blockquote" m={0}>
                      {r.provision.text}
                    </Text>
                  )}
                </Card>
              )}
            </Card>
            <StatusNote response={r} />
            <ResponseForm
              key={r.id}
              response={r}
              actor={actor}
              onSave={(patch, options) => update.mutateAsync({ ...patch, ...options, target })}
              onLoadLatest={loadLatest}
              timeZone={me.timeZone}
              relogin={{ email: me.email, logIn: (password) => relogin.mutateAsync({ email: me.email, password }) }}
              evidence={evidence.data?.items.map((e) => ({ id: e.id, title: e.title }))}
            />
            {/* Each part is keyed by the response, as the form: the page stays mounted from one
                response to the next, and a comment being typed, the list of uploads or an error
                shown belongs to the response it was for. */}
            <EvidencePanel
              key={`evidence-${r.id}`}
              auditId={audit.id}
              responseId={r.id}
              canUpload={canChangeBacking([workflowState(r)], actor)}
              locked={backingLockedByApproval([r])}
              canRedact={hasAtLeast(audit.myRole, REDACT_ROLE)}
            />
            <CommentsCard
              key={`comments-${r.id}`}
              auditId={audit.id}
              response={r}
              canWrite={canComment(workflowState(r), actor)}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <WorkPanel
              key={`work-${r.id}`}
              response={r}
              counsel={isCounsel(role)}
              onSave={(patch) => update.mutateAsync({ ...patch, target })}
              onConflict={loadLatest}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Assignee, reviewer and internal due date: counsel changes them, everyone sees them. */
export function WorkPanel({
  response,
  counsel,
  onSave,
  onConflict,
}: {
  response: ResponseDetail;
  counsel: boolean;
  onSave: (patch: ResponseUpdate) => Promise<ResponseDetail>;
  onConflict: () => Promise<ResponseDetail>;
}) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const members = useMembers(audit.id);
  const [error, setError] = useState<unknown>(null);
  const workers = (members.data?.items ?? []).filter((m) => m.role !== 'VIEWER');
  const assigneeId = response.assignee?.id ?? null;
  const reviewerId = response.reviewer?.id ?? null;
  // Review is by someone other than the assignee (`reviewerIsAssignee`, which the API refuses):
  // each picker shows the person holding the other role as unavailable, and says why.
  const assignees = workers.map((m) =>
    reviewerIsAssignee(m.userId, reviewerId)
      ? { value: m.userId, label: `${m.name} (the reviewer, who cannot also be the assignee)`, disabled: true }
      : pickerOption(m),
  );
  const reviewers = workers.map((m) =>
    reviewerIsAssignee(assigneeId, m.userId)
      ? { value: m.userId, label: `${m.name} (the assignee, who cannot also review)`, disabled: true }
      : pickerOption(m),
  );

  const save = async (patch: Omit<ResponseUpdate, 'version'>) => {
    setError(null);
    try {
      await onSave({ version: response.version, ...patch });
      notifications.show({ color: 'teal', message: 'Saved.' });
    } catch (err) {
      if (isApiError(err, 409)) {
        await onConflict();
        setError(new Error('Someone changed this response meanwhile; it has been reloaded. Make your change again.'));
      } else setError(err);
    }
  };

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="work-heading">
      <Title order={3} size="h5" id="work-heading" mb="sm">
        Who and when
      </Title>
      <Stack gap="sm">
        {error != null && <ErrorNotice error={error} title="Not saved" />}
        <Select
          label="Assignee"
          placeholder="Unassigned"
          data={assignees}
          value={assigneeId}
          onChange={(value) => void save({ assigneeId: value })}
          disabled={!counsel}
          // Picking the chosen person again keeps them (Mantine would clear): clearing is the x button.
          allowDeselect={false}
          clearable
          searchable
        />
        <Select
          label="Reviewer"
          placeholder="No reviewer"
          data={reviewers}
          value={reviewerId}
          onChange={(value) => void save({ reviewerId: value })}
          disabled={!counsel}
          allowDeselect={false}
          clearable
          searchable
        />
        <DueDateField
          key={response.dueDate ?? ''}
          value={response.dueDate}
          audit={audit}
          disabled={!counsel}
          onSave={(dueDate) => void save({ dueDate })}
        />
        {!counsel && (
          <Text size="xs" c="dimmed">
            Only counsel can change these.
          </Text>
        )}
        <Text size="xs" c="dimmed">
          App owner: {response.subjectOwner?.name ?? 'none'}
          <br />
          Due: {response.dueDate ? formatDay(response.dueDate) : 'the audit deadline'}
          <br />
          Last change: {formatInstant(response.updatedAt, me.timeZone)}
          {response.approvedAt && (
            <>
              <br />
              Approved {formatInstant(response.approvedAt, me.timeZone)} by{' '}
              {response.approvedBy?.name ?? 'a former user'}
            </>
          )}
        </Text>
      </Stack>
    </Card>
  );
}

function CommentsCard({
  auditId,
  response,
  canWrite,
}: {
  auditId: string;
  response: ResponseDetail;
  canWrite: boolean;
}) {
  const me = useCurrentUser();
  const comments = useComments(auditId, response.id);
  const add = useAddComment(auditId, response.id);
  const [body, setBody] = useState('');
  const fieldError = plainFieldErrors(add.error).body;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="comments-heading">
      <Title order={3} size="h5" id="comments-heading" mb="sm">
        Comments
      </Title>
      <QueryState query={comments}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No comments yet" />
          ) : (
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {page.items.map((c) => (
                <li key={c.id}>
                  <Text size="xs" c="dimmed">
                    <strong>{c.author?.name ?? 'A former user'}</strong> · {formatInstant(c.createdAt, me.timeZone)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {c.body}
                  </Text>
                </li>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {canWrite ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate(body, { onSuccess: () => setBody('') });
          }}
        >
          <Stack gap="xs" mt="md">
            <Textarea
              label="Add a comment"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              error={fieldError}
            />
            {add.error && !fieldError && <ErrorNotice error={add.error} title="Comment not added" />}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={add.isPending} disabled={!body.trim()}>
                Add comment
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="xs" c="dimmed" mt="sm">
          Those who work on or review this response can comment.
        </Text>
      )}
    </Card>
  );
}
