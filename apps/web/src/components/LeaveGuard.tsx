// Asks before the user leaves a page while work on it would be lost (an upload under way):
// the browser's own prompt on closing or reloading the tab, and a confirmation dialog on
// navigation inside the app (the router's blocker).
import { useEffect, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

export function LeaveGuard({
  when,
  title,
  children,
  leaveLabel,
  onLeave,
}: {
  /** While true, leaving asks first. */
  when: boolean;
  title: string;
  children: ReactNode;
  leaveLabel: string;
  /** Runs when the user chooses to leave anyway, before the navigation goes on. */
  onLeave?: () => void;
}) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation !== nextLocation);

  useEffect(() => {
    if (!when) return;
    // Browsers show their own wording; preventDefault is what makes them ask.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);

  return (
    <ConfirmDialog
      opened={blocker.state === 'blocked'}
      title={title}
      confirmLabel={leaveLabel}
      color="red"
      onConfirm={() => {
        onLeave?.();
        blocker.proceed?.();
      }}
      onClose={() => blocker.reset?.()}
    >
      {children}
    </ConfirmDialog>
  );
}
