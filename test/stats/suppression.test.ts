import { describe, expect, it } from 'vitest';
import { suppress, type Line, type SuppressibleCell } from '../../src/stats/suppression.js';

const cell = (order: string, people: number): SuppressibleCell => ({ order, people, suppressed: null });

describe('suppress', () => {
  it('hides cells under 5 and the smallest other cell of a line with a single hidden one', () => {
    const a = cell('a', 3);
    const b = cell('b', 40);
    const c = cell('c', 9);
    const total = cell('total', 52);
    suppress([a, b, c, total], [{ margin: total, cells: [a, b, c] }]);
    expect([a.suppressed, b.suppressed, c.suppressed, total.suppressed]).toEqual(['small', null, 'complementary', null]);
  });

  it('leaves a line with two small cells as it is', () => {
    const cells = [cell('a', 2), cell('b', 4), cell('c', 30)];
    const total = cell('total', 36);
    suppress([...cells, total], [{ margin: total, cells }]);
    expect(cells.map((c) => c.suppressed)).toEqual(['small', 'small', null]);
  });

  it('hides the total of a line whose only row is small', () => {
    const only = cell('a', 4);
    const total = cell('total', 4);
    suppress([only, total], [{ margin: total, cells: [only] }]);
    expect(total.suppressed).toBe('small');
    const big = cell('b', 7);
    const bigTotal = cell('t', 7);
    suppress([big, bigTotal], [{ margin: bigTotal, cells: [big] }]);
    expect([big.suppressed, bigTotal.suppressed]).toEqual([null, null]);
  });

  it('repeats until no row or column of a two-way table has a single hidden cell', () => {
    // rows r1, r2; columns c1, c2, c3; r1c1 is small.
    const grid = [
      [cell('r1c1', 2), cell('r1c2', 10), cell('r1c3', 20)],
      [cell('r2c1', 15), cell('r2c2', 6), cell('r2c3', 25)],
    ];
    const rowTotals = grid.map((r, i) => cell(`r${i + 1}`, r.reduce((s, c) => s + c.people, 0)));
    const colTotals = [0, 1, 2].map((j) => cell(`c${j + 1}`, grid[0]![j]!.people + grid[1]![j]!.people));
    const grand = cell('all', rowTotals.reduce((s, c) => s + c.people, 0));
    const lines: Line<SuppressibleCell>[] = [
      ...grid.map((r, i) => ({ margin: rowTotals[i]!, cells: r })),
      ...[0, 1, 2].map((j) => ({ margin: colTotals[j]!, cells: [grid[0]![j]!, grid[1]![j]!] })),
      { margin: grand, cells: rowTotals },
      { margin: grand, cells: colTotals },
    ];
    suppress([...grid.flat(), ...rowTotals, ...colTotals, grand], lines);
    for (const line of lines) {
      const hidden = [line.margin, ...line.cells].filter((c) => c.suppressed !== null).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(grid[0]![0]!.suppressed).toBe('small');
    expect(grand.suppressed).toBeNull();
  });
});
