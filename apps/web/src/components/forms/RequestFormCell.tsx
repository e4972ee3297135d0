// A request's form in the set-up list: none (free-text answers) or how many fields it asks,
// and the button that adds or edits it. Short, so a list of two dozen requests stays readable.
// It reads the summary the request list carries: the list asks nothing per request.
import { Badge, Button, Group, Text } from '@mantine/core';
import type { AuditRequest } from '../../api/client';
import { fieldCountText } from './form-editor-model';

export function RequestFormCell({
  request,
  canEdit,
  onOpen,
}: {
  request: Pick<AuditRequest, 'ordinal' | 'form'>;
  canEdit: boolean;
  onOpen: () => void;
}) {
  const form = request.form;
  const required = form ? `${form.requiredCount} of them required` : '';
  return (
    <Group gap={6} wrap="nowrap">
      {form ? (
        <Badge
          variant="light"
          title={
            form.templateName
              ? `From the template “${form.templateName}”; ${required}`
              : `Written for this request; ${required}`
          }
        >
          {fieldCountText(form.fieldCount)}
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
          aria-label={form ? `Edit the form of request ${request.ordinal}` : `Add a form to request ${request.ordinal}`}
          onClick={onOpen}
        >
          {form ? 'Edit form' : 'Add a form'}
        </Button>
      )}
    </Group>
  );
}
