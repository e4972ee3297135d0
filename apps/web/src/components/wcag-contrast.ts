// WCAG 2 contrast of the theme's colours, for tests of text the browser walk found too faint:
// jsdom computes no styles, so the colours a component uses are checked as values.
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { theme } from '../App';

const appTheme = mergeMantineTheme(DEFAULT_THEME, theme);

/** A theme colour by name and shade ("violet", 1), as a hex value. */
export const themeColor = (name: string, shade: number): string => appTheme.colors[name][shade];

/** The hex value of a `var(--mantine-color-red-9)` reference. */
export function themeColorOfVar(reference: string): string {
  const match = /^var\(--mantine-color-([a-z]+)-(\d)\)$/.exec(reference);
  if (!match) throw new Error(`not a theme colour: ${reference}`);
  return themeColor(match[1], Number(match[2]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two "#rrggbb" colours (1 to 21; text needs 4.5). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
