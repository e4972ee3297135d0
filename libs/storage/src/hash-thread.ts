import { Worker } from 'node:worker_threads';

// SHA-256 on a worker thread, so that hashing a large upload overlaps the main thread's work
// on it (the socket, the multipart parser, the write to storage) on another core.
//
// The bytes go over through a ring buffer in shared memory: one copy of each chunk into the
// ring, no message per chunk. Two counters in the same memory say how far each side has got;
// the writer waits (asynchronously, the main thread never blocks) while the ring is full, so
// memory stays bounded whatever the upload's size. The worker blocks on Atomics.wait while it
// has nothing to hash, and posts one message at the end: the hex digest.

const RING_BYTES = 4 * 1024 * 1024; // a power of two: positions are counters & (RING_BYTES - 1)

// Int32 slots of the control block. PRODUCED and CONSUMED count bytes modulo 2^32: their
// difference (at most RING_BYTES) is exact in int32 arithmetic.
const PRODUCED = 0;
const CONSUMED = 1;
const ENDED = 2; // 1 once the writer has sent everything
const SIGNAL = 3; // bumped by the writer on every change, what the worker waits on
// 1 while that side waits: a wake-up (a futex call, and often a context switch) is made only
// then, not for every chunk, which cost a tenth of the main thread's time when it was.
const WORKER_WAITING = 4;
const WRITER_WAITING = 5;
const SLOTS = 6;

// Plain JavaScript with only Node's built-ins, run with `eval`: no file to find beside the
// sources or in dist/, and nothing for Jest's module system to load.
const WORKER_SOURCE = `
const { createHash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { control, ring } = workerData;
const c = new Int32Array(control);
const bytes = new Uint8Array(ring);
const size = bytes.length;
const hash = createHash('sha256');
for (;;) {
  const signal = Atomics.load(c, ${SIGNAL});
  const produced = Atomics.load(c, ${PRODUCED});
  let consumed = Atomics.load(c, ${CONSUMED});
  if (produced === consumed) {
    if (Atomics.load(c, ${ENDED}) === 1) break;
    // Announced before the last look, so the writer either sees the flag or its news is seen.
    Atomics.store(c, ${WORKER_WAITING}, 1);
    if (Atomics.load(c, ${PRODUCED}) === consumed && Atomics.load(c, ${ENDED}) === 0) Atomics.wait(c, ${SIGNAL}, signal);
    Atomics.store(c, ${WORKER_WAITING}, 0);
    continue;
  }
  while (consumed !== produced) {
    const start = consumed & (size - 1);
    const n = Math.min((produced - consumed) | 0, size - start);
    hash.update(bytes.subarray(start, start + n));
    consumed = (consumed + n) | 0;
    Atomics.store(c, ${CONSUMED}, consumed);
    if (Atomics.load(c, ${WRITER_WAITING}) === 1) Atomics.notify(c, ${CONSUMED});
  }
}
parentPort.postMessage(hash.digest('hex'));
`;

// In Node since 16 (V8), in TypeScript's lib only from es2024, which this project does not target.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/** A SHA-256 computed on a worker thread from the bytes written to it, in order. */
export class ThreadedSha256 {
  private readonly control = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly ring = new Uint8Array(new SharedArrayBuffer(RING_BYTES));
  private readonly worker: Worker;
  private readonly result: Promise<string>;
  private produced = 0;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { control: this.control.buffer, ring: this.ring.buffer },
    });
    this.result = new Promise<string>((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the hashing thread stopped (exit code ${code})`)));
    });
    // Read only by digest(); a failure before then is reported there (or nowhere, if aborted).
    this.result.catch(() => undefined);
  }

  /** Copies the chunk into the ring, waiting while the worker has not made room for it. */
  async update(chunk: Uint8Array): Promise<void> {
    for (let offset = 0; offset < chunk.length;) {
      const consumed = Atomics.load(this.control, CONSUMED);
      const free = RING_BYTES - ((this.produced - consumed) | 0);
      if (free === 0) {
        // Wakes when the worker moves CONSUMED (it notifies only while the flag is up, so the
        // flag goes up before the wait compares CONSUMED); the worker's failure ends it too.
        Atomics.store(this.control, WRITER_WAITING, 1);
        const wait = waitAsync(this.control, CONSUMED, consumed);
        if (wait.async) await Promise.race([wait.value, this.result]);
        Atomics.store(this.control, WRITER_WAITING, 0);
        continue;
      }
      const start = this.produced & (RING_BYTES - 1);
      const n = Math.min(free, RING_BYTES - start, chunk.length - offset);
      this.ring.set(chunk.subarray(offset, offset + n), start);
      offset += n;
      this.produced = (this.produced + n) | 0;
      Atomics.store(this.control, PRODUCED, this.produced);
      this.wake();
    }
  }

  /** Ends the input; resolves with the hex digest once the worker has hashed everything. */
  digest(): Promise<string> {
    Atomics.store(this.control, ENDED, 1);
    this.wake();
    return this.result;
  }

  /** Stops the worker (a failed or abandoned upload). */
  destroy(): void {
    void this.worker.terminate();
  }

  private wake(): void {
    Atomics.add(this.control, SIGNAL, 1);
    if (Atomics.load(this.control, WORKER_WAITING) === 1) Atomics.notify(this.control, SIGNAL);
  }
}
