import { existsSync, readFileSync } from 'node:fs';
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

  it('maps the form comparison and the redaction screens, ids and version number in their address', () => {
    expect(screenModules(`/audits/${id}/requests/${id}/compare`)).toEqual([
      'src/components/layout.tsx',
      'src/pages/FormComparisonPage.tsx',
    ]);
    expect(screenModules(`/audits/${id}/evidence/${id}/versions/12/redactions`)).toEqual([
      'src/components/layout.tsx',
      'src/pages/RedactionPage.tsx',
    ]);
    expect(screenModules(`/audits/${id}/evidence/${id}/versions/x/redactions`)).toEqual([]);
  });

  it('lists every screen the router loads behind the login (a screen added there must be added here)', () => {
    const app = readFileSync(path.resolve(__dirname, '../../../web/src/App.tsx'), 'utf8');
    const routed = [...app.matchAll(/import\('\.\/pages\/(\w+)'\)/g)].map(([, name]) => `src/pages/${name}.tsx`);
    // Reached without a session (an invitation, a password reset, a release link), or any
    // address at all (not found): no logged-in screen to name.
    const outside = ['AcceptInvitationPage', 'PasswordResetPage', 'ReleasePage', 'NotFoundPage'].map(
      (name) => `src/pages/${name}.tsx`,
    );
    expect(routed.length).toBeGreaterThan(outside.length);
    expect(routed.filter((file) => !outside.includes(file) && !SCREEN_FILES.includes(file))).toEqual([]);
  });

  it('names files the web UI has (a screen renamed there must be renamed here)', () => {
    const web = path.resolve(__dirname, '../../../web');
    expect(SCREEN_FILES.filter((file) => !existsSync(path.join(web, file)))).toEqual([]);
  });
});
