import { Notifications } from '@mantine/notifications';
import classes from './AppNotifications.module.css';

/** The app's toasts (Mantine notifications): top right, below the header. */
export function AppNotifications() {
  return <Notifications position="top-right" classNames={{ root: classes.root }} />;
}
