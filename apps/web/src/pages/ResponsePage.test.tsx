import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member, ResponseDetail, ResponseUpdate } from '../api/client';
import { theme } from '../App';
import { AuditProvider, MeProvider } from '../components/layout';
import { FakeProblem, fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { GridNavigation, ResponsePage, StatusNote, WorkPanel } from './ResponsePage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });
const kenji = { id: 'u2', name: 'Kenji Watanabe' };
const member = (userId: string, name: string, role: Member['role']): Member => ({
  userId,
  name,
  email: `${userId}@x.example`,
  timeZone: 'UTC',
  role,
  state: 'ACTIVE',
  canCertify: false,
  addedAt: '',
});

const response: ResponseDetail = {
  id: 'resp-1',
  subject: { id: 's1', name: 'Xbox One Social' },
  request: { id: 'r1', ordinal: 1, title: 'Data held' },
  status: 'IN_PROGRESS',
  assignee: kenji,
  reviewer: { id: ada.id, name: ada.name },
  dueDate: '2026-05-29',
  answer: 'Draft',
  version: 3,
  overdue: false,
  approvedAt: null,
  approvedBy: null,
  statusNote: null,
  commentCount: 0,
  updatedAt: '2026-05-25T12:00:00Z',
  requestText: 'Describe all data.',
  provision: null,
  subjectOwner: kenji,
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/members', () =>
    page([member(ada.id, ada.name, 'LEAD_COUNSEL'), member(kenji.id, kenji.name, 'CONTRIBUTOR')]),
  );
});

function renderPanel() {
  const onSave = vi.fn(() => Promise.resolve(response));
  renderInAudit(<WorkPanel response={response} counsel onSave={onSave} onConflict={vi.fn()} />, { me: ada, audit });
  return onSave;
}

describe('who and when on a response', () => {
  it('keeps the reviewer when counsel picks the same person again', async () => {
    const user = userEvent.setup({ delay: null });
    const onSave = renderPanel();
    await user.click(screen.getByRole('combobox', { name: 'Reviewer' }));
    await user.click(await screen.findByRole('option', { name: ada.name }));
    expect(screen.getByRole('combobox', { name: 'Reviewer' })).toHaveValue(ada.name);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('never offers the assignee as reviewer, nor the reviewer as assignee, and says why', async () => {
    const user = userEvent.setup({ delay: null });
    const onSave = renderPanel();
    await user.click(screen.getByRole('combobox', { name: 'Reviewer' }));
    const assignee = await screen.findByRole('option', { name: /^Kenji Watanabe/ });
    expect(assignee).toHaveAccessibleName('Kenji Watanabe (the assignee, who cannot also review)');
    expect(assignee).toHaveAttribute('aria-disabled', 'true');
    await user.click(assignee);
    expect(onSave).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    const reviewer = await screen.findByRole('option', { name: /^Ada/ });
    expect(reviewer).toHaveAccessibleName(`${ada.name} (the reviewer, who cannot also be the assignee)`);
    expect(reviewer).toHaveAttribute('aria-disabled', 'true');
    await user.click(reviewer);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says who has not joined yet, and shows a deactivated account without letting it be chosen', async () => {
    fakeApi.on('GET /api/audits/{auditId}/members', () =>
      page([
        member(ada.id, ada.name, 'LEAD_COUNSEL'),
        member(kenji.id, kenji.name, 'CONTRIBUTOR'),
        { ...member('u-lee', 'Lee Park', 'CONTRIBUTOR'), state: 'INVITED' },
        { ...member('u-sam', 'Sam Gone', 'CONTRIBUTOR'), state: 'DEACTIVATED' },
      ]),
    );
    const user = userEvent.setup({ delay: null });
    const onSave = renderPanel();
    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    expect(await screen.findByRole('option', { name: 'Lee Park (invited, not joined yet)' })).not.toHaveAttribute(
      'aria-disabled',
    );
    const gone = screen.getByRole('option', { name: 'Sam Gone (account deactivated)' });
    expect(gone).toHaveAttribute('aria-disabled', 'true');
    await user.click(gone);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves a typed due date once, when the field is left, never an empty one on the way', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    // Typing a date: the browser reports nothing usable until the whole date is there.
    for (const value of ['', '', '2026-06-02']) fireEvent.change(field, { target: { value } });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: '2026-06-02' });
  });

  it('says so when the due date is after the audit deadline, and saves it all the same', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    const late = "This is after the audit's deadline (Jun 7, 2026, 5:00 PM EDT): the work would be late.";
    fireEvent.change(field, { target: { value: '2026-06-07' } }); // the deadline's own day
    expect(field).not.toHaveAccessibleDescription(expect.stringContaining(late));
    fireEvent.change(field, { target: { value: '2026-06-08' } });
    expect(field).toHaveAccessibleDescription(expect.stringContaining(late));
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: '2026-06-08' });
  });

  it('clears the due date only when the field is left empty, and refuses an implausible year', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    fireEvent.change(field, { target: { value: '0002-06-02' } });
    fireEvent.blur(field);
    expect(onSave).not.toHaveBeenCalled();
    expect(
      within(field.closest('.mantine-InputWrapper-root')!).getByText(/between the years 2000 and 2100/),
    ).toBeVisible();
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: null });
  });
});

describe('walking the grid from a response', () => {
  const cells = ['c1', 'c2', 'c3'].map((id) => ({ ...response, id }));

  it('offers Previous and Next in grid order, with the position', async () => {
    fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
    renderInAudit(<GridNavigation auditId={audit.id} responseId="c2" />, { me: ada, audit });
    const nav = await screen.findByRole('navigation', { name: 'Responses of the grid' });
    expect(await within(nav).findByText('2 of 3')).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Previous response' })).toBeEnabled();
    expect(within(nav).getByRole('button', { name: 'Next response' })).toBeEnabled();
    expect(within(nav).getByRole('link', { name: '← Back to the grid' })).toHaveAttribute(
      'href',
      `/audits/${audit.id}/grid`,
    );
  });

  it('has no Previous on the first cell and no Next on the last', async () => {
    fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
    renderInAudit(<GridNavigation auditId={audit.id} responseId="c3" />, { me: ada, audit });
    expect(await screen.findByText('3 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next response' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous response' })).toBeEnabled();
  });
});

describe('the note of the current status', () => {
  it("shows the assignee what the reviewer asked to change, by whom and when in the user's zone", () => {
    renderInAudit(
      <StatusNote
        response={{
          ...response,
          status: 'CHANGES_REQUESTED',
          statusNote: { reason: 'Cite the retention clause.', by: kenji, at: '2026-05-26T15:30:00Z' },
        }}
      />,
      { me: ada, audit },
    );
    const note = screen.getByRole('note', { name: 'Changes asked for' });
    expect(note).toHaveTextContent('Cite the retention clause.');
    // Ada reads London time (BST).
    expect(note).toHaveTextContent('Kenji Watanabe, May 26, 2026, 4:30 PM GMT+1');
  });

  it('shows nothing when no reason came with the status', () => {
    renderInAudit(<StatusNote response={response} />, { me: ada, audit });
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('leaving a response for the next one while its answer saves', () => {
  const other: ResponseDetail = { ...response, id: 'resp-2', answer: 'Answer of the second response', version: 3 };

  /**
   * The response page as the app routes it (Next / Previous change the address, the same page
   * stays), with the app's 10 s staleTime, so a response opened again within it is drawn from
   * the query cache. PATCHes of resp-1 wait for `arrive`.
   */
  function openResponsePage({ holdNext = false } = {}) {
    const server = { 'resp-1': response, 'resp-2': other } as Record<string, ResponseDetail>;
    const waiting: (() => void)[] = [];
    fakeApi.on('GET /api/audits/{auditId}/responses', () => page([response, other]));
    // resp-2 is read at once, or (`holdNext`) when the test says (`answerNext`).
    let answerNext = () => {};
    const nextRead = new Promise<void>((resolve) => (answerNext = resolve));
    fakeApi.on('GET /api/audits/{auditId}/responses/{responseId}', async ({ params }) => {
      const id = params!.path!.responseId;
      if (id === 'resp-2' && holdNext) await nextRead;
      return server[id];
    });
    fakeApi.on('GET /api/audits/{auditId}/responses/{responseId}/comments', () => page([]));
    fakeApi.on('GET /api/audits/{auditId}/responses/{responseId}/evidence', () => page([]));
    fakeApi.on(
      'PATCH /api/audits/{auditId}/responses/{responseId}',
      ({ params, body }) =>
        new Promise((resolve, reject) => {
          const id = params!.path!.responseId;
          const apply = () => {
            const patch = body as ResponseUpdate;
            if (patch.version !== server[id].version)
              return reject(new FakeProblem(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Someone first.' }));
            server[id] = {
              ...server[id],
              ...(patch.answer !== undefined && { answer: patch.answer }),
              version: server[id].version + 1,
            };
            resolve(server[id]);
          };
          if (id === 'resp-1') waiting.push(apply);
          else apply();
        }),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 10_000 } } });
    // A data router, as the app's (the evidence panel guards leaving with useBlocker).
    const router = createMemoryRouter([{ path: '/audits/:auditId/responses/:responseId', element: <ResponsePage /> }], {
      initialEntries: [`/audits/${audit.id}/responses/resp-1`],
    });
    render(
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={client}>
          <MeProvider value={ada}>
            <AuditProvider value={audit}>
              <RouterProvider router={router} />
            </AuditProvider>
          </MeProvider>
        </QueryClientProvider>
      </MantineProvider>,
    );
    const arrive = async () => {
      await act(async () => {
        for (const apply of waiting.splice(0)) apply();
        await new Promise((r) => setTimeout(r, 0));
      });
    };
    const release = async () => {
      await act(async () => {
        answerNext();
        await new Promise((r) => setTimeout(r, 0));
      });
    };
    return { server, arrive, release };
  }

  const answerBox = () => screen.findByRole('textbox', { name: 'Answer text' });
  const walk = (name: 'Next response' | 'Previous response') =>
    userEvent.setup({ delay: null }).click(screen.getByRole('button', { name }));

  beforeEach(() => sessionStorage.clear());

  it('shows the saved text on return, with no conflict, when the save arrived after the page moved on', async () => {
    const user = userEvent.setup({ delay: null });
    // The browser walkthrough's case: the next response is still loading when the save arrives.
    const { server, arrive, release } = openResponsePage({ holdNext: true });
    await user.type(await answerBox(), ' More.');
    await walk('Next response');
    // The save sent as resp-1 was left arrives, then resp-2 is read.
    await arrive();
    expect(server['resp-1']).toMatchObject({ answer: 'Draft More.', version: 4 });
    await release();
    expect(await answerBox()).toHaveValue('Answer of the second response');

    await walk('Previous response');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft More.'));
    // Typing on is saved on the saved version: nobody else to conflict with.
    await user.type(screen.getByRole('textbox', { name: 'Answer text' }), ' And more.');
    // The autosave, after the pause.
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent('Saving…'));
    await arrive();
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/));
    expect(screen.queryByText('Someone else saved this response first')).toBeNull();
    expect(server['resp-1']).toMatchObject({ answer: 'Draft More. And more.', version: 5 });
  });

  it('leaves the next response as it is when the save of the one left arrives while it is shown', async () => {
    const user = userEvent.setup({ delay: null });
    const { server, arrive } = openResponsePage();
    await user.type(await answerBox(), ' More.');
    await walk('Next response');
    expect(await answerBox()).toHaveValue('Answer of the second response');
    await arrive();
    expect(server['resp-1']).toMatchObject({ answer: 'Draft More.', version: 4 });
    // resp-2's cache entry is not given resp-1's save (the page would show resp-1 as resp-2).
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Answer of the second response'),
    );
    await walk('Previous response');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft More.'));
    expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/);
  });

  it('sends what was typed during a save to the response left, not to the next one', async () => {
    const user = userEvent.setup({ delay: null });
    const { server, arrive } = openResponsePage();
    const box = await answerBox();
    await user.type(box, ' More.');
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent('Saving…'));
    await user.type(box, ' Then.');
    await walk('Next response');
    expect(await answerBox()).toHaveValue('Answer of the second response');
    // The autosave arrives; what was typed during it goes next, for resp-1.
    await arrive();
    const patches = () => fakeApi.calls.filter((c) => c.method === 'PATCH');
    await waitFor(() => expect(patches()).toHaveLength(2));
    await arrive();
    expect(patches().map((c) => c.params?.path?.responseId)).toEqual(['resp-1', 'resp-1']);
    expect(server['resp-1']).toMatchObject({ answer: 'Draft More. Then.', version: 5 });
    expect(server['resp-2']).toMatchObject({ answer: 'Answer of the second response', version: 3 });
    await walk('Previous response');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft More. Then.'));
    expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/);
  });

  it("takes neither a comment being typed nor the uploads' outcomes to the next response", async () => {
    const user = userEvent.setup({ delay: null });
    openResponsePage();
    await answerBox();
    // Both responses seen once: coming back to one draws it from the cache at once, as in the app.
    await screen.findByRole('button', { name: 'Next response' });
    await walk('Next response');
    expect(await answerBox()).toHaveValue('Answer of the second response');
    await walk('Previous response');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft'));
    await user.type(screen.getByRole('textbox', { name: 'Add a comment' }), 'Ask Kenji for the logs.');
    // An empty file is refused at once, with no upload: its notice stands for any upload's outcome.
    await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]')!, new File([], 'empty.pdf'));
    expect(await screen.findByText('empty.pdf was not uploaded')).toBeVisible();

    await walk('Next response');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Answer of the second response'),
    );
    // The second response's comment box is empty (Add comment would have posted the text here)
    // and its evidence card lists no upload of the first's.
    expect(screen.getByRole('textbox', { name: 'Add a comment' })).toHaveValue('');
    expect(screen.queryByText('empty.pdf was not uploaded')).toBeNull();
    expect(screen.queryByText('empty.pdf', { exact: false })).toBeNull();
  });

  it('shows the kept text on a return before the save arrives, and then no conflict', async () => {
    const user = userEvent.setup({ delay: null });
    const { server, arrive } = openResponsePage();
    await user.type(await answerBox(), ' More.');
    await walk('Next response');
    expect(await answerBox()).toHaveValue('Answer of the second response');
    await walk('Previous response');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft More.'));
    await arrive();
    expect(server['resp-1']).toMatchObject({ answer: 'Draft More.', version: 4 });
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/), { timeout: 20_000 });
    expect(screen.getByRole('textbox', { name: 'Answer text' })).toHaveValue('Draft More.');
    expect(screen.queryByText('Someone else saved this response first')).toBeNull();
  });
});
