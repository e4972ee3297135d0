import { describe, expect, it, vi } from 'vitest';
import { chunk } from './chunk';

describe('chunk', () => {
  it('downloads once, however often it is asked for, and holds the export once here', async () => {
    const load = vi.fn(() => Promise.resolve('the form'));
    const form = chunk(load);
    expect(form.loaded).toBeUndefined();
    await Promise.all([form.load(), form.load()]);
    expect(await form.load()).toBe('the form');
    expect(form.loaded).toBe('the form');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed download, so the next attempt tries again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('the form');
    const form = chunk<string>(load);
    await expect(form.load()).rejects.toThrow('offline');
    expect(form.loaded).toBeUndefined();
    expect(await form.load()).toBe('the form');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
