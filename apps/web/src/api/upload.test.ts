import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { uploadEvidenceFile, uploadSourceDocument } from './upload';

/** A stand-in XMLHttpRequest that never answers by itself: the test sees what was sent and aborted. */
class FakeXhr {
  static last: FakeXhr | undefined;
  upload = { onprogress: null as unknown };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  withCredentials = false;
  sent = false;
  aborted = false;
  url = '';
  constructor() {
    FakeXhr.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send() {
    this.sent = true;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeXhr.last = undefined;
});

describe('uploads', () => {
  it('stop the transfer when their signal is aborted, and say it was cancelled', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const controller = new AbortController();
    const sent = uploadEvidenceFile({
      auditId: 'a1',
      file: new File(['x'], 'x.txt'),
      title: 'x',
      responseIds: [],
      signal: controller.signal,
    });
    expect(FakeXhr.last?.sent).toBe(true);
    controller.abort();
    await expect(sent).rejects.toEqual(expect.objectContaining({ message: 'The upload was cancelled.' }));
    expect(FakeXhr.last?.aborted).toBe(true);
  });

  it('never start when cancelled before sending; source documents take a signal too', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const controller = new AbortController();
    controller.abort();
    const sent = uploadSourceDocument({
      auditId: 'a1',
      file: new File(['x'], 'letter.pdf'),
      kind: 'DEMAND_LETTER',
      title: 'Letter',
      signal: controller.signal,
    });
    await expect(sent).rejects.toBeInstanceOf(ApiError);
    expect(FakeXhr.last?.sent).toBe(false);
  });
});
