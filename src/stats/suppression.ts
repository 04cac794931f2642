/**
 * Small-cell suppression for a table with margins.
 *
 * Primary: a row backed by fewer than `threshold` distinct people is hidden (`<5`).
 * Complementary: every total is the sum of the rows it covers, so a total together with the visible rows would
 * give a single hidden row away by subtraction. In every "line" (a total and the rows that add up to it) there
 * must therefore never be exactly one hidden figure; where there is, the smallest visible row of the line is
 * hidden too (`x`), or the total itself when the line has no other row. Hiding can create new single hides in
 * other lines, so this repeats until no line has one.
 */

export type Suppression = 'small' | 'complementary';

export interface SuppressibleCell {
  people: number;
  suppressed: Suppression | null;
  /** Stable order among equals (the row's key). */
  order: string;
}

export interface Line<C extends SuppressibleCell> {
  /** The total of the line. */
  margin: C;
  /** The rows that add up to it. */
  cells: C[];
}

export const SMALL_CELL_THRESHOLD = 5;

export function suppress<C extends SuppressibleCell>(all: C[], lines: Line<C>[], threshold = SMALL_CELL_THRESHOLD): void {
  for (const cell of all) if (cell.people > 0 && cell.people < threshold) cell.suppressed = 'small';
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = line.cells.filter((c) => c.suppressed !== null).length + (line.margin.suppressed !== null ? 1 : 0);
      if (hidden !== 1) continue;
      const partner = smallestVisible(line.cells) ?? line.margin;
      if (partner.suppressed === null) {
        partner.suppressed = 'complementary';
        changed = true;
      }
    }
  }
}

function smallestVisible<C extends SuppressibleCell>(cells: C[]): C | undefined {
  let best: C | undefined;
  for (const cell of cells) {
    if (cell.suppressed !== null) continue;
    if (!best || cell.people < best.people || (cell.people === best.people && cell.order < best.order)) best = cell;
  }
  return best;
}
