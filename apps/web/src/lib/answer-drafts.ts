// Unsaved answer text kept in the tab's sessionStorage, keyed by response id, so the words a
// person typed outlive what would otherwise lose them: a session that ended mid-edit (the
// login page and back, or a reload), or leaving the page before the autosave ran (the form
// then also sends the save at once, but cannot learn whether it arrived). The draft also keeps
// the version and answer the text was based on, so saving it later still detects that someone
// else saved in between (409 VERSION_CONFLICT) instead of writing over them.
import type { FormValues } from '@app/domain/audit-forms';

export interface AnswerDraft {
  text: string;
  /** The form's values as typed, where the request has a form. */
  values?: FormValues;
  base: { answer: string; version: number; formValues?: FormValues };
  /**
   * What a save still under way when the page was left was sending (the answer and values it
   * would leave): when the response holds exactly that, the draft is based on it, not on
   * `base`, since it is the person's own save and overwriting it loses nobody's words.
   */
  sent?: { answer: string; formValues?: FormValues };
  /** When it was kept (ISO 8601), to say "your unsaved text from 5:03 PM". */
  keptAt?: string;
}

const key = (responseId: string) => `auditdesk.answer-draft.${responseId}`;

export function keepAnswerDraft(responseId: string, draft: AnswerDraft): void {
  try {
    sessionStorage.setItem(key(responseId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (a private window): the text stays in the editor, as before.
  }
}

export function readAnswerDraft(responseId: string): AnswerDraft | null {
  try {
    const stored = sessionStorage.getItem(key(responseId));
    if (!stored) return null;
    const draft = JSON.parse(stored) as Partial<AnswerDraft>;
    const valid =
      typeof draft.text === 'string' &&
      typeof draft.base?.answer === 'string' &&
      typeof draft.base.version === 'number';
    return valid ? (draft as AnswerDraft) : null;
  } catch {
    return null;
  }
}

export function dropAnswerDraft(responseId: string): void {
  try {
    sessionStorage.removeItem(key(responseId));
  } catch {
    // nothing kept, nothing to drop
  }
}
