// Findings the recognisers report while reading YAML (syntax, schema, etcd keys). Registered as rules so
// settings can turn them off or change their severity and SARIF can describe them; `check` adds nothing.
// `unsafe-no-fsync` is reported by the recognisers while they read the setting (collector.ts), so it is
// registered here rather than checked twice. Also `analysis-error`, the information finding analyze.ts
// reports when a rule throws, and the recognisers' own `internal-error`.
import { DOCS, type Rule } from './rule';

function passthrough(code: string, defaultSeverity: Rule['defaultSeverity'], docsUrl: string, description: string): Rule {
  return { code, defaultSeverity, docsUrl, description, check: () => [] };
}

export const PASSTHROUGH_RULES: readonly Rule[] = [
  passthrough('yaml-syntax', 'error', DOCS.yaml, 'The YAML cannot be parsed.'),
  passthrough('schema', 'error', DOCS.configuration, 'A document does not match the shape its kind requires (e.g. an EtcdTopology).'),
  passthrough('unknown-config-key', 'warning', DOCS.configuration, 'An etcd setting etcd does not know (often a misspelling); etcd ignores it or refuses to start.'),
  passthrough('invalid-config-value', 'error', DOCS.configuration, 'An etcd setting has a value etcd cannot parse.'),
  passthrough('deprecated-config-key', 'warning', DOCS.configuration, 'An etcd setting that is deprecated or removed in newer etcd releases.'),
  passthrough('ignored-by-config-file', 'warning', 'https://etcd.io/docs/v3.6/op-guide/configuration/#configuration-file', 'With --config-file, etcd ignores every other flag and ETCD_* variable.'),
  passthrough('unsafe-no-fsync', 'error', 'https://etcd.io/docs/v3.6/op-guide/configuration/#unsafe-features', '--unsafe-no-fsync is on: acknowledged writes can be lost on a crash or power failure.'),
  passthrough('internal-error', 'hint', DOCS.yaml, 'A recogniser could not read a document; the rest of the file was still analysed.'),
  passthrough('non-utf8-text', 'warning', 'https://yaml.org/spec/1.2.2/#52-character-encodings', 'The text holds U+FFFD replacement characters: the file was probably not UTF-8, and Kubernetes and etcd read YAML as UTF-8.'),
  passthrough('analysis-limited', 'information', DOCS.configuration, 'The file is larger than the analysis reads (1.5 MiB); the documents past the limit were not analysed.'),
  passthrough('yaml11-boolean', 'hint', 'https://yaml.org/type/bool.html', 'A YAML 1.1 boolean (yes/no/on/off) in an etcd config file: etcd reads it as true/false, YAML 1.2 tools as a string.'),
  passthrough('analysis-error', 'information', DOCS.configuration, 'A rule failed on this file; the other rules still ran.'),
];
