import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Audit } from '../api/client';
import type { Redaction } from '../api/queries';
import { AuditProvider } from '../components/layout';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderAt } from '../test/render';
import { RedactionPage } from './RedactionPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const counselAudit = auditFixture({ myRole: 'COUNSEL' });
const EVIDENCE = 'e0000000-0000-4000-8000-000000000001';
const VERSION = '/api/audits/{auditId}/evidence/{evidenceId}/versions/{number}';
const lena = { id: 'u-lena', name: 'Lena Lead' };

const box = (extra: Partial<Redaction> & { id: string }): Redaction => ({
  page: 1,
  x: 0.1,
  y: 0.2,
  width: 0.5,
  height: 0.05,
  reason: 'PRIVILEGE',
  note: null,
  // 14:05 UTC is 15:05 in London (summer time): the list shows the user's zone.
  createdAt: '2026-05-20T14:05:00.000Z',
  createdBy: lena,
  ...extra,
});

let stored: Redaction[];

beforeEach(() => {
  fakeApi.reset();
  stored = [
    box({ id: 'r1', note: 'Advice from outside counsel' }),
    box({ id: 'r2', page: 3, y: 0.5, reason: 'PERSONAL_DATA' }),
    box({ id: 'r3', page: 3, y: 0.1, reason: 'TRADE_SECRET' }),
  ];
  fakeApi.on('GET /api/audits/{auditId}/evidence/{evidenceId}', () => ({ id: EVIDENCE, title: 'Board minutes' }));
  fakeApi.on(`GET ${VERSION}/pages`, () => ({
    pageCount: 4,
    pages: [1, 2, 3, 4].map((number) => ({ number, width: 612, height: 792 })),
  }));
  fakeApi.on(`GET ${VERSION}/redactions`, () => ({ items: stored }));
});

function renderScreen(audit: Audit = counselAudit, page?: number, from?: string) {
  // In <main>, as the app shell draws every page.
  return renderAt(
    <AuditProvider value={audit}>
      <main>
        <RedactionPage />
      </main>
    </AuditProvider>,
    {
      path: '/audits/:auditId/evidence/:evidenceId/versions/:number/redactions',
      url: `/audits/${audit.id}/evidence/${EVIDENCE}/versions/2/redactions?${new URLSearchParams({
        ...(page && { page: String(page) }),
        ...(from && { from }),
      })}`,
      me: ada,
    },
  );
}

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page's drawing surface, laid out as a browser would: 500 × 700 px at (100, 50). */
async function pageSurface() {
  const surface = await screen.findByTestId('page-surface');
  surface.getBoundingClientRect = () =>
    ({ left: 100, top: 50, width: 500, height: 700, right: 600, bottom: 750, x: 100, y: 50 }) as DOMRect;
  return surface;
}

function drag(surface: HTMLElement, from: [number, number], to: [number, number]) {
  const at = ([clientX, clientY]: [number, number]) => ({ clientX, clientY, button: 0, pointerId: 1 });
  fireEvent.pointerDown(surface, at(from));
  fireEvent.pointerMove(surface, at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]));
  fireEvent.pointerMove(surface, at(to));
  fireEvent.pointerUp(surface, at(to));
}

describe('the redaction screen', () => {
  it('shows a page with its boxes, the pages that carry boxes, and every box in a list with who marked it and when', async () => {
    renderScreen(counselAudit, 3);
    expect(await screen.findByRole('heading', { name: 'Redact Board minutes, version 2' })).toBeInTheDocument();
    const image = await screen.findByRole('img', { name: 'Page 3 of 4' });
    expect(image).toHaveAttribute(
      'src',
      `/api/audits/${counselAudit.id}/evidence/${EVIDENCE}/versions/2/pages/3/image?width=1000`,
    );
    const picker = screen.getByRole('navigation', { name: 'Pages of the document' });
    expect(within(picker).getByRole('button', { name: 'Page 1, 1 box' })).toBeInTheDocument();
    expect(within(picker).getByRole('button', { name: 'Page 2' })).toBeInTheDocument();
    expect(within(picker).getByRole('button', { name: 'Page 3, 2 boxes' })).toHaveAttribute('aria-current', 'page');
    // Page 3's two boxes, drawn where they lie, each labelled with its reason.
    await waitFor(() => expect(screen.getAllByTestId('redaction-box')).toHaveLength(2));
    const drawn = screen.getAllByTestId('redaction-box');
    expect(drawn.map((b) => b.textContent)).toEqual(['Trade secret', 'Personal data']);
    expect(drawn[1]).toHaveStyle({ left: '10%', top: '50%', width: '50%', height: '5%' });

    const list = screen.getByRole('table', { name: 'Redactions of this document' });
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['1', '3', '3']);
    expect(rows[0]).toHaveTextContent('Privilege');
    expect(rows[0]).toHaveTextContent('Advice from outside counsel');
    expect(rows[0]).toHaveTextContent('Lena Lead');
    expect(rows[0]).toHaveTextContent('May 20, 2026, 3:05 PM GMT+1');

    await userEvent.setup({ delay: null }).click(within(picker).getByRole('button', { name: 'Page 1, 1 box' }));
    expect(await screen.findByRole('img', { name: 'Page 1 of 4' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('posts a box drawn by dragging on the page as fractions of the page, with the reason chosen', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(`POST ${VERSION}/redactions`, ({ body }) => {
      const created = box({ id: 'r4', ...(body as Partial<Redaction>) });
      stored = [...stored, created];
      return created;
    });
    renderScreen(counselAudit, 2);
    const surface = await pageSurface();
    // From (150, 120) to (350, 190): 50 and 70 px in, 200 × 70 px, on a 500 × 700 page.
    drag(surface, [150, 120], [350, 190]);
    expect(screen.getByTestId('draft-box')).toHaveStyle({ left: '10%', top: '10%', width: '40%', height: '10%' });
    const form = screen.getByRole('region', { name: 'New box' });
    expect(within(form).getByRole('textbox', { name: 'From the left edge (%)' })).toHaveValue('10');
    expect(within(form).getByRole('textbox', { name: 'Width (%)' })).toHaveValue('40');

    // No reason yet: nothing is sent.
    await user.click(within(form).getByRole('button', { name: 'Add box' }));
    expect(within(form).getByText('Choose a reason')).toBeInTheDocument();
    expect(fakeApi.writes()).toEqual([]);

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Reason' }), 'Trade secret');
    await user.type(within(form).getByRole('textbox', { name: /^Note/ }), 'Pricing formula');
    await user.click(within(form).getByRole('button', { name: 'Add box' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: `${VERSION}/redactions`,
      params: { path: { auditId: counselAudit.id, evidenceId: EVIDENCE, number: 2 } },
      body: { page: 2, x: 0.1, y: 0.1, width: 0.4, height: 0.1, reason: 'TRADE_SECRET', note: 'Pricing formula' },
    });
    // The list asked again: page 2 now carries the box.
    expect(await screen.findByRole('button', { name: 'Page 2, 1 box' })).toBeInTheDocument();
    expect(screen.queryByTestId('draft-box')).toBeNull();
  });

  it('leads back where it was opened from, a response, also after turning pages; elsewhere to productions', async () => {
    const user = userEvent.setup({ delay: null });
    const response = `/audits/${counselAudit.id}/responses/resp-7`;
    const { unmount } = renderScreen(counselAudit, 1, response);
    const back = await screen.findByRole('link', { name: '← Back to the response' });
    expect(back).toHaveAttribute('href', response);
    const picker = screen.getByRole('navigation', { name: 'Pages of the document' });
    await user.click(await within(picker).findByRole('button', { name: 'Page 3, 2 boxes' }));
    expect(await screen.findByRole('img', { name: 'Page 3 of 4' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Back to the response' })).toHaveAttribute('href', response);
    unmount();

    // An address that is not a response of this audit is not followed.
    renderScreen(counselAudit, 1, 'https://elsewhere.example/audits/x');
    expect(await screen.findByRole('link', { name: '← Back to productions' })).toHaveAttribute(
      'href',
      `/audits/${counselAudit.id}/productions`,
    );
  });

  it('draws nothing for a click without a drag', async () => {
    renderScreen();
    const surface = await pageSurface();
    drag(surface, [200, 200], [200, 200]);
    expect(screen.queryByTestId('draft-box')).toBeNull();
  });

  it('changes the reason of a box selected on the page', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(`PATCH ${VERSION}/redactions/{redactionId}`, ({ body }) => ({ ...stored[0], ...(body as object) }));
    renderScreen();
    await screen.findByRole('img', { name: 'Page 1 of 4' });
    await user.click(await screen.findByTestId('redaction-box'));
    const card = screen.getByRole('region', { name: 'Privilege box 1 on page 1' });
    await user.selectOptions(within(card).getByRole('combobox', { name: 'Reason' }), 'Personal data');
    await user.click(within(card).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { auditId: counselAudit.id, evidenceId: EVIDENCE, number: 2, redactionId: 'r1' } },
      body: { reason: 'PERSONAL_DATA' },
    });
  });

  it('removes a box only once the removal is confirmed', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(`DELETE ${VERSION}/redactions/{redactionId}`, ({ params }) => {
      stored = stored.filter((r) => r.id !== params?.path?.redactionId);
      return undefined;
    });
    renderScreen();
    const list = await screen.findByRole('table', { name: 'Redactions of this document' });
    await user.click(within(list).getByRole('button', { name: 'Remove the Personal data box 2 on page 3' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove this box?' });
    expect(dialog).toHaveTextContent('The Personal data box 2 on page 3 will no longer be blacked out');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fakeApi.writes()).toEqual([]);

    await user.click(within(list).getByRole('button', { name: 'Remove the Personal data box 2 on page 3' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove this box?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove box' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'DELETE',
      params: { path: { redactionId: 'r2' } },
    });
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Page 3, 1 box' })).toBeInTheDocument();
  });

  it('shows the API’s refusal in plain words: a volume being produced, a box off the page', async () => {
    const user = userEvent.setup({ delay: null });
    let refusal = new FakeProblem(409, {
      detail:
        'Volume MSFT-TWTR-VOL003 is being produced with this document; its redactions can change once the volume is produced.',
    });
    fakeApi.on(`POST ${VERSION}/redactions`, () => {
      throw refusal;
    });
    renderScreen();
    const form = await screen.findByRole('region', { name: 'New box' });
    drag(await pageSurface(), [150, 120], [350, 190]);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Reason' }), 'Privilege');
    await user.click(within(form).getByRole('button', { name: 'Add box' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Volume MSFT-TWTR-VOL003 is being produced');

    refusal = new FakeProblem(400, {
      detail: 'Validation failed',
      errors: [{ field: 'width', message: 'width must keep the box on the page' }],
    });
    await user.click(within(form).getByRole('button', { name: 'Add box' }));
    expect(
      await within(form).findByText('Make the box at least 0.2% wide, and keep it on the page'),
    ).toBeInTheDocument();
  });

  it('says plainly when the version is not a PDF it can show', async () => {
    fakeApi.on(`GET ${VERSION}/pages`, () => {
      throw new FakeProblem(422, {
        detail: 'Only PDF documents can be redacted; version 2 of this evidence is text/plain.',
      });
    });
    renderScreen();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This document cannot be shown page by page');
    expect(alert).toHaveTextContent('Only PDF documents can be redacted');
  });
});

describe('the redaction screen from the keyboard', () => {
  it('adds a box from the form, then changes and removes a box from the list, without a pointer', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(`POST ${VERSION}/redactions`, ({ body }) => box({ id: 'r4', ...(body as Partial<Redaction>) }));
    fakeApi.on(`PATCH ${VERSION}/redactions/{redactionId}`, ({ body }) => ({ ...stored[2], ...(body as object) }));
    fakeApi.on(`DELETE ${VERSION}/redactions/{redactionId}`, () => undefined);
    renderScreen();
    const form = await screen.findByRole('region', { name: 'New box' });

    // A box typed in: page 4, 12.5% from the left, 30% from the top, 50% wide, 2.5% high.
    const field = (name: string | RegExp) => within(form).getByRole('textbox', { name });
    for (const [name, value] of [
      ['Page', '4'],
      ['From the left edge (%)', '12.5'],
      ['From the top edge (%)', '30'],
      ['Width (%)', '50'],
      ['Height (%)', '2.5'],
    ] as const) {
      await user.click(field(name));
      await user.keyboard('{Control>}a{/Control}');
      await user.keyboard(value);
    }
    // The box shows on its page as it is typed.
    expect(await screen.findByRole('img', { name: 'Page 4 of 4' })).toBeInTheDocument();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Reason' }), 'Non-responsive');
    within(form).getByRole('button', { name: 'Add box' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      page: 4,
      x: 0.125,
      y: 0.3,
      width: 0.5,
      height: 0.025,
      reason: 'NON_RESPONSIVE',
    });

    // Change: Tab to the box in the list, Enter, and the reason is the next thing focused.
    const list = screen.getByRole('table', { name: 'Redactions of this document' });
    const change = within(list).getByRole('button', { name: 'Change the Trade secret box 1 on page 3' });
    change.focus();
    await user.keyboard('{Enter}');
    const card = await screen.findByRole('region', { name: 'Trade secret box 1 on page 3' });
    const reason = within(card).getByRole('combobox', { name: 'Reason' });
    expect(reason).toHaveFocus();
    expect(await screen.findByRole('img', { name: 'Page 3 of 4' })).toBeInTheDocument();
    await user.selectOptions(reason, 'Privilege');
    await user.tab();
    expect(within(card).getByRole('textbox', { name: 'Note' })).toHaveFocus();
    await user.keyboard('Formula');
    within(card).getByRole('button', { name: 'Save changes' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1]).toMatchObject({
      method: 'PATCH',
      params: { path: { redactionId: 'r3' } },
      body: { reason: 'PRIVILEGE', note: 'Formula' },
    });

    // Remove: the card's button, confirmed in the dialog, all by Enter.
    within(card).getByRole('button', { name: 'Remove box…' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Remove this box?' });
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Remove box' })).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(3));
    expect(fakeApi.writes()[2]).toMatchObject({ method: 'DELETE', params: { path: { redactionId: 'r3' } } });
  });
});

describe('the redaction screen for viewers and contributors', () => {
  it.each(['VIEWER', 'CONTRIBUTOR'] as const)('shows a %s the boxes read-only', async (myRole) => {
    renderScreen(auditFixture({ myRole }));
    expect(await screen.findByText(/Only counsel can mark or remove redactions/)).toBeInTheDocument();
    const list = await screen.findByRole('table', { name: 'Redactions of this document' });
    expect(within(list).getAllByRole('button', { name: /^Show the / })).toHaveLength(3);
    expect(within(list).queryByRole('button', { name: /^(Remove|Change) / })).toBeNull();
    expect(screen.queryByRole('region', { name: 'New box' })).toBeNull();

    // Dragging draws nothing; choosing a box shows it, with nothing to change.
    drag(await pageSurface(), [150, 120], [350, 190]);
    expect(screen.queryByTestId('draft-box')).toBeNull();
    await userEvent.setup({ delay: null }).click(within(list).getByRole('button', { name: /^Show the Trade secret/ }));
    expect(await screen.findByRole('img', { name: 'Page 3 of 4' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(fakeApi.writes()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });
});
