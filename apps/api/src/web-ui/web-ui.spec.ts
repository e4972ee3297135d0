import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { SESSION_COOKIE } from '../auth/auth-context';
import { firstScreenReads, preferredEncoding, serveWebUi } from './web-ui';

describe('preferredEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('takes brotli when the browser weighs it like gzip, in whatever order it lists them', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(preferredEncoding('br, gzip', both)).toBe('br');
  });

  it("follows the client's weights and refusals", () => {
    expect(preferredEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0.1', both)).toBe('gzip');
    expect(preferredEncoding('*', both)).toBe('br');
    expect(preferredEncoding('*;q=0.2, br;q=0', both)).toBe('gzip');
  });

  it('answers none (the file itself) without a header, for identity, or without a copy the client takes', () => {
    expect(preferredEncoding(undefined, both)).toBeNull();
    expect(preferredEncoding('identity', both)).toBeNull();
    expect(preferredEncoding('br;q=0, gzip;q=0', both)).toBeNull();
    expect(preferredEncoding('br', ['gzip'])).toBeNull();
  });
});

describe('firstScreenReads', () => {
  const id = 'cf116e59-9661-4482-8aa5-12c73aa009fd';
  const reads = (url: string) => {
    const parsed = new URL(url, 'http://page');
    return firstScreenReads(parsed.pathname, parsed.searchParams);
  };
  const header = [`/api/audits/${id}`, `/api/audits/${id}/legal-hold`, `/api/audits/${id}/reminders/pause`];

  it("names the audits list's reads and those of the cards under it", () => {
    expect(reads('/audits')).toEqual([
      '/api/audits?page=1&pageSize=100',
      '/api/request-templates?page=1&pageSize=500',
      '/api/form-templates',
    ]);
  });

  it("names an audit's header on each of its screens, and the grid's own reads on the grid", () => {
    expect(reads(`/audits/${id}`)).toEqual(header);
    expect(reads(`/audits/${id}/responses/${id}`)).toEqual(header);
    expect(reads(`/audits/${id}/grid`)).toEqual([
      ...header,
      `/api/audits/${id}/subjects?page=1&pageSize=500`,
      `/api/audits/${id}/requests?page=1&pageSize=500`,
      `/api/audits/${id}/members?page=1&pageSize=500`,
      `/api/audits/${id}/responses?page=1&pageSize=500`,
    ]);
  });

  it("leaves a filtered grid's cells to the screen, which asks with the filters", () => {
    expect(reads(`/audits/${id}/grid?mine=1`)).not.toContainEqual(expect.stringContaining('/responses'));
    expect(reads(`/audits/${id}/grid?status=APPROVED`)).toHaveLength(6);
  });

  it('names nothing for other pages, or for an audit id that is not one (nothing made up goes into the page)', () => {
    expect(reads('/login')).toEqual([]);
    expect(reads('/profile')).toEqual([]);
    expect(reads('/audits/"><script>x</script>/grid')).toEqual([]);
    expect(reads('/audits/12345/grid')).toEqual([]);
  });
});

describe('serveWebUi: the page served', () => {
  let app: NestExpressApplication;
  let dir: string;
  let sessionCheck: (secret: string) => Promise<boolean>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-ui-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    mkdirSync(path.join(dir, '.vite'));
    const manifest = {
      'index.html': { file: 'assets/index-1.js', isEntry: true },
      'src/components/layout.tsx': { file: 'assets/layout-1.js', imports: ['index.html'] },
      'src/pages/AuditsPage.tsx': { file: 'assets/AuditsPage-1.js', imports: ['index.html'], css: ['assets/A-1.css'] },
    };
    writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
    app = await NestFactory.create<NestExpressApplication>(class EmptyModule {}, { logger: false });
    app.use(cookieParser());
    serveWebUi(app, { dir, isLiveSession: (secret) => sessionCheck(secret) });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (cookie: string) =>
    request(app.getHttpServer()).get('/audits').set('Accept', 'text/html').set('Cookie', cookie);
  const preloads = (html: string) => [...html.matchAll(/rel="preload" href="([^"]+)"/g)].map(([, href]) => href);
  const chunks = (html: string) =>
    [...html.matchAll(/rel="(?:modulepreload|preload" as="style)" crossorigin href="([^"]+)"/g)].map(
      ([, href]) => href,
    );

  it("names the audits list's reads and chunks for a session that still opens, checked by its cookie", async () => {
    const asked: string[] = [];
    sessionCheck = (secret) => {
      asked.push(secret);
      return Promise.resolve(true);
    };
    const answer = await page(`${SESSION_COOKIE}=live-secret`).expect(200);
    expect(asked).toEqual(['live-secret']);
    expect(preloads(answer.text)).toContain('/api/audits?page=1&amp;pageSize=100');
    expect(chunks(answer.text)).toEqual(['/assets/layout-1.js', '/assets/AuditsPage-1.js', '/assets/A-1.css']);
  });

  it('names no read nor chunk for a session that has ended, or one that cannot be checked, and serves the page all the same', async () => {
    sessionCheck = () => Promise.resolve(false);
    const ended = (await page(`${SESSION_COOKIE}=ended`).expect(200)).text;
    expect([preloads(ended), chunks(ended)]).toEqual([[], []]);
    sessionCheck = () => Promise.reject(new Error('the database is away'));
    const unknown = (await page(`${SESSION_COOKIE}=unknown`).expect(200)).text;
    expect([preloads(unknown), chunks(unknown)]).toEqual([[], []]);
  });
});
