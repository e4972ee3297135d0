// Small helpers the e2e specs share for what comes back as bytes: hashing a download, collecting
// a binary response body, the loose shape of a JSON body, and waiting on work done elsewhere.
import { createHash } from 'node:crypto';

/** Hex SHA-256 of some bytes (a string as its UTF-8), as the API reports file digests. */
export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A response body as the API sent it (specs read its fields loosely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies as the API sent them
export type Body = Record<string, any>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A binary body collected as a Buffer, for `.buffer(true).parse(binary)`: supertest leaves
 * unknown types unparsed and would otherwise drop a PDF's or a ZIP's bytes.
 */
export const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
