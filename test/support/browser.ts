// Browser tests drive Debian's chromium through playwright-core: no browser download, ever.
// When /usr/bin/chromium is missing the set-up installs the Debian package (scripts/lib/chromium.ts).
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, ensureChromium } from '../../scripts/lib/chromium';
import { ROOT, bin, run } from '../../scripts/lib/services';

export { CHROMIUM };
/** Screenshots of the main screens land here (gitignored) for people to look at. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test', 'artifacts', 'web');

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  // Playwright gives every launch a fresh, temporary profile (its own --user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds the web UI into dist/web (what the API serves), so the test runs the current source. */
export async function buildWebUi(): Promise<void> {
  const result = await run(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'error']);
  if (result.code !== 0) throw new Error(`vite build failed:\n${result.output}`);
}

/**
 * Waits until an expression is true in the page. Not `page.waitForFunction`: when its first
 * answer is false it polls by `eval` inside the page, which the UI's content security policy
 * (`script-src 'self'`) refuses. Each check here is an evaluation of its own, which the policy
 * does not govern.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(`Boolean(${expression})`))) {
    if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms in the page: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Serious and critical accessibility violations axe-core finds on the page, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Mid-transition (a notification fading in) colours are blended with the page: axe would
  // measure a contrast nobody reads. Endless animations (loaders) never finish: not waited for.
  await waitInPage(
    page,
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`,
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(' | ')})`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The app's header is fixed: from the top, a full-page shot shows it where it belongs.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * The README's walk-through pictures: with AUDITDESK_SCREENSHOTS set to a folder (relative to
 * the repository), the visible part of the page as a person sees it; without it, nothing.
 */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.AUDITDESK_SCREENSHOTS;
  if (!folder) return;
  const dir = path.resolve(ROOT, folder);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled' });
}
