// etcd's --name defaults to `default`, and in a static bootstrap the name must match this member's entry
// in --initial-cluster. A multi-member initial-cluster with the name left `default` (or an entry called
// `default`) means members cannot be told apart and the member fails to bootstrap or joins as the wrong one
// (etcd clustering guide, configuration: "--name … default: 'default'").
// A missing name is reported only for etcd config files and pods, where nothing else sets it (kubeadm,
// Talos, k3s and operators pass --name themselves).
import type { Finding } from '../types';
import { finding } from '../findings';
import { DOCS, type Rule } from './rule';

export const defaultMemberName: Rule = {
  code: 'default-member-name',
  defaultSeverity: 'warning',
  docsUrl: DOCS.clustering,
  description: 'A member of a multi-member cluster is named `default` (or left unnamed).',
  check(ctx) {
    const out: Finding[] = [];
    for (const c of ctx.views.configs) {
      const entries = Array.isArray(c.initialCluster?.value) ? c.initialCluster.value : [];
      if (entries.length < 2 || !c.initialCluster) continue;
      const names = entries.map((e) => e?.name).filter((n): n is string => typeof n === 'string');
      const list = names.join(', ');
      const name = c.memberName;
      if (name && name.value === 'default') {
        out.push(
          finding(
            defaultMemberName,
            name.range,
            `${c.label}: the member name is left at etcd's default "default" in a ${entries.length}-member initial-cluster (${list}): ` +
              `set name to this member's entry in initial-cluster, unique per member.`,
          ),
        );
      } else if (!name && (c.recogniser === 'etcd-config-file' || c.recogniser === 'pod')) {
        out.push(
          finding(
            defaultMemberName,
            c.initialCluster.range,
            `${c.label}: no member name is set, so etcd uses "default", which is not among the ${entries.length} initial-cluster entries (${list}): ` +
              `set name (--name / ETCD_NAME) to this member's entry.`,
          ),
        );
      }
      if (names.includes('default')) {
        out.push(
          finding(
            defaultMemberName,
            c.initialCluster.range,
            `${c.label}: initial-cluster has a member called "default": give every member a unique, meaningful name (e.g. its host name) in initial-cluster and in its --name.`,
          ),
        );
      }
    }
    return out;
  },
};
