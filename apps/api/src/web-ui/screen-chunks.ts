import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One module of the web UI's build manifest (Vite's build.manifest, in dist/web/.vite/manifest.json). */
interface ManifestChunk {
  /** The built file, under the build's directory ("assets/GridPage-abc.js"). */
  file: string;
  /** The manifest keys of the chunks this one imports statically (fetched before it runs). */
  imports?: string[];
  /** The stylesheets the chunk's modules import. */
  css?: string[];
  isEntry?: boolean;
}
export type BuildManifest = Record<string, ManifestChunk>;

/** The build's manifest, or null when the build wrote none (an older build: nothing is named). */
export function readBuildManifest(dir: string): BuildManifest | null {
  const file = path.join(dir, '.vite', 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildManifest) : null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const page = (name: string) => `src/pages/${name}.tsx`;
/** An audit's screen at `rest` under its address ("/grid"). */
const inAudit = (rest: string) => new RegExp(`^/audits/${UUID}${rest}$`);

/**
 * The screen module of each logged-in page, as apps/web/src/App.tsx routes them (a unit test
 * checks each file exists). A page not listed here is left to the router.
 */
const SCREENS: [RegExp, string][] = [
  [/^\/audits$/, page('AuditsPage')],
  [/^\/profile$/, page('ProfilePage')],
  [/^\/users$/, page('UsersPage')],
  [inAudit(''), page('AuditOverviewPage')],
  [inAudit('/setup'), page('SetupPage')],
  [inAudit('/grid'), page('GridPage')],
  [inAudit(`/responses/${UUID}`), page('ResponsePage')],
  [inAudit('/reminders'), page('RemindersPage')],
  [inAudit('/response'), page('ResponseDraftPage')],
  [inAudit('/productions'), page('ProductionsPage')],
  [inAudit(`/requests/${UUID}/compare`), page('FormComparisonPage')],
  [inAudit(`/evidence/${UUID}/versions/\\d+/redactions`), page('RedactionPage')],
  [inAudit('/report'), page('ReportPage')],
  [inAudit('/activity'), page('ActivityPage')],
];

/**
 * The app shell and the audit header, which every logged-in screen is drawn in. The build puts
 * it in a larger chunk with what the first screens share (apps/web/chunk-groups.mts), and the
 * manifest then has no key of its own for it: the screens import from it, so their chunks
 * bring that one in all the same.
 */
const LAYOUT = 'src/components/layout.tsx';

/** The source modules (manifest keys) a logged-in page at `urlPath` draws: its layout and screen. */
export function screenModules(urlPath: string): string[] {
  const screen = SCREENS.find(([pattern]) => pattern.test(urlPath));
  return screen ? [LAYOUT, screen[1]] : [];
}

/** The manifest key of every file listed in SCREENS, for the test that they exist. */
export const SCREEN_FILES = [LAYOUT, ...SCREENS.map(([, file]) => file)];

/** What a logged-in page names for its screen: scripts and stylesheets, as URL paths. */
export interface ScreenChunks {
  scripts: string[];
  styles: string[];
}

/**
 * For a build's manifest, the scripts and stylesheets a logged-in page at a given address will
 * load once its entry script has run, for the page to name as preloads: the browser then
 * fetches the layout's and the screen's chunks with the entry instead of after it (on a phone,
 * the entry takes the main thread for most of a second, and only then asked for them, in a
 * chain). What the entry imports itself is left out: index.html names it already. Each screen's
 * list is worked out once, at start-up; a request only looks it up.
 */
export function screenChunks(manifest: BuildManifest): (urlPath: string) => ScreenChunks {
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  const withEntry = closure(manifest, entries);
  const chunksOf = (modules: string[]): ScreenChunks => {
    const wanted = [...closure(manifest, modules)].filter((key) => !withEntry.has(key));
    return {
      scripts: wanted.map((key) => `/${manifest[key].file}`),
      styles: [...new Set(wanted.flatMap((key) => manifest[key].css ?? []))].map((file) => `/${file}`),
    };
  };
  const none: ScreenChunks = { scripts: [], styles: [] };
  // By the screen's module (the last of screenModules'), for the screens the build has.
  const byScreen = new Map(
    SCREENS.filter(([, file]) => manifest[file]).map(([, file]) => [file, chunksOf([LAYOUT, file])]),
  );
  return (urlPath) => byScreen.get(screenModules(urlPath).at(-1) ?? '') ?? none;
}

/** `keys` and every chunk they import statically, directly or not. */
function closure(manifest: BuildManifest, keys: string[]): Set<string> {
  const found = new Set<string>();
  const visit = (key: string) => {
    if (found.has(key) || !manifest[key]) return;
    found.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return found;
}
