// The owner's provider accounts, encrypted at rest through a SecretBox (docs/architecture.md, "Trust boundary"). Values are
// written here and read back only by `credentialsFor`, which the provider registry calls in the
// main process; what leaves for the renderer is `status()`: set or not, and at most the last two
// characters of the non-secret fields (user name, account number) so the owner can tell accounts apart.
import type { ProviderId } from '../../shared/domain';
import { err, ok, type Result } from '../../shared/result';
import type { AccountFields, AccountsStatus } from '../../shared/ipc/accounts';
import { ACCOUNT_FIELDS, SECRET_FIELDS } from '../../shared/ipc/accounts';
import type { SecretBox } from '../platform/secret-box';
import type { Db } from '../store/database';

export type AccountsDeps = {
  db: Db;
  /** Null where the OS offers no encryption at all: accounts are then refused, never stored in clear. */
  box: SecretBox | null;
  now: () => number;
  /** Every value set is registered with the redacting logger so it can never reach a log line. */
  addSecret: (value: string) => void;
};

export function createAccounts({ db, box, now, addSecret }: AccountsDeps) {
  const select = db.prepare('SELECT field, ciphertext, backend FROM provider_secrets WHERE provider = ?');
  const upsert = db.prepare(
    `INSERT INTO provider_secrets (provider, field, ciphertext, backend, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (provider, field) DO UPDATE SET ciphertext = excluded.ciphertext, backend = excluded.backend, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM provider_secrets WHERE provider = ?');
  const listeners = new Set<(provider: ProviderId) => void>();

  function read(provider: ProviderId): Record<string, string> {
    const out: Record<string, string> = {};
    if (!box) return out;
    for (const row of select.all(provider) as { field: string; ciphertext: Buffer; backend: string }[]) {
      if (row.backend !== box.backend) continue;
      const plain = box.decrypt(row.ciphertext);
      if (plain !== null && plain !== '') out[row.field] = plain;
    }
    return out;
  }

  function changed(provider: ProviderId) {
    for (const listener of listeners) listener(provider);
  }

  // Values already stored are secrets of this run too: register them before anything logs.
  for (const provider of Object.keys(ACCOUNT_FIELDS) as ProviderId[]) for (const value of Object.values(read(provider))) addSecret(value);

  return {
    canStore: (): boolean => box !== null,
    /** Writes the given fields (others keep their value); an empty string clears a field. */
    set<P extends ProviderId>(provider: P, fields: Partial<AccountFields<P>>): Result<void> {
      if (!box) return err('secrets.unavailable', 'no encryption available on this computer');
      const at = now();
      db.transaction(() => {
        for (const [field, value] of Object.entries(fields) as [string, string | undefined][]) {
          if (value === undefined) continue;
          if (!(ACCOUNT_FIELDS[provider] as readonly string[]).includes(field)) continue;
          addSecret(value);
          upsert.run(provider, field, box.encrypt(value), box.backend, at);
        }
      })();
      changed(provider);
      return ok(undefined);
    },
    clear(provider: ProviderId): void {
      remove.run(provider);
      changed(provider);
    },
    /** For the provider registry only: null unless every field the provider needs is set. */
    async credentialsFor(provider: ProviderId): Promise<Record<string, string> | null> {
      const values = read(provider);
      return ACCOUNT_FIELDS[provider].every((field) => values[field]) ? values : null;
    },
    isConfigured(provider: ProviderId): boolean {
      const values = read(provider);
      return ACCOUNT_FIELDS[provider].every((field) => values[field]);
    },
    status(): AccountsStatus {
      const providers = (Object.keys(ACCOUNT_FIELDS) as ProviderId[]).map((provider) => {
        const values = read(provider);
        return {
          provider,
          configured: ACCOUNT_FIELDS[provider].every((field) => values[field]),
          fields: ACCOUNT_FIELDS[provider].map((field) => {
            const value = values[field];
            const isSecret = (SECRET_FIELDS as readonly string[]).includes(field);
            return { field, set: Boolean(value), hint: value && !isSecret && value.length > 4 ? value.slice(-2) : null };
          }),
        };
      });
      return { backend: box?.backend ?? 'none', weakEncryption: box?.isWeak ?? true, providers };
    },
    onChange(listener: (provider: ProviderId) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
