// Position arithmetic on plain ranges (0-based, end exclusive except that a cursor at the end still touches it).
import type { Position, Range } from '../analysis/types';

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when `p` is inside `range` or touches its end (where a hover or completion cursor usually sits). */
export function contains(range: Range, p: Position): boolean {
  return !before(p, range.start) && !before(range.end, p);
}

export function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
