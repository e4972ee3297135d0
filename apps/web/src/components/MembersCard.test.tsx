import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
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

/**
 * Buttons and links whose accessible name does not start with their visible label (WCAG 2.5.3,
 * label in name): a person who says what they see ("click Make signer") must reach them.
 */
const labelsNotStartingTheirName = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button[aria-label], a[aria-label]')]
    .map((el) => ({ label: el.textContent?.trim() ?? '', name: el.getAttribute('aria-label') ?? '' }))
    .filter(({ label, name }) => label !== '' && !name.toLowerCase().startsWith(label.toLowerCase()))
    .map(({ label, name }) => `"${label}" is named "${name}"`);

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
    expect(list).toHaveStyle({ overflowY: 'auto', maxHeight: '250px' });
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
    await user.click(await screen.findByRole('button', { name: 'Make signer: Kenji Watanabe' }));
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

  const shown = vi.spyOn(notifications, 'show');
  const invitedResult = (email: string, role: string) => ({
    outcome: 'INVITED',
    member: { ...members[1], userId: `u-${email}`, name: email.split('@')[0], email, role, state: 'INVITED' },
    invitation: { expiresAt: '2026-12-08T09:00:00.000Z', mailSent: true },
  });
  const openInvite = async (user: ReturnType<typeof userEvent.setup>) => {
    await user.click(screen.getByRole('button', { name: 'Invite by email' }));
    return screen.getByRole('dialog', { name: 'Invite by email' });
  };

  it('invites a person by email with a role and says the link went out', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations/batch', ({ body }) => ({
      results: (body as { people: { email: string; role: string }[] }).people.map((p) =>
        invitedResult(p.email, p.role),
      ),
    }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    const dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: /^Email addresses/ }), ' dana@client.example ');
    await user.click(within(dialog).getByRole('combobox', { name: /^Role/ }));
    await user.click(screen.getByRole('option', { name: 'Viewer' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/invitations/batch',
      body: { people: [{ email: 'dana@client.example', role: 'VIEWER' }] },
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Invite by email' })).toBeNull());
    expect(shown).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Invitation sent',
        message: expect.stringMatching(/^dana@client\.example can accept until /),
      }),
    );
  });

  it('invites a team pasted from an email, names kept, each with the role chosen', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations/batch', ({ body }) => ({
      results: (body as { people: { email: string; role: string }[] }).people.map((p) =>
        invitedResult(p.email, p.role),
      ),
    }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    const dialog = await openInvite(user);
    const field = within(dialog).getByRole('textbox', { name: /^Email addresses/ });
    await user.click(field);
    await user.paste('Dana Ops <dana@client.example>; lee@client.example\nKim Sato\tkim@client.example');
    expect(within(dialog).getByText('3 people: Dana Ops, lee@client.example, Kim Sato')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Send 3 invitations' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      people: [
        { email: 'dana@client.example', name: 'Dana Ops', role: 'CONTRIBUTOR' },
        { email: 'lee@client.example', role: 'CONTRIBUTOR' },
        { email: 'kim@client.example', name: 'Kim Sato', role: 'CONTRIBUTOR' },
      ],
    });
    await waitFor(() =>
      expect(shown).toHaveBeenCalledWith(
        expect.objectContaining({
          title: '3 people invited as contributor',
          message: expect.stringMatching(/^3 emailed a link, valid until /),
        }),
      ),
    );
  });

  it('says once, in orange, that no email went out when none did', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations/batch', ({ body }) => ({
      results: (body as { people: { email: string; role: string }[] }).people.map((p) => ({
        ...invitedResult(p.email, p.role),
        invitation: { expiresAt: '2026-12-08T09:00:00.000Z', mailSent: false },
      })),
    }));
    renderInAudit(<MembersCard />, { me: ada, audit });
    const dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: /^Email addresses/ }), 'ana@firm.com, ben@firm.com');
    shown.mockClear();
    await user.click(within(dialog).getByRole('button', { name: 'Send 2 invitations' }));
    await waitFor(() => expect(shown).toHaveBeenCalled());
    expect(shown.mock.calls.map(([n]) => [n.color, n.title, n.message])).toEqual([
      [
        'orange',
        'Invited, but no email went out',
        'ana@firm.com, ben@firm.com are listed as invited; use Resend once the mail server takes email again.',
      ],
    ]);
  });

  it('sends nothing while an entry is not an address, and says which', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<MembersCard />, { me: ada, audit });
    const dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: /^Email addresses/ }), 'ana@firm.com, dana@');
    // Said as it is typed, and not counted.
    expect(
      within(dialog).getByText('1 person: ana@firm.com. Not an email address, so not counted: dana@'),
    ).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(
      await within(dialog).findByText('Not an email address: dana@. Enter addresses like name@firm.com'),
    ).toBeInTheDocument();
    expect(fakeApi.writes()).toHaveLength(0);
  });

  it('names each person the API refuses, in plain words, and keeps the list to correct', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/invitations/batch', () => {
      throw new FakeProblem(422, {
        code: 'RULE_VIOLATION',
        errors: [
          { field: 'people[1].email', message: 'kenji@x.example is already a member of the audit.' },
          {
            field: 'people[2].email',
            message: 'This person has a deactivated account; an org admin must reactivate it before they can be added.',
          },
        ],
      });
    });
    renderInAudit(<MembersCard />, { me: ada, audit });
    const dialog = await openInvite(user);
    const field = within(dialog).getByRole('textbox', { name: /^Email addresses/ });
    await user.type(field, 'ana@firm.com{enter}kenji@x.example{enter}old@firm.com');
    await user.click(within(dialog).getByRole('button', { name: 'Send 3 invitations' }));
    const refused = await within(dialog).findByRole('list', { name: 'People who cannot be invited' });
    expect(
      within(refused)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'kenji@x.example is already a member of the audit',
      'old@firm.com: This person has a deactivated account; an org admin must reactivate it before they can be added',
    ]);
    expect(
      within(dialog).getByText('Nobody was invited: remove or correct the people named below, then send again'),
    ).toBeInTheDocument();
    expect(field).toHaveValue('ana@firm.com\nkenji@x.example\nold@firm.com');
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

  it('names each row action by its visible label first, then the member', async () => {
    fakeApi.on('GET /api/audits/{auditId}/members', () =>
      page([
        ...members,
        { ...members[1], userId: 'u3', name: 'Daniel Okafor', email: 'daniel@x.example', canCertify: true },
        { ...members[1], userId: 'u5', name: 'Grace Hopper', email: 'grace@x.example', state: 'INVITED' as const },
      ]),
    );
    renderInAudit(<MembersCard />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByRole('button', { name: 'Make signer: Kenji Watanabe' })).toHaveTextContent('Make signer');
    expect(within(table).getByRole('button', { name: 'Withdraw signer role: Daniel Okafor' })).toBeInTheDocument();
    expect(labelsNotStartingTheirName(table)).toEqual([]);
  });

  it('shows each time zone as the app names zones, on one line', async () => {
    fakeApi.on('GET /api/audits/{auditId}/members', () =>
      page([
        { ...members[1], timeZone: 'America/New_York' },
        { ...members[0], timeZone: 'Asia/Calcutta' },
      ]),
    );
    renderInAudit(<MembersCard />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Members' });
    const zone = within(table).getByText('America/New York');
    expect(zone).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(within(table).getByText('Asia/Kolkata')).toBeInTheDocument();
    expect(table).not.toHaveTextContent('New_York');
  });
});
