import * as argon2 from 'argon2';

/** Passwords shorter than this are refused everywhere (API, CLI, seed). */
export const MIN_PASSWORD_LENGTH = 10;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the user does not exist, so a login for an unknown
// email costs as much time as one with a wrong password.
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => (decoyHash ??= hashPassword('decoy-password-never-valid'));
