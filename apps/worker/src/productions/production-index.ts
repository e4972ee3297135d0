import { type ServedMatter, servedHeader, servedMatter } from '@app/report';
import type { DatRow } from './load-files';

// What a volume's index PDF prints (libs/documents/templates/production-index.typ). The index
// travels in the volume to the other side: it is headed as a served document (the producing
// party and the matter as the other side knows it), never with the audit's internal title,
// reference code or work-product legend.

export interface ProductionIndexSpec {
  name: string;
  recipient: string;
  productionDate: Date;
  deliveryMethod: string;
  matter: ServedMatter;
}

export interface ProductionIndexData {
  title: string;
  author: string;
  header: string;
  reference: string;
  facts: { label: string; value: string }[];
  documents: {
    begBates: string;
    endBates: string;
    fileName: string;
    designation: string;
    producedSha256: string;
    originalSha256: string;
    redacted: boolean;
  }[];
}

export function productionIndexData(
  spec: ProductionIndexSpec,
  volume: { firstBates: string; lastBates: string; pageCount: number; rows: readonly DatRow[] },
): ProductionIndexData {
  return {
    title: `Production index — ${spec.name}`,
    author: spec.matter.respondingParty,
    header: servedHeader(spec.matter),
    reference: spec.name,
    facts: [
      { label: 'Producing party', value: spec.matter.respondingParty },
      { label: 'Matter', value: servedMatter(spec.matter) },
      { label: 'Volume', value: spec.name },
      { label: 'Bates range', value: `${volume.firstBates} – ${volume.lastBates}` },
      { label: 'Documents / pages', value: `${volume.rows.length} / ${volume.pageCount}` },
      { label: 'Produced to', value: spec.recipient },
      { label: 'Production date', value: spec.productionDate.toISOString().slice(0, 10) },
      { label: 'Delivery method', value: spec.deliveryMethod },
    ],
    documents: volume.rows.map((row) => ({
      begBates: row.BEGBATES,
      endBates: row.ENDBATES,
      fileName: row.FILENAME,
      designation: row.CONFIDENTIALITY,
      producedSha256: row.PRODSHA256,
      originalSha256: row.ORIGSHA256,
      redacted: row.REDACTED === 'Y',
    })),
  };
}
