import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseEnv } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { tempDir } from './support/engine.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

describe('configuration from the environment', () => {
  it('has working defaults: no credentials means the terminal', () => {
    const env = parseEnv({});
    expect(env.PONTE_DATA_DIR).toBe('./data');
    expect(env.WHATSAPP_ENABLED).toBe(false);
    expect(env.CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(env.COORDINATOR_TELEGRAM_IDS).toEqual([]);
  });

  it('generates the secret on first run, keeps it private, and reuses it', () => {
    dir = tempDir();
    const first = loadConfig({ PONTE_DATA_DIR: dir.path });
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir.path, 'secret.key')).mode & 0o077).toBe(0);
    expect(loadConfig({ PONTE_DATA_DIR: dir.path }).secret).toBe(first.secret);
    expect(readFileSync(join(dir.path, 'secret.key'), 'utf8').trim()).toBe(first.secret);
  });

  it('prefers PONTE_SECRET when set', () => {
    dir = tempDir();
    expect(loadConfig({ PONTE_DATA_DIR: dir.path, PONTE_SECRET: 'x'.repeat(40) }).secret).toBe('x'.repeat(40));
  });

  it.each([
    [{ PONTE_SECRET: 'short' }, 'PONTE_SECRET: must be at least 32 characters'],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, 'TELEGRAM_BOT_TOKEN: does not look like a BotFather token'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT: must be an http(s) URL'],
    [{ WHATSAPP_ENABLED: 'maybe' }, 'WHATSAPP_ENABLED: use 1 or 0'],
    [{ COORDINATOR_TELEGRAM_IDS: '12,abc' }, 'COORDINATOR_TELEGRAM_IDS: must be numeric Telegram user ids'],
    [{ TELEGRAM_WEBHOOK_PORT: '99999' }, 'TELEGRAM_WEBHOOK_PORT:'],
  ])('a bad value gets one clear line: %o', (env, message) => {
    expect(() => parseEnv(env)).toThrow(ConfigError);
    expect(() => parseEnv(env)).toThrow(message);
  });

  it('parses lists and flags', () => {
    const env = parseEnv({ COORDINATOR_TELEGRAM_IDS: '12, 34', WHATSAPP_ENABLED: 'true' });
    expect(env.COORDINATOR_TELEGRAM_IDS).toEqual(['12', '34']);
    expect(env.WHATSAPP_ENABLED).toBe(true);
  });
});
