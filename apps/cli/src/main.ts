// `npm run cli -- <command>`: account administration and the demo seed, run with tsx.
// Plain functions over @app/* libraries; no Nest container is started.
import { Command } from 'commander';
import { registerMemberCommands } from './commands/member-commands';
import { registerSeedCommands } from './commands/seed-commands';
import { registerUserCommands } from './commands/user-commands';

function buildProgram(): Command {
  const program = new Command('auditdesk')
    .description('AuditDesk administration. Reads DATABASE_URL from the environment or .env.')
    .showSuggestionAfterError();
  registerUserCommands(program);
  registerMemberCommands(program);
  registerSeedCommands(program);
  return program;
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone must do.
  }
  await buildProgram().parseAsync(process.argv);
}

main().catch((error: unknown) => {
  // One line for a person, not a stack. Our messages are one line; Prisma's end with the
  // cause ("Can't reach database server at ...") after a code excerpt.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message.trim().split('\n').at(-1)}`);
  process.exit(1);
});
