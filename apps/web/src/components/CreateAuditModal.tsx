import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, type CreateAudit } from '../api/client';
import { useCreateAudit } from '../api/queries';
import { timeZones } from '../lib/dates';
import { useCurrentUser } from './layout';
import { ErrorNotice } from './states';

type Values = Record<
  keyof Pick<
    CreateAudit,
    | 'title'
    | 'referenceCode'
    | 'demandingParty'
    | 'respondingParty'
    | 'agreementTitle'
    | 'auditClauseRef'
    | 'letterDate'
    | 'receivedOn'
    | 'responseDeadline'
    | 'deadlineTimeZone'
    | 'notes'
  >,
  string
>;

/** Opens a new audit. Validation is the API's: its field messages show under the fields. */
export function CreateAuditModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const create = useCreateAudit();
  const navigate = useNavigate();
  const zones = useMemo(() => timeZones(), []);
  const form = useForm<Values>({
    initialValues: {
      title: '',
      referenceCode: '',
      demandingParty: '',
      respondingParty: '',
      agreementTitle: '',
      auditClauseRef: '',
      letterDate: '',
      receivedOn: '',
      responseDeadline: '',
      deadlineTimeZone: me.timeZone,
      notes: '',
    },
  });

  const submit = form.onSubmit((values) => {
    // Empty optional fields are left out rather than sent as "".
    const body = Object.fromEntries(
      Object.entries(values).filter(([, v]) => v.trim() !== ''),
    ) as unknown as CreateAudit;
    create.mutate(body, {
      onSuccess: (audit) => {
        notifications.show({
          color: 'teal',
          title: 'Audit opened',
          message: `${audit.referenceCode}: you are its lead counsel.`,
        });
        form.reset();
        onClose();
        void navigate(`/audits/${audit.id}`);
      },
      onError: (error) => {
        if (error instanceof ApiError) form.setErrors(error.fieldErrors);
      },
    });
  });
  const unplaced =
    create.error instanceof ApiError && Object.keys(create.error.fieldErrors).length === 0 ? create.error : null;

  return (
    <Modal opened={opened} onClose={onClose} title="New audit" size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {unplaced && <ErrorNotice error={unplaced} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
            <TextInput
              label="Reference code"
              description="Unique, e.g. ACME-2026-01"
              required
              {...form.getInputProps('referenceCode')}
            />
            <TextInput label="Demanding party" required {...form.getInputProps('demandingParty')} />
            <TextInput label="Responding party" required {...form.getInputProps('respondingParty')} />
            <TextInput label="Agreement" required {...form.getInputProps('agreementTitle')} />
            <TextInput label="Audit clause" description="e.g. VII" {...form.getInputProps('auditClauseRef')} />
            <TextInput label="Letter date" type="date" {...form.getInputProps('letterDate')} />
            <TextInput label="Received on" type="date" required {...form.getInputProps('receivedOn')} />
            <TextInput
              label="Response deadline"
              description="Wall-clock time in the deadline's zone"
              type="datetime-local"
              required
              {...form.getInputProps('responseDeadline')}
            />
            <Select
              label="Deadline time zone"
              searchable
              required
              data={zones}
              {...form.getInputProps('deadlineTimeZone')}
            />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Open audit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
