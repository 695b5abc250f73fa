// Files the workspace tests share: a three-site topology and an etcd config file whose members it describes.
export const TOPOLOGY = `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: wan}
spec:
  sites: [{name: east}, {name: west}, {name: south}]
  links:
    - {sites: [east, west], rttMs: 40}
    - {sites: [east, south], rttMs: 30}
    - {sites: [west, south], rttMs: 35}
  members:
    - {name: m1, site: east, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m2, site: west, storage: {type: nvme, fsyncMs: 0.5}}
    - {name: m3, site: south, storage: {type: nvme, fsyncMs: 0.5}}
`;

export const ETCD_CONF = `name: m1
initial-cluster: m1=https://10.0.0.1:2380,m2=https://10.0.0.2:2380,m3=https://10.0.0.3:2380
heartbeat-interval: 100
election-timeout: 300
`;
