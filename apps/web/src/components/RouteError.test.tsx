// A screen that cannot be drawn, through the app's own routes: what the person sees instead of
// the router's developer page, and what stays around it.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createMemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, routes } from '../App';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture, noLegalHold, remindersRunning } from '../test/fixtures';
import { isChunkLoadError } from './RouteError';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

// The activity screen fails as it draws; the profile screen's chunk does not download (the
// words Chromium gives a failed `import()`).
vi.mock('../pages/ActivityPage', () => ({
  ActivityPage: () => {
    throw new Error('Cannot read properties of undefined (reading "actor")');
  },
}));
// Until the test says the connection is back.
const profileDownload = vi.hoisted(() => ({ fails: true, attempts: 0 }));
vi.mock('../pages/ProfilePage', () => ({
  get ProfilePage() {
    profileDownload.attempts++;
    if (profileDownload.fails)
      throw new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/ProfilePage-DzK3.js');
    return () => <h1>Your profile</h1>;
  },
}));

// The login page fails as it draws: above the app's layout.
vi.mock('../pages/LoginPage', () => ({
  LoginPage: () => {
    throw new RangeError('Invalid time zone specified: Mars/Olympus_Mons');
  },
}));

const audit = auditFixture({ status: 'OPEN', myRole: 'LEAD_COUNSEL' });

beforeEach(() => {
  fakeApi.reset();
  // React reports an error a boundary caught; the test reads what the person sees instead.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  fakeApi.on('GET /api/auth/session', () => ({ user: ada }));
  fakeApi.on('GET /api/audits/{auditId}', () => audit);
  fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => noLegalHold);
  fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => remindersRunning);
});

afterEach(() => vi.restoreAllMocks());

const openAt = (url: string) => render(<App router={createMemoryRouter(routes, { initialEntries: [url] })} />);

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('a screen that cannot be drawn', () => {
  it("says so in plain words under the audit's header and tabs, with the error for the administrator", async () => {
    const user = userEvent.setup({ delay: null });
    openAt(`/audits/${audit.id}/activity`);
    const alert = await screen.findByRole('alert', { name: 'This page could not be shown' });
    // The audit's title stays the page's heading; the error's is a level below it.
    expect(screen.getByRole('heading', { level: 1, name: audit.title })).toBeInTheDocument();
    expect(within(alert).getByRole('heading', { level: 2 })).toHaveTextContent('This page could not be shown');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(alert);
    expect(alert).toHaveTextContent(
      'What was saved before is not affected. Reload the page to try again; if it happens again, tell your AuditDesk administrator what you were doing, with the details below.',
    );
    expect(screen.queryByText(/Unexpected Application Error/)).toBeNull();
    await user.click(within(alert).getByText('Details of the error'));
    expect(within(alert).getByText('Cannot read properties of undefined (reading "actor")')).toBeVisible();
    expect(within(alert).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('says a screen whose code did not download did not load, and how to try again', async () => {
    const user = userEvent.setup({ delay: null });
    openAt('/profile');
    const alert = await screen.findByRole('alert', { name: 'This page did not load' });
    expect(within(alert).getByRole('heading', { level: 1 })).toHaveTextContent('This page did not load');
    expect(alert).toHaveTextContent('the connection may have dropped, or AuditDesk was updated');
    expect(within(alert).queryByText('Details of the error')).toBeNull();
    // Asked for once by the screen and once by the router's fetch ahead of it, not again and
    // again as React draws the failing screen.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(profileDownload.attempts).toBeLessThanOrEqual(2);
    expect(screen.getByRole('main')).toContainElement(alert);
    expect(await axeViolations()).toEqual([]);
    // The way on: the audits list (its own screen, which draws).
    fakeApi.on('GET /api/audits', () => page([]));
    fakeApi.on('GET /api/request-templates', () => page([]));
    fakeApi.on('GET /api/form-templates', () => []);
    await user.click(within(alert).getByRole('link', { name: 'Go to your audits' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Audits' })).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'This page did not load' })).toBeNull();
    // With the connection back, the screen opens the next time it is asked for, without a reload.
    profileDownload.fails = false;
    // As in a browser, the screen draws before the router's fetch of its chunk (after the next
    // frame) has run: held off here, so that drawing the screen is what asks for it.
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    await user.click(screen.getAllByRole('link', { name: /^Your profile: / })[0]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeInTheDocument();
  });
});

describe("a page outside the app's layout that cannot be drawn", () => {
  it("says so in the frame of the public pages, in the page's main landmark", async () => {
    fakeApi.on('GET /api/auth/session', () => ({ user: null }));
    openAt('/login');
    const alert = await screen.findByRole('alert', { name: 'This page could not be shown' });
    expect(within(alert).getByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(alert);
    expect(alert).toHaveTextContent('Invalid time zone specified: Mars/Olympus_Mons');
    // A visitor (the other side's counsel on a release link, say) has no audits to go to.
    expect(alert).toHaveTextContent(
      'tell whoever sent you the link, or your AuditDesk administrator, what you were doing, with the details below.',
    );
    expect(within(alert).queryByRole('link', { name: 'Go to your audits' })).toBeNull();
    expect(within(alert).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });
});

describe('isChunkLoadError', () => {
  it.each([
    'Failed to fetch dynamically imported module: https://x/assets/a.js', // Chromium
    'error loading dynamically imported module: https://x/assets/a.js', // Firefox
    'Importing a module script failed.', // Safari
    'Unable to preload CSS for /assets/a.css', // Vite's loader
  ])('reads "%s" as a chunk that did not download', (message) => {
    expect(isChunkLoadError(new TypeError(message))).toBe(true);
  });

  it('reads any other error as what it is', () => {
    expect(isChunkLoadError(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});
