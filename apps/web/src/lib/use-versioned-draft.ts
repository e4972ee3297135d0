import { useState } from 'react';
import { isApiError } from '../api/client';

export type DraftSaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

/**
 * A form over a record saved with the API's version rule (a stale version gets 409 and nothing
 * is overwritten): the draft, its save state, and after a conflict the other person's version,
 * to load or to save over. A newer version seen on a refetch replaces an unchanged draft.
 */
export function useVersionedDraft<Saved extends { version: number }, Draft extends object>(
  saved: Saved,
  draftOf: (record: Saved) => Draft,
  loadLatest: () => Promise<Saved | null>,
) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [version, setVersion] = useState(saved.version);
  const [state, setState] = useState<DraftSaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Saved | null>(null);

  // Adjusted while rendering (React's pattern for state derived from a changed prop).
  const [seen, setSeen] = useState(saved);
  if (saved !== seen) {
    setSeen(saved);
    if (saved.version > version && state === 'saved') {
      setDraft(draftOf(saved));
      setVersion(saved.version);
    }
  }

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    if (state !== 'conflict') setState('dirty');
  };

  /**
   * Saves through `write`, given the version the change is based on (the draft's, unless
   * saving over theirs); `write` resolves with the record as saved.
   */
  const save = async (write: (basedOn: number) => Promise<Saved | undefined>, basedOn = version): Promise<void> => {
    setState('saving');
    try {
      const result = await write(basedOn);
      if (result) {
        setVersion(result.version);
        setDraft(draftOf(result));
      }
      setTheirs(null);
      setError(null);
      setState('saved');
    } catch (err) {
      if (isApiError(err, 409) && err.code === 'VERSION_CONFLICT') {
        setState('conflict');
        setError(null);
        setTheirs(await loadLatest().catch(() => null));
      } else {
        setState('error');
        setError(err instanceof Error ? err.message : String(err));
      }
    }
  };

  /** After a conflict: their version replaces the draft. */
  const loadTheirs = () => {
    if (!theirs) return;
    setDraft(draftOf(theirs));
    setVersion(theirs.version);
    setTheirs(null);
    setState('saved');
  };

  return { draft, change, state, error, theirs, save, loadTheirs };
}
