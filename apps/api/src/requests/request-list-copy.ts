import { randomUUID } from 'node:crypto';
import type { Tx } from '@app/db';

interface ProvisionToCopy {
  id: string;
  reference: string;
  title: string;
  text: string | null;
  position: number | null;
}

interface RequestToCopy {
  id: string;
  ordinal: number;
  title: string;
  text: string;
  provisionId: string | null;
  appliesToAll: boolean;
}

/**
 * Writes a request list (provisions and the requests that cite them) into an audit, inside the
 * caller's transaction: a copied audit and an audit started from a template both begin this
 * way. Every row gets a new id and each request cites its provision's copy. Returns the new id
 * of every request copied, by the id it had, for what the caller copies next (chosen subjects,
 * cells).
 */
export async function copyRequestList(
  tx: Tx,
  auditId: string,
  provisions: ProvisionToCopy[],
  requests: RequestToCopy[],
): Promise<Map<string, string>> {
  const provisionIds = new Map(provisions.map((p) => [p.id, randomUUID()]));
  const requestIds = new Map(requests.map((r) => [r.id, randomUUID()]));
  await tx.provision.createMany({
    data: provisions.map((p) => ({
      id: provisionIds.get(p.id)!,
      auditId,
      reference: p.reference,
      title: p.title,
      text: p.text,
      position: p.position,
    })),
  });
  await tx.auditRequest.createMany({
    data: requests.map((r) => ({
      id: requestIds.get(r.id)!,
      auditId,
      ordinal: r.ordinal,
      title: r.title,
      text: r.text,
      provisionId: r.provisionId ? provisionIds.get(r.provisionId)! : null,
      appliesToAll: r.appliesToAll,
    })),
  });
  return requestIds;
}
