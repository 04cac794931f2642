import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelsToStart } from '../../src/app/channels.js';
import { ROOT, tempDir } from '../support/engine.js';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.remove());

const CHROMIUM = '/usr/bin/chromium';

/** `ponte start` as a real child process; `until` decides when to send SIGTERM (never, if absent). */
function start(env: Record<string, string>, until?: (stderr: string) => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir!.path, PONTE_DATA_DIR: dir!.path, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const watch = setInterval(() => {
      if (until?.(stderr)) {
        clearInterval(watch);
        child.kill('SIGTERM');
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(watch);
      resolve({ code, stdout, stderr });
    });
    // A terminal conversation would start from this: with WhatsApp on, nobody reads stdin.
    child.stdin.write('/start\n');
  });
}

describe('ponte start with WhatsApp', () => {
  it('chooses the channels: WhatsApp when enabled, otherwise the terminal', () => {
    expect(channelsToStart({ WHATSAPP_ENABLED: true })).toEqual(['whatsapp']);
    expect(channelsToStart({ WHATSAPP_ENABLED: false })).toEqual(['console']);
  });

  it('without Chromium: one clear line, exit 1, and no terminal chat instead', async () => {
    dir = tempDir();
    const { code, stdout, stderr } = await start({ WHATSAPP_ENABLED: '1', CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('ponte start: CHROMIUM_PATH: /nonexistent/chromium does not exist: install Chromium for WhatsApp (apt-get install chromium) or set CHROMIUM_PATH');
  });

  it.skipIf(!existsSync(CHROMIUM))('starts the system Chromium with the session in the data dir, and shuts down cleanly on SIGTERM', async () => {
    dir = tempDir();
    const profile = join(dir.path, 'whatsapp', 'session');
    // Signal once Chromium has created its profile (it launched), whether or not WhatsApp Web is reachable.
    const { code, stdout, stderr } = await start({ WHATSAPP_ENABLED: '1', CHROMIUM_PATH: CHROMIUM }, (err) => err.includes('starting WhatsApp Web') && existsSync(join(profile, 'Default')));
    expect(stderr).toContain(`WhatsApp: starting WhatsApp Web (session in ${join(dir.path, 'whatsapp')})`);
    expect(stderr).toContain('SIGTERM: stopping');
    expect(stderr).toContain('WhatsApp: stopped (0 messages answered)');
    expect(code).toBe(0);
    expect(stdout).not.toContain('Ciao! Sono Ponte');
    // No Chromium of this test is left behind.
    const processes = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
    const left = processes.split('\n').filter((line) => line.includes(dir!.path) && !line.startsWith('Z'));
    expect(left).toEqual([]);
  });
});
