import { citeFormValues, type FormField, type FormValueContext, type FormValues } from './audit-forms';

// Citing form values in the formal response letter across subjects. A subject's own text cites
// its own values (`citeFormValues`); a request's text speaks for every subject the request asks
// about, so a citation there has to say what each of them answered.

/** One subject's answer to a request's form, as a letter cites it. */
export interface SubjectFormAnswer {
  subjectName: string;
  values: FormValues | null;
  context?: FormValueContext;
}

/** A citation in letter text, as `citeFormValues` reads it. */
const CITATION = /\{\{\s*[a-z][a-z0-9_]{0,39}\s*\}\}/g;

/**
 * A request-level letter text with each `{{key}}` replaced by what the subjects answered.
 *
 * The rule: when every subject the request asks about reads the same (as `formValueText`
 * words it), the value is printed once, as a subject's own text would print it; otherwise the
 * value is listed per subject, in the order given, "Subject A: value; Subject B: value", so no
 * subject's answer is hidden behind another's. A subject that left the field empty reads
 * "[not answered]" in the list (and when none answered, the citation reads "[not answered]"),
 * so counsel see the gap in the draft. Values are cited as given, whatever the response's
 * status: the letter is counsel's text and counsel decide what it cites. A request without a
 * form, or without subjects, has nothing to cite: its text is left as written.
 */
export function citeRequestFormValues(
  text: string,
  fields: readonly FormField[] | null,
  answers: readonly SubjectFormAnswer[],
): string {
  if (!fields || answers.length === 0) return text;
  return text.replace(CITATION, (citation) => {
    const read = answers.map((a) => ({
      subject: a.subjectName,
      text: citeFormValues(citation, fields, a.values, a.context),
    }));
    const distinct = new Set(read.map((r) => r.text));
    if (distinct.size === 1) return read[0].text;
    return read.map((r) => `${r.subject}: ${r.text}`).join('; ');
  });
}
