// The stand-in's `safeStorage` (docs/api/safe-storage.md): Chromium's Linux basic_text backend.
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { readiness } from './lifecycle';

// Chromium's Linux basic_text backend: AES-128-CBC, key PBKDF2("peanuts", "saltysalt", 1), IV of spaces.
const BASIC_KEY = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
const BASIC_IV = Buffer.alloc(16, ' ');

export const safeStorage = {
  isEncryptionAvailable() {
    return readiness.ready;
  },
  getSelectedStorageBackend() {
    return 'basic_text';
  },
  encryptString(plain: string): Buffer {
    const cipher = createCipheriv('aes-128-cbc', BASIC_KEY, BASIC_IV);
    return Buffer.concat([Buffer.from('v10'), cipher.update(plain, 'utf8'), cipher.final()]);
  },
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-128-cbc', BASIC_KEY, BASIC_IV);
    return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString('utf8');
  },
};
