import { MantineProvider, Modal } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { theme } from '../App';

describe('a dialog over the app', () => {
  // Mantine draws a dialog's title bar as a <header>; inside <section role="dialog"> that is a
  // banner landmark, a second one beside the app's header. The theme draws it as a <div>.
  it("adds no banner landmark to the app's own", async () => {
    render(
      <MantineProvider theme={theme} env="test">
        <header>AuditDesk</header>
        <main>
          <Modal opened onClose={() => {}} title="New audit">
            A form
          </Modal>
        </main>
      </MantineProvider>,
    );
    expect(screen.getByRole('dialog', { name: 'New audit' })).toBeInTheDocument();
    expect(screen.getAllByRole('banner')).toHaveLength(1);
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
