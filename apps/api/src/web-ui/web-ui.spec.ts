import { preferredEncoding } from './web-ui';

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
