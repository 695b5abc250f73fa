// Settings are validated once (analysis/settings.ts), with the bounds the extension manifest declares:
// the editor's settings and the CLI's/tests' partial settings give the same analysis settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTING_MINIMUMS, resolveSettings } from '../../../server/src/analysis/settings';
import { toAnalysisSettings } from '../../../server/src/protocol/settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, { minimum?: number }>;
const THRESHOLDS = ['rttLimitMs', 'arbiterRttLimitMs', 'fsyncWarnMs', 'fsyncInfoMs', 'maxVotingMembers'] as const;

describe('settings', () => {
  it('bound each threshold where the manifest does', () => {
    for (const key of THRESHOLDS)
      expect(SETTING_MINIMUMS[key], key).toBe(properties[`etcdCapacity.thresholds.${key}`]!.minimum);
  });

  it.each(THRESHOLDS)('read %s the same from the editor and from a partial, at and around its bound', (key) => {
    const min = SETTING_MINIMUMS[key];
    for (const value of [min, min - 0.5, min + 3, -1, Number.NaN, Infinity, '5', null]) {
      const editor = toAnalysisSettings({ thresholds: { [key]: value as number } });
      const partial = resolveSettings({ [key]: value as number });
      expect(editor, `${key}: ${String(value)}`).toEqual(partial);
      const accepted = typeof value === 'number' && Number.isFinite(value) && value >= min;
      expect(partial[key], `${key}: ${String(value)}`).toBe(accepted ? value : DEFAULT_SETTINGS[key]);
    }
  });

  it('keep fsyncInfoMs: 0 (inform on any fsync) instead of silently using 2', () => {
    expect(toAnalysisSettings({ thresholds: { fsyncInfoMs: 0 } }).fsyncInfoMs).toBe(0);
    expect(resolveSettings({ fsyncInfoMs: 0 }).fsyncInfoMs).toBe(0);
  });

  it('read defaultRttMs 0, absent or malformed as "no RTT assumed"', () => {
    for (const value of [0, -3, Number.NaN, undefined, '20']) {
      expect(toAnalysisSettings({ defaultRttMs: value as number }).defaultRttMs).toBeUndefined();
      expect(resolveSettings({ defaultRttMs: value as number }).defaultRttMs).toBeUndefined();
    }
    expect(toAnalysisSettings({ defaultRttMs: 20 }).defaultRttMs).toBe(20);
  });

  it('read rule switches the same way', () => {
    const rules = {
      'slow-fsync': 'off',
      'rtt-above-50ms': 'error',
      'even-member-count': 'default',
      'single-member': 'loud',
    } as const;
    expect(toAnalysisSettings({ rules: rules as never }).rules).toEqual({
      'slow-fsync': { enabled: false },
      'rtt-above-50ms': { severity: 'error' },
    });
  });
});
