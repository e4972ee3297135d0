import { Button, Code, CopyButton, Group, Tooltip } from '@mantine/core';

/** How many hex digits of a SHA-256 are shown; enough to tell files apart at a glance. */
const SHOWN = 12;

/**
 * A SHA-256 shortened for a table, the full value on hover and in a copy button: lawyers compare
 * it with a hash the other side quotes, so it must be copyable whole.
 */
export function HashValue({ sha256, copyLabel }: { sha256: string; copyLabel: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={sha256} multiline maw={320}>
        <Code title={sha256}>{sha256.slice(0, SHOWN)}…</Code>
      </Tooltip>
      <CopyButton value={sha256}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={copyLabel}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
