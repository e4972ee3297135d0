import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentOptions, RenderedDocument } from './document-engine';
import type { RenderReply, RenderRequest } from './render-worker';

// Renders documents on worker threads so that a process serving requests (the API) keeps its
// event loop free: Typst's layout is synchronous native code. A small fixed set of threads
// takes jobs from a bounded queue; past that bound `render` refuses at once
// (RenderPoolBusyError) instead of letting waiting work and memory pile up.

export interface RenderPoolOptions {
  /** Threads, each with its own compiler (about 60 MB each, more while a large document renders). */
  threads: number;
  /** Jobs allowed to wait for a thread; one more is refused. */
  maxQueued: number;
}

export class RenderPoolBusyError extends Error {
  constructor(readonly queued: number) {
    super(`The document renderer is busy (${queued} documents waiting); try again shortly.`);
  }
}

interface Job {
  request: RenderRequest;
  resolve: (document: RenderedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const WORKER_FILE = path.join(__dirname, `render-worker${path.extname(__filename)}`);

/**
 * From sources (tsx, Jest) the worker file is TypeScript: the thread registers tsx's loader
 * first. From dist/ it is the compiled .js and runs as is.
 */
function startWorker(): Worker {
  if (WORKER_FILE.endsWith('.ts'))
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, { eval: true });
  return new Worker(WORKER_FILE);
}

export class DocumentRenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: RenderPoolOptions) {}

  /** Renders on a pool thread; rejects at once with RenderPoolBusyError when the queue is full. */
  render(template: string, data: unknown, opts: DocumentOptions = {}): Promise<RenderedDocument> {
    if (this.closed) return Promise.reject(new Error('The document render pool is closed'));
    if (this.queue.length >= this.options.maxQueued && !this.idleSlot())
      return Promise.reject(new RenderPoolBusyError(this.queue.length));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, template, data, opts }, resolve, reject });
      this.dispatch();
    });
  }

  /** Jobs rendering now and waiting: for health and tests. */
  get load(): { rendering: number; queued: number } {
    return { rendering: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The document render pool closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private idleSlot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.job);
    if (idle) return idle;
    if (this.slots.length < this.options.threads) return this.addSlot();
    return undefined;
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.idleSlot();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: startWorker(), job: null };
    slot.worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      slot.job = null;
      if (job && job.request.id === reply.id) {
        if (reply.ok)
          job.resolve({
            bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength),
            pageCount: reply.pageCount,
            sha256: reply.sha256,
          });
        else job.reject(new Error(reply.message));
      }
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash in native code) fails its job, not the pool:
    // it is replaced on the next dispatch.
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.job?.reject(error);
      slot.job = null;
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`A document render thread exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
