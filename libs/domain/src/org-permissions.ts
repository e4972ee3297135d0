import { OrgRole } from './enums';

// What a user may do in the organisation, outside any one audit. Org admins may do all of it.

export interface OrgActor {
  orgRole: OrgRole;
  /** An admin allowed this member to open new audits. */
  canOpenAudits: boolean;
}

/** Whether the user may open a new audit: org admins, and members an admin allowed. */
export const mayOpenAudits = (actor: OrgActor): boolean => actor.orgRole === OrgRole.ADMIN || actor.canOpenAudits;

/** Why the user may not open a new audit, or null when they may. */
export function openAuditRefusal(actor: OrgActor): string | null {
  return mayOpenAudits(actor) ? null : 'Opening a new audit needs an org admin’s permission; ask one to allow it.';
}

/**
 * Why the user may not list the organisation's users (names, emails, org roles), or null when
 * they may. The directory is for staffing: counsel of at least one audit pick people to add,
 * and org admins manage everyone. Other members only see the people of their own audits.
 */
export function userDirectoryRefusal(actor: { orgRole: OrgRole; counselSomewhere: boolean }): string | null {
  if (actor.orgRole === OrgRole.ADMIN || actor.counselSomewhere) return null;
  return 'Only counsel and org admins can list the organisation’s users.';
}
