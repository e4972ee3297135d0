import { formatDay } from './report-format';

// How a document served on the other side names the matter: by the parties, their demand and
// the agreement, which is all the other side knows it by. The audit's own title, its internal
// reference code and the firm's work-product legend are ours and never appear on these
// documents (production indexes, the privilege log, the report in a submitted package).

/** What a served document may say about the audit. */
export interface ServedMatter {
  respondingParty: string;
  demandingParty: string;
  agreementTitle: string;
  /** The demand letter's date, when known. */
  letterDate: Date | null;
}

/** "Licensor GmbH's audit demand of 18 May 2023 under the Data Licence Agreement". */
export function servedMatter(matter: ServedMatter): string {
  const dated = matter.letterDate ? ` of ${formatDay(matter.letterDate)}` : '';
  return `${matter.demandingParty}'s audit demand${dated} under the ${matter.agreementTitle}`;
}

/** The line at the top of every page of a served document: who serves it, in which matter. */
export const servedHeader = (matter: ServedMatter): string => `${matter.respondingParty} — ${servedMatter(matter)}`;
