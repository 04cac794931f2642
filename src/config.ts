import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Configuration from the environment (and a `.env` file when present), validated once.
 * Only the CLI calls this: everything else receives the values it needs.
 */

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['', '0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), 'use 1 or 0')
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional());

const idList = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d+(\s*,\s*\d+)*$/.test(v), 'must be numeric Telegram user ids separated by commas')
  .transform((v) => (v === '' ? [] : v.split(',').map((s) => s.trim())));

const envSchema = z.object({
  PONTE_DATA_DIR: z.string().trim().min(1).default('./data'),
  PONTE_SECRET: z
    .string()
    .trim()
    .refine((v) => v === '' || v.length >= 32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d+:[\w-]{20,}$/.test(v), 'does not look like a BotFather token (123456:ABC...)')
    .optional(),
  TELEGRAM_API_ROOT: optionalUrl.optional(),
  TELEGRAM_WEBHOOK_URL: optionalUrl.optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[A-Za-z0-9_-]{1,256}$/.test(v), 'only letters, digits, _ and - (max 256)')
    .optional(),
  WHATSAPP_ENABLED: flag.default(false),
  CHROMIUM_PATH: z.string().trim().min(1).default('/usr/bin/chromium'),
  COORDINATOR_TELEGRAM_IDS: idList.default([]),
  DASHBOARD_TOKEN: z.string().trim().optional(),
  PONTE_COLLECT_UNANSWERED: flag.default(false),
  PONTE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** Absolute path of the data directory, created when missing. */
  dataDir: string;
  /** The key of pseudonymous hashes: PONTE_SECRET, or one generated and kept in the data directory. */
  secret: string;
}

/** Reads `.env` from the working directory into `process.env` (without overriding what is set). */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = join(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  return result.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnv(env);
  const dataDir = resolve(parsed.PONTE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const secret = parsed.PONTE_SECRET || readOrCreateSecret(dataDir);
  return { ...parsed, dataDir, secret };
}

/** The generated key lives beside the data it protects, readable by its owner only. */
export function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value.length >= 32) return value;
    throw new ConfigError(`${file} holds a key shorter than 32 characters: delete it to have a new one made`);
  }
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}
