// The problems a form editor shows: ours (checked before sending, shown once a save was tried,
// then as the person types) and the API's (a 400 or 422 naming `fields[2].options`), placed on
// the input they concern; an API problem goes once the row it concerns is changed.
import type { FormProblem } from '@app/domain/audit-forms';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { plainMessage } from '../../lib/messages';
import { definitionProblems, type EditorFields, type PlacedProblems, placeProblems } from './form-editor-model';

/** `fields[2].columns[0].options[1]` -> `options`: the input a path ends at. */
const innermost = (path: string) => /([a-zA-Z]+)(\[\d+\])?$/.exec(path)?.[1] ?? path;

const NONE: PlacedProblems = { byInput: {}, general: [] };

export function useDefinitionProblems(fields: EditorFields) {
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<PlacedProblems>(NONE);
  const ours = definitionProblems(fields.active);
  const placedOurs = attempted ? placeProblems(ours, fields.active) : NONE;
  const placed: PlacedProblems = {
    byInput: { ...server.byInput, ...placedOurs.byInput },
    general: [...new Set([...placedOurs.general, ...server.general])],
  };

  /** Before sending: whether the definition may go (if not, its problems now show). */
  const readyToSend = () => {
    setAttempted(true);
    return ours.length === 0;
  };

  /**
   * After a refusal: the API's problems with the fields, placed on the rows as sent; returns
   * the others (e.g. `name`), for the caller's own inputs.
   */
  const refused = (error: unknown, sent: EditorFields['active']): FormProblem[] => {
    if (!isApiError(error)) return [];
    const problems = error.problem.errors ?? [];
    const aboutFields = problems.filter((p) => p.field === 'fields' || p.field.startsWith('fields['));
    // Worded for people where the API's validation worded it for developers ("options should not be empty").
    const worded = aboutFields.map((p) => ({ ...p, message: plainMessage(innermost(p.field), p.message) }));
    setServer(placeProblems(worded, sent));
    return problems.filter((p) => !aboutFields.includes(p));
  };

  /** A change of the draft: the API's problems of the rows it changed are no longer current. */
  const edited = (before: EditorFields, after: EditorFields) => {
    const previous = new Map<string, object>(
      before.active.flatMap((f) => [[f.uid, f] as const, ...f.columns.map((c) => [c.uid, c] as const)]),
    );
    const changed = new Set<string>();
    for (const field of after.active) {
      if (previous.get(field.uid) !== field) changed.add(field.uid);
      for (const column of field.columns) if (previous.get(column.uid) !== column) changed.add(column.uid);
    }
    setServer((s) => ({
      general: s.general,
      byInput: Object.fromEntries(Object.entries(s.byInput).filter(([at]) => !changed.has(at.split('.')[0]))),
    }));
  };

  const reset = () => {
    setAttempted(false);
    setServer(NONE);
  };

  return { placed, hasOurs: ours.length > 0, readyToSend, refused, edited, reset, attempted };
}
