import Redis from 'ioredis';

/** A connection for quick checks: fails fast instead of queueing commands while Redis is down. */
export const createProbeConnection = (url: string) =>
  new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
