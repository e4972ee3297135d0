// Mantine's useId, without its second draw. Mantine's own (@mantine/hooks, use-id.mjs) gives a
// component React's id as it first draws, then swaps it for a random one in a layout effect: a
// state change inside React's commit, which React handles at once, so every Mantine component
// that names a part of itself (a field's label and description, a switch, a popover, the app
// shell) drew twice as it appeared, the second time inside the task that first showed the screen.
// React's id is already unique on the page and stable from one draw to the next, which is all the
// ids are for (linking a label or a list to its field). The build puts this module in place of
// Mantine's, for Mantine's own components (vite.config.mts); the component tests keep Mantine's.
import { useId as useReactId } from 'react';

/** `staticId` when given, else an id of this component's own, the one Mantine's first draw has. */
export function useId(staticId?: string): string {
  const reactId = useReactId();
  return typeof staticId === 'string' ? staticId : `mantine-${reactId.replace(/:/g, '')}`;
}
