import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useCreateAudit } from '../api/queries';
import { createBody, DemandFields, demandErrors, emptyDemand, useDemandForm } from './DemandForm';
import { useCurrentUser } from './layout';
import { ErrorNotice } from './states';

/** Opens a new audit. Validation is the API's: its field messages show under the fields, in plain words. */
export function CreateAuditModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const create = useCreateAudit();
  const navigate = useNavigate();
  const form = useDemandForm(emptyDemand(me.timeZone));

  const submit = form.onSubmit((values) => {
    create.mutate(createBody(values), {
      onSuccess: ({ audit, legendError }) => {
        notifications.show({
          color: 'teal',
          title: 'Audit opened',
          message: `${audit.referenceCode}: you are its lead counsel. Add its subjects and requests under Setup.`,
        });
        if (legendError)
          notifications.show({
            color: 'orange',
            title: 'The confidentiality legend was not saved',
            message: `${legendError} Set it with “Edit demand”.`,
            autoClose: false,
          });
        form.reset();
        onClose();
        void navigate(`/audits/${audit.id}`);
      },
      onError: (error) => form.setErrors(demandErrors(error)),
    });
  });
  const unplaced = create.error && Object.keys(demandErrors(create.error)).length === 0 ? create.error : null;

  return (
    <Modal opened={opened} onClose={onClose} title="New audit" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {unplaced && <ErrorNotice error={unplaced} title="The audit was not opened" />}
          <DemandFields form={form} />
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
