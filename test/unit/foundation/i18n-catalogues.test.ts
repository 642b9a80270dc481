// Both catalogues carry the same keys (Arabic is the reference), and every stable error code has
// its translation: a missing key fails here, not in front of a cashier.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/result';

const LOCALES = join(import.meta.dirname, '..', '..', '..', 'renderer', 'i18n', 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function keysOf(language: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES, language)).filter((f) => f.endsWith('.json'))) {
    const tree = JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Tree;
    for (const [k, v] of flatten(tree, file.replace(/\.json$/, ''))) all.set(k, v);
  }
  return all;
}

const ar = keysOf('ar');
const en = keysOf('en');
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));

describe('translation catalogues', () => {
  it('have the same files in ar and en', () => {
    expect(readdirSync(join(LOCALES, 'ar')).sort()).toEqual(readdirSync(join(LOCALES, 'en')).sort());
  });

  it('have the same keys in ar and en (plural forms aside)', () => {
    const missingInEn = [...base(ar.keys())].filter((k) => !base(en.keys()).has(k));
    const missingInAr = [...base(en.keys())].filter((k) => !base(ar.keys()).has(k));
    expect({ missingInEn, missingInAr }).toEqual({ missingInEn: [], missingInAr: [] });
  });

  it('give Arabic plurals all six forms', () => {
    const plurals = new Set([...ar.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    const incomplete = [...plurals].filter((k) => ['zero', 'one', 'two', 'few', 'many', 'other'].some((f) => !ar.has(`${k}_${f}`)));
    expect(incomplete).toEqual([]);
  });

  it('translate every stable error code in both languages', () => {
    const missing = errorCodes.filter((code) => !ar.has(`errors.${code}`) || !en.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const differing = [...ar.keys()].filter((k) => en.has(k) && vars(ar.get(k)!).join() !== vars(en.get(k)!).join());
    expect(differing).toEqual([]);
  });
});
