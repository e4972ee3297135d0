// One confirmation dialog for consequential actions: its title names the action (and is the
// dialog's accessible name), its body says what will happen, and a refusal from the API is
// shown inside it, in the API's words, so the user sees why nothing changed.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorNotice } from './states';

export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  color,
  pending,
  confirmDisabled,
  error,
  errorTitle = 'Nothing was changed',
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  pending?: boolean;
  /** While something the action needs is missing (e.g. a required reason). */
  confirmDisabled?: boolean;
  error?: unknown;
  errorTitle?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <Text size="sm" component="div">
          {children}
        </Text>
        {Boolean(error) && <ErrorNotice error={error} title={errorTitle} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={color} loading={pending} disabled={confirmDisabled} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
