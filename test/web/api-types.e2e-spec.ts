// The web app's API types (apps/web/src/api/schema.d.ts) are generated from the OpenAPI
// document. This fails when they differ from what the current API produces, so the UI
// cannot drift from the API: run `npm run web:api-types` and commit the result.
import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/lib/api-types';
import { createTestApp, type TestApp } from '../support/app';

describe('web API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('match the API the app serves (else run `npm run web:api-types`)', () => {
    const fresh = renderApiTypes(JSON.parse(JSON.stringify(t.document)));
    expect(fresh.length).toBeGreaterThan(1000);
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(fresh);
  });
});
