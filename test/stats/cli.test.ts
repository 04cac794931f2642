import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardTopicNames } from '../../src/cli/commands/dashboard.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore } from '../../src/stats/store.js';
import { knownSet, SECRET, tempDataDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const data = tempDataDir();

beforeAll(() => {
  const store = openStatsStore(data.dir);
  const sink = createStatsSink(store, { secret: SECRET });
  for (const e of knownSet()) sink(e);
  store.close();
});
afterAll(() => data.remove());

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PONTE_DATA_DIR: data.dir, PONTE_SECRET: SECRET, DASHBOARD_TOKEN: '', ...extra };
}

function ponte(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: env(extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('ponte stats summary', () => {
  it('prints a table by default', async () => {
    const { code, stdout } = await ponte(['stats', 'summary', '--by', 'language']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^en +<5 +<5/m);
    expect(stdout).toMatch(/^it +20 +20 +20 +0 +0 +0 +80%$/m);
    expect(stdout).toMatch(/^Total +34 +34 +28 +6 +6 +3 +80%$/m);
  });

  it('prints Italian headers, totals and notes with --lang it, and the same figures', async () => {
    const { code, stdout } = await ponte(['stats', 'summary', '--by', 'language', '--lang', 'it']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^lingua +persone +conversazioni +risposte +senza risposta +servizi +mediatore +utile$/m);
    expect(stdout).toMatch(/^it +20 +20 +20 +0 +0 +0 +80%$/m);
    expect(stdout).toMatch(/^Totale +34 +34 +28 +6 +6 +3 +80%$/m);
    expect(stdout).toContain('I totali comprendono anche le righe nascoste.');
  });

  it('prints CSV and JSON for a period', async () => {
    const csv = await ponte(['stats', 'summary', '--from', '2025-02-01', '--to', '2025-02-28', '--by', 'month,channel', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual([
      'month,channel,people,conversations,answers,abstentions,routes,mediator_requests,helpful_rate',
      '2025-02,telegram,8,8,8,0,0,0,',
      '2025-02,whatsapp,5,5,5,0,0,0,',
    ]);
    const json = await ponte(['stats', 'summary', '--format', 'json', '--by', 'quarter']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { rows: Array<{ key: { quarter: string }; figures: { people: number } }> };
    expect(parsed.rows.map((r) => [r.key.quarter, r.figures.people])).toEqual([['2025-Q1', 34], ['(all)', 34]]);
  });

  it('refuses bad arguments with exit code 2 and says what to type', async () => {
    for (const args of [
      ['stats'],
      ['stats', 'summry'],
      ['stats', 'summary', '--by', 'lingua'],
      ['stats', 'summary', '--from', '15/01/2025'],
      ['stats', 'summary', '--from', '2025-03', '--to', '2025-01'],
      ['stats', 'summary', '--format', 'xml'],
      ['stats', 'summary', '--lang', 'de'],
      ['stats', 'summary', '--by', 'month,week,quarter,channel,language'],
      ['stats', 'summary', '--colour'],
    ]) {
      const { code, stderr } = await ponte(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('usage:');
    }
  }, 60_000);

  it('prints "No events" for an empty data directory', async () => {
    const empty = tempDataDir();
    const { code, stdout } = await ponte(['stats', 'summary'], { PONTE_DATA_DIR: empty.dir });
    empty.remove();
    expect(code).toBe(0);
    expect(stdout).toContain('No events have been recorded yet.');
  });
});

describe('ponte dashboard', () => {
  it('serves on 127.0.0.1 until SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'dashboard', '--port', '0'], { cwd: ROOT, env: env() });
    let stdout = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) done(match[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    const response = await fetch(`${url}api/summary?by=language`);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { rows: Array<{ key: { language: string }; suppressed: string | null }> };
    expect(summary.rows.find((r) => r.key.language === 'en')?.suppressed).toBe('small');
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('dashboard stopped');
  });

  it('refuses to bind beyond localhost without DASHBOARD_TOKEN', async () => {
    const { code, stderr } = await ponte(['dashboard', '--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/DASHBOARD_TOKEN/);
  });

  it('refuses a bad port', async () => {
    const { code, stderr } = await ponte(['dashboard', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});

describe('ponte dashboard topic names', () => {
  it('reads the Italian description of every topic from knowledge/topics.yaml', () => {
    const names = dashboardTopicNames(ROOT);
    expect(names.size).toBeGreaterThan(20);
    expect(names.get('permesso-rinnovo')).toMatch(/^Rinnovo del permesso di soggiorno/);
  });

  it('has none outside the project folder or when the catalogue is broken: the ids alone still show', () => {
    const elsewhere = tempDataDir();
    try {
      expect(dashboardTopicNames(elsewhere.dir).size).toBe(0);
      mkdirSync(join(elsewhere.dir, 'knowledge'));
      writeFileSync(join(elsewhere.dir, 'knowledge', 'topics.yaml'), 'topics:\n  - id: [unclosed\n');
      expect(dashboardTopicNames(elsewhere.dir).size).toBe(0);
      writeFileSync(join(elsewhere.dir, 'knowledge', 'topics.yaml'), '');
      expect(dashboardTopicNames(elsewhere.dir).size).toBe(0);
    } finally {
      elsewhere.remove();
    }
  });
});
