import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

describe('database schema', () => {
  it('is fully described by prisma/migrations (run `npm run db:migration -- <name>` after changing schema.prisma)', () => {
    // Replays the migrations into a shadow database and compares them with the schema;
    // --exit-code: 0 = no difference, 2 = difference, 1 = error.
    const result = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'prisma'),
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
        '--exit-code',
      ],
      { cwd: ROOT, env: process.env, encoding: 'utf8' },
    );
    expect({ exitCode: result.status, missingSql: result.stdout, stderr: result.stderr }).toEqual(
      expect.objectContaining({ exitCode: 0 }),
    );
  });
});
