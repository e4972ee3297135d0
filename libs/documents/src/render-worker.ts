import { parentPort } from 'node:worker_threads';
import { type DocumentOptions, renderDocumentSync } from './document-engine';

// A DocumentRenderPool thread: renders one document at a time with its own compiler and
// sends the bytes back (their memory moved, not copied).

export interface RenderRequest {
  id: number;
  template: string;
  data: unknown;
  opts: DocumentOptions;
}

export type RenderReply =
  | { id: number; ok: true; bytes: Uint8Array; pageCount: number; sha256: string }
  | { id: number; ok: false; message: string };

parentPort?.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const { bytes, pageCount, sha256 } = renderDocumentSync(request.template, request.data, request.opts);
    // A copy we own outright, so its memory can be transferred rather than cloned.
    const own = new Uint8Array(bytes);
    reply = { id: request.id, ok: true, bytes: own, pageCount, sha256 };
    parentPort!.postMessage(reply, [own.buffer]);
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
