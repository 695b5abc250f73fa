// The one table of documentation links: every rule's link and every finding's link is one of these.
export const DOCS = {
  tuning: 'https://etcd.io/docs/v3.6/tuning/',
  faq: 'https://etcd.io/docs/v3.6/faq/',
  hardware: 'https://etcd.io/docs/v3.6/op-guide/hardware/',
  configuration: 'https://etcd.io/docs/v3.6/op-guide/configuration/',
  flags: 'https://etcd.io/docs/v3.6/op-guide/configuration/#command-line-flags',
  configFile: 'https://etcd.io/docs/v3.6/op-guide/configuration/#configuration-file',
  unsafe: 'https://etcd.io/docs/v3.6/op-guide/configuration/#unsafe-features',
  clustering: 'https://etcd.io/docs/v3.6/op-guide/clustering/',
  failures: 'https://etcd.io/docs/v3.6/op-guide/failures/',
  limits: 'https://etcd.io/docs/v3.6/dev-guide/limit/',
  learner: 'https://etcd.io/docs/v3.6/learning/design-learner/',
  redHatStorage: 'https://docs.redhat.com/en/documentation/openshift_container_platform/4.20/html/etcd/etcd-practices',
  redHatLatency:
    'https://docs.redhat.com/en/documentation/openshift_container_platform/4.20/html/etcd/recommended-cluster-latency-etcd_etcd-practices',
  openShiftEtcd:
    'https://docs.openshift.com/container-platform/4.17/scalability_and_performance/recommended-performance-scale-practices/recommended-etcd-practices.html',
  yaml: 'https://yaml.org/spec/1.2.2/',
  yamlEncoding: 'https://yaml.org/spec/1.2.2/#52-character-encodings',
  yaml11Bool: 'https://yaml.org/type/bool.html',
  podEnv: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables',
  kubeadm: 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-LocalEtcd',
  kindPatches: 'https://kind.sigs.k8s.io/docs/user/configuration/#kubeadm-config-patches',
  kops: 'https://kops.sigs.k8s.io/cluster_spec/#etcdclusters',
  talos: 'https://www.talos.dev/v1.9/reference/configuration/v1alpha1/config/#Config.cluster.etcd',
} as const;

export type DocsUrl = (typeof DOCS)[keyof typeof DOCS];
