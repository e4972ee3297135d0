// The buttons at the end of a row of the set-up lists: move up and down (keyboard users get
// the same order changes as anyone), edit, delete. Each is named after its row.
import { Button, Group } from '@mantine/core';

export function RowActions({
  name,
  onUp,
  onDown,
  onEdit,
  onDelete,
  moving,
}: {
  /** How the row is called, e.g. "Bing Pages" or "request 3". */
  name: string;
  /** Absent for the first row (nothing to move above). */
  onUp?: () => void;
  /** Absent for the last row. */
  onDown?: () => void;
  onEdit: () => void;
  onDelete: () => void;
  moving?: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {(onUp !== undefined || onDown !== undefined) && (
        <>
          <Button
            size="compact-xs"
            variant="subtle"
            aria-label={`Move ${name} up`}
            disabled={!onUp || moving}
            onClick={onUp}
          >
            Up
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            aria-label={`Move ${name} down`}
            disabled={!onDown || moving}
            onClick={onDown}
          >
            Down
          </Button>
        </>
      )}
      <Button size="compact-xs" variant="light" aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </Button>
      <Button size="compact-xs" variant="light" color="red" aria-label={`Delete ${name}`} onClick={onDelete}>
        Delete
      </Button>
    </Group>
  );
}

/** Text fields of a form as the API takes them: trimmed, and an emptied optional one as null. */
export const optionalText = (value: string): string | null => value.trim() || null;
