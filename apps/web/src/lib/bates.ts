// The Bates numbers a volume will take, in words for the confirmation before it is created or produced.
import { formatBates, plannedBatesStart } from '@app/domain/productions';

export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The numbers a volume will take, in words: where it starts (after the last number produced
 * under its prefix) and how far it runs, which only the PDFs' page counts settle.
 */
export function batesPlanText(
  volumes: readonly { batesPrefix: string; lastNumber: number | null }[],
  volume: { batesPrefix: string; startNumber: number; padWidth: number },
  documents: { pdfs: number; others: number } | { total: number },
): string {
  const first = plannedBatesStart(volumes, volume.batesPrefix, volume.startNumber);
  const bates = (n: number) => formatBates(volume.batesPrefix, n, volume.padWidth);
  const total = 'total' in documents ? documents.total : documents.pdfs + documents.others;
  const minimumLast = bates(first + Math.max(total, 1) - 1);
  if ('pdfs' in documents && documents.pdfs === 0)
    return `It will take Bates numbers ${bates(first)} to ${minimumLast}: one number for each of its ${plural(total, 'file')}.`;
  return (
    `It will take Bates numbers from ${bates(first)}, one per page, so at least up to ${minimumLast}; ` +
    'the last number is known once the pages of its PDFs are counted.'
  );
}
