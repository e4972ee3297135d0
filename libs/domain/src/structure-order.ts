// Rules for putting an audit's lists (provisions, subjects, requests) in a new order, and for
// carrying its structure over to another audit (a copy, a template).
import { OrgRole } from './enums';

export interface OrderProblem {
  /** Current ids the new order leaves out. */
  missing: string[];
  /** Ids in the new order that are not in the list (deleted meanwhile, or never there). */
  unknown: string[];
  /** Ids given more than once. */
  repeated: string[];
}

/**
 * Whether `ordered` is exactly the current list, each id once, in some order. A reorder is
 * applied only then: one made from a stale list (a row added or deleted since) would silently
 * misplace rows, so it is refused and the caller reloads.
 */
export function orderProblem(current: readonly string[], ordered: readonly string[]): OrderProblem | null {
  const known = new Set(current);
  const given = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ordered) (given.has(id) ? repeated : given).add(id);
  const missing = current.filter((id) => !given.has(id));
  const unknown = [...given].filter((id) => !known.has(id));
  if (missing.length === 0 && unknown.length === 0 && repeated.size === 0) return null;
  return { missing, unknown, repeated: [...repeated] };
}

/** The problem in words, for the person whose list was out of date. */
export function describeOrderProblem(what: string, problem: OrderProblem): string {
  const parts = [
    problem.missing.length ? `${problem.missing.length} of the ${what} are missing from it` : '',
    problem.unknown.length ? `${problem.unknown.length} are not ${what} of this audit` : '',
    problem.repeated.length ? `${problem.repeated.length} appear more than once` : '',
  ].filter(Boolean);
  return `The new order must list every one of the ${what} exactly once: ${parts.join(', ')}. Reload the list and try again.`;
}

/**
 * The request numbers after a reorder. The numbers the letter used stay (1, 2, 5 remain 1, 2,
 * 5); the requests move between them. `ordinals` are the current numbers, in any order.
 */
export function renumbered(ordinals: readonly number[]): number[] {
  return [...ordinals].sort((a, b) => a - b);
}

const DAY_MS = 86_400_000;

/**
 * A copied cell's internal due date: as many days before (or after) the new deadline day as the
 * original was before its deadline day. All three are calendar days (YYYY-MM-DD).
 */
export function shiftedDueDate(dueDate: string, oldDeadlineDay: string, newDeadlineDay: string): string {
  const offset = Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${oldDeadlineDay}T00:00:00Z`);
  return new Date(Date.parse(`${newDeadlineDay}T00:00:00Z`) + Math.round(offset / DAY_MS) * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export interface TemplateActor {
  userId: string;
  orgRole: OrgRole;
  /** Whether they are counsel or lead counsel of at least one audit. */
  counselSomewhere: boolean;
}

/**
 * Templates belong to the organisation. Counsel (of any audit) and org admins may save and
 * rename them; only the person who saved one, or an org admin, may delete it.
 */
export function templateRefusal(
  actor: TemplateActor,
  action: 'save' | 'rename' | 'delete',
  template?: { createdById: string | null },
  /** What kind of template, for the message (form templates follow the same rule). */
  kind: 'request templates' | 'form templates' = 'request templates',
): string | null {
  if (actor.orgRole === OrgRole.ADMIN) return null;
  if (!actor.counselSomewhere) return `Only counsel and org admins manage ${kind}.`;
  if (action === 'delete' && template?.createdById !== actor.userId)
    return 'Only the person who saved this template, or an org admin, may delete it.';
  return null;
}
