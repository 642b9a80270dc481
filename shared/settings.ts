// The owner's settings: one zod object, each field with its default, so a fresh install needs no
// setup and every value written through IPC is validated with a clear error. Secrets are not here
// (they go through the secrets channels and are never read back).
import { z } from 'zod';
import { networkSchema, providerIdSchema } from './domain';
import { isLoopbackHost } from './loopback';
import { patchSchemaOf } from './patch-schema';
import { lineText, multiLineText, priceSchema } from './bounds';

export const languageSchema = z.enum(['ar', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Digits shown everywhere (screen, receipts, reports): Arabic-Indic or Western. Input accepts both. */
export const digitStyleSchema = z.enum(['arabic', 'western']);
export type DigitStyle = z.infer<typeof digitStyleSchema>;

const providerUrlSchema = z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(300)]);

export const packageSchema = z.object({
  network: networkSchema,
  code: lineText(64).trim().min(1),
  name: lineText(120).trim().min(1),
  price: priceSchema.optional(),
});
export type Package = z.infer<typeof packageSchema>;

/** A loopback or unspecified host is one no provider's platform can ever call. */
function isReachableFromOutside(url: string): boolean {
  // zod runs this check even after the URL check failed: a text that is no URL is refused there.
  return URL.canParse(url) && !isLoopbackHost(new URL(url).hostname);
}

export const settingsSchema = z.object({
  language: languageSchema.default('ar'),
  digitStyle: digitStyleSchema.default('western'),
  shopName: lineText(80).trim().default(''),
  receiptHeader: multiLineText(300).default(''),
  receiptFooter: multiLineText(300).default(''),
  /** Counter number on a shared provider account: part of every transaction id (docs/architecture.md, "Sales"). */
  counterNumber: z.number().int().min(0).max(99).default(1),
  lowBalanceThreshold: z.number().int().min(0).max(1_000_000_000).default(5_000_00),
  duplicateWindowMinutes: z.number().int().min(0).max(120).default(5),
  /** The providers' base URLs; empty means the documented address (electron/providers/registry.ts). */
  providerUrls: z
    .object({ alqimah: providerUrlSchema.default(''), weta: providerUrlSchema.default('') })
    .default({ alqimah: '', weta: '' }),
  /** Which provider sells each network, preferred first; the next one is the fallback. */
  providerRoutes: z.partialRecord(networkSchema, z.array(providerIdSchema).max(2)).default({}),
  /**
   * The packages the counter offers per network, as the owner edits them: Al-Qimah's offer codes
   * (its API has no list of sellable offers). Seeded with the document's example code.
   */
  packages: z.array(packageSchema).max(500).default([{ network: 'sabafon', code: 'PREWhatsApp', name: 'باقة واتساب' }]),
  /** Al-Qimah's webhook receiver (docs/architecture.md, "Sales"): off by default. */
  webhookEnabled: z.boolean().default(false),
  webhookPort: z.number().int().min(1024).max(65535).default(8787),
  /**
   * The public address Al-Qimah's platform calls, forwarded by the shop's router or a reverse proxy
   * to webhookPort. Empty: no WebHookURL is sent and status checks settle every sale.
   */
  webhookPublicUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(300).refine(isReachableFromOutside)]).default(''),
  /** Hours between automatic database backups (0: by hand only), and how many are kept. */
  backupEveryHours: z.number().int().min(0).max(168).default(24),
  backupKeep: z.number().int().min(1).max(100).default(14),
});
export type Settings = z.infer<typeof settingsSchema>;
/** A save names only the keys it changes; every other key keeps its stored value. */
export const settingsPatchSchema = patchSchemaOf(settingsSchema);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
