import { Text } from '@mantine/core';
import type { DraftSaveState } from '../../lib/use-versioned-draft';

const TEXT = {
  new: 'Not saved yet',
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Not saved: conflict',
  error: 'Not saved',
};
const COLOR = {
  new: 'gray.7',
  saved: 'teal.9',
  dirty: 'gray.7',
  saving: 'gray.7',
  conflict: 'orange.9',
  error: 'red.9',
};

/** Where a form definition's draft stands; `new` before a new definition's first save. */
export function SaveStateLabel({ state }: { state: DraftSaveState | 'new' }) {
  return (
    <Text size="xs" c={COLOR[state]} role="status">
      {TEXT[state]}
    </Text>
  );
}
