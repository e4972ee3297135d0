import { firstScreenReads, preferredEncoding } from './web-ui';

describe('preferredEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('takes brotli when the browser weighs it like gzip, in whatever order it lists them', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(preferredEncoding('br, gzip', both)).toBe('br');
  });

  it("follows the client's weights and refusals", () => {
    expect(preferredEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0.1', both)).toBe('gzip');
    expect(preferredEncoding('*', both)).toBe('br');
    expect(preferredEncoding('*;q=0.2, br;q=0', both)).toBe('gzip');
  });

  it('answers none (the file itself) without a header, for identity, or without a copy the client takes', () => {
    expect(preferredEncoding(undefined, both)).toBeNull();
    expect(preferredEncoding('identity', both)).toBeNull();
    expect(preferredEncoding('br;q=0, gzip;q=0', both)).toBeNull();
    expect(preferredEncoding('br', ['gzip'])).toBeNull();
  });
});

describe('firstScreenReads', () => {
  const id = 'cf116e59-9661-4482-8aa5-12c73aa009fd';
  const reads = (url: string) => {
    const parsed = new URL(url, 'http://page');
    return firstScreenReads(parsed.pathname, parsed.searchParams);
  };
  const header = [`/api/audits/${id}`, `/api/audits/${id}/legal-hold`, `/api/audits/${id}/reminders/pause`];

  it("names the audits list's reads and those of the cards under it", () => {
    expect(reads('/audits')).toEqual([
      '/api/audits?page=1&pageSize=100',
      '/api/request-templates?page=1&pageSize=500',
      '/api/form-templates',
    ]);
  });

  it("names an audit's header on each of its screens, and the grid's own reads on the grid", () => {
    expect(reads(`/audits/${id}`)).toEqual(header);
    expect(reads(`/audits/${id}/responses/${id}`)).toEqual(header);
    expect(reads(`/audits/${id}/grid`)).toEqual([
      ...header,
      `/api/audits/${id}/subjects?page=1&pageSize=500`,
      `/api/audits/${id}/requests?page=1&pageSize=500`,
      `/api/audits/${id}/members?page=1&pageSize=500`,
      `/api/audits/${id}/responses?page=1&pageSize=500`,
    ]);
  });

  it("leaves a filtered grid's cells to the screen, which asks with the filters", () => {
    expect(reads(`/audits/${id}/grid?mine=1`)).not.toContainEqual(expect.stringContaining('/responses'));
    expect(reads(`/audits/${id}/grid?status=APPROVED`)).toHaveLength(6);
  });

  it('names nothing for other pages, or for an audit id that is not one (nothing made up goes into the page)', () => {
    expect(reads('/login')).toEqual([]);
    expect(reads('/profile')).toEqual([]);
    expect(reads('/audits/"><script>x</script>/grid')).toEqual([]);
    expect(reads('/audits/12345/grid')).toEqual([]);
  });
});
