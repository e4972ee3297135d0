// jsdom lays nothing out: every box is 0 px and nothing scrolls. The response grid draws only the
// rows its scroll box shows (@tanstack/react-virtual reads the box's clientHeight and scrollTop
// once a ResizeObserver reports the box; before that, the height its CSS gives it), so a test
// gives that box the size a page would (a 600 px tall window on the grid) and lets it scroll the
// way a browser does: scrollTo moves it and fires a scroll event. Its content is as tall as the
// heights the grid gives its rows (and spacer rows) say. A ResizeObserver reports each box it
// observes at once (a browser reports it once it has laid the page out, a frame later: a test has
// no frames).
import { fireEvent } from '@testing-library/react';
import { vi } from 'vitest';

export const GRID_BOX_HEIGHT = 600;

/** The box the grid scrolls in: the element holding the grid's table. */
const isGridBox = (el: Element) =>
  el.firstElementChild?.matches('table[aria-label="Responses by subject and request"]') ?? false;

export function layOutGridBox() {
  const height = vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function (this: Element) {
    return isGridBox(this) ? GRID_BOX_HEIGHT : 0;
  });
  const width = vi.spyOn(Element.prototype, 'clientWidth', 'get').mockImplementation(function (this: Element) {
    return isGridBox(this) ? 1200 : 0;
  });
  const scrollHeight = vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockImplementation(function (this: Element) {
    if (!isGridBox(this)) return 0;
    const rowHeight = (tr: HTMLElement) =>
      parseFloat(tr.style.height) || parseFloat((tr.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;
    return Array.from(this.querySelectorAll<HTMLElement>('tr')).reduce((sum, tr) => sum + rowHeight(tr), 0);
  });
  const scrollTo = vi.fn(function (this: Element, options: ScrollToOptions) {
    if (options.top !== undefined) this.scrollTop = options.top;
    if (options.left !== undefined) this.scrollLeft = options.left;
    this.dispatchEvent(new Event('scroll'));
  });
  Element.prototype.scrollTo = scrollTo as unknown as Element['scrollTo'];
  const ResizeObserverBefore = globalThis.ResizeObserver;
  globalThis.ResizeObserver = class {
    constructor(private readonly report: ResizeObserverCallback) {}
    observe(target: Element) {
      this.report([{ target } as ResizeObserverEntry], this);
    }
    unobserve() {}
    disconnect() {}
  };
  return () => {
    globalThis.ResizeObserver = ResizeObserverBefore;
    height.mockRestore();
    width.mockRestore();
    scrollHeight.mockRestore();
    delete (Element.prototype as Partial<Element>).scrollTo;
  };
}

/** Scrolls the grid's box down to a row, as a user dragging the scroll bar would. */
export function scrollGridTo(table: HTMLElement, top: number) {
  const box = table.parentElement!;
  box.scrollTop = top;
  fireEvent.scroll(box);
}
