import type { Command } from 'commander';
import { describeSeed, seedDemo } from '../../../../prisma/seed/seed-demo';
import { withPrisma } from '../database';

export function registerSeedCommands(program: Command): void {
  program
    .command('seed:demo')
    .description('Load the demo reference case (does nothing when it is already there)')
    .action(async () => {
      const result = await withPrisma((db) => seedDemo(db));
      console.log(describeSeed(result).join('\n'));
    });
}
