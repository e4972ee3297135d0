import type { Command } from 'commander';
import { grantAuditRole, normalizeEmail, parseAuditRole } from '@app/accounts';
import { AuditRole } from '@app/domain';
import { withPrisma } from '../database';
import { changeAuditAndReplan } from '../reminder-planning';

export function registerMemberCommands(program: Command): void {
  program
    .command('member:grant')
    .description('Give a user a role in an audit (or change the role they hold)')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--audit <referenceCode>', "the audit's reference code")
    .requiredOption('--role <role>', Object.values(AuditRole).join(', '))
    .action(async (opts: { email: string; audit: string; role: string }) => {
      const role = parseAuditRole(opts.role);
      // Lead counsel get escalations and overdue notices: the audit is re-planned, as the API does.
      const grant = await withPrisma((db) =>
        changeAuditAndReplan(db, (tx) => grantAuditRole(tx, { email: opts.email, auditReference: opts.audit, role })),
      );
      const was = grant.previousRole && grant.previousRole !== role ? ` (was ${grant.previousRole})` : '';
      console.log(`${normalizeEmail(opts.email)} is ${role} on audit ${grant.referenceCode}${was}.`);
    });
}
