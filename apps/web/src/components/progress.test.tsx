import { Badge, Group } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLE_LABEL } from '../lib/status';
import { renderWithTheme } from '../test/render';
import { StatusBadge } from './progress';

describe('StatusBadge and role labels', () => {
  it('are never cut short in a crowded row: they keep their width and show the whole label', () => {
    renderWithTheme(
      <Group wrap="nowrap" w={80}>
        <StatusBadge status="CHANGES_REQUESTED" />
        <Badge variant="light" color="gray">
          You: {ROLE_LABEL.COUNSEL}
        </Badge>
      </Group>,
    );
    for (const label of [screen.getByText('Changes requested'), screen.getByText(`You: ${ROLE_LABEL.COUNSEL}`)]) {
      const badge = label.closest<HTMLElement>('.mantine-Badge-root')!;
      expect(getComputedStyle(badge).flexShrink).toBe('0');
      expect(getComputedStyle(badge).overflow).toBe('visible');
      expect(getComputedStyle(label).textOverflow).toBe('clip');
    }
  });
});
