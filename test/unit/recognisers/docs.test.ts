// README's list of recognised files and docs/shapes.md name every recogniser kind (a new kind fails the
// type check here until it is listed, and the test until both documents mention it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecogniserKind } from '../../../server/src/analysis/types';

const ROOT = path.join(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Recognised files'), readme.indexOf('## Settings'));
const shapes = fs.readFileSync(path.join(ROOT, 'docs', 'shapes.md'), 'utf8');

const NAMED_AS: Record<RecogniserKind, string[]> = {
  'etcd-config-file': ['--config-file'],
  pod: ['static pod'],
  workload: ['StatefulSet'],
  'kubeadm-cluster-configuration': ['ClusterConfiguration'],
  talos: ['Talos'],
  'k3s-rke2': ['k3s', 'RKE2'],
  'openshift-etcd': ['OpenShift `Etcd`'],
  'bitnami-helm-values': ['bitnami', 'etcd.replicaCount'],
  'etcd-cluster-cr': ['EtcdCluster', 'Gardener'],
  'cluster-api': ['KubeadmControlPlane', 'EtcdadmCluster', 'RKE2ControlPlane'],
  'eks-anywhere': ['EKS Anywhere'],
  kind: ['kind `Cluster`'],
  k0s: ['k0s `ClusterConfig`', 'k0sctl `Cluster`'],
  kops: ['kops `Cluster`', 'InstanceGroup'],
  rke1: ['RKE1 `cluster.yml`'],
  rancher: ['provisioning.cattle.io'],
  'openshift-install-config': ['install-config.yaml'],
  kubespray: ['kubespray'],
  'docker-compose': ['docker-compose'],
  topology: ['EtcdTopology'],
};

describe('recognised files are documented', () => {
  for (const [kind, names] of Object.entries(NAMED_AS)) {
    it(kind, () => {
      for (const name of names) {
        expect(section, `README lists ${name}`).toContain(name);
        expect(shapes, `docs/shapes.md lists ${name}`).toContain(name);
      }
    });
  }
});
