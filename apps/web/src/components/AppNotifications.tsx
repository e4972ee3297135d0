import { getDefaultZIndex } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import classes from './AppNotifications.module.css';

/**
 * The app's toasts (Mantine notifications): top right, below the header, and beneath an open
 * dialog (Mantine puts them above it), so they never cover the fields a person is filling in.
 * The screens show a toast once their dialog has closed.
 */
export const NOTIFICATIONS_Z_INDEX = getDefaultZIndex('modal') - 1;

export function AppNotifications() {
  return <Notifications position="top-right" zIndex={NOTIFICATIONS_Z_INDEX} classNames={{ root: classes.root }} />;
}
