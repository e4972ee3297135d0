import { createHash, randomBytes } from 'node:crypto';

// Session cookies and API tokens are random secrets; the database keeps only their SHA-256,
// so a leaked table does not let anyone log in.

export const API_TOKEN_PREFIX = 'adk_';

export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
