// The Node SecretBox: AES-256-GCM with a key file. A value round-trips; a tampered value, or one
// read with another key, is "not set" rather than garbage; the key file is private to the user.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeSecretBox } from '../../../electron/platform/secret-box';
import { csvField } from '../../../electron/reports/csv-export';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('the Node secret box', () => {
  it('round-trips Arabic and ASCII, never stores the plain text, and uses a fresh IV each time', () => {
    const box = createNodeSecretBox(join(temp.dir, 'a.key'));
    const one = box.encrypt('كلمة-سر-123');
    const two = box.encrypt('كلمة-سر-123');
    expect(one.equals(two)).toBe(false);
    expect(one.toString('utf8')).not.toContain('123');
    expect(box.decrypt(one)).toBe('كلمة-سر-123');
    expect(box.isWeak).toBe(false);
  });

  it('a tampered value or another key gives null; the same key file reads it back', () => {
    const file = join(temp.dir, 'b.key');
    const box = createNodeSecretBox(file);
    const sealed = box.encrypt('api-token-xyz');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(box.decrypt(tampered)).toBeNull();
    expect(box.decrypt(Buffer.alloc(5))).toBeNull();
    expect(createNodeSecretBox(join(temp.dir, 'c.key')).decrypt(sealed)).toBeNull();
    expect(createNodeSecretBox(file).decrypt(sealed)).toBe('api-token-xyz');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and new lines, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });
});
