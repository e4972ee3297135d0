// What the router shows in place of a screen it cannot draw: the screen's code did not download
// (the connection dropped, or AuditDesk was updated since the tab was opened and the old files
// are gone), or the screen failed as it drew. Without these the router printed its own
// developer's page ("Unexpected Application Error!") and the app's header and menus went with it.
// In the entry chunk, like the router: a screen's error must not need a chunk of its own.
import { Anchor, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { PublicPage } from './PublicPage';

/**
 * Whether `error` is a chunk that did not download: Chromium, Firefox and Safari each word the
 * failed `import()` in their own way, and Vite's loader the stylesheet a chunk needs.
 */
export const isChunkLoadError = (error: unknown): boolean =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message);

/**
 * `inApp`: inside the app's layout, for a member, who may go on to their audits. Outside it the
 * reader may be a visitor with no account (the other side's counsel on a release link), or the
 * layout itself is what failed: reloading is the way on.
 */
function ErrorExplained({ headingOrder, inApp }: { headingOrder: 1 | 2; inApp: boolean }) {
  const error = useRouteError();
  const notLoaded = isChunkLoadError(error);
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Stack gap="sm" role="alert" aria-labelledby="screen-error-title">
      <Title order={headingOrder} size="h3" id="screen-error-title">
        {notLoaded ? 'This page did not load' : 'This page could not be shown'}
      </Title>
      {notLoaded ? (
        <Text size="sm">
          AuditDesk could not download this page: the connection may have dropped, or AuditDesk was updated since this
          tab was opened. Reload the page to try again.
        </Text>
      ) : (
        <>
          <Text size="sm">
            Something went wrong while showing this page. What was saved before is not affected. Reload the page to try
            again; if it happens again, tell{' '}
            {inApp ? 'your AuditDesk administrator' : 'whoever sent you the link, or your AuditDesk administrator,'}{' '}
            what you were doing, with the details below.
          </Text>
          <details>
            <Text component="summary" size="sm">
              Details of the error
            </Text>
            <Code block mt="xs">
              {detail}
            </Code>
          </details>
        </>
      )}
      <Group>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
        {inApp && (
          <Anchor component={Link} to="/audits" size="sm">
            Go to your audits
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

/**
 * A screen's error, in the page area: the app's header, and an audit's header and tabs, stay in
 * place. Under an audit's header (its title the page's heading) the error's heading is a level below.
 */
export const ScreenError = ({ headingOrder = 1 }: { headingOrder?: 1 | 2 }) => (
  <ErrorExplained headingOrder={headingOrder} inApp />
);

/**
 * An error above the screens (the app's layout did not load, or a page outside it failed): in
 * the frame of the pages a visitor reaches without the app's layout.
 */
export const AppError = () => (
  <PublicPage>
    <ErrorExplained headingOrder={1} inApp={false} />
  </PublicPage>
);
