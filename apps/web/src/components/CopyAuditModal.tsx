// "Copy as a new audit": the new demand's essentials, then a confirmation saying what comes
// along (the structure, the team, who does which cell) and what stays (all the work).
import { Button, Fieldset, Group, List, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Audit } from '../api/client';
import { type CopyAuditInput, useCopyAudit } from '../api/queries';
import { timeZoneOptions } from '../lib/dates';
import { timeZoneFilter } from './TimeZoneSelect';
import { ConfirmDialog } from './ConfirmDialog';
import { DEFAULT_DEADLINE_TIME, demandErrors } from './DemandForm';
import { chosenTime, RepeatedTimeChoice, repeatedTimeUnchosen } from './RepeatedTimeChoice';
import { ErrorNotice } from './states';

interface CopyValues {
  title: string;
  referenceCode: string;
  letterDate: string;
  receivedOn: string;
  deadlineDay: string;
  deadlineTime: string;
  deadlineTimeZone: string;
  /** Which of the two readings is meant when the deadline's time happens twice that day. */
  deadlineChoice: string;
  demandingParty: string;
  respondingParty: string;
}

const deadlineTimeOf = (values: CopyValues) => `${values.deadlineDay}T${values.deadlineTime}`;

export function copyBody(values: CopyValues): CopyAuditInput {
  return {
    title: values.title.trim(),
    referenceCode: values.referenceCode.trim(),
    receivedOn: values.receivedOn,
    responseDeadline: chosenTime(deadlineTimeOf(values), values.deadlineTimeZone, values.deadlineChoice),
    deadlineTimeZone: values.deadlineTimeZone,
    ...(values.letterDate && { letterDate: values.letterDate }),
    demandingParty: values.demandingParty.trim(),
    respondingParty: values.respondingParty.trim(),
  };
}

export function CopyAuditModal({ audit, opened, onClose }: { audit: Audit; opened: boolean; onClose: () => void }) {
  const copy = useCopyAudit(audit.id);
  const navigate = useNavigate();
  const zones = useMemo(() => timeZoneOptions(audit.deadlineTimeZone), [audit.deadlineTimeZone]);
  const [confirming, setConfirming] = useState<CopyAuditInput | null>(null);
  const form = useForm<CopyValues>({
    initialValues: {
      title: audit.title,
      referenceCode: '',
      letterDate: '',
      receivedOn: '',
      deadlineDay: '',
      deadlineTime: DEFAULT_DEADLINE_TIME,
      deadlineTimeZone: audit.deadlineTimeZone,
      deadlineChoice: '',
      demandingParty: audit.demandingParty,
      respondingParty: audit.respondingParty,
    },
    validate: {
      deadlineChoice: (choice, values) =>
        values.deadlineDay ? repeatedTimeUnchosen(deadlineTimeOf(values), values.deadlineTimeZone, choice) : null,
    },
  });
  const close = () => {
    setConfirming(null);
    copy.reset();
    onClose();
  };
  const confirm = () =>
    copy.mutate(confirming!, {
      onSuccess: (created) => {
        notifications.show({
          color: 'teal',
          title: 'Audit copied',
          message: `${created.referenceCode} is a draft with the same subjects, requests, forms and team. No answers or evidence were copied.`,
        });
        form.reset();
        close();
        void navigate(`/audits/${created.id}`);
      },
      onError: (error) => {
        const errors = demandErrors(error);
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          setConfirming(null);
        }
      },
    });
  const unplaced = copy.error && Object.keys(demandErrors(copy.error)).length === 0 ? copy.error : null;

  return (
    <>
      <Modal opened={opened && !confirming} onClose={close} title="Copy as a new audit" size="lg">
        <form onSubmit={form.onSubmit((values) => setConfirming(copyBody(values)))} noValidate>
          <Stack>
            <Text size="sm">
              For a new demand under the same agreement: the copy starts as a draft with this audit’s provisions,
              subjects, requests, team and assignments.
            </Text>
            {unplaced && <ErrorNotice error={unplaced} title="The audit was not copied" />}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
              <TextInput
                label="Reference"
                description="Unique, e.g. ACME-2027-01"
                required
                {...form.getInputProps('referenceCode')}
              />
            </SimpleGrid>
            <Fieldset legend="Parties">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Demanding party" required {...form.getInputProps('demandingParty')} />
                <TextInput label="Responding party" required {...form.getInputProps('respondingParty')} />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend="Dates">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Letter dated" type="date" {...form.getInputProps('letterDate')} />
                <TextInput label="Received on" type="date" required {...form.getInputProps('receivedOn')} />
                <TextInput label="Deadline date" type="date" required {...form.getInputProps('deadlineDay')} />
                <TextInput
                  label="Deadline time"
                  description="In the deadline's time zone"
                  type="time"
                  required
                  {...form.getInputProps('deadlineTime')}
                />
              </SimpleGrid>
              <Select
                mt="sm"
                label="Deadline time zone"
                searchable
                required
                allowDeselect={false}
                nothingFoundMessage="No such zone"
                data={zones}
                filter={timeZoneFilter}
                {...form.getInputProps('deadlineTimeZone')}
              />
              {form.values.deadlineDay && (
                <RepeatedTimeChoice
                  local={deadlineTimeOf(form.values)}
                  zone={form.values.deadlineTimeZone}
                  value={form.values.deadlineChoice}
                  onChange={(choice) => form.setFieldValue('deadlineChoice', choice)}
                  error={form.errors.deadlineChoice}
                />
              )}
            </Fieldset>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit">Continue</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ConfirmDialog
        opened={confirming !== null}
        title={`Copy ${audit.referenceCode} as ${confirming?.referenceCode ?? ''}?`}
        confirmLabel="Copy audit"
        pending={copy.isPending}
        error={copy.error}
        errorTitle="The audit was not copied"
        onClose={() => {
          setConfirming(null);
          copy.reset();
        }}
        onConfirm={confirm}
      >
        <Text size="sm">A new draft audit is opened with:</Text>
        <List size="sm" mb="xs">
          <List.Item>
            the provisions, subjects and requests (with their citations, subjects and forms; each form as it now reads,
            without the fields removed from it);
          </List.Item>
          <List.Item>the members and their roles;</List.Item>
          <List.Item>who answers and reviews each cell, and its internal due date moved with the deadline.</List.Item>
        </List>
        <Text size="sm">
          Answers (form answers included), statuses, comments, evidence, documents, reports and the history stay with
          this audit.
        </Text>
      </ConfirmDialog>
    </>
  );
}
