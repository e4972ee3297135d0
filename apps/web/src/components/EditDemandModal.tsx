import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Audit } from '../api/client';
import { useUpdateAudit } from '../api/queries';
import { changedFields, DemandFields, demandErrors, demandFromAudit, useDemandForm } from './DemandForm';
import { ErrorNotice } from './states';

/** Edits the demand's intake fields (counsel). Only the fields that changed are sent. */
export function EditDemandModal({ audit, opened, onClose }: { audit: Audit; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Edit demand" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {/* The modal's content mounts on each opening, so the form starts from the audit as it is now. */}
      <DemandEditor audit={audit} onClose={onClose} />
    </Modal>
  );
}

function DemandEditor({ audit, onClose }: { audit: Audit; onClose: () => void }) {
  const update = useUpdateAudit(audit.id);
  const form = useDemandForm(demandFromAudit(audit));

  const submit = form.onSubmit((values) => {
    const body = changedFields(form.getInitialValues(), values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', title: 'Demand saved', message: 'The changes are in the audit history.' });
        onClose();
      },
      onError: (error) => form.setErrors(demandErrors(error)),
    });
  });
  const unplaced = update.error && Object.keys(demandErrors(update.error)).length === 0 ? update.error : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unplaced && <ErrorNotice error={unplaced} title="Not saved" />}
        <DemandFields form={form} withSubmission={audit.submittedAt !== null && audit.myRole === 'LEAD_COUNSEL'} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save demand
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
