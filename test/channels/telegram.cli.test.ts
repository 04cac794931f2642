import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { channelsToStart } from '../../src/app/channels.js';
import { ROOT, tempDir } from '../support/engine.js';
import { FAKE_TOKEN, FakeTelegram, textUpdate } from '../support/fake-telegram.js';

let dir: ReturnType<typeof tempDir> | undefined;
let fake: FakeTelegram | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
  dir?.remove();
  child = fake = dir = undefined;
});

/** `ponte start` as a real child process, with the environment an operator would set. */
function start(env: Record<string, string>) {
  dir = tempDir();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: dir.path, PONTE_DATA_DIR: dir.path, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = proc;
  const out = { stdout: '', stderr: '' };
  proc.stdout.on('data', (d) => (out.stdout += d));
  proc.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
  return { proc, out, exited };
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('which channels `ponte start` runs', () => {
  it('every configured platform, the terminal when no credentials are', () => {
    const none = { TELEGRAM_BOT_TOKEN: undefined, TELEGRAM_WEBHOOK_URL: undefined, WHATSAPP_ENABLED: false };
    expect(channelsToStart({ ...none, TELEGRAM_BOT_TOKEN: FAKE_TOKEN })).toEqual(['telegram']);
    expect(channelsToStart(none)).toEqual(['console']);
    expect(channelsToStart({ ...none, TELEGRAM_BOT_TOKEN: '' })).toEqual(['console']);
    expect(channelsToStart({ ...none, WHATSAPP_ENABLED: true })).toEqual(['whatsapp']);
    expect(channelsToStart({ ...none, TELEGRAM_BOT_TOKEN: FAKE_TOKEN, WHATSAPP_ENABLED: true })).toEqual(['telegram', 'whatsapp']);
    expect(() => channelsToStart({ ...none, TELEGRAM_WEBHOOK_URL: 'https://x.org/hook' })).toThrow(/TELEGRAM_BOT_TOKEN is not/);
  });
});

describe('`ponte start` with TELEGRAM_BOT_TOKEN', () => {
  it('runs the bot by long polling instead of the terminal, and stops cleanly on SIGTERM', async () => {
    fake = await FakeTelegram.start();
    const { proc, out, exited } = start({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    await until(() => fake!.callsOf('getUpdates').length > 0, 'the first getUpdates');
    fake.push(textUpdate('/start'));
    await until(() => fake!.callsOf('sendMessage').length === 2, 'the answer to /start');
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('Telegram: @ponte_test_bot is listening (long polling)');
    expect(out.stderr).toContain('SIGTERM: stopping');
    expect(out.stderr).toContain('Telegram: stopped');
    // The token never reaches the log.
    expect(out.stderr).not.toContain(FAKE_TOKEN.split(':')[1]);
    expect(fake.callsOf('setMyCommands')).toHaveLength(11);
  });

  it('a token Telegram refuses: one clear line, exit 1', async () => {
    fake = await FakeTelegram.start();
    const { out, exited } = start({ TELEGRAM_BOT_TOKEN: '654321:ANOTHER-token-that-is-revoked', TELEGRAM_API_ROOT: fake.apiRoot });
    expect(await exited).toBe(1);
    expect(out.stderr.trim()).toBe('ponte start: TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized): copy the token again from @BotFather (/mybots > API Token)');
  });

  it('another process polling with the same token (409): the reason, exit 1', async () => {
    fake = await FakeTelegram.start();
    fake.fail('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    const { out, exited } = start({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    expect(await exited).toBe(1);
    expect(out.stderr).toContain('ponte start: Telegram polling stopped: getUpdates: 409 Conflict: terminated by other getUpdates request');
    expect(out.stderr).toContain('is another Ponte running with this token');
  });

  it('a webhook URL without a token is a configuration error', async () => {
    const { out, exited } = start({ TELEGRAM_WEBHOOK_URL: 'https://ponte.example.org/hook' });
    expect(await exited).toBe(1);
    expect(out.stderr.trim()).toBe('ponte start: TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set the token too, or remove the URL');
  });
});
