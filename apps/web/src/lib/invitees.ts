import { addressParser } from 'postal-mime';

/** A person to invite, as read from a pasted list. */
export interface Invitee {
  email: string;
  /** The name written with the address ("Dana Ops <dana@client.com>"), when there was one. */
  name?: string;
}

export interface PastedInvitees {
  /** Everyone readable, in the order pasted, each address once. */
  people: Invitee[];
  /** Entries that hold no usable address, as they were written. */
  unreadable: string[];
}

// The API checks each address properly; this only tells a name or a typing slip from one.
const LOOKS_LIKE_EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * The people in what a lawyer pastes to invite a team: one or several addresses, from a mail
 * program's To line ("Dana Ops <dana@client.com>; lee@client.com", read by postal-mime's RFC
 * 5322 address parser), one per line, or rows copied from a spreadsheet (a name and an
 * address in cells side by side, which arrive tab-separated).
 */
export function readInvitees(text: string): PastedInvitees {
  const found: Invitee[] = [];
  const unreadable: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (line.includes('\t')) readRow(line, found, unreadable);
    else readAddressLine(line, found, unreadable);
  }
  const seen = new Set<string>();
  const people = found.filter(({ email }) => {
    const key = email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { people, unreadable };
}

/** A spreadsheet row: the cell that is an address, the others (first and last name, say) its name. */
function readRow(line: string, found: Invitee[], unreadable: string[]): void {
  const cells = line.split('\t').map((cell) => cell.trim());
  const email = cells.find((cell) => LOOKS_LIKE_EMAIL.test(cell));
  if (!email) {
    unreadable.push(cells.filter(Boolean).join(' '));
    return;
  }
  const name = cells.filter((cell) => cell && cell !== email).join(' ');
  found.push(name ? { email, name } : { email });
}

function readAddressLine(line: string, found: Invitee[], unreadable: string[]): void {
  // Flattened: a group ("Team: a@x.com, b@x.com;") reads as its members.
  for (const entry of addressParser(line, { flatten: true })) {
    const email = entry.address?.trim() ?? '';
    const name = entry.name.trim();
    if (LOOKS_LIKE_EMAIL.test(email)) found.push(name ? { email, name } : { email });
    else if (email || name) unreadable.push(email || name);
  }
}
