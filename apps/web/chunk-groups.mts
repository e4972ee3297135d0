// How the build groups the UI's modules into files (Rolldown's `output.codeSplitting`), for the
// first screens' sake. Left to itself, Rolldown splits every module shared by two screens into
// a file of its own: a logged-in visit to the audits list fetched 19 scripts, most of them of
// 1-3 kB, all at once. On a phone each costs a round trip, and while they are in flight they
// share the link with the entry script the first paint waits for: Lighthouse's simulation of
// the audits list had the entry (101 kB) take 1.8 s where its bytes alone need 0.5. Two groups
// bring the first screens down to three scripts before they can draw (entry, shell, screen; what
// they fetch once drawn, such as the template cards under the audits list, comes after). The
// other screens keep Rolldown's own split around the shell, and a page outside the login that
// shares a module with it loads it too: the invitation page (the role names, the zone picker;
// 193 kB in all where it fetched 180 in eleven files) and the toasts' container.
import path from 'node:path';
import { normalizePath, type Rolldown } from 'vite';

/** Where a logged-in visit starts: the audits list (after logging in) and an audit's grid (where the work is). */
const FIRST_SCREENS = ['src/pages/AuditsPage.tsx', 'src/pages/GridPage.tsx'];
/** The login gate, the app shell and the audit header, which every logged-in screen is drawn in. */
const LAYOUT = 'src/components/layout.tsx';

/** Mantine's packages are imported through their index (`import { Card } from '@mantine/core'`). */
const MANTINE_INDEX = /[\\/]node_modules[\\/](@mantine[\\/][a-z]+)[\\/]esm[\\/]index\.mjs$/;

type ModuleGraph = Rolldown.ChunkingContext;

/** A file under `root` as the build names its modules (forward slashes on Windows too). */
const moduleId = (root: string, file: string) => normalizePath(path.resolve(root, file));

/**
 * The groups, for the UI's source directory `root`:
 * - `index`: the page's entry script and all it imports (the login page draws with these), in
 *   one file, where Rolldown put the parts that screens share with it in four more;
 * - `shell`: the layout and what the first screens draw with besides their own code (the
 *   Mantine components they use, the helpers other screens share), in one file fetched with
 *   the screen. A group takes in what its modules import, as far as they use it.
 */
export function chunkGroups(root: string): Rolldown.CodeSplittingOptions {
  const entry = moduleId(root, 'index.html');
  // Worked out once per build (a build in watch mode has a new graph each time).
  const shells = new WeakMap<ModuleGraph, Set<string>>();
  const groups: Rolldown.CodeSplittingGroup[] = [
    { name: 'index', test: (id) => id === entry, priority: 2 },
    {
      name: (id, graph) => {
        let shell = shells.get(graph);
        if (!shell) shells.set(graph, (shell = shellModules(graph, root)));
        return shell.has(id) ? 'shell' : null;
      },
      debugName: 'shell',
      priority: 1,
    },
  ];
  return { groups };
}

/** The layout, and what the first screens import that other screens import too. */
function shellModules(graph: ModuleGraph, root: string): Set<string> {
  const modules = new Set([moduleId(root, LAYOUT)]);
  for (const screen of FIRST_SCREENS.map((file) => moduleId(root, file))) {
    const info = graph.getModuleInfo(screen);
    if (!info) continue;
    for (const imported of info.importedIds) {
      if (MANTINE_INDEX.test(imported))
        for (const component of takenFrom(graph, info.code, imported)) modules.add(component);
      else if (!imported.includes('node_modules') && (graph.getModuleInfo(imported)?.importers.length ?? 0) > 1)
        modules.add(imported);
    }
  }
  return modules;
}

/**
 * The modules behind the names `code` imports from a Mantine package's index. Capturing the
 * index itself would take in every component the UI uses anywhere; the index names each
 * component's own module (`import { Card } from "./components/Card/Card.mjs"`). A name it
 * imports under another is not found, and its module is left to Rolldown's split.
 */
function takenFrom(graph: ModuleGraph, code: string | null, index: string): string[] {
  const pkg = MANTINE_INDEX.exec(index)![1].replaceAll('\\', '/');
  const moduleOf = new Map<string, string>();
  for (const { source, names } of namedImports(graph.getModuleInfo(index)?.code, '\\.[^"\']+'))
    for (const { local } of names) moduleOf.set(local, moduleId(path.dirname(index), source));
  return namedImports(code, pkg)
    .flatMap(({ names }) => names.map(({ imported }) => moduleOf.get(imported)))
    .filter((id): id is string => id !== undefined);
}

/** Each `import { A, B as C, type D } from "<source>"` in `code` whose source matches the pattern `from`. */
function namedImports(code: string | null | undefined, from: string) {
  const statements = (code ?? '').matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["'](${from})["']`, 'g'));
  return [...statements].map(([, list, source]) => ({
    source,
    names: list.split(',').map((specifier) => {
      const [imported, local = imported] = specifier
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/);
      return { imported, local };
    }),
  }));
}
