// Writes a ZIP (a production volume, a submitted response package) with archiver on a worker
// thread. archiver 8 is an ES module, which the apps' CommonJS builds under Jest cannot import;
// a worker thread loads it natively.
// In: workerData = { file, date, entries: [{ path, bytes }] }. Out: one message, 'done'.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ZipArchive } from 'archiver';

const archive = new ZipArchive({ zlib: { level: 6 } });
const written = pipeline(archive, createWriteStream(workerData.file, { flags: 'wx' }));
const date = new Date(workerData.date);
for (const entry of workerData.entries) archive.append(Buffer.from(entry.bytes), { name: entry.path, date });
await archive.finalize();
await written;
parentPort.postMessage('done');
