import type { Command } from 'commander';
import { describeSeed, seedDemo } from '../../../../prisma/seed/seed-demo';
import { withSeedServices } from '../../../../prisma/seed/seed-services';
import { withPrisma } from '../database';

export function registerSeedCommands(program: Command): void {
  program
    .command('seed:demo')
    .description('Load the demo reference case (does nothing when it is already there)')
    .action(async () => {
      const result = await withPrisma((db) => withSeedServices((services) => seedDemo(db, services)));
      console.log(describeSeed(result).join('\n'));
    });
}
