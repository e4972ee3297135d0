import { PRIVILEGE_LABEL, TREATMENT_LABEL } from '@app/domain';
import { formatDay, type ServedMatter, servedHeader, servedMatter } from '@app/report';
import type { PrivilegeLogEntryDto } from './dto/privilege-log.dto';
import { batesText, dateText, requestsText } from './privilege-log.mapper';

// What the privilege log PDF prints (libs/documents/templates/privilege-log.typ). A privilege
// log is served on the other side (FRCP 26(b)(5)(A)): it is headed with the responding party
// and the matter as the other side knows it, never with the firm's work-product legend, the
// audit's internal title or its reference code.

export const PRIVILEGE_CODE = {
  ATTORNEY_CLIENT: 'AC',
  WORK_PRODUCT: 'WP',
  COMMON_INTEREST: 'CI',
  OTHER: 'OT',
} as const;

export interface PrivilegeLogDocument {
  title: string;
  subtitle: string;
  author: string;
  header: string;
  reference: string;
  rows: {
    number: string;
    date: string;
    documentType: string;
    author: string;
    recipients: string;
    description: string;
    privilege: string;
    treatment: string;
    bates: string;
    requests: string;
  }[];
  legend: { code: string; text: string }[];
}

/** `asOf`: the calendar day (YYYY-MM-DD) the log is exported, in the audit's zone. */
export function privilegeLogDocument(
  matter: ServedMatter,
  entries: PrivilegeLogEntryDto[],
  asOf: string,
): PrivilegeLogDocument {
  const used = [...new Set(entries.map((e) => e.privilege))];
  const day = formatDay(new Date(`${asOf}T00:00:00Z`));
  return {
    title: 'Privilege log',
    subtitle: `${matter.respondingParty} · ${servedMatter(matter)} · ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} · as of ${day}`,
    author: matter.respondingParty,
    header: servedHeader(matter),
    reference: `Privilege log as of ${day}`,
    rows: entries.map((e) => ({
      number: String(e.number),
      date: dateText(e),
      documentType: e.categorical ? `${e.documentType} (${e.documentCount ?? '?'} documents)` : e.documentType,
      author: e.author ?? '',
      recipients: [
        e.recipientsTo.length ? `To: ${e.recipientsTo.join('; ')}` : '',
        e.recipientsCc.length ? `Cc: ${e.recipientsCc.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      description: e.description,
      privilege: e.privilege === 'OTHER' && e.privilegeOther ? `OT (${e.privilegeOther})` : PRIVILEGE_CODE[e.privilege],
      treatment: TREATMENT_LABEL[e.treatment],
      // A range on two lines, each number whole, rather than broken at a hyphen of its prefix.
      bates: batesText(e).replace(' – ', ' –\n'),
      requests: requestsText(e),
    })),
    legend: (used.length ? used : (Object.keys(PRIVILEGE_CODE) as (keyof typeof PRIVILEGE_CODE)[])).map((p) => ({
      code: PRIVILEGE_CODE[p],
      text: PRIVILEGE_LABEL[p],
    })),
  };
}
