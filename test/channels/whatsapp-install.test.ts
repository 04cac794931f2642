import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/engine.js';

/**
 * Installing Ponte never downloads a browser: whatsapp-web.js pulls in puppeteer, whose install script
 * would fetch Chrome (offline it fails, and with it `npm ci`). WhatsApp uses the system Chromium instead.
 */

const require = createRequire(join(ROOT, 'package.json'));
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.remove());

describe('installing without a browser download', () => {
  it('.puppeteerrc.cjs tells puppeteer to skip the download', () => {
    const config: unknown = require(join(ROOT, '.puppeteerrc.cjs'));
    expect(config).toMatchObject({ skipDownload: true });
  });

  it("package.json denies puppeteer's install script", () => {
    const pkg: { allowScripts?: Record<string, boolean> } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.allowScripts?.puppeteer).toBe(false);
  });

  it("puppeteer's own install script, run where npm runs it in a fresh clone, skips the download", () => {
    dir = tempDir('ponte-install-');
    // A clone's layout: the repository's files, and puppeteer's folder as the script's working directory.
    const repo = join(dir.path, 'repo');
    const packageDir = join(repo, 'node_modules', 'puppeteer');
    mkdirSync(packageDir, { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(repo, 'package.json'));
    const script = join(dirname(require.resolve('puppeteer/package.json')), 'install.mjs');
    const home = join(dir.path, 'home');
    mkdirSync(home);
    const install = (cache: string) =>
      spawnSync(process.execPath, [script], {
        cwd: packageDir,
        encoding: 'utf8',
        timeout: 60_000,
        // No PUPPETEER_SKIP_DOWNLOAD here: the file alone must do it. A download that starts anyway
        // goes to a closed local port, so it fails at once instead of fetching 150 MB.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          PUPPETEER_CACHE_DIR: cache,
          PUPPETEER_CHROME_DOWNLOAD_BASE_URL: 'http://127.0.0.1:9',
          PUPPETEER_CHROME_HEADLESS_SHELL_DOWNLOAD_BASE_URL: 'http://127.0.0.1:9',
        },
      });

    // Without the file, the script really tries to download (this is what the file prevents).
    const triedCache = join(dir.path, 'cache-without');
    const without = install(triedCache);
    expect(`${without.stdout}${without.stderr}`).not.toContain('Skipping downloading browsers');
    expect(readdirSync(triedCache).length).toBeGreaterThan(0);

    copyFileSync(join(ROOT, '.puppeteerrc.cjs'), join(repo, '.puppeteerrc.cjs'));
    const cache = join(dir.path, 'cache-with');
    mkdirSync(cache);
    const withFile = install(cache);
    expect(withFile.status).toBe(0);
    expect(withFile.stdout).toContain('Skipping downloading browsers as instructed');
    expect(readdirSync(cache)).toEqual([]);
  });
});
