import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '../api/client';
import { fakeApi, FakeProblem, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { MembersCard } from './MembersCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture();
const members: Member[] = [
  {
    userId: ada.id,
    name: ada.name,
    email: ada.email,
    timeZone: ada.timeZone,
    role: 'LEAD_COUNSEL',
    state: 'ACTIVE',
    canCertify: false,
    addedAt: '',
  },
  {
    userId: 'u2',
    name: 'Kenji Watanabe',
    email: 'kenji@x.example',
    timeZone: 'UTC',
    role: 'CONTRIBUTOR',
    state: 'ACTIVE',
    canCertify: false,
    addedAt: '',
  },
];
const users = [
  { id: ada.id, name: ada.name, email: ada.email, timeZone: ada.timeZone, orgRole: 'MEMBER', canOpenAudits: false },
  {
    id: 'u2',
    name: 'Kenji Watanabe',
    email: 'kenji@x.example',
    timeZone: 'UTC',
    orgRole: 'MEMBER',
    canOpenAudits: false,
  },
  {
    id: 'u4',
    name: 'Grace Hopper',
    email: 'grace@x.example',
    timeZone: 'UTC',
    orgRole: 'MEMBER',
    canOpenAudits: false,
  },
];

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/members', () => page(members));
  fakeApi.on('GET /api/users', () => page(users));
});

describe('MembersCard', () => {
  it('adds a person who is not yet a member, with a role', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/members', ({ body }) => ({ ...members[1], ...(body as object) }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a member' });
    await user.click(within(dialog).getByRole('combobox', { name: /^Person/ }));
    // Members already in the audit are not offered.
    expect(await screen.findByRole('option', { name: 'Grace Hopper (grace@x.example)' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Kenji Watanabe/ })).toBeNull();
    await user.click(screen.getByRole('option', { name: 'Grace Hopper (grace@x.example)' }));
    await user.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
    await user.click(screen.getByRole('option', { name: 'Counsel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/members',
      body: { userId: 'u4', role: 'COUNSEL' },
    });
  });

  // axe (scrollable-region-focusable) exempts a combobox's listbox that scrolls, since the
  // arrow keys move through it from the field, but not a scrolling box inside it. jsdom scrolls
  // nothing, so where the list scrolls is checked as the style it is drawn with.
  it('scrolls a long list of people in the listbox itself, not in a box no key reaches', async () => {
    const user = userEvent.setup({ delay: null });
    const many = Array.from({ length: 30 }, (_, i) => ({ ...users[2], id: `p${i}`, email: `p${i}@x.example` }));
    fakeApi.on('GET /api/users', () => page([...users, ...many]));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a member' });
    await user.click(within(dialog).getByRole('combobox', { name: /^Person/ }));
    await screen.findByRole('option', { name: 'Grace Hopper (p29@x.example)' });
    const list = screen.getByRole('listbox', { name: /^Person/ });
    expect(list).toHaveStyle({ overflowY: 'auto', maxHeight: '220px' });
    expect(list.querySelector('.mantine-ScrollArea-viewport')).toBeNull();
  });

  it("changes a member's role after confirmation", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}/members/{userId}', ({ body }) => ({ ...members[1], ...(body as object) }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(await screen.findByRole('combobox', { name: 'Role of Kenji Watanabe' }));
    await user.click(screen.getAllByRole('option', { name: 'Viewer' }).at(-1)!);
    const dialog = screen.getByRole('dialog', { name: 'Make Kenji Watanabe viewer?' });
    expect(dialog).toHaveTextContent('Contributor now; as viewer: reads only.');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ params: { path: { userId: 'u2' } }, body: { role: 'VIEWER' } });
  });

  it('makes a member the signer after a confirmation that says what the role does', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}/members/{userId}', ({ body }) => ({ ...members[1], ...(body as object) }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Make Kenji Watanabe the signer' }));
    const dialog = screen.getByRole('dialog', { name: 'Make Kenji Watanabe the signer of this audit?' });
    expect(dialog).toHaveTextContent('they can certify a submitted version of the response');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Make signer' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { userId: 'u2' } },
      body: { canCertify: true },
    });
  });

  it('removes a member only after confirmation, and shows why the API refused', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/audits/{auditId}/members/{userId}', () => {
      throw new FakeProblem(409, {
        code: 'CONFLICT',
        detail: 'This member is assignee or reviewer of 2 open responses; reassign them before the member is removed.',
      });
    });
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Remove Kenji Watanabe' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Kenji Watanabe from the audit?' });
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('reassign them before the member is removed');
    expect(fakeApi.writes()).toMatchObject([{ method: 'DELETE', params: { path: { userId: 'u2' } } }]);
  });

  it('lists members read-only for counsel, who may still choose the default reviewer', async () => {
    renderInAudit(<MembersCard />, { me: ada, audit: auditFixture({ myRole: 'COUNSEL' }) });
    expect(await screen.findByRole('cell', { name: /Kenji Watanabe/ })).toBeInTheDocument();
    expect(screen.getByText('Contributor')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('combobox', { name: /^Role of/ })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Default reviewer of new responses' })).toHaveValue('Nobody');
  });

  it('saves the default reviewer of new responses, offering members who can work', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(await screen.findByRole('combobox', { name: 'Default reviewer of new responses' }));
    await user.click(await screen.findByRole('option', { name: 'Kenji Watanabe' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/audits/{auditId}',
      body: { defaultReviewerId: 'u2' },
    });
  });

  it('invites a person by email with a role and says the link went out', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations', ({ body }) => ({
      outcome: 'INVITED',
      member: { ...members[1], userId: 'u9', name: 'dana', email: 'dana@client.example', state: 'INVITED' },
      invitation: { expiresAt: '2026-12-08T09:00:00.000Z', mailSent: true, ...(body as object) },
    }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Invite by email' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite by email' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), ' dana@client.example ');
    await user.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
    await user.click(screen.getByRole('option', { name: 'Viewer' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/invitations',
      body: { email: 'dana@client.example', role: 'VIEWER' },
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Invite by email' })).toBeNull());
  });

  it('shows an invalid email under its field, in plain words', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'email', message: 'email must be an email address' }],
      });
    });
    renderInAudit(<MembersCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Invite by email' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite by email' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'dana@');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByText('Enter an email address like name@firm.com')).toBeInTheDocument();
  });

  it('lists a pending invitation, resends it, and withdraws it after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    const invited: Member = {
      ...members[1],
      userId: 'u9',
      name: 'dana',
      email: 'dana@client.example',
      state: 'INVITED',
    };
    fakeApi.on('GET /api/audits/{auditId}/members', () => page([...members, invited]));
    fakeApi.on('POST /api/audits/{auditId}/members/{userId}/resend-invitation', () => ({
      expiresAt: '2026-12-08T09:00:00.000Z',
      mailSent: true,
    }));
    fakeApi.on('DELETE /api/audits/{auditId}/members/{userId}', () => undefined);
    renderInAudit(<MembersCard />, { me: ada, audit });
    expect(await screen.findByText('Invitation not accepted yet')).toBeInTheDocument();
    // Accepted members have nothing to resend.
    expect(screen.getAllByRole('button', { name: /^Resend/ })).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Resend the invitation to dana@client.example' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      path: '/api/audits/{auditId}/members/{userId}/resend-invitation',
      params: { path: { userId: 'u9' } },
    });

    await user.click(screen.getByRole('button', { name: 'Withdraw the invitation to dana@client.example' }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw the invitation to dana@client.example?' });
    expect(dialog).toHaveTextContent('The link they were emailed stops working');
    expect(fakeApi.writes()).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw invitation' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1]).toMatchObject({ method: 'DELETE', params: { path: { userId: 'u9' } } });
  });
});
