// Findings the recognisers report while reading YAML (syntax, schema, etcd keys). Registered as rules so
// settings can turn them off or change their severity and SARIF can describe them; `check` adds nothing.
// `unsafe-no-fsync` is reported by the recognisers while they read the setting (collector.ts), so it is
// registered here rather than checked twice. Also `analysis-error`, the information finding analyze.ts
// reports when a rule throws, and the recognisers' own `internal-error`.
import type { DocsUrl } from '../docs';
import { DOCS, type Rule } from './rule';

function passthrough(
  code: string,
  defaultSeverity: Rule['defaultSeverity'],
  docsUrl: DocsUrl,
  description: string,
  lesser?: Rule['lesser'],
): Rule {
  const rule: Rule = { code, defaultSeverity, docsUrl, description, check: () => [] };
  if (lesser) rule.lesser = lesser;
  return rule;
}

export const PASSTHROUGH = {
  'yaml-syntax': passthrough('yaml-syntax', 'error', DOCS.yaml, 'The YAML cannot be parsed.', {
    severity: 'warning',
    when: 'it is a duplicate key (the last value wins) or a parser warning',
  }),
  schema: passthrough(
    'schema',
    'error',
    DOCS.configuration,
    'A document does not match the shape its kind requires (e.g. an EtcdTopology).',
  ),
  'unknown-config-key': passthrough(
    'unknown-config-key',
    'error',
    DOCS.configuration,
    'An etcd setting etcd does not know (often a misspelling): etcd refuses to start on an unknown flag.',
    { severity: 'warning', when: 'etcd ignores it (a config-file key, an `ETCD_*` variable)' },
  ),
  'invalid-config-value': passthrough(
    'invalid-config-value',
    'error',
    DOCS.configuration,
    'An etcd setting has a value etcd cannot parse.',
  ),
  'deprecated-config-key': passthrough(
    'deprecated-config-key',
    'warning',
    DOCS.configuration,
    'An etcd setting that is removed in etcd 3.6 or deprecated.',
    {
      severity: 'information',
      when: 'etcd 3.6 still reads it',
    },
  ),
  'ignored-by-config-file': passthrough(
    'ignored-by-config-file',
    'warning',
    DOCS.configFile,
    'With --config-file, etcd ignores every other flag and ETCD_* variable.',
  ),
  'unsafe-no-fsync': passthrough(
    'unsafe-no-fsync',
    'error',
    DOCS.unsafe,
    '--unsafe-no-fsync is on: acknowledged writes can be lost on a crash or power failure.',
  ),
  'internal-error': passthrough(
    'internal-error',
    'hint',
    DOCS.yaml,
    'A recogniser could not read a document; the rest of the file was still analysed.',
  ),
  'non-utf8-text': passthrough(
    'non-utf8-text',
    'warning',
    DOCS.yamlEncoding,
    'The text holds U+FFFD replacement characters: the file was probably not UTF-8, and Kubernetes and etcd read YAML as UTF-8.',
  ),
  'analysis-limited': passthrough(
    'analysis-limited',
    'information',
    DOCS.configuration,
    'Part of the file was not analysed: past 1.5 MiB, or past a list, map or error count the analysis reads.',
  ),
  'yaml11-boolean': passthrough(
    'yaml11-boolean',
    'hint',
    DOCS.yaml11Bool,
    'A YAML 1.1 boolean (yes/no/on/off) in an etcd config file: etcd reads it as true/false, YAML 1.2 tools as a string.',
  ),
  'analysis-error': passthrough(
    'analysis-error',
    'information',
    DOCS.configuration,
    'A rule failed on this file; the other rules still ran.',
  ),
} as const satisfies Record<string, Rule>;

export type PassthroughCode = keyof typeof PASSTHROUGH;

export const PASSTHROUGH_RULES: readonly Rule[] = Object.values(PASSTHROUGH);
