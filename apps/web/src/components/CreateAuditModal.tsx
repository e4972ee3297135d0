import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useState } from 'react';
import { useCreateAudit, useRequestTemplates } from '../api/queries';
import { createBody, DemandFields, demandErrors, emptyDemand, useDemandForm } from './DemandForm';
import { useCurrentUser } from './layout';
import { ErrorNotice } from './states';

/** Opens a new audit. Validation is the API's: its field messages show under the fields, in plain words. */
export function CreateAuditModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const create = useCreateAudit();
  const navigate = useNavigate();
  const form = useDemandForm(emptyDemand(me.timeZone));
  const templates = useRequestTemplates();
  // null: a blank audit; otherwise the template whose requests and provisions it starts with.
  const [templateId, setTemplateId] = useState<string | null>(null);

  const submit = form.onSubmit((values) => {
    const body = createBody(values);
    create.mutate(
      { ...body, audit: { ...body.audit, ...(templateId && { templateId }) } },
      {
        onSuccess: ({ audit, legendError }) => {
          notifications.show({
            color: 'teal',
            title: 'Audit opened',
            message: templateId
              ? `${audit.referenceCode}: you are its lead counsel. Its requests come from the template; add its subjects under Setup.`
              : `${audit.referenceCode}: you are its lead counsel. Add its subjects and requests under Setup.`,
          });
          if (legendError)
            notifications.show({
              color: 'orange',
              title: 'The confidentiality legend was not saved',
              message: `${legendError} Set it with “Edit demand”.`,
              autoClose: false,
            });
          form.reset();
          setTemplateId(null);
          onClose();
          void navigate(`/audits/${audit.id}`);
        },
        onError: (error) => form.setErrors(demandErrors(error)),
      },
    );
  });
  const unplaced = create.error && Object.keys(demandErrors(create.error)).length === 0 ? create.error : null;

  return (
    <Modal opened={opened} onClose={onClose} title="New audit" size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {unplaced && <ErrorNotice error={unplaced} title="The audit was not opened" />}
          <Select
            label="Start from"
            description="A template brings its requests and the provisions they cite"
            data={[
              { value: '', label: 'A blank audit' },
              ...(templates.data?.items ?? []).map((t) => ({
                value: t.id,
                label: `Template: ${t.name} (${t.requestCount} requests)`,
              })),
            ]}
            value={templateId ?? ''}
            onChange={(value) => setTemplateId(value || null)}
            allowDeselect={false}
          />
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
