// The owner's settings schema (defaults, refusals) and the CSV quoting, the latter as a property:
// whatever text a sale carries, a standard CSV reader gets the same text back (formulas defused).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingsPatchSchema, settingsSchema } from '../../../shared/settings';
import { csvField } from '../../../electron/reports/csv-export';

/** RFC 4180 reading of one line of fields. */
function readCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
    } else while (i < line.length && line[i] !== ',') field += line[i++];
    out.push(field);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

describe('settings', () => {
  it('a fresh install gets every default, webhook off, backups daily', () => {
    const s = settingsSchema.parse({});
    expect(s).toMatchObject({ language: 'ar', counterNumber: 1, webhookEnabled: false, webhookPort: 8787, backupEveryHours: 24, backupKeep: 14 });
    // Seeded with the document's example package, which the owner edits or removes.
    expect(s.packages).toEqual([{ network: 'sabafon', code: 'PREWhatsApp', name: 'باقة واتساب' }]);
    expect(s.providerUrls).toEqual({ alqimah: '', weta: '' });
  });

  it('refuses what the form must explain: out-of-range numbers, non-http addresses, a package without a code', () => {
    const refused = (patch: unknown) => !settingsPatchSchema.strict().safeParse(patch).success;
    expect(refused({ counterNumber: 100 })).toBe(true);
    expect(refused({ counterNumber: 1.5 })).toBe(true);
    expect(refused({ webhookPort: 80 })).toBe(true);
    expect(refused({ providerUrls: { alqimah: 'ftp://x.example', weta: '' } })).toBe(true);
    expect(refused({ providerUrls: { alqimah: 'https://softibs.com/rest-api', weta: '' } })).toBe(false);
    expect(refused({ packages: [{ network: 'yemen_mobile', code: ' ', name: 'x' }] })).toBe(true);
    expect(refused({ providerRoutes: { sabafon: ['weta', 'alqimah'] } })).toBe(false);
    expect(refused({ providerRoutes: { sabafon: ['other'] } })).toBe(true);
    expect(refused({ unknownKey: 1 })).toBe(true);
  });
});

describe('CSV fields', () => {
  it('any text survives a standard CSV reader, a formula start only gaining its apostrophe', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = fields.map(csvField).join(',');
        const back = readCsvLine(line);
        expect(back).toEqual(fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)));
      }),
      { numRuns: 500 },
    );
  });
});
