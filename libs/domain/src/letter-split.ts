// Splitting a pasted demand letter into its numbered items. Letters number their items in one
// style ("1.", "2)", "(a)", "i.", "Request No. 3:"); the style of the first item found is the
// list's, and lines numbered in another style ("(a)" under "1.") are sub-items that stay in
// their item's text. What comes before the first item (letterhead, salutation, preamble) and a
// closing after the last one ("Sincerely, ...") are not items: they are returned for the user
// to see, never imported.

export type MarkerStyle =
  | 'request-no' // "Request No. 3:", "REQUEST FOR PRODUCTION NO. 3:", "Item 3."
  | 'number' // "1." or "2)"
  | 'number-paren' // "(1)"
  | 'alpha-paren' // "(a)"
  | 'alpha' // "a." or "a)"
  | 'roman-paren' // "(i)"
  | 'roman'; // "i." or "i)"

export interface LetterItem {
  /** 1-based place among the items found. */
  position: number;
  /** The marker as written, e.g. "1.", "(a)", "Request No. 3:". */
  marker: string;
  /** The item's number: its own for numbered styles, its place in the alphabet or roman count otherwise. */
  ordinal: number;
  /** The item's full text: wrapped lines joined, sub-items and paragraphs on lines of their own. */
  text: string;
  /** The line of the pasted text the item starts on (1-based). */
  line: number;
}

export interface LetterSplit {
  items: LetterItem[];
  /** Text before the first item (a heading, the preamble); not imported. */
  preamble: string | null;
  /** A closing after the last item ("Sincerely, ..."); not imported. */
  closing: string | null;
  /** The numbering style the items were recognised by, null when none was found. */
  style: MarkerStyle | null;
}

interface Marker {
  style: MarkerStyle;
  /** The marker as written. */
  marker: string;
  /** The raw label: digits, letters or roman numerals. */
  label: string;
  rest: string;
}

const REQUEST_NO =
  /^((?:request(?:\s+for\s+(?:production|documents|information))?|item|demand)\s*(?:no\.?|number|nr\.?|#)?\s*(\d{1,4})\s*(?:[:.)\u2013\u2014-]|$))\s*(.*)$/i;
const NUMBER = /^((\d{1,4})[.)])(?:\s+(.*)|$)/;
const NUMBER_PAREN = /^(\((\d{1,4})\))(?:\s+(.*)|$)/;
const ROMAN_PAREN = /^(\(([ivxlc]{1,7})\))(?:\s+(.*)|$)/i;
const ROMAN = /^(([ivxlc]{1,7})[.)])(?:\s+(.*)|$)/i;
const ALPHA_PAREN = /^(\(([a-z])\))(?:\s+(.*)|$)/i;
const ALPHA = /^(([a-z])[.)])(?:\s+(.*)|$)/i;
/** Bullets start a line of their own inside an item, like a sub-item. */
const BULLET = /^[\u2022\u25aa\u25cf\u2013\u2014*-]\s+/;
const CLOSING =
  /^(sincerely|yours (?:truly|faithfully|sincerely)|very truly yours|respectfully|kind regards|best regards|regards|cordially|with best regards)\b/i;

/** Month names, English and German, in full or cut short ("Jan.", "Sept"). */
const MONTH =
  /^(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|ma[iy]|jun[ei]?|jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\b/i;
/** A day written with a period before its month ("1. January 2025"), as European letters date things. */
const DAY_THEN_MONTH = /^(?:[1-9]|[12]\d|3[01])\.\s+(.*)$/;
/** A line that ends a sentence or clause; a line ending otherwise wraps on to the next. */
const LINE_END = /[.;:?!]$/;

/**
 * Whether `line` starts with a date carried on from `previous` ("... dated on or after" then
 * "1. January 2025."), so that its "1." is part of the sentence, not a marker.
 */
function wrapsDate(previous: string | undefined, line: string): boolean {
  const rest = DAY_THEN_MONTH.exec(line)?.[1];
  return rest !== undefined && MONTH.test(rest) && !!previous && !LINE_END.test(previous);
}

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** The value of a roman numeral, or null when it is not a well-formed one. */
export function romanValue(numeral: string): number | null {
  const s = numeral.toLowerCase();
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const value = ROMAN_VALUES[s[i]];
    if (value === undefined) return null;
    const next = ROMAN_VALUES[s[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  // Only canonical spellings: "iiii" or "ic" are words or typos, not numerals.
  return total > 0 && toRoman(total) === s ? total : null;
}

function toRoman(value: number): string {
  const table: [number, string][] = [
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [n, s] of table) {
    while (value >= n) {
      out += s;
      value -= n;
    }
  }
  return out;
}

/** Every style a line's start could be read in (a lone "i." is roman or the letter i). */
function markersOf(line: string): Marker[] {
  const found: Marker[] = [];
  const tryStyle = (style: MarkerStyle, re: RegExp) => {
    const m = re.exec(line);
    if (m) found.push({ style, marker: m[1].trim(), label: m[2], rest: m[3] ?? '' });
  };
  tryStyle('request-no', REQUEST_NO);
  tryStyle('number', NUMBER);
  tryStyle('number-paren', NUMBER_PAREN);
  const roman = ROMAN_PAREN.exec(line) ?? ROMAN.exec(line);
  if (roman && romanValue(roman[2]) !== null) {
    tryStyle('roman-paren', ROMAN_PAREN);
    tryStyle('roman', ROMAN);
  }
  tryStyle('alpha-paren', ALPHA_PAREN);
  // "A." opens sentences ("A. Smith") too often to be a marker; "(A)" and "a." are.
  const alpha = ALPHA.exec(line);
  if (alpha && alpha[2] === alpha[2].toLowerCase()) tryStyle('alpha', ALPHA);
  return found;
}

function ordinalOf(marker: Marker): number {
  if (marker.style.startsWith('roman')) return romanValue(marker.label)!;
  if (marker.style.startsWith('alpha')) return marker.label.toLowerCase().charCodeAt(0) - 96;
  return Number(marker.label);
}

/** Styles in the order they are preferred as the list's own when several never restart. */
const STYLE_RANK: MarkerStyle[] = [
  'request-no',
  'number',
  'number-paren',
  'alpha-paren',
  'alpha',
  'roman-paren',
  'roman',
];
const twin = (style: MarkerStyle): MarkerStyle | null =>
  style.startsWith('roman') ? (style.replace('roman', 'alpha') as MarkerStyle) : null;

/**
 * The markers of each line, with "(i)", "(v)", "x." read as a letter only where they carry
 * on an alphabetic list ("(h)" before "(i)") and as a roman numeral otherwise.
 */
function resolveMarkers(lines: string[]): Marker[][] {
  const last = new Map<MarkerStyle, number>();
  return lines.map((line, index) => {
    const markers = markersOf(line);
    const resolved = markers.filter((m) => {
      // A wrapped date's day does not carry the list on (the first item can be "1. January ...").
      if (m.style === 'number' && ordinalOf(m) !== (last.get('number') ?? 0) + 1 && wrapsDate(lines[index - 1], line))
        return false;
      const alphaTwin = twin(m.style);
      if (alphaTwin) {
        const asLetter = markers.find((o) => o.style === alphaTwin);
        return !(asLetter && ordinalOf(asLetter) === (last.get(alphaTwin) ?? 0) + 1);
      }
      if (m.style.startsWith('alpha')) {
        const asRoman = markers.find((o) => o.style === m.style.replace('alpha', 'roman'));
        return !asRoman || ordinalOf(m) === (last.get(m.style) ?? 0) + 1;
      }
      return true;
    });
    for (const m of resolved) last.set(m.style, ordinalOf(m));
    return resolved;
  });
}

/**
 * The list's own style: "Request No." whenever present; otherwise the first (in STYLE_RANK)
 * of the styles whose numbers only go up (sub-items restart at "(a)" under every item), or
 * failing that the first style found at all.
 */
function listStyle(perLine: Marker[][]): MarkerStyle | null {
  const stats = new Map<MarkerStyle, { last: number; restarts: number }>();
  for (const m of perLine.flat()) {
    const ordinal = ordinalOf(m);
    const s = stats.get(m.style);
    if (!s) stats.set(m.style, { last: ordinal, restarts: 0 });
    else {
      if (ordinal <= s.last) s.restarts++;
      s.last = ordinal;
    }
  }
  if (stats.size === 0) return null;
  return STYLE_RANK.find((style) => stats.get(style)?.restarts === 0) ?? perLine.flat()[0].style;
}

const normaliseLine = (line: string) =>
  line
    .replace(/[\u00a0\u2000-\u200a\u202f\t]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();

/** Joins an item's lines: wrapped lines into one, sub-items, bullets and paragraphs on lines of their own. */
function joinLines(lines: string[]): string {
  const paragraphs: string[][] = [[]];
  lines.forEach((line, index) => {
    const current = paragraphs[paragraphs.length - 1];
    if (line === '') {
      if (current.length) paragraphs.push([]);
    } else if (
      current.length === 0 ||
      ((markersOf(line).length > 0 || BULLET.test(line)) && !wrapsDate(lines[index - 1], line))
    ) {
      current.push(line);
    } else {
      current[current.length - 1] += ` ${line}`;
    }
  });
  return paragraphs
    .filter((p) => p.length)
    .map((p) => p.join('\n'))
    .join('\n\n')
    .trim();
}

/** Splits pasted letter text into its numbered items (see the file comment). */
export function splitLetter(pasted: string): LetterSplit {
  const lines = pasted.replace(/\r\n?/g, '\n').split('\n').map(normaliseLine);
  const perLine = resolveMarkers(lines);
  const style = listStyle(perLine);
  const starts: { index: number; marker: Marker }[] = [];
  perLine.forEach((markers, index) => {
    const own = markers.find((m) => m.style === style);
    if (own) starts.push({ index, marker: own });
  });
  if (style === null || starts.length === 0)
    return { items: [], preamble: lines.join('\n').trim() || null, closing: null, style: null };

  // A closing line after a blank line, once past the last item's first line, ends the list.
  const lastStart = starts[starts.length - 1].index;
  let end = lines.length;
  for (let i = lastStart + 1; i < lines.length; i++) {
    if (lines[i - 1] === '' && CLOSING.test(lines[i])) {
      end = i;
      break;
    }
  }
  const items = starts.map(({ index, marker }, i): LetterItem => {
    const stop = i + 1 < starts.length ? starts[i + 1].index : end;
    return {
      position: i + 1,
      marker: marker.marker,
      ordinal: ordinalOf(marker),
      text: joinLines([marker.rest, ...lines.slice(index + 1, stop)]),
      line: index + 1,
    };
  });
  const preamble = lines.slice(0, starts[0].index).join('\n').trim();
  const closing = lines.slice(end).join('\n').trim();
  return { items, preamble: preamble || null, closing: closing || null, style };
}

const TITLE_MAX = 120;

/**
 * A short title for a request from its text: its first sentence (or the heading before a
 * colon), cut at a word near 120 characters.
 */
export function titleFromText(text: string): string {
  const firstLine = text.split('\n')[0].trim();
  const sentence = firstLine.slice(0, sentenceEnd(firstLine));
  if (sentence.length <= TITLE_MAX) return sentence.replace(/[\s,]+$/, '');
  const cut = sentence.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}\u2026`;
}

/**
 * Where the line's first sentence (or its heading before a colon) ends: at a stop followed by a
 * space or the line's end, at least three characters in. A period followed by a lower-case
 * word or a digit ("e.g. the", "No. 5"), or between a day and its month ("1. January"), is
 * inside the sentence.
 */
function sentenceEnd(line: string): number {
  for (const stop of line.matchAll(/[.;:?!](?=\s|$)/g)) {
    const at = stop.index;
    if (at < 3) continue;
    const after = line.slice(at + 1).trimStart();
    if (
      stop[0] === '.' &&
      (/^[\p{Ll}\d]/u.test(after) || (/(?:^|\s)\d{1,2}$/.test(line.slice(0, at)) && MONTH.test(after)))
    )
      continue;
    return at;
  }
  return line.length;
}
