import { isCounsel } from '@app/domain/audit-access';
import { Button, Card, Group, MultiSelect, Select, Stack, Switch, Text } from '@mantine/core';
import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { gridFiltersFrom, useGrid, useMembers, useRequests, useSubjects, type GridFilters } from '../api/queries';
import { rememberGridCell, takeGridCell } from '../components/grid-focus';
import { gridOrder, useCellSelection } from '../components/grid-selection';
import { useCurrentAudit } from '../components/layout';
import { StatusLegend } from '../components/progress';
import { ResponseGrid } from '../components/ResponseGrid';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { RESPONSE_STATUSES, STATUS_LABEL } from '../lib/status';
import { setupActionPath } from '../components/setup/setup-actions';

/** The filters live in the address (?mine=1&overdue=1&status=A,B&subject=id), so a filtered grid can be shared. */
function useGridFilters(): [GridFilters, (change: Partial<GridFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = gridFiltersFrom(params);
  const update = (change: Partial<GridFilters>) => {
    const next = { ...filters, ...change };
    const out = new URLSearchParams();
    if (next.mine) out.set('mine', '1');
    if (next.overdue) out.set('overdue', '1');
    if (next.status?.length) out.set('status', next.status.join(','));
    if (next.subjectId) out.set('subject', next.subjectId);
    setParams(out, { replace: true });
  };
  return [filters, update];
}

// Staffing in bulk (its dialogs, its date and business-day arithmetic, and their fields) is a chunk
// of its own, fetched when counsel first select a cell: on a phone it held the grid back by half
// again its size, for something a first look at the grid does not use.
const BulkStaffingBar = lazy(async () => ({
  default: (await import('../components/BulkStaffingBar')).BulkStaffingBar,
}));

/**
 * A filter's options are drawn when its list opens: Mantine keeps a closed list in the page
 * (hidden) by default, and positions it, which was part of the grid's first draw.
 */
const LIST_WHEN_OPEN = { keepMounted: false };

export function GridPage() {
  const audit = useCurrentAudit();
  const navigate = useNavigate();
  const [filters, setFilters] = useGridFilters();
  const subjects = useSubjects(audit.id);
  const requests = useRequests(audit.id);
  const grid = useGrid(audit.id, filters);
  // The cells are drawn a step behind their data, at React's deferred priority, even when the
  // data is there as the screen opens (the initial value, null, draws "Loading" first; React
  // takes an undefined one as none). The grid is the screen's largest piece of work, and drawn
  // that way React does it in slices with the browser free in between, where drawn with the
  // screen it was one task of 0.4 s on a phone (Lighthouse's total blocking time). A filter
  // change keeps the cells shown until the new ones are drawn.
  const shown = useDeferredValue(grid.data ?? null, null);
  // The request list says which requests have a form: their headers link to the comparison.
  const withForm = useMemo(
    () => new Set((requests.data?.items ?? []).filter((r) => r.form).map((r) => r.id)),
    [requests.data],
  );
  const filtered = Boolean(filters.mine || filters.overdue || filters.status?.length || filters.subjectId);
  const selectAllLabel = filtered ? 'Select all filtered' : 'Select all';
  const counsel = isCounsel(audit.myRole);
  const members = useMembers(audit.id);
  const location = useLocation();
  // Back from a response page: focus returns to its cell.
  const [returnTo] = useState(() => takeGridCell(audit.id));
  // The shown cells in grid order: what shift-click ranges run over and what a response page walks.
  const ordered = useMemo(
    () =>
      subjects.data && requests.data && shown
        ? gridOrder({ subjects: subjects.data.items, requests: requests.data.items }, shown.items)
        : [],
    [subjects.data, requests.data, shown],
  );
  const orderedIds = useMemo(() => ordered.map((c) => c.id), [ordered]);
  const selection = useCellSelection(orderedIds);
  const selectedCells = ordered.filter((c) => selection.selected.has(c.id));
  // Drawn from the first selection on, and kept: it reports the outcome once the selection is cleared.
  const [staffing, setStaffing] = useState(false);
  if (selectedCells.length > 0 && !staffing) setStaffing(true);

  const error = subjects.error ?? requests.error ?? grid.error;
  return (
    <Stack>
      <Card withBorder padding="md" radius="md" component="section" aria-label="Filters">
        <Group align="flex-end" gap="lg">
          <Switch
            label="Only mine"
            checked={filters.mine}
            onChange={(e) => setFilters({ mine: e.currentTarget.checked })}
          />
          <Switch
            label="Only overdue"
            checked={filters.overdue}
            onChange={(e) => setFilters({ overdue: e.currentTarget.checked })}
          />
          <MultiSelect
            label="Status"
            placeholder={filters.status?.length ? undefined : 'Any status'}
            data={RESPONSE_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            value={filters.status}
            onChange={(value) => setFilters({ status: value })}
            clearable
            w={320}
            comboboxProps={LIST_WHEN_OPEN}
          />
          <Select
            label="Subject"
            placeholder="Every subject"
            data={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={filters.subjectId ?? null}
            onChange={(value) => setFilters({ subjectId: value ?? undefined })}
            clearable
            searchable
            w={260}
            comboboxProps={LIST_WHEN_OPEN}
          />
        </Group>
      </Card>
      {error ? (
        <ErrorNotice error={error} />
      ) : !shown || subjects.isPending || requests.isPending ? (
        <Loading label="Loading the grid…" />
      ) : (
        <>
          <Group justify="space-between">
            <Group gap="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {shown.total.toLocaleString('en-US')} response{shown.total === 1 ? '' : 's'}
                {filtered ? ' match the filters' : ''}. Arrow keys move between cells; Enter opens one
                {counsel ? '; Space selects one' : ''}.
              </Text>
              {/* Once cells are selected, the bar of the selection offers it (one button, not two). */}
              {counsel && ordered.length > 0 && selectedCells.length === 0 && (
                <Button size="xs" variant="light" onClick={selection.selectAll}>
                  {selectAllLabel}
                </Button>
              )}
            </Group>
            <StatusLegend />
          </Group>
          {counsel && staffing && (
            <Suspense fallback={null}>
              <BulkStaffingBar
                audit={audit}
                cells={selectedCells}
                members={members.data?.items ?? []}
                allSelected={selectedCells.length === ordered.length}
                selectAllLabel={selectAllLabel}
                onSelectAll={selection.selectAll}
                onClear={selection.clear}
              />
            </Suspense>
          )}
          {shown.items.length === 0 ? (
            <Stack align="center" gap="xs">
              <Empty title={filtered ? 'No response matches these filters' : 'The grid is empty'}>
                {filtered
                  ? 'Change or clear the filters.'
                  : 'The grid has one response for each subject and each request that applies to it.'}
              </Empty>
              {!filtered &&
                (counsel ? (
                  <EmptyGridActions
                    auditId={audit.id}
                    hasSubjects={subjects.data!.items.length > 0}
                    hasRequests={requests.data!.items.length > 0}
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    Counsel add the subjects and requests.
                  </Text>
                ))}
            </Stack>
          ) : (
            <ResponseGrid
              subjects={subjects.data!.items}
              requests={requests.data!.items}
              cells={shown.items}
              filtered={filtered}
              selection={counsel ? selection : undefined}
              initialFocusId={returnTo}
              compareLink={(requestId) =>
                withForm.has(requestId) ? `/audits/${audit.id}/requests/${requestId}/compare` : null
              }
              // The response page walks the cells in this order, and its way back keeps the filters.
              onOpen={(cell) => {
                rememberGridCell(audit.id, cell.id);
                void navigate(`/audits/${audit.id}/responses/${cell.id}`, {
                  state: { gridOrder: orderedIds, gridSearch: location.search },
                });
              }}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** What an empty grid lacks, and buttons to the Setup tab's actions that add it. */
function EmptyGridActions({
  auditId,
  hasSubjects,
  hasRequests,
}: {
  auditId: string;
  hasSubjects: boolean;
  hasRequests: boolean;
}) {
  const missing = [!hasSubjects && 'the subjects (apps or systems) the demand covers', !hasRequests && 'its requests']
    .filter(Boolean)
    .join(' and ');
  return (
    <Stack align="center" gap="xs">
      {missing && <Text size="sm">Add {missing}: paste the letter or upload a list, or add them one by one.</Text>}
      <Group justify="center">
        {!hasRequests && (
          <>
            <Button component={Link} to={setupActionPath(auditId, 'import-requests')}>
              Import requests
            </Button>
            <Button component={Link} to={setupActionPath(auditId, 'add-request')} variant="default">
              Add a request
            </Button>
          </>
        )}
        {!hasSubjects && (
          <>
            <Button component={Link} to={setupActionPath(auditId, 'import-subjects')} variant="default">
              Import subjects
            </Button>
            <Button component={Link} to={setupActionPath(auditId, 'add-subject')} variant="default">
              Add a subject
            </Button>
          </>
        )}
        {hasSubjects && hasRequests && (
          <Button component={Link} to={`/audits/${auditId}/setup`} variant="default">
            Open Setup
          </Button>
        )}
      </Group>
    </Stack>
  );
}
