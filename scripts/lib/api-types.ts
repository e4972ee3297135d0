// Renders the web app's API types (apps/web/src/api/schema.d.ts) from an OpenAPI document.
// `npm run web:api-types` writes the file; test/web/api-types.e2e-spec.ts renders it again
// from the document the tested app builds and fails when the two differ, so the UI cannot
// drift from the API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, bin } from './services';

export const API_TYPES_FILE = path.join(ROOT, 'apps', 'web', 'src', 'api', 'schema.d.ts');

/** The TypeScript declarations openapi-typescript makes of `document`. */
export function renderApiTypes(document: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'auditdesk-openapi-'));
  try {
    const input = path.join(dir, 'openapi.json');
    const output = path.join(dir, 'schema.d.ts');
    writeFileSync(input, JSON.stringify(document));
    execFileSync(bin('openapi-typescript'), [input, '--output', output], { stdio: 'pipe' });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
