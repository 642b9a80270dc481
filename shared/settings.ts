// The owner's settings: one zod object, each field with its default, so a fresh install needs no
// setup and every value written through IPC is validated with a clear error. Secrets are not here
// (they go through the secrets channels and are never read back).
import { z } from 'zod';

export const languageSchema = z.enum(['ar', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const settingsSchema = z.object({
  language: languageSchema.default('ar'),
  /** Digits shown in the UI: Arabic-Indic or Western. Input always accepts both. */
  digitStyle: z.enum(['arabic', 'western']).default('western'),
  shopName: z.string().trim().max(80).default(''),
  receiptHeader: z.string().max(300).default(''),
  receiptFooter: z.string().max(300).default(''),
  /** Counter number on a shared provider account: part of every transaction id (DESIGN §7). */
  counterNumber: z.number().int().min(0).max(99).default(1),
  paperWidth: z.enum(['58', '80']).default('80'),
  lowBalanceThreshold: z.number().int().min(0).max(1_000_000_000).default(5_000_00),
  duplicateWindowMinutes: z.number().int().min(0).max(120).default(5),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
