import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BuildManifest, SCREEN_FILES, screenChunks, screenModules } from './screen-chunks';

const id = 'cf116e59-9661-4482-8aa5-12c73aa009fd';

// The shape Vite writes: the entry (index.html) and what it imports, the layout and two
// screens sharing a chunk with each other and one with the entry.
const manifest: BuildManifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_Box-1.js'], css: ['assets/index-1.css'] },
  '_Box-1.js': { file: 'assets/Box-1.js' },
  '_Card-1.js': { file: 'assets/Card-1.js', imports: ['_Box-1.js'] },
  '_Select-1.js': { file: 'assets/Select-1.js', imports: ['_Card-1.js'], css: ['assets/Select-1.css'] },
  'src/components/layout.tsx': { file: 'assets/layout-1.js', imports: ['index.html', '_Card-1.js'] },
  'src/pages/GridPage.tsx': {
    file: 'assets/GridPage-1.js',
    imports: ['index.html', 'src/components/layout.tsx', '_Select-1.js'],
    css: ['assets/GridPage-1.css'],
  },
  'src/pages/AuditsPage.tsx': { file: 'assets/AuditsPage-1.js', imports: ['index.html', '_Card-1.js'] },
};

describe('screenChunks', () => {
  it("names the layout's and the screen's chunks with all they import, and their stylesheets", () => {
    expect(screenChunks(manifest)(`/audits/${id}/grid`)).toEqual({
      scripts: ['/assets/layout-1.js', '/assets/Card-1.js', '/assets/GridPage-1.js', '/assets/Select-1.js'],
      styles: ['/assets/GridPage-1.css', '/assets/Select-1.css'],
    });
  });

  it('leaves out what the entry loads itself (index.html names it), and names a shared chunk once', () => {
    const { scripts, styles } = screenChunks(manifest)('/audits');
    expect(scripts).toEqual(['/assets/layout-1.js', '/assets/Card-1.js', '/assets/AuditsPage-1.js']);
    expect(styles).toEqual([]);
  });

  it('names nothing for a page that is not a logged-in screen, an id that is not one, or a screen the build lacks', () => {
    const none = { scripts: [], styles: [] };
    const chunksFor = screenChunks(manifest);
    expect(chunksFor('/login')).toEqual(none);
    expect(chunksFor('/audits/12345/grid')).toEqual(none);
    expect(chunksFor('/audits/"><script>x</script>/grid')).toEqual(none);
    expect(screenChunks({})(`/audits/${id}/grid`)).toEqual(none);
  });
});

describe('screenModules', () => {
  it("maps an audit's screens to their modules, each under the layout", () => {
    expect(screenModules(`/audits/${id}`)).toEqual(['src/components/layout.tsx', 'src/pages/AuditOverviewPage.tsx']);
    expect(screenModules(`/audits/${id}/responses/${id}`)).toEqual([
      'src/components/layout.tsx',
      'src/pages/ResponsePage.tsx',
    ]);
  });

  it('names files the web UI has (a screen renamed there must be renamed here)', () => {
    const web = path.resolve(__dirname, '../../../web');
    expect(SCREEN_FILES.filter((file) => !existsSync(path.join(web, file)))).toEqual([]);
  });
});
