// Redacting a PDF evidence version (issue 15): its pages one at a time as images, the boxes
// counsel drew over them (translucent, so what they cover stays readable here; the production
// burns them in), drawing a new box by dragging or by a form in percent of the page, and the
// list of every box beside the page, from which each can be selected, changed or removed
// without a mouse. Viewers and contributors see the boxes read-only.
import { hasAtLeast } from '@app/domain/audit-access';
import {
  MIN_REDACTION_SIDE,
  REDACT_ROLE,
  REDACTION_REASON_LABEL,
  RedactionReason,
  redactionBoxProblem,
  type RedactionBox,
} from '@app/domain/redactions';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Grid,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  pageImageUrl,
  type Redaction,
  type VersionRef,
  useAddRedaction,
  useEvidenceRecord,
  usePdfPages,
  useRedactions,
  useRemoveRedaction,
  useUpdateRedaction,
} from '../api/queries';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { MadeByCell, RowActions } from '../components/TableCells';
import { plainFieldErrors, plainMessage } from '../lib/messages';

/** The API's limit on a box's note. */
const NOTE_MAX_LENGTH = 500;

/** Width in pixels of the page images asked for (twice that on high-density screens). */
const IMAGE_WIDTH = 1000;

const REASONS = Object.values(RedactionReason);
const REASON_OPTIONS = REASONS.map((value) => ({ value, label: REDACTION_REASON_LABEL[value] }));

const boxes = (n: number) => `${n} ${n === 1 ? 'box' : 'boxes'}`;

/** Fractions kept to 1/10,000 of the page: finer than a pixel of any image the API draws. */
const fraction = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;

/** In reading order: page, then top to bottom, then left to right. */
const readingOrder = (a: Redaction, b: Redaction) => a.page - b.page || a.y - b.y || a.x - b.x;

/** "Privilege box 2 on page 3": a name for a box that tells it from its neighbours. */
function boxNames(items: Redaction[]): Map<string, string> {
  const names = new Map<string, string>();
  const perPage = new Map<number, number>();
  for (const r of items) {
    const ordinal = (perPage.get(r.page) ?? 0) + 1;
    perPage.set(r.page, ordinal);
    names.set(r.id, `${REDACTION_REASON_LABEL[r.reason]} box ${ordinal} on page ${r.page}`);
  }
  return names;
}

/**
 * Where the back link leads: the screen that opened this one (`?from=`, set by the link that
 * opens it, e.g. a response's evidence), if it is a screen of this audit; else productions.
 */
function backTarget(auditId: string, from: string | null): { to: string; label: string } {
  // Only a response of this audit: an address taken from the URL is never followed elsewhere.
  if (from && new RegExp(`^/audits/${auditId}/responses/[\\w-]+$`).test(from))
    return { to: from, label: '← Back to the response' };
  return { to: `/audits/${auditId}/productions`, label: '← Back to productions' };
}

export function RedactionPage() {
  const audit = useCurrentAudit();
  const params = useParams();
  const [search] = useSearchParams();
  const version: VersionRef = {
    auditId: audit.id,
    evidenceId: params.evidenceId ?? '',
    number: Number(params.number),
  };
  const target = backTarget(audit.id, search.get('from'));
  const back = (
    <Anchor component={Link} to={target.to} size="sm">
      {target.label}
    </Anchor>
  );
  if (!Number.isInteger(version.number) || version.number < 1)
    return (
      <Stack>
        {back}
        <Empty title="No such version" />
      </Stack>
    );
  return <RedactionScreen version={version} back={back} />;
}

function RedactionScreen({ version, back }: { version: VersionRef; back: ReactNode }) {
  const audit = useCurrentAudit();
  const record = useEvidenceRecord(version.auditId, version.evidenceId);
  const pages = usePdfPages(version);
  const redactions = useRedactions(version);
  const canRedact = hasAtLeast(audit.myRole, REDACT_ROLE);
  const [search, setSearch] = useSearchParams();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<RedactionBox | null>(null);

  const pageCount = pages.data?.pageCount ?? 0;
  const asked = Number(search.get('page') ?? '1');
  const current = Number.isInteger(asked) && asked >= 1 && asked <= pageCount ? asked : 1;
  // Paging keeps the other parameters (`from`, where the back link leads).
  const goTo = (page: number) =>
    setSearch(
      (now) => {
        const next = new URLSearchParams(now);
        next.set('page', String(page));
        return next;
      },
      { replace: true },
    );

  const items = [...(redactions.data?.items ?? [])].sort(readingOrder);
  const selected = items.find((r) => r.id === selectedId) ?? null;
  const select = (r: Redaction) => {
    setSelectedId(r.id);
    setDraft(null);
    if (r.page !== current) goTo(r.page);
  };

  const heading = (
    <div>
      {back}
      <Title order={2} size="h3">
        Redact {record.data?.title ?? 'document'}, version {version.number}
      </Title>
      <Text size="sm" c="dimmed">
        Each box is burnt into the produced copy: what it covers is blacked out, and left out of its searchable text.
        The file as uploaded is kept unchanged.
      </Text>
    </div>
  );

  if (pages.isPending) return <Loading label="Loading the document’s pages…" />;
  if (pages.error)
    return (
      <Stack>
        {heading}
        <ErrorNotice
          error={pages.error}
          title="This document cannot be shown page by page"
          onRetry={() => void pages.refetch()}
        />
      </Stack>
    );

  const page = pages.data.pages.find((p) => p.number === current) ?? pages.data.pages[0];
  const counts = new Map<number, number>();
  for (const r of items) counts.set(r.page, (counts.get(r.page) ?? 0) + 1);
  const names = boxNames(items);

  return (
    <Stack>
      {heading}
      {!canRedact && (
        <Alert color="blue" variant="light" title="Read only">
          Only counsel can mark or remove redactions. You see the boxes as they will be burnt in.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            <PagePicker pageCount={pageCount} current={current} counts={counts} onChange={goTo} />
            {page && (
              <PageView
                version={version}
                page={page}
                pageCount={pageCount}
                items={items.filter((r) => r.page === page.number)}
                names={names}
                selectedId={selectedId}
                draft={draft?.page === page.number ? draft : null}
                canDraw={canRedact}
                onSelect={select}
                onDraw={(box) => {
                  setSelectedId(null);
                  setDraft(box);
                }}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            {canRedact &&
              (selected ? (
                <EditBoxCard
                  key={selected.id}
                  version={version}
                  redaction={selected}
                  name={names.get(selected.id) ?? ''}
                  onDone={() => setSelectedId(null)}
                />
              ) : (
                <NewBoxCard
                  version={version}
                  pageCount={pageCount}
                  currentPage={current}
                  draft={draft}
                  onDraft={(box) => {
                    setDraft(box);
                    if (box && box.page !== current && box.page >= 1 && box.page <= pageCount) goTo(box.page);
                  }}
                />
              ))}
            <RedactionList
              query={redactions}
              items={items}
              names={names}
              selectedId={selectedId}
              canRedact={canRedact}
              version={version}
              onSelect={select}
              onRemoved={(id) => id === selectedId && setSelectedId(null)}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Every page as a button, those with boxes marked and counted. */
function PagePicker({
  pageCount,
  current,
  counts,
  onChange,
}: {
  pageCount: number;
  current: number;
  counts: Map<number, number>;
  onChange: (page: number) => void;
}) {
  return (
    <Stack gap={4} component="nav" aria-label="Pages of the document">
      <Group gap="xs" justify="space-between">
        <Text size="sm">
          Page {current} of {pageCount}
        </Text>
        <Group gap={4}>
          <Button size="compact-sm" variant="default" disabled={current <= 1} onClick={() => onChange(current - 1)}>
            Previous page
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            disabled={current >= pageCount}
            onClick={() => onChange(current + 1)}
          >
            Next page
          </Button>
        </Group>
      </Group>
      <Group gap={4}>
        {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => {
          const count = counts.get(n) ?? 0;
          return (
            <Button
              key={n}
              size="compact-sm"
              miw={36}
              variant={n === current ? 'filled' : count > 0 ? 'light' : 'default'}
              color={count > 0 && n !== current ? 'orange' : undefined}
              aria-current={n === current ? 'page' : undefined}
              aria-label={count > 0 ? `Page ${n}, ${boxes(count)}` : `Page ${n}`}
              onClick={() => onChange(n)}
            >
              {n}
              {count > 0 && (
                <Text span size="xs" ml={4} inherit={false} aria-hidden>
                  ▪{count}
                </Text>
              )}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}

interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const dragBox = (page: number, d: Drag): RedactionBox => {
  const x = fraction(Math.min(d.x0, d.x1));
  const y = fraction(Math.min(d.y0, d.y1));
  return {
    page,
    x,
    y,
    width: fraction(Math.max(d.x0, d.x1) - x),
    height: fraction(Math.max(d.y0, d.y1) - y),
  };
};

const boxStyle = (b: { x: number; y: number; width: number; height: number }) => ({
  position: 'absolute' as const,
  left: `${b.x * 100}%`,
  top: `${b.y * 100}%`,
  width: `${b.width * 100}%`,
  height: `${b.height * 100}%`,
});

/** One page as an image with its boxes over it; counsel draw a new box by dragging on it. */
function PageView({
  version,
  page,
  pageCount,
  items,
  names,
  selectedId,
  draft,
  canDraw,
  onSelect,
  onDraw,
}: {
  version: VersionRef;
  page: { number: number; width: number; height: number };
  pageCount: number;
  items: Redaction[];
  names: Map<string, string>;
  selectedId: string | null;
  draft: RedactionBox | null;
  canDraw: boolean;
  onSelect: (r: Redaction) => void;
  onDraw: (box: RedactionBox) => void;
}) {
  const surface = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  const pointAt = (e: ReactPointerEvent) => {
    const rect = surface.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return null;
    return {
      x: Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)),
      y: Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height)),
    };
  };

  const drawing = canDraw
    ? {
        onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
          if (e.button !== 0) return;
          const p = pointAt(e);
          if (!p) return;
          e.preventDefault();
          // Keeps the moves and the release coming while the pointer leaves the page.
          e.currentTarget.setPointerCapture?.(e.pointerId);
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        },
        onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => {
          const p = drag && pointAt(e);
          if (drag && p) setDrag({ ...drag, x1: p.x, y1: p.y });
        },
        onPointerUp: (e: ReactPointerEvent<HTMLDivElement>) => {
          if (!drag) return;
          const p = pointAt(e) ?? { x: drag.x1, y: drag.y1 };
          const box = dragBox(page.number, { ...drag, x1: p.x, y1: p.y });
          setDrag(null);
          // A click, or a sliver, draws nothing.
          if (box.width >= MIN_REDACTION_SIDE && box.height >= MIN_REDACTION_SIDE) onDraw(box);
        },
        onPointerCancel: () => setDrag(null),
      }
    : {};
  const shown = drag ? dragBox(page.number, drag) : draft;
  const onPage = items.length;
  // The API draws each page when asked, which takes a moment: say so rather than show a blank page.
  const src = pageImageUrl(version, page.number, IMAGE_WIDTH);
  const [image, setImage] = useState<{ src: string; state: 'loaded' | 'failed' } | null>(null);
  const imageState = image?.src === src ? image.state : 'loading';

  return (
    <figure style={{ margin: 0 }}>
      <div
        ref={surface}
        data-testid="page-surface"
        {...drawing}
        style={{
          position: 'relative',
          width: '100%',
          aspectRatio: `${page.width} / ${page.height}`,
          border: '1px solid var(--mantine-color-gray-4)',
          background: 'white',
          cursor: canDraw ? 'crosshair' : undefined,
          touchAction: canDraw ? 'none' : undefined,
          userSelect: 'none',
        }}
      >
        <img
          src={src}
          srcSet={`${src} 1x, ${pageImageUrl(version, page.number, 2 * IMAGE_WIDTH)} 2x`}
          alt={`Page ${page.number} of ${pageCount}`}
          draggable={false}
          data-loaded={imageState === 'loaded' || undefined}
          onLoad={() => setImage({ src, state: 'loaded' })}
          onError={() => setImage({ src, state: 'failed' })}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
        />
        {imageState !== 'loaded' && (
          <Center pos="absolute" inset={0} role="status" style={{ pointerEvents: 'none' }}>
            {imageState === 'loading' ? (
              <Group gap="xs">
                <Loader size="sm" aria-hidden />
                <Text size="sm" c="dimmed">
                  Drawing page {page.number}…
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="red.9" maw={320} ta="center">
                Page {page.number} could not be shown. Reload the page to try again.
              </Text>
            )}
          </Center>
        )}
        {/* The list beside the page names every box; here they are drawn for the eye. */}
        <div aria-hidden>
          {items.map((r) => {
            const selected = r.id === selectedId;
            return (
              <div
                key={r.id}
                data-testid="redaction-box"
                title={names.get(r.id)}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => onSelect(r)}
                style={{
                  ...boxStyle(r),
                  background: 'rgba(0, 0, 0, 0.3)',
                  outline: selected ? '3px solid var(--mantine-color-orange-6)' : '2px solid rgba(0, 0, 0, 0.85)',
                  cursor: 'pointer',
                  overflow: 'hidden',
                }}
              >
                <span
                  style={{
                    display: 'inline-block',
                    background: 'rgba(0, 0, 0, 0.8)',
                    color: 'white',
                    fontSize: 11,
                    lineHeight: 1.3,
                    padding: '0 4px',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {REDACTION_REASON_LABEL[r.reason]}
                </span>
              </div>
            );
          })}
          {shown && (
            <div
              data-testid="draft-box"
              style={{
                ...boxStyle(shown),
                background: 'rgba(230, 119, 0, 0.2)',
                outline: '2px dashed var(--mantine-color-orange-8)',
                pointerEvents: 'none',
              }}
            />
          )}
        </div>
      </div>
      <Text component="figcaption" size="xs" c="dimmed" mt={4}>
        Page {page.number} of {pageCount}: {onPage === 0 ? 'no boxes' : boxes(onPage)}.
        {canDraw && ' Drag on the page to draw a box, or enter one in New box.'}
      </Text>
    </figure>
  );
}

/** Position and size in percent of the page, as the form shows them; the box keeps fractions. */
const percent = (f: number) => Math.round(f * 10_000) / 100;

const POSITION_FIELDS = [
  { key: 'x', label: 'From the left edge (%)' },
  { key: 'y', label: 'From the top edge (%)' },
  { key: 'width', label: 'Width (%)' },
  { key: 'height', label: 'Height (%)' },
] as const;

/** A new box: drawn on the page (which fills the form in), or typed in. */
function NewBoxCard({
  version,
  pageCount,
  currentPage,
  draft,
  onDraft,
}: {
  version: VersionRef;
  pageCount: number;
  currentPage: number;
  draft: RedactionBox | null;
  onDraft: (box: RedactionBox | null) => void;
}) {
  const add = useAddRedaction(version);
  const [reason, setReason] = useState<RedactionReason | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const box: RedactionBox = draft ?? { page: currentPage, x: 0, y: 0, width: 0, height: 0 };
  const problem = redactionBoxProblem(box, pageCount);
  const apiErrors = plainFieldErrors(add.error);
  const fieldError = (key: keyof RedactionBox | 'reason' | 'note') =>
    (tried && problem?.[0] === key ? plainMessage(key, problem[1]) : undefined) ??
    (tried && key === 'reason' && !reason ? 'Choose a reason' : undefined) ??
    apiErrors[key];
  const set = (change: Partial<RedactionBox>) => {
    add.reset();
    onDraft({ ...box, ...change });
  };

  /** The percent fields of the box's place, in the order given. */
  const positionInputs = (fields: readonly (typeof POSITION_FIELDS)[number][]) =>
    fields.map((f) => (
      <PercentInput
        key={f.key}
        label={f.label}
        value={box[f.key]}
        onChange={(v) => set({ [f.key]: v })}
        error={fieldError(f.key)}
      />
    ));

  const submit = () => {
    setTried(true);
    if (problem || !reason) return;
    add.mutate(
      { ...box, reason, ...(note.trim() && { note: note.trim() }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', title: 'Box added', message: `Page ${box.page}` });
          onDraft(null);
          setNote('');
          setTried(false);
        },
      },
    );
  };

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="new-box-heading">
      <Title order={3} size="h5" id="new-box-heading">
        New box
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Drag on the page to draw a box, or enter its place in percent of the page.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <Group grow align="flex-start">
            <NumberInput
              label="Page"
              min={1}
              max={pageCount}
              allowDecimal={false}
              value={box.page}
              onChange={(v) => set({ page: typeof v === 'number' ? v : Number(v) || 0 })}
              error={fieldError('page')}
            />
            {positionInputs(POSITION_FIELDS.slice(0, 1))}
          </Group>
          <Group grow align="flex-start">
            {positionInputs(POSITION_FIELDS.slice(1))}
          </Group>
          <NativeSelect
            label="Reason"
            data={[{ value: '', label: 'Choose…' }, ...REASON_OPTIONS]}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as RedactionReason | '')}
            error={fieldError('reason')}
          />
          <Textarea
            label="Note"
            description="Optional: why, for the privilege log or a colleague"
            autosize
            minRows={1}
            maxRows={4}
            maxLength={NOTE_MAX_LENGTH}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError('note')}
          />
          {add.error && !Object.keys(apiErrors).length ? <ErrorNotice error={add.error} title="Box not added" /> : null}
          <Group justify="flex-end" gap="xs">
            {draft && (
              <Button
                variant="default"
                onClick={() => {
                  onDraft(null);
                  setTried(false);
                  add.reset();
                }}
              >
                Clear
              </Button>
            )}
            <Button type="submit" loading={add.isPending}>
              Add box
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PercentInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number;
  onChange: (fraction: number) => void;
  error?: string;
}) {
  return (
    <NumberInput
      label={label}
      min={0}
      max={100}
      decimalScale={2}
      value={percent(value)}
      onChange={(v) => onChange(fraction((typeof v === 'number' ? v : Number(v) || 0) / 100))}
      error={error}
    />
  );
}

/** The selected box: its reason and note changed, or the box removed after a confirmation. */
function EditBoxCard({
  version,
  redaction,
  name,
  onDone,
}: {
  version: VersionRef;
  redaction: Redaction;
  name: string;
  onDone: () => void;
}) {
  const update = useUpdateRedaction(version);
  const [reason, setReason] = useState(redaction.reason);
  const [note, setNote] = useState(redaction.note ?? '');
  const [removing, setRemoving] = useState(false);
  const reasonField = useRef<HTMLSelectElement>(null);
  const apiErrors = plainFieldErrors(update.error);
  const changed = reason !== redaction.reason || note.trim() !== (redaction.note ?? '');

  // Chosen from the list by keyboard, or on the page: what to change is next.
  useEffect(() => reasonField.current?.focus(), []);

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="edit-box-heading">
      <Title order={3} size="h5" id="edit-box-heading">
        {name}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {percent(redaction.width)}% × {percent(redaction.height)}% of the page, {percent(redaction.x)}% from the left
        and {percent(redaction.y)}% from the top.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!changed) return;
          update.mutate(
            {
              redactionId: redaction.id,
              change: {
                ...(reason !== redaction.reason && { reason }),
                ...(note.trim() !== (redaction.note ?? '') && { note: note.trim() || null }),
              },
            },
            { onSuccess: () => notifications.show({ color: 'teal', title: 'Box changed', message: name }) },
          );
        }}
      >
        <Stack gap="xs">
          <NativeSelect
            ref={reasonField}
            label="Reason"
            data={REASON_OPTIONS}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as RedactionReason)}
            error={apiErrors.reason}
          />
          <Textarea
            label="Note"
            autosize
            minRows={1}
            maxRows={4}
            maxLength={NOTE_MAX_LENGTH}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={apiErrors.note}
          />
          {update.error && !Object.keys(apiErrors).length ? (
            <ErrorNotice error={update.error} title="Box not changed" />
          ) : null}
          <Group justify="space-between" gap="xs">
            <Button color="red" variant="light" onClick={() => setRemoving(true)}>
              Remove box…
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={onDone}>
                Done
              </Button>
              <Button type="submit" disabled={!changed} loading={update.isPending}>
                Save changes
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
      <RemoveBoxDialog
        version={version}
        redaction={removing ? redaction : null}
        name={name}
        onClose={() => setRemoving(false)}
        onRemoved={onDone}
      />
    </Card>
  );
}

function RemoveBoxDialog({
  version,
  redaction,
  name,
  onClose,
  onRemoved,
}: {
  version: VersionRef;
  redaction: Redaction | null;
  name: string;
  onClose: () => void;
  onRemoved: (id: string) => void;
}) {
  const remove = useRemoveRedaction(version);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={redaction !== null}
      title="Remove this box?"
      confirmLabel="Remove box"
      color="red"
      pending={remove.isPending}
      error={remove.error}
      errorTitle="Not removed"
      onClose={close}
      onConfirm={() =>
        redaction &&
        remove.mutate(redaction.id, {
          onSuccess: () => {
            notifications.show({ color: 'teal', title: 'Box removed', message: name });
            close();
            onRemoved(redaction.id);
          },
        })
      }
    >
      The {name} will no longer be blacked out when the document is produced.
    </ConfirmDialog>
  );
}

/** Every box of the document: the way to each of them from the keyboard. */
function RedactionList({
  query,
  items,
  names,
  selectedId,
  canRedact,
  version,
  onSelect,
  onRemoved,
}: {
  query: ReturnType<typeof useRedactions>;
  items: Redaction[];
  names: Map<string, string>;
  selectedId: string | null;
  canRedact: boolean;
  version: VersionRef;
  onSelect: (r: Redaction) => void;
  onRemoved: (id: string) => void;
}) {
  const me = useCurrentUser();
  const [removing, setRemoving] = useState<Redaction | null>(null);

  let content;
  if (query.isPending) content = <Loading label="Loading the boxes…" />;
  else if (query.error) content = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else if (items.length === 0)
    content = <Empty title="No boxes yet">{canRedact ? 'Draw one on the page to redact what it covers.' : null}</Empty>;
  else
    content = (
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing="xs" aria-labelledby="redactions-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Page</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Marked by</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => {
              const name = names.get(r.id) ?? '';
              return (
                <Table.Tr key={r.id} bg={r.id === selectedId ? 'orange.0' : undefined}>
                  <Table.Td>{r.page}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{REDACTION_REASON_LABEL[r.reason]}</Text>
                    {r.note && (
                      <Text size="xs" c="dimmed">
                        {r.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <MadeByCell by={r.createdBy} at={r.createdAt} timeZone={me.timeZone} />
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      actions={[
                        {
                          label: canRedact ? 'Change' : 'Show',
                          ariaLabel: `${canRedact ? 'Change' : 'Show'} the ${name}`,
                          variant: 'default',
                          onClick: () => onSelect(r),
                        },
                        canRedact && {
                          label: 'Remove',
                          ariaLabel: `Remove the ${name}`,
                          danger: true,
                          onClick: () => setRemoving(r),
                        },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="redactions-heading">
      <Title order={3} size="h5" id="redactions-heading" mb="xs">
        Redactions of this document
      </Title>
      {content}
      {canRedact && (
        <RemoveBoxDialog
          version={version}
          redaction={removing}
          name={removing ? (names.get(removing.id) ?? '') : ''}
          onClose={() => setRemoving(null)}
          onRemoved={onRemoved}
        />
      )}
    </Card>
  );
}
