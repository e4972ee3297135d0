// A request's form in the set-up list: none (free-text answers) or how many fields it asks,
// and the button that adds or edits it. Short, so a list of two dozen requests stays readable.
import { Badge, Button, Group, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { RequestForm } from '../../api/queries';
import { fieldCount } from './form-editor-model';

export function RequestFormCell({
  request,
  form,
  canEdit,
  onOpen,
}: {
  request: { ordinal: number };
  form: UseQueryResult<RequestForm | null> | undefined;
  canEdit: boolean;
  onOpen: () => void;
}) {
  if (!form || form.isPending)
    return (
      <Text size="xs" c="dimmed" aria-busy="true">
        Loading…
      </Text>
    );
  if (form.isError)
    return (
      <Text size="xs" c="red.9">
        Not loaded
      </Text>
    );
  const data = form.data;
  return (
    <Group gap={6} wrap="nowrap">
      {data ? (
        <Badge
          variant="light"
          title={data.templateName ? `From the template “${data.templateName}”` : 'Written for this request'}
        >
          {fieldCount(data.fields)}
        </Badge>
      ) : (
        <Text size="xs" c="dimmed">
          Free text
        </Text>
      )}
      {canEdit && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={data ? `Edit the form of request ${request.ordinal}` : `Add a form to request ${request.ordinal}`}
          onClick={onOpen}
        >
          {data ? 'Edit form' : 'Add a form'}
        </Button>
      )}
    </Group>
  );
}
