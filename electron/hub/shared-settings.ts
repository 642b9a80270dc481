// What the owner shares with every till of a shop through the hub: the shop's name and receipt
// text, which provider sells each network, the packages offered, the sale guards, and Al-Qimah's
// service map. The owner's till pushes them when they change; the other tills pull them and keep
// working on their last copy while the hub is away. Nothing secret is among them: cashiers travel
// with their PIN hashes only (shared-cashiers.ts).
import { z } from 'zod';
import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import { alqimahServiceMapSchema, type AlqimahServiceMap } from '../providers/alqimah/service-map';
import type { HubPool } from './hub-connection';
import { sharedCashierSchema, type SharedCashier } from './shared-cashiers';

export const sharedSettingsSchema = settingsSchema
  .pick({ shopName: true, receiptHeader: true, receiptFooter: true, providerRoutes: true, packages: true, duplicateWindowMinutes: true, lowBalanceThreshold: true })
  // Optional: a shop shared before cashiers were leaves each till's own cashiers alone.
  .extend({ alqimahServiceMap: alqimahServiceMapSchema, cashiers: z.array(sharedCashierSchema).max(500).optional() });
export type SharedSettings = z.infer<typeof sharedSettingsSchema>;

export function sharedFrom(settings: Settings, serviceMap: AlqimahServiceMap, cashiers: SharedCashier[]): SharedSettings {
  const { shopName, receiptHeader, receiptFooter, providerRoutes, packages, duplicateWindowMinutes, lowBalanceThreshold } = settings;
  return { shopName, receiptHeader, receiptFooter, providerRoutes, packages, duplicateWindowMinutes, lowBalanceThreshold, alqimahServiceMap: serviceMap, cashiers };
}

export function settingsPatchOf(shared: SharedSettings): SettingsPatch {
  const { alqimahServiceMap: _map, cashiers: _cashiers, ...patch } = shared;
  return patch;
}

export async function pushSharedSettings(pool: HubPool, shopId: number, shared: SharedSettings): Promise<void> {
  await pool.query(
    `INSERT INTO pos_hub.shop_settings (shop_id, settings, updated_at) VALUES ($1, $2, clock_timestamp())
     ON CONFLICT (shop_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    [shopId, JSON.stringify(shared)],
  );
}

/** The shop's shared settings and when they last changed, or null when the owner shared none yet (or they do not parse). */
export async function pullSharedSettings(pool: HubPool): Promise<{ shared: SharedSettings; version: string } | null> {
  const rows = (await pool.query<{ settings: unknown; version: string }>('SELECT settings, updated_at::text AS version FROM pos_hub.shop_settings LIMIT 1')).rows;
  if (rows.length === 0) return null;
  const parsed = sharedSettingsSchema.safeParse(rows[0]!.settings);
  return parsed.success ? { shared: parsed.data, version: rows[0]!.version } : null;
}
