import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** Where `vite build` (apps/web/vite.config.ts) writes the UI; processes run from the repository root. */
export const WEB_UI_DIR = path.resolve(process.cwd(), 'dist', 'web');

const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');

/**
 * Serves the built web UI next to the API: its files, and index.html for any other GET that
 * asks for a page (the UI routes in the browser). Nothing under /api is touched, so API
 * errors stay problem+json. Returns false when the UI has not been built.
 */
export function serveWebUi(app: NestExpressApplication, dir: string = WEB_UI_DIR): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;

  // The UI gets a strict content security policy (own scripts only); the API's JSON and
  // Swagger UI pages keep the global helmet set-up. Mantine sets inline style attributes,
  // which helmet's default style-src ('unsafe-inline') allows. No upgrade-insecure-requests:
  // TLS is the reverse proxy's business, and plain http://localhost must keep working.
  const csp = helmet.contentSecurityPolicy({
    useDefaults: true,
    // frame-src blob: lets the response tab preview a letter PDF it fetched (a blob URL) in the page.
    directives: {
      'img-src': ["'self'", 'data:', 'blob:'],
      'frame-src': ["'self'", 'blob:'],
      'upgrade-insecure-requests': null,
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : csp(req, res, next)));

  app.useStaticAssets(dir, {
    index: false,
    // File names under assets/ carry a content hash: they never change.
    setHeaders: (res: ServerResponse, file: string) =>
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
