// The buttons at the end of a row of the set-up lists: move up and down (keyboard users get
// the same order changes as anyone), edit, delete. Each is named after its row.
import { RowActions as SharedRowActions } from '../TableCells';

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
  const moves = onUp !== undefined || onDown !== undefined;
  return (
    <SharedRowActions
      actions={[
        moves && {
          label: 'Up',
          ariaLabel: `Move ${name} up`,
          variant: 'subtle',
          disabled: !onUp || moving,
          onClick: onUp,
        },
        moves && {
          label: 'Down',
          ariaLabel: `Move ${name} down`,
          variant: 'subtle',
          disabled: !onDown || moving,
          onClick: onDown,
        },
        { label: 'Edit', ariaLabel: `Edit ${name}`, onClick: onEdit },
        { label: 'Delete', ariaLabel: `Delete ${name}`, danger: true, onClick: onDelete },
      ]}
    />
  );
}

/** Text fields of a form as the API takes them: trimmed, and an emptied optional one as null. */
export const optionalText = (value: string): string | null => value.trim() || null;
