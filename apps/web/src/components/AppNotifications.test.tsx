import { getDefaultZIndex, MantineProvider } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../App';
import { AppNotifications } from './AppNotifications';

describe('AppNotifications', () => {
  it('shows toasts top right, below the header rather than over it, and beneath an open dialog', async () => {
    render(
      <MantineProvider theme={theme} env="test">
        <AppNotifications />
      </MantineProvider>,
    );
    act(() => void notifications.show({ title: 'Saved', message: 'The answer was saved.' }));
    const toast = await screen.findByText('The answer was saved.');
    const container = toast.closest<HTMLElement>('[data-position]');
    expect(container).toHaveAttribute('data-position', 'top-right');
    expect(getComputedStyle(container!).top).toBe(
      'calc(var(--app-shell-header-offset, 0rem) + var(--mantine-spacing-md))',
    );
    const zIndex = Number(getComputedStyle(container!).getPropertyValue('--notifications-z-index'));
    expect(zIndex).toBeGreaterThan(0);
    expect(zIndex).toBeLessThan(Number(getDefaultZIndex('modal')));
  });
});
