// selectKth (the quorum arrival in raftEstimate, the (q-1)-th vote in electionTime): the k-th smallest
// key, as a full sort gives it, for every k, with ties and on short and long lists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectKth } from '../../../server/src/model/stats';

describe('selectKth', () => {
  it('returns the index of the k-th smallest key and leaves no larger key before it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true })), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.nat(),
        (values, pick) => {
          const keys = Float64Array.from(values);
          const k = 1 + (pick % keys.length);
          const order = Int32Array.from(keys.keys());
          const index = selectKth(keys, order, keys.length, k);
          const sorted = [...keys].sort((a, b) => a - b);
          expect(keys[index]).toBe(sorted[k - 1]);
          expect(order[k - 1]).toBe(index);
          for (let i = 0; i < k - 1; i++) expect(keys[order[i]!]!).toBeLessThanOrEqual(keys[index]!);
          for (let i = k; i < keys.length; i++) expect(keys[order[i]!]!).toBeGreaterThanOrEqual(keys[index]!);
          expect([...order].sort((a, b) => a - b)).toEqual([...keys.keys()]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
