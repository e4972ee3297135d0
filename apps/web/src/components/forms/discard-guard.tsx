// A dialog holding a draft asks before it closes over unsaved changes (Close, Escape, the X):
// a form definition can take a while to write, and closing drops it.
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';

export function useDiscardGuard(onClose: () => void, what: string) {
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const close = () => {
    setDirty(false);
    setAsking(false);
    onClose();
  };
  const requestClose = () => {
    if (!dirty) return close();
    // Opened after the event that asked (Escape, a click) has finished: the question's own
    // Escape listener, attached as it opens, would otherwise take the same Escape and close it.
    window.setTimeout(() => setAsking(true), 0);
  };
  const confirm = (
    <ConfirmDialog
      opened={asking}
      title={`Discard your changes to ${what}?`}
      confirmLabel="Discard changes"
      color="red"
      onConfirm={close}
      onClose={() => setAsking(false)}
    >
      They are not saved. Keep editing to save them.
    </ConfirmDialog>
  );
  return { setDirty, requestClose, close, confirm };
}
