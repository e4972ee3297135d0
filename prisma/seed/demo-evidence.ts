import type { Tx } from '@app/db';
import { calendarDate } from '@app/domain';

// Evidence of the reference case: a written statement and a link to the system of record,
// each linked to the response it backs. No files: the seed writes no storage.

export interface DemoEvidence {
  kind: 'LINK' | 'NOTE';
  title: string;
  description?: string;
  custodian: string;
  sourceSystem: string;
  collectedOn: string;
  url?: string;
  body?: string;
  tags: string[];
  /** The response it backs: subject name and request ordinal. */
  backs: { subject: string; request: number };
}

export const DEMO_EVIDENCE: readonly DemoEvidence[] = [
  {
    kind: 'LINK',
    title: 'Developer portal export: Xbox One Social use case (exhibit X-3)',
    description: 'The use-case description filed when the app was registered.',
    custodian: 'Kenji Watanabe',
    sourceSystem: 'Twitter developer portal',
    collectedOn: '2023-05-24',
    url: 'https://developer.twitter.com/en/portal/projects',
    tags: ['exhibit', 'use-case'],
    backs: { subject: 'Xbox One Social', request: 3 },
  },
  {
    kind: 'NOTE',
    title: 'Statement of the app owner on caching',
    custodian: 'Kenji Watanabe',
    sourceSystem: 'Interview notes',
    collectedOn: '2023-05-26',
    body: 'Public Tweets were cached for at most 24 hours for display in the community feed and never stored beyond that, analysed or resold.',
    tags: ['statement'],
    backs: { subject: 'Xbox One Social', request: 3 },
  },
];

/** Creates the demo evidence in the seed's transaction; returns how many records it made. */
export async function createDemoEvidence(
  tx: Tx,
  auditId: string,
  createdById: string,
  responseIdOf: (subject: string, request: number) => string,
): Promise<number> {
  for (const { backs, collectedOn, ...evidence } of DEMO_EVIDENCE) {
    await tx.evidence.create({
      data: {
        ...evidence,
        auditId,
        collectedOn: calendarDate(collectedOn),
        createdById,
        responses: { create: { responseId: responseIdOf(backs.subject, backs.request), linkedById: createdById } },
      },
    });
  }
  return DEMO_EVIDENCE.length;
}
