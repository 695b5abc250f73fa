// The real-etcd lab's disturbance check (scripts/validate-etcd/disturbance.ts), on figures the lab really printed:
// undisturbed runs from docs/validation.md and the disturbed CI run of 2026-12-03 (load average 3.14 on 2 cores).
import { describe, expect, it } from 'vitest';
import { disturbance, type MeasuredLab } from '../../../scripts/validate-etcd/disturbance';

const link = (pair: string, set: [number, number], got: [number, number]): MeasuredLab['rtt'][number] => ({
  pair,
  configured: { meanMs: set[0], sdMs: set[1] },
  measured: { meanMs: got[0], sdMs: got[1], n: 40 },
});
const disk = (member: string, meanMs: number, sdMs: number): MeasuredLab['fsync'][number] => ({
  member,
  meanMs,
  sdMs,
  count: 300,
});

describe('disturbance of the real-etcd lab', () => {
  it('accepts the undisturbed runs of docs/validation.md, including the noisiest', () => {
    const wanFollower: MeasuredLab = {
      fsyncDelayUs: 10_000,
      rtt: [
        link('A-A', [1, 0.3], [3.04, 1.79]),
        link('B-B', [1, 0.3], [2.76, 0.51]),
        link('A-B', [30, 4], [30.7, 4.79]),
        link('B-C', [70, 8], [70.8, 8.08]),
      ],
      fsync: [disk('m1', 10.4, 0.12), disk('m2', 10.5, 0.2)],
    };
    const fastLeader: MeasuredLab = {
      fsyncDelayUs: 1000,
      rtt: [link('A-A', [0, 0], [0.53, 0.54]), link('A-B', [10, 0], [11.1, 1.71]), link('A-C', [15, 0], [15.4, 0.97])],
      fsync: [disk('m1', 1.65, 0.33), disk('m2', 1.36, 0.19)],
    };
    expect(disturbance(wanFollower)).toEqual([]);
    expect(disturbance(fastLeader)).toEqual([]);
  });

  it('names every link and disk of the disturbed CI run that was not what the lab set', () => {
    const ci: MeasuredLab = {
      fsyncDelayUs: 1000,
      rtt: [
        link('B-B', [0, 0], [1.57, 1.76]),
        link('A-B', [10, 0], [12.9, 3.4]),
        link('A-C', [15, 0], [17.3, 5.54]),
        link('B-C', [20, 0], [22.6, 2.18]),
      ],
      fsync: [disk('m1', 2.15, 1.09), disk('m2', 2.35, 1.44), disk('m3', 1.2, 0.2)],
    };
    const reasons = disturbance(ci);
    expect(reasons).toEqual([
      'link A-B measured 12.90±3.40 ms, set 10±0 ms',
      'link A-C measured 17.30±5.54 ms, set 15±0 ms',
      'link B-C measured 22.60±2.18 ms, set 20±0 ms',
      'fsync on m1 measured 2.15±1.09 ms, set 1 ms',
      'fsync on m2 measured 2.35±1.44 ms, set 1 ms',
    ]);
  });

  it('judges a slow link by its mean alone, and disks only when a delay was injected', () => {
    expect(
      disturbance({ fsyncDelayUs: null, rtt: [link('A-B', [10, 0], [13, 0.5])], fsync: [disk('m1', 9, 5)] }),
    ).toEqual(['link A-B measured 13.00±0.50 ms, set 10±0 ms']);
    expect(
      disturbance({ fsyncDelayUs: null, rtt: [link('A-B', [10, 0], [12, 0.5])], fsync: [disk('m1', 9, 5)] }),
    ).toEqual([]);
  });
});
