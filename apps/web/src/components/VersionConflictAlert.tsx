import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * After a 409 on a versioned form (useVersionedDraft): the draft is kept; the person loads the
 * other version or saves theirs over it. `theirs` shows the other version once it is read.
 */
export function VersionConflictAlert(props: {
  title: string;
  theirs: ReactNode | null;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}) {
  const ready = props.theirs !== null;
  return (
    <Alert color="orange" title={props.title} role="alert">
      <Stack gap="xs">
        <Text size="sm">
          Your draft is kept and nothing was overwritten. Load their version (your draft will be replaced), or keep
          yours and save it over theirs.
        </Text>
        {props.theirs}
        <Group>
          <Button size="xs" color="orange" onClick={props.onLoadTheirs} disabled={!ready}>
            Load their version
          </Button>
          <Button size="xs" variant="default" onClick={props.onKeepMine} disabled={!ready}>
            Keep mine and save it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
