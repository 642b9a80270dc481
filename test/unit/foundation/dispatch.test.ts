// The IPC edge: unknown channels, foreign senders, bad payloads and throwing handlers all come back
// as envelopes with stable codes; nothing escapes as an exception.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { channelNames } from '../../../shared/ipc';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices, type TestServices } from '../../support/test-services';

const temp = makeTempDir();
const lines: string[] = [];
let services: TestServices;

beforeAll(async () => {
  services = await startTestServices({ dataDir: temp.dir, log: createLogger((line) => lines.push(line)) });
});
afterAll(async () => {
  await services.stop();
  temp.remove();
});

const trusted = { trustedSender: true };

describe('dispatch', () => {
  it('refuses a sender that is not the app window before looking at anything else', async () => {
    expect(await services.dispatch('app.info', {}, { trustedSender: false })).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
  });

  it('refuses a channel that is not in the contract', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await services.dispatch(name, {}, trusted)).toMatchObject({ ok: false, error: { code: 'ipc.unknown_channel' } });
    }
  });

  it('answers a payload that does not parse with an input error naming the field and its bound', async () => {
    const result = await services.dispatch('settings.set', { counterNumber: 1000 }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'input.too_big', params: { max: 99, field: 'counterNumber' } } });
    if (!result.ok) expect(result.error.message).toContain('counterNumber');
  });

  it('never throws, whatever the payload, on any channel', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channelNames), fc.anything(), async (name, payload) => {
        const result = await services.dispatch(name, payload, trusted);
        return typeof result === 'object' && result !== null && typeof (result as { ok: unknown }).ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a setting and emits settings.changed', async () => {
    const seen: unknown[] = [];
    const stop = services.events.subscribe((name, payload) => seen.push([name, payload]));
    const result = await services.dispatch('settings.set', { shopName: 'محل الوفاء' }, trusted);
    stop();
    expect(result).toMatchObject({ ok: true, value: { shopName: 'محل الوفاء' } });
    expect(seen).toHaveLength(1);
    expect(await services.dispatch('settings.get', {}, trusted)).toMatchObject({ ok: true, value: { shopName: 'محل الوفاء' } });
  });
});

describe('the log', () => {
  it('redacts secret-named fields and registered secret values wherever they appear', () => {
    const out: string[] = [];
    const log = createLogger((line) => out.push(line));
    log.addSecret('s3cr3t-token-value');
    log.info('login with s3cr3t-token-value failed', { password: 'hunter22', nested: { apiToken: 'abc', note: 'x s3cr3t-token-value y' } });
    const text = out.join('\n');
    expect(text).not.toContain('s3cr3t-token-value');
    expect(text).not.toContain('hunter22');
    expect(text).not.toMatch(/"apiToken":"abc"/);
    expect(text).toContain('[redacted]');
  });
});
