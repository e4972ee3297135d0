import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { ada, auditFixture, noLegalHold, remindersRunning } from '../test/fixtures';
import { renderAt } from '../test/render';
import { AuditLayout } from './layout';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN', myRole: 'CONTRIBUTOR' });
const paused = {
  paused: true,
  since: '2026-05-20T09:00:00.000Z',
  reason: 'Settlement talks until June',
  pausedBy: { id: ada.id, name: 'Grace Hopper' },
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}', () => audit);
  fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => noLegalHold);
});

/**
 * The audit's header on one of its tabs, in the app shell's main landmark (the tab's own page
 * is not what is tested).
 */
const open = (tab: string) =>
  renderAt(
    <main>
      <AuditLayout />
    </main>,
    { path: '/audits/:auditId/*', url: `/audits/${audit.id}/${tab}`, me: ada },
  );

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('AuditLayout header', () => {
  it.each(['grid', 'productions'])(
    'says on the %s tab that reminders are paused, with who, when and why for the eye and the screen reader',
    async (tab) => {
      const user = userEvent.setup({ delay: null });
      fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => paused);
      open(tab);
      await screen.findByRole('heading', { level: 1, name: audit.title });
      const badge = (await screen.findByText('Reminders paused')).closest('[tabindex="0"]')!;
      // Ada reads times in London (BST): 09:00Z is 10:00 there.
      const explanation = 'Paused by Grace Hopper on May 20, 2026, 10:00 AM GMT+1: Settlement talks until June';
      expect(badge).toHaveTextContent(`Reminders paused. ${explanation}`);
      // The tooltip shows the same to sighted users, from the keyboard as from the mouse.
      expect(screen.queryByRole('tooltip')).toBeNull();
      for (let i = 0; i < 5 && document.activeElement !== badge; i++) await user.tab();
      expect(badge).toHaveFocus();
      expect(await screen.findByRole('tooltip')).toHaveTextContent(explanation);
      expect(await axeViolations()).toEqual([]);
    },
  );

  it('shows no such badge while the reminders run', async () => {
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => remindersRunning);
    open('grid');
    await screen.findByRole('heading', { level: 1, name: audit.title });
    await waitFor(() =>
      expect(fakeApi.calls.some((c) => c.path === '/api/audits/{auditId}/reminders/pause')).toBe(true),
    );
    expect(screen.queryByText('Reminders paused')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it("gives the deadline in the audit's zone and in the reader's, whose top bar says times are in theirs", async () => {
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => remindersRunning);
    open('grid');
    await screen.findByRole('heading', { level: 1, name: audit.title });
    // 17:00 in New York is 22:00 in London (BST), where Ada reads times.
    expect(screen.getByRole('timer')).toHaveTextContent(/Jun 7, 2026, 5:00 PM EDT; 10:00 PM GMT\+1 your time/);
  });
});
