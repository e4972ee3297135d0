import { canOwnWork, effectiveRole, isCounsel } from '@app/domain/audit-access';
import { responseState } from '@app/domain/response-workflow';
import { decideOwnerHandover } from '@app/domain/staffing';
import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Member, Schemas, Subject } from '../../api/client';
import {
  gridQuery,
  moved,
  useDeleteSubject,
  useMembers,
  useReorder,
  useSaveSubject,
  useSubjects,
} from '../../api/queries';
import { plainFieldErrors } from '../../lib/messages';
import { ConfirmDialog } from '../ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from '../layout';
import { Empty, ErrorNotice, QueryState } from '../states';
import { ImportSubjectsDialog } from './ImportDialog';
import { optionalText, RowActions } from './RowActions';
import { useSetupAction } from './setup-actions';
import { pickerOption } from '../../lib/people';
import { plural } from '../../lib/words';

/** The audited apps or systems: the rows of the grid, in the order the demand lists them. */
export function SubjectsCard() {
  const audit = useCurrentAudit();
  const subjects = useSubjects(audit.id);
  const remove = useDeleteSubject(audit.id);
  const reorder = useReorder(audit.id, 'subjects');
  const canEdit = isCounsel(audit.myRole);
  const [chosen, setEditing] = useState<Subject | 'new' | null>(null);
  const [addAsked, addDone] = useSetupAction('add-subject');
  const [importAsked, importDone] = useSetupAction('import-subjects');
  const [importing, setImporting] = useState(false);
  const editing = chosen ?? (addAsked && canEdit ? 'new' : null);
  const closeEditor = () => {
    setEditing(null);
    addDone();
  };
  const [deleting, setDeleting] = useState<Subject | null>(null);
  const [handedOver, setHandedOver] = useState<UpdatedSubject | null>(null);

  // The whole list in its new order, in one request: applied entirely or not at all.
  const move = (items: Subject[], from: number, to: number) => reorder.mutate(moved(items, from, to));

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="subjects-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="subjects-heading">
          Subjects
        </Title>
        {canEdit && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setImporting(true)}>
              Import subjects
            </Button>
            <Button size="xs" onClick={() => setEditing('new')}>
              Add subject
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The apps or systems the demand is about: one row of the grid each.
      </Text>
      {reorder.error && <ErrorNotice error={reorder.error} title="The order was not saved" />}
      {handedOver && <HandoverOutcome subject={handedOver} onClose={() => setHandedOver(null)} />}
      <QueryState query={subjects}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No subjects yet">Add each app or system the letter names.</Empty>
          ) : (
            <Table aria-labelledby="subjects-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  {canEdit && (
                    <Table.Th>
                      <VisuallyHidden>Changes</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((s, i) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{s.product ?? '—'}</Table.Td>
                    <Table.Td>{s.owner?.name ?? 'No owner'}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <RowActions
                          name={s.name}
                          moving={reorder.isPending}
                          onUp={i > 0 ? () => move(page.items, i, i - 1) : undefined}
                          onDown={i < page.items.length - 1 ? () => move(page.items, i, i + 1) : undefined}
                          onEdit={() => setEditing(s)}
                          onDelete={() => setDeleting(s)}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={closeEditor}
        title={editing === 'new' ? 'Add a subject' : `Edit ${editing?.name ?? ''}`}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {editing !== null && (
          <SubjectForm
            subject={editing === 'new' ? null : editing}
            onDone={closeEditor}
            onSaved={(saved) => setHandedOver(handedOverSome(saved) ? saved : null)}
          />
        )}
      </Modal>
      <ImportSubjectsDialog
        opened={canEdit && (importing || importAsked)}
        onClose={() => {
          setImporting(false);
          importDone();
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete subject"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        errorTitle="Not deleted"
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(deleting!.id, { onSuccess: () => setDeleting(null) })}
      >
        The subject and its row of the grid are deleted. This is refused while any of its responses holds work (an
        answer, a comment or a status other than not started).
      </ConfirmDialog>
    </Card>
  );
}

type UpdatedSubject = Schemas['UpdatedSubjectDto'];
type SubjectValues = { name: string; product: string; ownerId: string | null; description: string };

/** Whether saving the subject moved (or left, against the new owner) any of its responses. */
const handedOverSome = (saved: Subject | UpdatedSubject): saved is UpdatedSubject =>
  'responsesReassigned' in saved && saved.responsesReassigned + saved.responsesNotReassigned > 0;

/** What a new owner did to the subject's responses, said once the edit is saved. */
function HandoverOutcome({ subject, onClose }: { subject: UpdatedSubject; onClose: () => void }) {
  const owner = subject.owner?.name ?? 'the new owner';
  const reassigned = subject.responsesReassigned;
  const kept = subject.responsesNotReassigned;
  return (
    <Alert
      role="status"
      color={kept ? 'orange' : 'teal'}
      title={
        reassigned > 0
          ? `${plural(reassigned, 'response')} of ${subject.name} now assigned to ${owner}`
          : `No response of ${subject.name} was assigned to ${owner}`
      }
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      mb="sm"
    >
      {kept > 0 &&
        `${plural(kept, 'response')} stayed as ${kept === 1 ? 'it was' : 'they were'}: ${owner} reviews ${kept === 1 ? 'it' : 'them'}, and a response's reviewer cannot also be its assignee.`}
    </Alert>
  );
}

/**
 * What a new owner would take over: the subject's open responses that are unassigned or still
 * the previous owner's, decided as the API will decide them (`decideOwnerHandover`).
 */
function handoverPreview(
  cells: readonly Schemas['ResponseDto'][],
  previousOwnerId: string | null,
  owner: Member,
  actor: { userId: string; role: Member['role'] },
) {
  const members = new Map([[owner.userId, owner.role]]);
  const outcomes = cells.map((c) => {
    const record = { ...c, assigneeId: c.assignee?.id ?? null, reviewerId: c.reviewer?.id ?? null };
    return decideOwnerHandover(responseState(record, previousOwnerId), previousOwnerId, owner.userId, actor, members)
      .outcome;
  });
  return {
    moving: outcomes.filter((o) => o === 'apply').length,
    kept: outcomes.filter((o) => o === 'refuse').length,
  };
}

function SubjectForm({
  subject,
  onDone,
  onSaved,
}: {
  subject: Subject | null;
  onDone: () => void;
  onSaved: (saved: Subject | UpdatedSubject) => void;
}) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const client = useQueryClient();
  const save = useSaveSubject(audit.id);
  const members = useMembers(audit.id);
  // An owner may answer the subject's responses: any member who can write.
  const workers = (members.data?.items ?? []).filter((m) => canOwnWork(m.role));
  const owners = workers.map(pickerOption);
  const form = useForm<SubjectValues>({
    initialValues: {
      name: subject?.name ?? '',
      product: subject?.product ?? '',
      ownerId: subject?.owner?.id ?? null,
      description: subject?.description ?? '',
    },
  });
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  /** The save waiting for the user to confirm that the new owner takes over responses too. */
  const [confirming, setConfirming] = useState<{
    values: SubjectValues;
    owner: string;
    moving: number;
    kept: number;
    /** The user's choice: the new owner takes over those responses (true), or only the subject. */
    handOver: boolean;
  } | null>(null);

  const send = (values: SubjectValues, { handOver = true } = {}) =>
    save.mutate(
      {
        id: subject?.id,
        body: {
          name: values.name.trim(),
          product: optionalText(values.product),
          ownerId: values.ownerId,
          description: optionalText(values.description),
          ...(!handOver && { handOverOpenWork: false }),
        },
      },
      {
        onSuccess: (saved) => {
          setConfirming(null);
          onSaved(saved);
          onDone();
        },
        onError: (error) => form.setErrors(plainFieldErrors(error)),
      },
    );

  // A new owner of an existing subject takes over some of its responses: say how many, and ask,
  // before saving. Adding a subject, or an edit that keeps or clears the owner, just saves.
  const submit = form.onSubmit(async (values) => {
    const previousOwnerId = subject?.owner?.id ?? null;
    const owner = workers.find((m) => m.userId === values.ownerId);
    if (!subject || !owner || owner.userId === previousOwnerId) return send(values);
    setChecking(true);
    setCheckError(null);
    try {
      const cells = await client.fetchQuery({ ...gridQuery(audit.id, { subjectId: subject.id }), staleTime: 0 });
      const role = effectiveRole({ userId: me.id, role: audit.myRole, orgRole: me.orgRole }) ?? audit.myRole;
      const { moving, kept } = handoverPreview(cells.items, previousOwnerId, owner, { userId: me.id, role });
      if (moving === 0) return send(values);
      setConfirming({ values, owner: owner.name, moving, kept, handOver: true });
    } catch (error) {
      setCheckError(error);
    } finally {
      setChecking(false);
    }
  });
  const unplaced = save.error && Object.keys(plainFieldErrors(save.error)).length === 0 ? save.error : null;
  const previousOwner = subject?.owner?.name;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && !confirming && <ErrorNotice error={unplaced} title="Not saved" />}
        {checkError != null && <ErrorNotice error={checkError} title="Not saved" />}
        <TextInput
          label="Name"
          description="The app or system, e.g. Bing Pages"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput label="Product" description="The product it belongs to, if any" {...form.getInputProps('product')} />
        <Select
          label="Owner"
          description="The member who answers for it; members are added under Members"
          placeholder="No owner"
          data={owners}
          clearable
          searchable
          nothingFoundMessage="No member with that name"
          {...form.getInputProps('ownerId')}
        />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending || checking}>
            {subject ? 'Save subject' : 'Add subject'}
          </Button>
        </Group>
      </Stack>
      {confirming && (
        <ConfirmDialog
          opened
          title={`Also assign ${plural(confirming.moving, 'response')} of ${confirming.values.name.trim()} to ${confirming.owner}?`}
          confirmLabel={confirming.handOver ? 'Save and assign' : 'Save the owner only'}
          pending={save.isPending}
          error={save.error}
          errorTitle="Not saved"
          onConfirm={() => send(confirming.values, { handOver: confirming.handOver })}
          onClose={() => {
            setConfirming(null);
            save.reset();
          }}
        >
          <Stack gap="xs">
            <Text size="sm">
              {confirming.owner} becomes the owner of {confirming.values.name.trim()}.{' '}
              {confirming.moving === 1
                ? 'Its open response that is'
                : `Its ${confirming.moving} open responses that are`}{' '}
              unassigned{previousOwner ? ` or still assigned to ${previousOwner}` : ''} can be assigned to{' '}
              {confirming.owner} too.
            </Text>
            {confirming.handOver && confirming.kept > 0 && (
              <Text size="sm">
                {plural(confirming.kept, 'response')} {confirming.kept === 1 ? 'stays as it is' : 'stay as they are'}:{' '}
                {confirming.owner} reviews {confirming.kept === 1 ? 'it' : 'them'}, and a response's reviewer cannot
                also be its assignee.
              </Text>
            )}
            <Text size="sm" c="dimmed">
              Approved and not applicable responses, and those assigned to someone else, stay as they are.
            </Text>
            <Radio.Group
              label="Their assignees"
              value={confirming.handOver ? 'assign' : 'keep'}
              onChange={(value) => setConfirming({ ...confirming, handOver: value === 'assign' })}
            >
              <Stack gap={6} mt={6}>
                <Radio
                  value="assign"
                  label={`Assign ${confirming.moving === 1 ? 'it' : 'them'} to ${confirming.owner}`}
                />
                <Radio
                  value="keep"
                  label={`Change the owner only: ${confirming.moving === 1 ? 'it keeps its' : 'they keep their'} assignee`}
                />
              </Stack>
            </Radio.Group>
          </Stack>
        </ConfirmDialog>
      )}
    </form>
  );
}
