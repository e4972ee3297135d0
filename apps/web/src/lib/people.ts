import type { Member } from '../api/client';

/**
 * A member as a picker of people names them (owner, assignee, reviewer). Someone invited who
 * has not accepted yet is said to be so: work given to them waits until they do (they cannot
 * log in before). Someone whose account is deactivated is said to be so too: they stay in the
 * list only to show the work they still hold, and the API refuses to give them more.
 */
export function pickerName(member: Pick<Member, 'name' | 'state'>): string {
  if (member.state === 'INVITED') return `${member.name} (invited, not joined yet)`;
  if (member.state === 'DEACTIVATED') return `${member.name} (account deactivated)`;
  return member.name;
}

/** A picker's option for a member: a deactivated account is shown but cannot be chosen. */
export const pickerOption = (member: Pick<Member, 'userId' | 'name' | 'state'>) => ({
  value: member.userId,
  label: pickerName(member),
  disabled: member.state === 'DEACTIVATED',
});
