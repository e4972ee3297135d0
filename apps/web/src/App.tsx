import {
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';
import { notificationsStore } from '@mantine/notifications';
import { lazy, Suspense, useSyncExternalStore, type ComponentType } from 'react';
import {
  QueryCache,
  QueryClient,
  QueryClientProvider,
  type FetchQueryOptions,
  type QueryKey,
} from '@tanstack/react-query';
import {
  createBrowserRouter,
  Navigate,
  RouterProvider,
  type LoaderFunctionArgs,
  type ShouldRevalidateFunctionArgs,
} from 'react-router';
import { isApiError } from './api/client';
import { chunk } from './lib/chunk';
import {
  auditQuery,
  auditsQuery,
  gridFiltersFrom,
  gridQuery,
  keys,
  legalHoldQuery,
  meQuery,
  membersQuery,
  reminderPauseQuery,
  requestsQuery,
  subjectsQuery,
} from './api/queries';
import { AppError, ScreenError } from './components/RouteError';
import { Loading } from './components/states';
// The first screen of most visits: in the entry chunk, so it needs no second round trip.
import { LoginPage } from './pages/LoginPage';

// Each screen is its own chunk, fetched when its route is first opened: the login page loads
// React, Mantine, the router and itself, but not the grid, the response form or the PDF preview. While
// a chunk arrives the page area shows the usual loading state; the app shell stays in place.
// The route's loader starts fetching the chunk as soon as the route matches, alongside the
// layout's chunk and the session check rather than after them (on a phone each wait in that
// chain was a round trip before the screen's own data was even asked for), and `data` starts
// the screen's reads at the same moment. The loader waits for neither.
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  data?: (args: LoaderFunctionArgs) => void,
) {
  // A failed download is tried again by the next attempt (and shown by the route's error element, ScreenError).
  const screen = chunk(async (): Promise<ComponentType> => (await load())[name]);
  // React keeps a lazy component's failure for good: after a failed download the screen's next
  // visit (its loader, which runs once per visit) makes a fresh one, which asks for the chunk
  // again. Not sooner: React draws a failing screen more than once before it shows the error,
  // and each fresh one would ask again.
  const lazyScreen = () =>
    lazy(async () => {
      try {
        return { default: await screen.load() };
      } catch (error) {
        failed = true;
        throw error;
      }
    });
  let Lazy = lazyScreen();
  let failed = false;
  // A chunk already here is drawn at once, without a loading state in between.
  const Page = () => {
    const Component = screen.loaded ?? Lazy;
    return <Component />;
  };
  return {
    element: (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    ),
    loader: (args: LoaderFunctionArgs) => {
      if (failed) [Lazy, failed] = [lazyScreen(), false];
      afterPaint(() => void screen.load().catch(() => undefined));
      data?.(args);
      return null;
    },
    shouldRevalidate: sameAudit,
  };
}

/**
 * Runs `task` once the browser has drawn the next frame. Fetching a chunk adds a preload link
 * for each of its imports (a score for some screens): done before the first paint, that work
 * held the page's first content back on a phone.
 */
const afterPaint = (task: () => void) => requestAnimationFrame(() => setTimeout(task, 0));

/**
 * Loaders run again on a change of search parameters or of a parameter; the reads they start
 * only need starting when the screen is opened or its audit changes (a filter change refetches
 * through the screen's own query, as before).
 */
const sameAudit = ({ currentParams, nextParams }: ShouldRevalidateFunctionArgs) =>
  currentParams.auditId !== nextParams.auditId;

/**
 * Starts a logged-in screen's reads once the session check (made once, and started by the
 * login gate's loader) says someone is logged in: a visitor who is not is sent to the login
 * page, without a row of refused requests first.
 */
function whenLoggedIn(prefetch: () => void): void {
  queryClient.fetchQuery(meQuery).then(
    (me) => {
      if (me) prefetch();
    },
    () => undefined, // the login gate shows the error
  );
}

function prefetch<TData, TKey extends QueryKey>(options: FetchQueryOptions<TData, Error, TData, TKey>): void {
  void queryClient.prefetchQuery(options);
}

// The login gate, the app shell and the audit header: in a chunk of their own too (the shell,
// with what the first screens share: apps/web/chunk-groups.mts), which the router loads before
// it draws a logged-in route, so the login page does not download them.
type Layout = 'RequireLogin' | 'AppLayout' | 'AuditLayout';
const layout = (name: Layout) => async () => ({ Component: (await import('./components/layout'))[name] });

const auditIdOf = ({ params }: LoaderFunctionArgs) => params.auditId ?? '';

// Text must reach WCAG AA contrast (4.5:1): light and outline variants use the darkest shade
// of their colour for text, filled ones put white text on that darkest shade (Mantine's shade 6
// of teal, orange or red under white is 2.5-3.5:1), and dimmed text is gray 7 rather than gray 6.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  // Mantine's darkest orange and yellow are still too light on their pale backgrounds.
  const text = { orange: '#8a3300', yellow: '#6b4f00' }[parsed.color] ?? `var(--mantine-color-${parsed.color}-9)`;
  // A filled control in a named colour without a shade ("teal", not "teal.9"); the primary colour
  // already has its shade (primaryShade).
  if (input.variant === 'filled' && input.color && parsed.shade === undefined)
    return { ...colors, background: text, hover: text, color: 'var(--mantine-color-white)' };
  if (!['light', 'outline', 'subtle'].includes(input.variant)) return colors;
  if (input.variant === 'light')
    return {
      ...colors,
      color: text,
      background: `var(--mantine-color-${parsed.color}-0)`,
      hover: `var(--mantine-color-${parsed.color}-1)`,
    };
  return {
    ...colors,
    color: text,
    // Mantine's translucent hover under dark text falls just below 4.5:1 (a tab under the pointer).
    ...(input.variant === 'subtle' && { hover: `var(--mantine-color-${parsed.color}-0)` }),
    ...(input.variant === 'outline' && { border: `1px solid var(--mantine-color-${parsed.color}-7)` }),
  };
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    // A file picker's "Choose a file" is text on the page, not an input's placeholder: axe holds
    // it to 4.5:1, which Mantine's gray 5 placeholder (2.6:1) is not.
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // A field's error (and a date field's text while it has one): Mantine's red 6 is 3.3:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/**
 * A long list of options scrolls in the listbox itself, which the arrow keys move through from
 * the field, not in Mantine's scroll area inside it: a box no key reaches or scrolls (axe:
 * scrollable-region-focusable exempts a combobox's listbox, not a box in it).
 */
const listScrolls = {
  defaultProps: { withScrollArea: false },
  styles: { options: { maxHeight: 250, overflowY: 'auto' as const } },
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Noto Sans", "DejaVu Sans", system-ui, sans-serif',
  headings: { fontWeight: '650' },
  // Close buttons are icons: they need a name for screen readers (axe: button-name).
  // Plain objects rather than `Modal.extend(...)`: naming the component would pull the modal's
  // code (focus trap, scroll lock, overlay) into the login page's first download.
  components: {
    Modal: {
      defaultProps: {
        closeButtonProps: { 'aria-label': 'Close' },
        // Faded in, not slid: a dialog left with a transform holds the dropdowns of its fields
        // (drawn inside it, below) and its scrolling box would cut them off.
        transitionProps: { transition: 'fade', duration: 200 },
      },
    },
    // A dropdown (a Select's list) opens where its field is, not in a portal at the end of the
    // page: inside the page's main landmark, or inside the dialog the field is in (axe: region;
    // and a screen reader in an open dialog, aria-modal, reads nothing outside it). Placed
    // against the window ('fixed'), so a card or dialog that clips its overflow does not cut it off.
    Combobox: { defaultProps: { withinPortal: false, floatingStrategy: 'fixed' } },
    // A search that matches nothing leaves the listbox holding only its "nothing found" line
    // ("No such zone"): a listbox must hold options (axe: aria-required-children, critical). The
    // line is an option that cannot be chosen, read as what the list holds ("No such zone, dimmed").
    // Mantine's keys move between its own options ([data-combobox-option]), never to this one.
    ComboboxEmpty: { defaultProps: { role: 'option', 'aria-disabled': true, 'aria-selected': false } },
    Select: listScrolls,
    MultiSelect: listScrolls,
    TagsInput: listScrolls,
    Autocomplete: listScrolls,
    // Mantine draws a dialog's title bar as a <header>: in a <section role="dialog"> that is
    // still a banner landmark, a second one beside the app's own (axe: landmark-no-duplicate-banner).
    ModalHeader: { defaultProps: { component: 'div' } },
    // A badge (a status, a role) is read in full: Mantine's shrinks in a crowded row and cuts
    // its label to "CHANGES REQ…"; here it keeps its width, and the row wraps instead.
    Badge: {
      styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } },
    },
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      // Mantine's gray 6 description is below 4.5:1 on white.
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    },
  },
});

export function createQueryClient(): QueryClient {
  const sessionEnded = (error: unknown) => {
    if (isApiError(error, 401)) client.setQueryData(keys.me, null);
  };
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      // A 4xx will not get better by asking again.
      queries: {
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        staleTime: 10_000,
      },
    },
    // A read refused for want of a session (expired, logged out elsewhere) sends the user to
    // the login page. A refused write does not: it shows its error where it happened, so an
    // answer being typed is not lost to a redirect.
    queryCache: new QueryCache({ onError: (error) => sessionEnded(error) }),
  });
  return client;
}

// Made before the router, whose first loaders run as it is created.
const queryClient = createQueryClient();

// A screen that cannot be drawn (its chunk did not download, or it failed as it drew) says so
// where it would have been (ScreenError), inside the app's layout and the audit's header; an
// error above the screens, in the frame of the public pages (AppError).
export const routes = [
  {
    errorElement: <AppError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      // Reached from email links, before the person has (or can use) a login.
      { path: '/invitations/:token', ...page(() => import('./pages/AcceptInvitationPage'), 'AcceptInvitationPage') },
      { path: '/password-resets/:token', ...page(() => import('./pages/PasswordResetPage'), 'PasswordResetPage') },
      { path: '/release/:token', ...page(() => import('./pages/ReleasePage'), 'ReleasePage') },
      {
        lazy: layout('RequireLogin'),
        // The session check starts at once, while the layout's chunk is still on its way.
        loader: () => {
          prefetch(meQuery);
          return null;
        },
        shouldRevalidate: () => false,
        // What a visit straight to a logged-in page shows while the layout's chunk arrives.
        hydrateFallbackElement: <Loading label="Checking your session…" />,
        children: [
          {
            lazy: layout('AppLayout'),
            children: [
              {
                errorElement: <ScreenError />,
                children: [
                  { index: true, element: <Navigate to="/audits" replace /> },
                  {
                    path: '/audits',
                    ...page(
                      () => import('./pages/AuditsPage'),
                      'AuditsPage',
                      () => whenLoggedIn(() => prefetch(auditsQuery)),
                    ),
                  },
                  { path: '/profile', ...page(() => import('./pages/ProfilePage'), 'ProfilePage') },
                  { path: '/users', ...page(() => import('./pages/UsersPage'), 'UsersPage') },
                  {
                    path: '/audits/:auditId',
                    lazy: layout('AuditLayout'),
                    // The audit's header: the audit, its legal hold and its paused reminders.
                    loader: (args: LoaderFunctionArgs) => {
                      const auditId = auditIdOf(args);
                      whenLoggedIn(() => {
                        prefetch(auditQuery(auditId));
                        prefetch(legalHoldQuery(auditId));
                        prefetch(reminderPauseQuery(auditId));
                      });
                      return null;
                    },
                    shouldRevalidate: sameAudit,
                    children: [
                      {
                        errorElement: <ScreenError headingOrder={2} />,
                        children: [
                          { index: true, ...page(() => import('./pages/AuditOverviewPage'), 'AuditOverviewPage') },
                          { path: 'setup', ...page(() => import('./pages/SetupPage'), 'SetupPage') },
                          {
                            path: 'grid',
                            ...page(
                              () => import('./pages/GridPage'),
                              'GridPage',
                              (args) => {
                                const auditId = auditIdOf(args);
                                const filters = gridFiltersFrom(new URL(args.request.url).searchParams);
                                whenLoggedIn(() => {
                                  prefetch(subjectsQuery(auditId));
                                  prefetch(requestsQuery(auditId));
                                  prefetch(gridQuery(auditId, filters));
                                  prefetch(membersQuery(auditId));
                                });
                              },
                            ),
                          },
                          {
                            path: 'responses/:responseId',
                            ...page(() => import('./pages/ResponsePage'), 'ResponsePage'),
                          },
                          {
                            path: 'requests/:requestId/compare',
                            ...page(() => import('./pages/FormComparisonPage'), 'FormComparisonPage'),
                          },
                          { path: 'reminders', ...page(() => import('./pages/RemindersPage'), 'RemindersPage') },
                          { path: 'response', ...page(() => import('./pages/ResponseDraftPage'), 'ResponseDraftPage') },
                          { path: 'productions', ...page(() => import('./pages/ProductionsPage'), 'ProductionsPage') },
                          {
                            path: 'evidence/:evidenceId/versions/:number/redactions',
                            ...page(() => import('./pages/RedactionPage'), 'RedactionPage'),
                          },
                          { path: 'report', ...page(() => import('./pages/ReportPage'), 'ReportPage') },
                          { path: 'activity', ...page(() => import('./pages/ActivityPage'), 'ActivityPage') },
                        ],
                      },
                    ],
                  },
                  { path: '*', ...page(() => import('./pages/NotFoundPage'), 'NotFoundPage') },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

/**
 * The app's router. Made by main.tsx in a task after the scripts are read, not while they are:
 * creating it matches the address and runs the first loaders (two fifths of the entry script's
 * evaluation), and one task of both was the longest a phone spent before the first screen
 * (Lighthouse counts every task over 50 ms in its blocking time).
 */
export const createAppRouter = () => createBrowserRouter(routes);

// The toasts' container (Mantine's notifications, with their transitions and portal) is a chunk
// of its own, fetched and drawn when the first toast is shown: a toast only ever follows
// something the person did, and until the container is there it waits in Mantine's store. Drawn
// with the first screen instead, its download went out ahead of the screen's own.
const AppNotifications = lazy(async () => ({
  default: (await import('./components/AppNotifications')).AppNotifications,
}));

let toastShown = false;
/** True from the first toast on (and then for good: the container stays for the toasts' exits). */
const toastShownYet = () => {
  const { notifications, queue } = notificationsStore.getState();
  return (toastShown ||= notifications.length + queue.length > 0);
};
const useToastShown = () => useSyncExternalStore(notificationsStore.subscribe, toastShownYet);

export function App({ router }: { router: ReturnType<typeof createAppRouter> }) {
  const toastShown = useToastShown();
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {toastShown && (
        <Suspense fallback={null}>
          <AppNotifications />
        </Suspense>
      )}
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
