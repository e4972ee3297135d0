// "Save as template": this audit's requests, with the provisions they cite, kept for the
// organisation so a later audit can start from them.
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useSaveRequestTemplate } from '../../api/queries';
import { plainFieldErrors } from '../../lib/messages';
import { ErrorNotice } from '../states';
import { optionalText } from './RowActions';

export function SaveTemplateModal({
  auditId,
  requestCount,
  opened,
  onClose,
}: {
  auditId: string;
  requestCount: number;
  opened: boolean;
  onClose: () => void;
}) {
  const save = useSaveRequestTemplate(auditId);
  const form = useForm({ initialValues: { name: '', description: '' } });
  const close = () => {
    save.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((values) =>
    save.mutate(
      { name: values.name.trim(), description: optionalText(values.description) },
      {
        onSuccess: (template) => {
          notifications.show({
            color: 'teal',
            title: 'Template saved',
            message: `“${template.name}” holds ${template.requestCount} requests. Choose it under “Start from” in New audit.`,
          });
          close();
        },
        onError: (error) => form.setErrors(plainFieldErrors(error)),
      },
    ),
  );
  const unplaced = save.error && Object.keys(plainFieldErrors(save.error)).length === 0 ? save.error : null;
  return (
    <Modal opened={opened} onClose={close} title="Save requests as a template">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            The {requestCount} requests of this audit, in order, and the provisions they cite are saved for everyone in
            the organisation. Subjects, answers and evidence are not.
          </Text>
          {unplaced && <ErrorNotice error={unplaced} title="Not saved" />}
          <TextInput
            label="Template name"
            description="e.g. Oracle licence review"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save template
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
