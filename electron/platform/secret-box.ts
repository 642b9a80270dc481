// What encrypts provider credentials at rest (docs/architecture.md, "Trust boundary"): the interface, and the Node fallback used
// by the web shell and the tests. The app itself uses Electron's safeStorage (./secrets.ts), which
// keeps its key in the OS keychain; this fallback keeps an AES-256-GCM key in a file beside the
// database, which protects against a copied database but not against someone holding the folder.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export type SecretBox = {
  /** Names the backend; stored beside each value so a value from another backend is not mis-read. */
  readonly backend: string;
  /** True where the OS offers only an obfuscation (Linux `basic_text`): the owner is told plainly. */
  readonly isWeak: boolean;
  encrypt(plain: string): Buffer;
  /** Null when the value cannot be decrypted (another key, tampered): treated as "not set". */
  decrypt(cipher: Buffer): string | null;
};

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random key kept in `keyFile` (created with mode 0600 on first use). */
export function createNodeSecretBox(keyFile: string): SecretBox {
  const key = loadOrCreateKey(keyFile);
  return {
    backend: 'node-aes-256-gcm',
    isWeak: false,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      if (data.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length === KEY_BYTES) return key;
    throw new Error(`secret key file ${keyFile} is not a ${KEY_BYTES}-byte key`);
  }
  const key = randomBytes(KEY_BYTES);
  // 'wx': never overwrite a key another process just wrote; that would orphan its secrets.
  writeFileSync(keyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
}
