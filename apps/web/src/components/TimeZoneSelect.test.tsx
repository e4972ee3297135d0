import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../App';
import { TimeZoneSelect } from './TimeZoneSelect';

// What Chromium lists: ICU's zone ids, some of them names IANA has since changed.
const CHROMIUM_ZONES = [
  'Asia/Calcutta',
  'Asia/Katmandu',
  'Asia/Rangoon',
  'Asia/Saigon',
  'Europe/Dublin',
  'Europe/Kiev',
];

/** Mantine as the app themes it, without transitions (as the other component tests draw it). */
const renderPicker = (start: string, onPick: (zone: string | null) => void) =>
  render(
    <MantineProvider theme={theme} env="test">
      <main>
        <Picker start={start} onPick={onPick} />
      </main>
    </MantineProvider>,
  );

function Picker({ start, onPick }: { start: string; onPick: (zone: string | null) => void }) {
  const [zone, setZone] = useState<string | null>(start);
  return (
    <TimeZoneSelect
      value={zone}
      onChange={(value) => {
        setZone(value);
        onPick(value);
      }}
    />
  );
}

describe('TimeZoneSelect', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['Kolkata', 'Asia/Kolkata', 'Asia/Calcutta'],
    ['Ho Chi Minh', 'Asia/Ho Chi Minh', 'Asia/Saigon'],
    ['Kathmandu', 'Asia/Kathmandu', 'Asia/Katmandu'],
    ['Kyiv', 'Europe/Kyiv', 'Europe/Kiev'],
    ['Yangon', 'Asia/Yangon', 'Asia/Rangoon'],
  ])('typing "%s" finds %s, as the browser names it', async (typed, label, value) => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(CHROMIUM_ZONES);
    const onPick = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderPicker('Europe/Dublin', onPick);
    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    await user.clear(zone);
    await user.type(zone, typed);
    await user.click(await screen.findByRole('option', { name: label }));
    expect(onPick).toHaveBeenCalledWith(value);
    expect(zone).toHaveValue(label);
  });

  it('shows a zone stored under its old name by the name it has now', () => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Asia/Kolkata', 'Europe/Dublin', 'Europe/Kyiv']);
    renderPicker('Europe/Kiev', vi.fn());
    expect(screen.getByRole('combobox', { name: /^Time zone/ })).toHaveValue('Europe/Kyiv');
  });

  it.each([
    ['Kiev', 'Europe/Kyiv', 'Europe/Kyiv'],
    ['Calcutta', 'Asia/Kolkata', 'Asia/Calcutta'],
    ['Saigon', 'Asia/Ho Chi Minh', 'Asia/Saigon'],
    ['saigon', 'Asia/Ho Chi Minh', 'Asia/Ho_Chi_Minh'],
  ])('typing the former name "%s" finds %s, labelled by its name now', async (typed, label, value) => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Europe/Dublin', 'Europe/Kyiv', value]);
    const onPick = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderPicker('Europe/Dublin', onPick);
    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    await user.clear(zone);
    await user.type(zone, typed);
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([label]);
    await user.click(within(listbox).getByRole('option', { name: label }));
    expect(onPick).toHaveBeenCalledWith(value);
    expect(zone).toHaveValue(label);
  });

  it('says a search matches no zone with nothing axe finds wrong (a listbox holds options)', async () => {
    vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(['Asia/Kolkata', 'Europe/Dublin', 'Europe/Kyiv']);
    const user = userEvent.setup({ delay: null });
    renderPicker('Europe/Dublin', vi.fn());
    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    await user.clear(zone);
    await user.type(zone, 'Atlantis');
    expect(await screen.findByText('No such zone')).toBeVisible();
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(
      results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.html).join(' ')}`),
    ).toEqual([]);
  });
});
