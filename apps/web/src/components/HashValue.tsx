import { Button, Code, CopyButton, Group, Tooltip } from '@mantine/core';

/** How many hex digits of a SHA-256 are shown; enough to tell files apart at a glance. */
const SHOWN = 12;

/** Copies a whole SHA-256: lawyers compare it with a hash the other side quotes. */
export function CopyHashButton({ sha256, label }: { sha256: string; label: string }) {
  return (
    <CopyButton value={sha256}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={label}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}

/**
 * A SHA-256 shortened for a table, the full value on hover and in a copy button, since it must
 * be copyable whole.
 */
export function HashValue({ sha256, copyLabel, testId }: { sha256: string; copyLabel: string; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={sha256} multiline maw={320}>
        <Code title={sha256} data-testid={testId}>
          {sha256.slice(0, SHOWN)}…
        </Code>
      </Tooltip>
      <CopyHashButton sha256={sha256} label={copyLabel} />
    </Group>
  );
}
