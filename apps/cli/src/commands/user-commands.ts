import type { Command } from 'commander';
import { createUser, parseOrgRole, resetPassword, setActive, setOrgRole } from '@app/accounts';
import { OrgRole } from '@app/domain';
import { withPrisma } from '../database';
import { choosePassword, generatedNote, PASSWORD_ENV } from '../password-source';
import { changePersonAndReplan } from '../reminder-planning';

const passwordHelp = `password (at least 10 characters); default: $${PASSWORD_ENV}, else a generated one`;

export function registerUserCommands(program: Command): void {
  program
    .command('user:create')
    .description('Create a user who can log in')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'full name')
    .option('--time-zone <zone>', 'IANA time zone, e.g. America/New_York', 'UTC')
    .option('--admin', 'make the user an org admin', false)
    .option('--can-open-audits', 'let a member open new audits (org admins always may)', false)
    .option('--password <password>', passwordHelp)
    .action(
      async (opts: {
        email: string;
        name: string;
        timeZone: string;
        admin: boolean;
        canOpenAudits: boolean;
        password?: string;
      }) => {
        const chosen = choosePassword(opts.password, process.env);
        const user = await withPrisma((db) =>
          createUser(db, {
            email: opts.email,
            name: opts.name,
            timeZone: opts.timeZone,
            orgRole: opts.admin ? OrgRole.ADMIN : OrgRole.MEMBER,
            canOpenAudits: opts.canOpenAudits,
            password: chosen.password,
          }),
        );
        console.log(`Created user ${user.email} (${user.orgRole}, ${user.timeZone}).${generatedNote(chosen)}`);
      },
    );

  program
    .command('user:reset-password')
    .description("Set a new password and end the user's sessions")
    .requiredOption('--email <email>', 'login email')
    .option('--password <password>', passwordHelp)
    .action(async (opts: { email: string; password?: string }) => {
      const chosen = choosePassword(opts.password, process.env);
      const { user, sessionsEnded } = await withPrisma((db) =>
        resetPassword(db, { email: opts.email, password: chosen.password }),
      );
      console.log(`Password reset for ${user.email}; ${sessionsEnded} session(s) ended.${generatedNote(chosen)}`);
    });

  program
    .command('user:set-role')
    .description('Set the organisation role')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--role <role>', Object.values(OrgRole).join(' or '))
    .action(async (opts: { email: string; role: string }) => {
      const orgRole = parseOrgRole(opts.role);
      const user = await withPrisma((db) => setOrgRole(db, { email: opts.email, orgRole }));
      console.log(`${user.email} now has org role ${user.orgRole}.`);
    });

  for (const active of [false, true]) {
    program
      .command(active ? 'user:activate' : 'user:deactivate')
      .description(
        active
          ? 'Let the user log in again and plan their reminders'
          : 'Stop the user logging in, end their sessions and cancel their reminders',
      )
      .requiredOption('--email <email>', 'login email')
      .action(async (opts: { email: string }) => {
        // Deactivating cancels their reminders (and their queued jobs); activating plans them again.
        const user = await withPrisma((db) =>
          changePersonAndReplan(db, (tx) => setActive(tx, { email: opts.email, active })),
        );
        console.log(`${active ? 'Activated' : 'Deactivated'} ${user.email}.`);
      });
  }

  program
    .command('user:list')
    .description('List users')
    .action(async () => {
      const users = await withPrisma((db) =>
        db.user.findMany({
          orderBy: { email: 'asc' },
          select: { email: true, name: true, orgRole: true, active: true, timeZone: true },
        }),
      );
      for (const u of users) {
        console.log(
          [
            u.email.padEnd(34),
            u.orgRole.padEnd(6),
            (u.active ? 'active' : 'inactive').padEnd(8),
            u.timeZone.padEnd(20),
            u.name,
          ].join(' '),
        );
      }
      console.log(`${users.length} user(s).`);
    });
}
