// What a rule is and what it sees. Rules are pure: facts and settings in, findings out.
import type { ClusterViews } from '../cluster';
import type { AnalysisSettings } from '../settings';
import type { DocumentFact, Finding, Range, Severity } from '../types';
import type { TopologyIndex } from '../workspace';

export interface RuleContext {
  uri: string;
  /** The document text, for reading what a range holds (quoting of a value a fix replaces). */
  text: string;
  settings: AnalysisSettings;
  facts: DocumentFact[];
  views: ClusterViews;
  workspace?: TopologyIndex;
  /** The text a range covers (single-line ranges; '' when out of bounds). */
  textAt(range: Range): string;
}

export interface Rule {
  code: string;
  defaultSeverity: Severity;
  docsUrl: string;
  description: string;
  check(ctx: RuleContext): Finding[];
}

/** Documentation behind the rules. */
export const DOCS = {
  tuning: 'https://etcd.io/docs/v3.6/tuning/',
  faq: 'https://etcd.io/docs/v3.6/faq/',
  hardware: 'https://etcd.io/docs/v3.6/op-guide/hardware/',
  configuration: 'https://etcd.io/docs/v3.6/op-guide/configuration/',
  clustering: 'https://etcd.io/docs/v3.6/op-guide/clustering/',
  failures: 'https://etcd.io/docs/v3.6/op-guide/failures/',
  limits: 'https://etcd.io/docs/v3.6/dev-guide/limit/',
  learner: 'https://etcd.io/docs/v3.6/learning/design-learner/',
  redHatStorage: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.20/html/etcd/etcd-practices',
  redHatLatency:
    'https://docs.redhat.com/en/documentation/openshift_container_platform/4.20/html/etcd/recommended-cluster-latency-etcd_etcd-practices',
  yaml: 'https://yaml.org/spec/1.2.2/',
} as const;
