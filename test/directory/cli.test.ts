import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** Runs `ponte nearest ...` as a child process from the repository root. */
const ponte = (...args: string[]) => runCli(['nearest', ...args], { env: { PONTE_LOG_LEVEL: 'error' } });

describe.concurrent('ponte nearest --json', () => {
  it('prints the place and the results for a location (Breno → Valle Camonica)', async () => {
    const r = await ponte('--json', '--location', '45.957119,10.302227', '--kind', 'sportello', '--limit', '2');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.place).toEqual({ istat: '017028', name: 'Breno', province: 'BS' });
    expect(out.results).toHaveLength(2);
    expect(out.results[0]).toEqual({ id: 'asp-valcamonica', name: expect.stringContaining('ASP Valcamonica'), kind: 'sportello', comune: 'Breno', distance_km: 0, open_now: null });
    expect(Object.keys(out.results[1]).sort()).toEqual(['comune', 'distance_km', 'id', 'kind', 'name', 'open_now']);
  });

  it('resolves a name with its CAP, and --at on Christmas closes the anagrafe', async () => {
    const r = await ponte('--json', '--place', 'Milano 20121', '--kind', 'anagrafe', '--at', '2026-12-25T10:00:00+01:00', '--limit', '1');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.place.name).toBe('Milano');
    expect(out.results[0]).toMatchObject({ kind: 'anagrafe', open_now: false });
  });

  it('prints candidates for a CAP shared by two comuni', async () => {
    const r = await ponte('--json', '--place', '20021');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      candidates: [
        { istat: '015027', name: 'Bollate', province: 'MI' },
        { istat: '015250', name: 'Baranzate', province: 'MI' },
      ],
    });
  });

  it.each([
    [['--place', 'Torino'], /outside Lombardy/],
    [['--location', '41.9028,12.4964'], /outside Lombardy/],
    [['--place', 'qwxzv'], /place not found/],
  ])('prints an error and exits 2 for %j', async (args, message) => {
    const r = await ponte('--json', ...args);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['error']);
    expect(out.error).toMatch(message);
  });

  it('exits 2 with the usage for bad arguments', async () => {
    const neither = await ponte('--json');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give exactly one of --location LAT,LON or --place TEXT/);
    expect(neither.stderr).toMatch(/usage:/);
    const badTopic = await ponte('--json', '--place', 'Bergamo', '--topic', 'nope');
    expect(badTopic.code).toBe(2);
    expect(badTopic.stderr).toMatch(/unknown topic "nope"/);
  });
});

describe('ponte nearest (table)', () => {
  it('prints a readable list', async () => {
    const r = await ponte('--place', 'bergmo', '--kind', 'sportello', '--limit', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Bergamo \(BG\) · ISTAT 016024\n {2}1\. Comune di Bergamo/);
    expect(r.stdout).toMatch(/sportello · Bergamo · 0\.0 km \(approximate position\) · hours unknown/);
  });
});
