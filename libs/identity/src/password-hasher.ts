import argon2 from 'argon2';

// Parameters: argon2id with the library's defaults (64 MiB, 3 passes), as OWASP recommends.
const DUMMY_HASH_PROMISE = argon2.hash('wian-timing-equaliser-not-a-password');

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Verifies against the stored hash, or against a dummy one so unknown users take as long. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    await argon2.verify(await DUMMY_HASH_PROMISE, password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
