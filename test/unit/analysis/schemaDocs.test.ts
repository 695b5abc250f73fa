// Key paths at a cursor, read from indentation (the line being typed is often not valid YAML yet).
import { describe, expect, it } from 'vitest';
import {
  describe as describeNode,
  ETCD_CONFIG_SCHEMA,
  ITEM,
  keyAt,
  keyBeingTyped,
  schemaAt,
  TOPOLOGY_SCHEMA,
} from '../../../server/src/analysis/schemaDocs';

const lines = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
spec:
  links:
    - sites: [a, b]
      rttMs: 10
  members:
    - name: a
      site: x
      storage:
        type: ssd
        fs
    - na
`.split('\n');

describe('key paths', () => {
  it('finds the enclosing path of a key being typed in a nested map', () => {
    expect(keyBeingTyped(lines, 11, '        fs')).toEqual({
      path: ['spec', 'members', ITEM, 'storage'],
      prefix: 'fs',
      prefixStart: 8,
    });
  });

  it('treats a key after a dash as the first key of a new sequence item', () => {
    expect(keyBeingTyped(lines, 12, '    - na')?.path).toEqual(['spec', 'members', ITEM]);
  });

  it('finds the key under the cursor with its path', () => {
    expect(keyAt(lines, 5, 8)).toEqual({ path: ['spec', 'links', ITEM], key: 'rttMs', start: 6, end: 11 });
    expect(keyAt(lines, 5, 2)).toBeUndefined();
  });

  it('walks the schemas to the documentation of a field', () => {
    expect(Object.keys(schemaAt(TOPOLOGY_SCHEMA, ['spec', 'members', ITEM, 'storage'])!.properties!)).toEqual(
      expect.arrayContaining(['type', 'fsyncMs', 'fsyncJitterMs']),
    );
    expect(describeNode(schemaAt(TOPOLOGY_SCHEMA, ['spec', 'links', ITEM, 'rttMs']))).toMatch(/round-trip/i);
    expect(describeNode(schemaAt(ETCD_CONFIG_SCHEMA, ['heartbeat-interval']))).toContain('Default: `100`');
    expect(schemaAt(TOPOLOGY_SCHEMA, ['spec', 'nope'])).toBeUndefined();
  });
});
