// Electron's safeStorage behind the SecretBox interface: the key lives in the OS keychain (DPAPI,
// Keychain, libsecret/kwallet). On Linux without a keyring Electron falls back to `basic_text`, a
// fixed key; we still use it but report `isWeak` so the settings screen tells the owner plainly.
import { safeStorage } from 'electron';
import type { SecretBox } from './secret-box';

export function createSafeStorageBox(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const isWeak = linuxBackend === 'basic_text' || linuxBackend === 'unknown';
  return {
    backend: `safe-storage${linuxBackend ? `:${linuxBackend}` : ''}`,
    isWeak,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt(cipher) {
      try {
        return safeStorage.decryptString(cipher);
      } catch {
        return null;
      }
    },
  };
}
