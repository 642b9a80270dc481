// The hub service: built once in services.ts. Without a link it does nothing at all (no
// connection, no outbox: the journal's trigger writes none). Once this till has joined a shop it
// ships the outbox in the background; a sale never waits for it.
import type { ProviderId } from '../../shared/domain';
import type { HubDrift, HubStatus, HubTotals } from '../../shared/ipc/hub';
import type { Money } from '../../shared/money';
import { accountDrift, type BalanceReading } from './hub-drift';
import { ownerTotals } from './hub-totals';
import { err, ok, type ErrorCode, type Result } from '../../shared/result';
import type { Accounts } from '../accounts/accounts';
import type { ServiceMapStore } from '../accounts/service-map-store';
import { pullSharedSettings, pushSharedSettings, settingsPatchOf, sharedFrom } from './shared-settings';
import { applySharedCashiers, sharedCashiersOf } from './shared-cashiers';
import type { Cashiers } from '../cashiers/cashiers';
import type { EventBus } from '../events';
import type { AppLogger } from '../log';
import type { SecretBox } from '../platform/secret-box';
import type { Db } from '../store/database';
import type { SettingsRepository } from '../store/settings-repository';
import { formatHubAddress, openHubPool, parseHubAddress, sqlState, type HubAddress, type HubEndpoint, type HubPool } from './hub-connection';
import { certificateFingerprint, certificateForJoin, joinFingerprint, parseCertificatePem, tlsFailure } from './hub-certificate';
import { claimCounter, isLoginRefused, readClaimedCounter } from './hub-join';
import { counterRoleName, createJoinCode, createShop, formatJoinCode, installHubSchema, parseJoinCode, providerAccountKey, randomToken } from './hub-owner';
import { createHubStore, type HubLink } from './hub-store';
import { createShipper, DEFAULT_SHIPPER, type Shipper, type ShipperOptions } from './shipper';
import { hubSaleDetail, searchHubHistory } from './hub-history';
import type { HistoryDetail, HistoryPage, HistoryQuery } from '../../shared/ipc/history';

export type HubDeps = {
  db: Db;
  box: SecretBox | null;
  now: () => number;
  log: AppLogger;
  events: EventBus;
  settings: SettingsRepository;
  accounts: Accounts;
  serviceMap: ServiceMapStore;
  /** Shared from the owner's till when they change there; pulled by the others. */
  cashiers: Pick<Cashiers, 'onChange'>;
  /** The agent balance of a provider account, read now (the owner's till reads its drift with it). */
  readBalance: (provider: ProviderId) => Promise<Result<Money>>;
  /** How often a till (not the owner's) pulls the shop's shared settings. */
  pullEveryMs?: number;
  /** electron/hub/hub-schema.sql where the app runs from. */
  schemaFile: string;
  /** How long a history search waits for the hub before answering from this till alone. */
  searchTimeoutMs?: number;
  shipper?: Partial<ShipperOptions>;
  /**
   * TLS, verified, even when the hub is on loopback: the rule every hub on another computer gets.
   * The tests use it to exercise that rule against a hub on 127.0.0.1.
   */
  alwaysTls?: boolean;
};

/** The non-secret field that names each provider account (never a password or token). */
const ACCOUNT_IDENTIFIER: Record<ProviderId, readonly string[]> = { alqimah: ['accountNumber', 'userName'], weta: ['username'] };

export function createHub(deps: HubDeps) {
  const store = createHubStore(deps.db, deps.box, deps.now);
  let counterPool: HubPool | null = null;
  let shipper: Shipper | null = null;

  for (const secret of [store.counterPassword(), store.ownerPassword(), store.pendingJoin()?.password]) if (secret) deps.log.addSecret(secret);

  let stopPulling: (() => void) | null = null;
  let pulledVersion: string | null = null;

  function startShipping(): void {
    const link = store.link();
    const password = store.counterPassword();
    if (link && !password) deps.log.warn('this till is in a shop but its hub password cannot be read here; nothing is shipped until it joins again');
    if (!link || !password || shipper) return;
    const pool = openHubPool(link, link.role, password, deps.log, 2, deps.alwaysTls);
    counterPool = pool;
    shipper = createShipper({ db: deps.db, link, pool, log: deps.log, now: deps.now, ...(deps.shipper ? { options: deps.shipper } : {}) });
    shipper.start();
    // The owner's till is where shared settings come from; every other till pulls them.
    if (!store.owner()) {
      void pullSettings();
      const timer = setInterval(() => void pullSettings(), deps.pullEveryMs ?? 60_000);
      timer.unref?.();
      stopPulling = () => clearInterval(timer);
    }
  }

  async function pullSettings(): Promise<boolean> {
    if (!counterPool) return false;
    try {
      const pulled = await pullSharedSettings(counterPool);
      if (!pulled || pulled.version === pulledVersion) return false;
      const settings = deps.settings.update(settingsPatchOf(pulled.shared));
      deps.serviceMap.write(JSON.stringify(pulled.shared.alqimahServiceMap));
      if (pulled.shared.cashiers && !applySharedCashiers(deps.db, pulled.shared.cashiers, deps.now())) {
        deps.log.warn('shared cashiers not applied: the list has no owner');
      }
      pulledVersion = pulled.version;
      deps.events.emit('settings.changed', settings);
      deps.log.info('shared settings pulled from the hub');
      return true;
    } catch (cause) {
      // The till keeps its last copy; the next pull tries again.
      deps.log.warn('shared settings not pulled', { error: (cause as Error).message });
      return false;
    }
  }

  async function pushSettingsOnce(): Promise<void> {
    const shared = sharedFrom(deps.settings.read(), deps.serviceMap.read(), sharedCashiersOf(deps.db));
    const pushed = await asOwner(async (pool, owner) => {
      if (owner.shopId !== null) await pushSharedSettings(pool, owner.shopId, shared);
    });
    if (!pushed.ok) deps.log.warn('shared settings not pushed', { code: pushed.error.code });
  }

  // One push at a time, and the last request wins: saves that come while one is on its way are
  // folded into one more push of the state as it is then, so an earlier state can never reach
  // the hub after a later one (docs/architecture.md, "The shop hub").
  let pushing: Promise<void> | null = null;
  let pushAgain = false;
  function pushSettings(): Promise<void> {
    if (pushing) {
      pushAgain = true;
      return pushing;
    }
    pushing = (async () => {
      do {
        pushAgain = false;
        await pushSettingsOnce();
      } while (pushAgain);
    })().finally(() => (pushing = null));
    return pushing;
  }

  startShipping();
  const unsubscribe = deps.events.subscribe((name) => {
    if (name === 'sale.updated') shipper?.wake();
    if (name === 'settings.changed' && store.owner()) void pushSettings();
  });
  const unsubscribeCashiers = deps.cashiers.onChange(() => {
    if (store.owner()) void pushSettings();
  });

  /** This till's provider accounts, each by its key on the hub. */
  async function accounts(): Promise<{ provider: ProviderId; key: string }[]> {
    const found: { provider: ProviderId; key: string }[] = [];
    for (const provider of Object.keys(ACCOUNT_IDENTIFIER) as ProviderId[]) {
      const fields = await deps.accounts.credentialsFor(provider);
      const identifier = ACCOUNT_IDENTIFIER[provider].map((name) => fields?.[name]).find(Boolean);
      if (identifier) found.push({ provider, key: providerAccountKey(provider, identifier) });
    }
    return found;
  }
  const accountKeys = async (): Promise<string[]> => (await accounts()).map((a) => a.key);

  /** Each of the owner's provider accounts whose balance can be read now, with its drift since the last reading. */
  async function drift(): Promise<Result<HubDrift>> {
    const readings: BalanceReading[] = [];
    for (const account of await accounts()) {
      const balance = await deps.readBalance(account.provider);
      if (balance.ok) readings.push({ provider: account.provider, accountKey: account.key, at: deps.now(), balance: balance.value });
      else deps.log.warn('balance not read for the drift', { provider: account.provider, code: balance.error.code });
    }
    return asOwner(async (pool) => {
      const lines = [];
      for (const reading of readings) lines.push(await accountDrift(pool, reading));
      return { accounts: lines };
    });
  }

  /** Writes the link the hub gave this till, takes its number, and starts shipping. */
  function completeJoin(link: HubLink, password: string): void {
    store.saveLink(link, password);
    const settings = deps.settings.update({ counterNumber: link.counterNumber });
    deps.events.emit('settings.changed', settings);
    deps.log.info('joined the shop hub', { shop: link.shopId, counter: link.counterNumber });
    startShipping();
  }

  /**
   * Finishes a join the hub took but this till never wrote down (stopped in between): true when it
   * is now linked. A pending password the hub refuses was never given to the role, so it is dropped.
   * Asked at `at` when the cashier types an address now (the pending one may be a mistyped one).
   */
  async function finishPendingJoin(at?: HubEndpoint): Promise<boolean> {
    const pending = store.pendingJoin();
    if (!pending || store.link()) return false;
    try {
      const link = await readClaimedCounter(at ?? pending, pending.role, pending.password, deps.log, deps.now, deps.alwaysTls);
      if (!link) return false;
      completeJoin(link, pending.password);
      return true;
    } catch (cause) {
      if (!isLoginRefused(cause)) throw cause;
      store.clearPendingJoin();
      return false;
    }
  }

  async function joinOnce(typed: HubAddress, code: NonNullable<ReturnType<typeof parseJoinCode>>, given: string | null): Promise<Result<HubStatus>> {
    if (store.link()) return err('hub.already_linked', 'this counter already belongs to a shop');
    const role = counterRoleName(code);
    try {
      const address: HubEndpoint = { ...typed, certificate: await certificateForJoin(typed, code.fingerprint, given) };
      // An earlier code this till may already hold a number with: never take a second one.
      if (store.pendingJoin()?.role !== role && (await finishPendingJoin(address))) return ok(status());
      const pending = store.pendingJoin();
      const password = pending?.role === role ? pending.password : randomToken(32);
      deps.log.addSecret(password);
      if (pending?.role !== role) store.savePendingJoin({ ...address, role, password });
      try {
        completeJoin(await claimCounter(address, code, password, deps.log, deps.now, deps.alwaysTls), password);
      } catch (cause) {
        // The code's password no longer opens its role: this till's earlier attempt (stopped after
        // the hub's commit) gave it the pending password, or another till used the code.
        if (!isLoginRefused(cause) || !(await finishPendingJoin(address))) throw cause;
      }
      return ok(status());
    } catch (cause) {
      return hubError(cause, 'hub.invalid_code');
    }
  }

  let joining: Promise<unknown> = Promise.resolve();
  /** One join at a time (a second press, or the start-up's pending join, waits for the first). */
  function join(address: HubAddress, codeText: string, given: string | null): Promise<Result<HubStatus>> {
    if (store.link()) return Promise.resolve(err('hub.already_linked', 'this counter already belongs to a shop'));
    if (!store.canStore()) return Promise.resolve(err('secrets.unavailable', 'no encryption available'));
    const code = parseJoinCode(codeText);
    if (!code) return Promise.resolve(err('hub.invalid_code', 'not a join code'));
    const joined = joining.then(() => joinOnce(address, code, given));
    joining = joined.catch(() => undefined);
    return joined;
  }

  // A join the hub may have taken before this till stopped is finished at start-up, and again
  // after each back-off while the hub cannot be reached, so the till does not wait for the code
  // to be typed again.
  let closing = false;
  let pendingRetry: ReturnType<typeof setTimeout> | null = null;
  function finishPendingJoinAfter(delayMs: number): void {
    pendingRetry = setTimeout(() => {
      pendingRetry = null;
      joining = joining.then(() =>
        finishPendingJoin().catch((cause: unknown) => {
          deps.log.warn('pending hub join not finished, trying again later', { error: (cause as Error).message });
          if (!closing) finishPendingJoinAfter(deps.shipper?.backoffMaxMs ?? DEFAULT_SHIPPER.backoffMaxMs);
        }),
      );
    }, delayMs);
    pendingRetry.unref?.();
  }
  if (!store.link() && store.pendingJoin()) finishPendingJoinAfter(0);

  function status(): HubStatus {
    const link = store.link();
    const trusted = link?.certificate ?? store.owner()?.certificate ?? null;
    const shipping = shipper?.status();
    return {
      linked: link !== null,
      owner: store.owner() !== null,
      address: link ? formatHubAddress(link) : null,
      shopName: link?.shopName ?? null,
      counterNumber: link?.counterNumber ?? null,
      certificateFingerprint: trusted ? certificateFingerprint(trusted) : null,
      queued: shipping?.queued ?? 0,
      lastShippedAt: shipping?.lastShippedAt ?? null,
      unreachableSince: unreachableSince(),
    };
  }

  /** The owner's role, for as long as `fn` runs. */
  async function asOwner<T>(fn: (pool: HubPool, owner: NonNullable<ReturnType<typeof store.owner>>) => Promise<T>): Promise<Result<T>> {
    const owner = store.owner();
    const password = store.ownerPassword();
    if (!owner || !password) return err('hub.not_linked', 'this till holds no owner role on a hub');
    const pool = openHubPool(owner, owner.role, password, deps.log, 1, deps.alwaysTls);
    try {
      const value = await fn(pool, owner);
      shipper?.hubAnswered();
      return ok(value);
    } catch (cause) {
      const failed = hubError(cause, 'hub.auth_failed');
      if (!failed.ok && failed.error.code === 'hub.unreachable') shipper?.hubSilent();
      return failed;
    } finally {
      await pool.end();
    }
  }

  /**
   * Asks the hub, bounded by the search time-out; null when this till is in no shop, or the hub is
   * away (found now, or known from an attempt too recent to try again), so the caller answers from
   * the journal. A search is a person's action, so while the hub is away it is also the probe that
   * finds it back: an answer wakes the shipper out of its back-off.
   */
  async function fromHub<T>(ask: (pool: HubPool) => Promise<T>): Promise<T | null> {
    if (!counterPool || (shipper && !shipper.probeDue())) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('hub search timed out')), deps.searchTimeoutMs ?? 1_500);
    });
    try {
      const answer = await Promise.race([ask(counterPool), timeout]);
      shipper?.hubAnswered();
      return answer;
    } catch (cause) {
      shipper?.hubSilent();
      deps.log.warn('hub search failed, answering from this counter', { error: (cause as Error).message });
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Since when the hub is known to be away (shipping, searching or the owner's reads), or null. */
  const unreachableSince = (): number | null => shipper?.status().failingSince ?? null;

  const selectQueuedSales = deps.db.prepare('SELECT count(DISTINCT o.tx_id) FROM hub_outbox o JOIN sales s ON s.tx_id = o.tx_id WHERE s.training = 0').pluck();

  /** The owner's totals across every till and shop of the hub, from `from` to `to` (epoch ms). */
  async function totals(from: number, to: number): Promise<Result<HubTotals>> {
    const read = await asOwner((pool) => ownerTotals(pool, from, to, deps.now()));
    return read.ok ? ok({ ...read.value, queuedHere: selectQueuedSales.get() as number }) : read;
  }

  return {
    status,
    /** History across every till of the shop; null when not in a shop or the hub is away. */
    searchHistory: (q: HistoryQuery): Promise<HistoryPage | null> => fromHub((pool) => searchHubHistory(pool, q)),
    /** Another till's sale, from the hub; null when not found there or the hub is away. */
    saleDetail: async (id: string): Promise<HistoryDetail | null> => (await fromHub((pool) => hubSaleDetail(pool, id))) ?? null,
    unreachableSince,
    /** Installs the schema with the owner's role, creates the shop, and joins this till as its first counter. */
    async createShop(input: {
      address: string;
      user: string;
      password: string;
      shopName: string;
      counterLabel: string;
      certificate?: string | undefined;
    }): Promise<Result<HubStatus>> {
      if (store.link()) return err('hub.already_linked', 'this counter already belongs to a shop');
      if (!store.canStore()) return err('secrets.unavailable', 'no encryption available');
      const address = parseHubAddress(input.address);
      if (!address) return err('hub.invalid_address', 'the hub address is host[:port]/database');
      const certificate = givenCertificate(input.certificate);
      if (certificate === undefined) return err('hub.invalid_certificate', 'not a PEM certificate');
      deps.log.addSecret(input.password);
      const pool = openHubPool({ ...address, certificate }, input.user, input.password, deps.log, 1, deps.alwaysTls);
      let code: string;
      try {
        await installHubSchema(pool, deps.schemaFile);
        const shopId = await createShop(pool, input.shopName, await accountKeys());
        code = formatJoinCode(await createJoinCode(pool, shopId, input.counterLabel, address.database));
        store.saveOwner({ ...address, certificate, role: input.user, shopId }, input.password);
        await pushSharedSettings(pool, shopId, sharedFrom(deps.settings.read(), deps.serviceMap.read(), sharedCashiersOf(deps.db)));
        deps.log.info('shop created on the hub', { shop: shopId });
      } catch (cause) {
        return hubError(cause, 'hub.auth_failed');
      } finally {
        await pool.end();
      }
      return join(address, code, certificate);
    },
    /** A one-time code for one more counter of the owner's shop. */
    async joinCode(label: string): Promise<Result<{ code: string; certificateByHand: boolean }>> {
      return asOwner(async (pool, owner) => {
        if (owner.shopId === null) throw new Error('no shop');
        // Asked first: a code whose role is made but which never reaches the owner is of no use.
        const fingerprint = owner.certificate ? await joinFingerprint(owner, owner.certificate) : null;
        const code = await createJoinCode(pool, owner.shopId, label, owner.database);
        deps.log.info('join code issued', { shop: owner.shopId });
        return { code: formatJoinCode(code, fingerprint), certificateByHand: owner.certificate !== null && fingerprint === null };
      });
    },
    async join(addressText: string, code: string, certificateText?: string): Promise<Result<HubStatus>> {
      const address = parseHubAddress(addressText);
      if (!address) return err('hub.invalid_address', 'the hub address is host[:port]/database');
      const certificate = givenCertificate(certificateText);
      if (certificate === undefined) return err('hub.invalid_certificate', 'not a PEM certificate');
      return join(address, code, certificate);
    },
    totals,
    /** The provider balance drift per account across every till on it, since the owner last asked. */
    drift,
    /** Pulls the shop's shared settings now (a till that is not the owner's); true when they changed here. */
    pullSettings,
    /**
     * The database was just restored from a backup: the shop's shared settings, not the backup's,
     * are this till's, so a till that pulls them takes them again now (the owner's till pushes its
     * restored ones on the settings change the restore announces).
     */
    restored(): void {
      pulledVersion = null;
      if (!store.owner()) void pullSettings();
    },
    /** Ships what is queued now, for tests and the bench; the background shipper does the same. */
    async shipNow(): Promise<number> {
      return shipper ? shipper.shipOnce() : 0;
    },
    async close(): Promise<void> {
      unsubscribe();
      unsubscribeCashiers();
      stopPulling?.();
      // A join on its way (or a pending one being finished) writes to the database: let it finish first.
      closing = true;
      if (pendingRetry) clearTimeout(pendingRetry);
      await joining;
      await pushing;
      await shipper?.stop();
      shipper = null;
      await counterPool?.end().catch(() => undefined);
      counterPool = null;
    },
  };
}
export type Hub = ReturnType<typeof createHub>;

/** The certificate the owner pasted or chose: null when none, undefined when it is not PEM certificates. */
function givenCertificate(text: string | undefined): string | null | undefined {
  if (!text?.trim()) return null;
  return parseCertificatePem(text) ?? undefined;
}

/** A pg failure as a stable code: TLS refused, unreachable, refused credentials, or refused by the hub's rules. */
function hubError(cause: unknown, authCode: ErrorCode): Result<never> {
  const tls = tlsFailure(cause);
  if (tls) return err(tls.code, tls.message);
  const state = sqlState(cause);
  const message = (cause as Error).message ?? String(cause);
  if (state === '28P01' || state === '28000') return err(authCode, 'the hub refused these credentials');
  if (state === '42501') return err(/already used/.test(message) ? 'hub.code_used' : 'hub.forbidden', message);
  if (state === '3D000') return err('hub.invalid_address', 'no such database on the hub');
  if (state === null || state.startsWith('08') || state.startsWith('57')) return err('hub.unreachable', message);
  return err('hub.failed', message);
}
