// A page of several forms each saved by its own button (the formal response: a card per request,
// the letter's details): leaving with any of them changed and not saved asks first, naming them.
// One guard for the page, as the router allows one blocker at a time.
import { useCallback, useState } from 'react';
import { LeaveGuard } from './LeaveGuard';

/** What each part of the page reports: its key, how the confirmation names it, and whether it has unsaved changes. */
export type ReportUnsaved = (key: string, label: string, unsaved: boolean) => void;

/** The page's parts with unsaved changes (key -> label, in the order they changed), and how a part reports. */
export function useUnsavedParts(): [ReadonlyMap<string, string>, ReportUnsaved] {
  const [parts, setParts] = useState<ReadonlyMap<string, string>>(new Map());
  const report = useCallback<ReportUnsaved>((key, label, unsaved) => {
    setParts((current) => {
      if (unsaved === current.has(key)) return current;
      const next = new Map(current);
      if (unsaved) next.set(key, label);
      else next.delete(key);
      return next;
    });
  }, []);
  return [parts, report];
}

export function UnsavedChangesGuard({ parts }: { parts: ReadonlyMap<string, string> }) {
  const labels = [...parts.values()];
  const named =
    labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return (
    <LeaveGuard when={parts.size > 0} title="Leave without saving?" leaveLabel="Leave without saving">
      {named} {labels.length === 1 ? 'has' : 'have'} changes that are not saved. Leaving the page discards them; stay to
      save them first.
    </LeaveGuard>
  );
}
