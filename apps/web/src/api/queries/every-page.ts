// The API answers a list a page at a time, at most MAX_PAGE_SIZE items a page (as
// apps/api/src/common/pagination.dto.ts caps it). A screen that must show the whole list (the
// grid: 50 subjects x 40 requests is 2,000 cells) reads every page, not just the first.

/** The API's largest page (PageQueryDto's pageSize maximum). */
export const MAX_PAGE_SIZE = 500;

interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * Every item of a paged list, as one page: the first page says how many there are, and the
 * rest are read together.
 */
export async function everyPage<T, P extends Page<T>>(readPage: (page: number, pageSize: number) => Promise<P>) {
  const first = await readPage(1, MAX_PAGE_SIZE);
  const pageCount = Math.ceil(first.total / MAX_PAGE_SIZE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(pageCount - 1, 0) }, (_, i) => readPage(i + 2, MAX_PAGE_SIZE)),
  );
  const items = [first, ...rest].flatMap((p) => p.items);
  return { ...first, items, page: 1, pageSize: items.length };
}
