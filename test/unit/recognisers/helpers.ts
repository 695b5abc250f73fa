import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EtcdConfigFact, Range, StorageClassFact, TopologyFact } from '../../../server/src/analysis/types';
import { recogniseFile } from '../../../server/src/analysis/recognisers';

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../../fixtures/recognisers', name), 'utf8');
}

export function load(name: string) {
  return recogniseFile(fixture(name));
}

/** `line:char-line:char`, 0-based, for compact range assertions. */
export function r(range: Range | undefined): string {
  if (!range) return '';
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line)
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const out = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) out.push(lines[l] ?? '');
  out.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return out.join('\n');
}

export function configs(facts: ReturnType<typeof recogniseFile>['facts']): EtcdConfigFact[] {
  return facts.filter((f): f is EtcdConfigFact => f.type === 'etcd-config');
}
export function storageClasses(facts: ReturnType<typeof recogniseFile>['facts']): StorageClassFact[] {
  return facts.filter((f): f is StorageClassFact => f.type === 'storage-class');
}
export function topologies(facts: ReturnType<typeof recogniseFile>['facts']): TopologyFact[] {
  return facts.filter((f): f is TopologyFact => f.type === 'topology');
}

export function setting(fact: EtcdConfigFact, flag: string) {
  return fact.settings.filter((s) => s.flag === flag);
}
