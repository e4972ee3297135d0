import {
  Anchor,
  AppShell,
  Badge,
  Button,
  Container,
  Group,
  Menu,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { createContext, useContext } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import type { Audit, User } from '../api/client';
import { useAudit, useLegalHold, useLogout, useMe, useReminderPause } from '../api/queries';
import { timeZoneLabel } from '../lib/dates';
import { AUDIT_STATUS_LABEL, ROLE_LABEL } from '../lib/status';
import { Countdown } from './deadline';
import { RemindersPausedBadge } from './RemindersPausedBadge';
import { ErrorNotice, Loading } from './states';

const MeContext = createContext<User | null>(null);

/** The logged-in user (inside RequireLogin). */
export function useCurrentUser(): User {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser outside RequireLogin');
  return me;
}

export const MeProvider = MeContext.Provider;

/** Sends visitors who are not logged in to the login page, and back here afterwards. */
export function RequireLogin() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Checking your session…" />;
  if (me.isError)
    return (
      <Container py="xl">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <MeProvider value={me.data}>
      <Outlet />
    </MeProvider>
  );
}

/**
 * The app's frame: the header (the app's name, its sections, who is logged in) over the page.
 * On a phone the header holds what fits in 360 px: the mark without the name, the sections,
 * and an Account menu with the profile and Log out; from a tablet up (sm) both show in full.
 */
export function AppLayout() {
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logOut = () => logout.mutate(undefined, { onSettled: () => void navigate('/login') });
  // Who is logged in, and the zone the app's times are in: in the header, or its Account menu on a phone.
  const whoIsLoggedIn = (
    <>
      <Text size="sm" fw={600}>
        {me.name}
      </Text>
      <Text size="xs" c="dimmed">
        {me.email} · times in {timeZoneLabel(me.timeZone)}
      </Text>
    </>
  );
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} gap="sm" justify="space-between" wrap="nowrap">
          <UnstyledButton component={Link} to="/audits" aria-label="AuditDesk: all audits">
            <Group gap={8} wrap="nowrap">
              <span
                aria-hidden
                style={{
                  display: 'inline-grid',
                  placeItems: 'center',
                  width: 28,
                  height: 28,
                  borderRadius: 6,
                  background: 'var(--mantine-color-indigo-7)',
                  color: 'white',
                  fontWeight: 700,
                }}
              >
                A
              </span>
              <Text fw={700} size="lg" visibleFrom="xs">
                AuditDesk
              </Text>
            </Group>
          </UnstyledButton>
          <Group gap="sm" wrap="nowrap">
            <nav aria-label="Main">
              <Group gap={4} wrap="nowrap">
                {/* The current section is filled, as the audit's tabs are: a subtle button under the pointer falls below AA contrast. */}
                <Button
                  component={NavLink}
                  to="/audits"
                  size="xs"
                  variant={pathname.startsWith('/audits') ? 'filled' : 'subtle'}
                >
                  Audits
                </Button>
                {me.orgRole === 'ADMIN' && (
                  <Button
                    component={NavLink}
                    to="/users"
                    size="xs"
                    variant={pathname.startsWith('/users') ? 'filled' : 'subtle'}
                  >
                    Users
                  </Button>
                )}
              </Group>
            </nav>
            <UnstyledButton component={Link} to="/profile" aria-label={`Your profile: ${me.name}`} visibleFrom="sm">
              <Stack gap={0} align="flex-end">
                {whoIsLoggedIn}
              </Stack>
            </UnstyledButton>
            <Button variant="default" size="xs" loading={logout.isPending} onClick={logOut} visibleFrom="sm">
              Log out
            </Button>
            {/* In the header, not in a portal at the end of the page: inside the banner landmark.
                Opened, the focus goes to its first item, as a menu button's does; Mantine's
                focusable placeholder before the items would be a child a menu may not have
                (axe: aria-required-children). */}
            <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false} width={260}>
              <Menu.Target>
                <Button variant="default" size="xs" hiddenFrom="sm" loading={logout.isPending}>
                  Account
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/profile" aria-label={`Your profile: ${me.name}`}>
                  {whoIsLoggedIn}
                </Menu.Item>
                <Menu.Item onClick={logOut}>Log out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

const AuditContext = createContext<Audit | null>(null);

export const AuditProvider = AuditContext.Provider;

/** The audit of the current page (inside AuditLayout). */
export function useCurrentAudit(): Audit {
  const audit = useContext(AuditContext);
  if (!audit) throw new Error('useCurrentAudit outside AuditLayout');
  return audit;
}

const AUDIT_TABS = [
  { to: '', label: 'Overview', end: true },
  { to: 'setup', label: 'Setup', end: true },
  { to: 'grid', label: 'Grid', end: false },
  { to: 'reminders', label: 'Reminders', end: true },
  { to: 'response', label: 'Response', end: true },
  { to: 'productions', label: 'Productions', end: true },
  { to: 'report', label: 'Report', end: true },
  { to: 'activity', label: 'Activity', end: true },
];

/** An audit's header (title, parties, status, legal hold, paused reminders, role, countdown) and its sections. */
export function AuditLayout() {
  const { auditId = '' } = useParams();
  const audit = useAudit(auditId);
  const hold = useLegalHold(auditId);
  const reminderPause = useReminderPause(auditId);
  const me = useCurrentUser();
  const { pathname } = useLocation();
  if (audit.isPending) return <Skeleton height={120} />;
  if (audit.isError) return <ErrorNotice error={audit.error} onRetry={() => void audit.refetch()} />;
  const a = audit.data;
  const inResponse = pathname.includes('/responses/');
  return (
    <AuditContext.Provider value={a}>
      <Stack gap="md">
        <Stack gap={4}>
          <Anchor component={Link} to="/audits" size="sm">
            ← All audits
          </Anchor>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {a.title}
              </Title>
              <Text c="dimmed" size="sm">
                {a.referenceCode} · {a.demandingParty} → {a.respondingParty}
              </Text>
            </div>
            <Group gap="xs">
              <Badge variant="outline">{AUDIT_STATUS_LABEL[a.status]}</Badge>
              {hold.data?.active && (
                <Badge variant="light" color="orange" title={hold.data.reason ?? undefined}>
                  Legal hold
                </Badge>
              )}
              {reminderPause.data && <RemindersPausedBadge pause={reminderPause.data} timeZone={me.timeZone} />}
              <Badge variant="light" color="gray">
                You: {ROLE_LABEL[a.myRole]}
              </Badge>
              <Countdown audit={a} size="lg" readerZone={me.timeZone} />
            </Group>
          </Group>
        </Stack>
        <nav aria-label="Audit sections">
          <Group gap={4}>
            {AUDIT_TABS.map((tab) => (
              <Button
                key={tab.label}
                component={NavLink}
                to={`/audits/${a.id}${tab.to ? `/${tab.to}` : ''}`}
                end={tab.end}
                size="sm"
                variant={
                  isActive(pathname, a.id, tab.to, tab.end) || (tab.to === 'grid' && inResponse) ? 'filled' : 'subtle'
                }
              >
                {tab.label}
              </Button>
            ))}
          </Group>
        </nav>
        <Outlet />
      </Stack>
    </AuditContext.Provider>
  );
}

function isActive(pathname: string, auditId: string, to: string, end: boolean): boolean {
  const target = `/audits/${auditId}${to ? `/${to}` : ''}`;
  return end ? pathname.replace(/\/$/, '') === target : pathname.startsWith(target);
}
