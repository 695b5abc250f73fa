// Which inputs of a topology's estimate were measured, which typed in, which assumed — so hover, code lens, report
// and CLI can say it. Reads `source:` objects (written by `etcd-capacity calibrate`) and what modelInput defaults.
import { ASSUMED_SITE_RTT_MS, DEFAULT_REQUEST_FLOOR_SOURCE } from '../model/calibration';
import { DEFAULT_REQUEST_FLOOR } from '../model/raft';
import { assumedFsync, sitesWithoutInnerRtt } from './modelInput';
import type { TopologyFact, ValueSource } from './types';

export type InputOriginKind = 'measured' | 'given' | 'assumed';

export interface InputOrigin {
  /** What the value is, e.g. "RTT a–b", "fsync etcd-1", "request floor". */
  input: string;
  origin: InputOriginKind;
  /** The value as text (ms). */
  value: string;
  /** Capture file and metric, or the default's source. */
  from?: string;
  at?: string;
}

const ms = (v: number): string => `${Number(v.toPrecision(3))} ms`;

function originOf(source: ValueSource | undefined): { origin: InputOriginKind; from?: string; at?: string } {
  if (!source) return { origin: 'given' };
  return { origin: source.kind, from: source.from, ...(source.at ? { at: source.at } : {}) };
}

export function topologyInputOrigins(t: TopologyFact): InputOrigin[] {
  const out: InputOrigin[] = [];
  for (const l of t.links ?? []) {
    if (!l.sites || typeof l.rttMs?.value !== 'number') continue;
    const shape = l.rttDistribution ? ' (measured distribution)' : '';
    out.push({
      input: `RTT ${l.sites[0]}–${l.sites[1]}`,
      value: `${ms(l.rttMs.value)}${l.jitterMs ? ` ± ${ms(l.jitterMs.value)}` : ''}${shape}`,
      ...originOf(l.source),
    });
  }
  for (const site of sitesWithoutInnerRtt(t)) {
    out.push({
      input: `RTT inside ${site}`,
      origin: 'assumed',
      value: `${ms(ASSUMED_SITE_RTT_MS.mean)} ± ${ms(ASSUMED_SITE_RTT_MS.sd)}`,
      from: 'LAN default (no link from the site to itself)',
    });
  }
  for (const m of t.members ?? []) {
    const name = m.name?.value ?? '?';
    if (typeof m.fsyncMs?.value === 'number') {
      const shape = m.fsyncDistribution ? ' (measured distribution)' : '';
      out.push({ input: `fsync ${name}`, value: `${ms(m.fsyncMs.value)}${shape}`, ...originOf(m.fsyncSource) });
    } else {
      const d = assumedFsync(m);
      out.push({
        input: `fsync ${name}`,
        origin: 'assumed',
        value: `${ms(d.mean)} ± ${ms(d.sd)}`,
        from: `typical of ${m.storageRisk ?? 'unknown'} storage`,
      });
    }
  }
  const floor = t.requestFloor;
  if (floor && (floor.distribution || typeof floor.meanMs === 'number')) {
    out.push({
      input: 'request floor',
      value: typeof floor.meanMs === 'number' ? `mean ${ms(floor.meanMs)}` : 'distribution',
      ...originOf(floor.source),
    });
  } else {
    out.push({
      input: 'request floor',
      origin: 'assumed',
      value: `mean ${ms(DEFAULT_REQUEST_FLOOR.mean)}`,
      from: DEFAULT_REQUEST_FLOOR_SOURCE,
    });
  }
  return out;
}

/** "measured: RTT a–b, fsync m1" / "assumed: …" lines for views, empty groups left out. */
export function originSummary(origins: readonly InputOrigin[]): { measured: string[]; assumed: string[] } {
  return {
    measured: origins
      .filter((o) => o.origin === 'measured')
      .map((o) => `${o.input} ${o.value}${o.from ? ` (${o.from}${o.at ? `, ${o.at}` : ''})` : ''}`),
    assumed: origins
      .filter((o) => o.origin === 'assumed')
      .map((o) => `${o.input} ${o.value}${o.from ? ` (${o.from})` : ''}`),
  };
}
