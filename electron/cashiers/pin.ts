// PIN hashing: scrypt with a random salt per PIN, compared in constant time. A PIN has few digits,
// so the hash alone would not stop a thief with the database; the lock-out in cashiers.ts stops
// guessing at the counter, and scrypt's cost slows an offline search.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<{ hash: Buffer; salt: Buffer }> {
  const salt = randomBytes(16);
  return { hash: await derive(pin, salt), salt };
}

export async function verifyPin(pin: string, hash: Buffer, salt: Buffer): Promise<boolean> {
  const candidate = await derive(pin, salt);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
