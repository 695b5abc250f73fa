// A deterministic tree of Kubernetes manifests, as a monorepo holds them: mostly Deployments, Services and
// ConfigMaps, and every tenth file something etcd-related whose findings depend on other files (a
// topology in one directory, the etcd config files and static pods it describes in another, StatefulSets
// whose claim templates name a StorageClass written elsewhere). Used by `npm run bench` (check on 4,000
// manifests, the 20,000-file workspace) and by test/cli/parallel.test.ts.
//   node scripts/bench/gen-tree.mjs DIR FILES
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const PROVISIONERS = [
  'ebs.csi.aws.com',
  'cephfs.csi.ceph.com',
  'nfs.csi.k8s.io',
  'pd.csi.storage.gke.io',
  'kubernetes.io/no-provisioner',
];

function topology(k) {
  const rtt = [2, 8, 40, 70][k % 4];
  return `apiVersion: etcd-capacity/v1alpha1
kind: EtcdTopology
metadata: {name: cluster-${k}}
spec:
  sites: [{name: a}, {name: b}, {name: c}]
  links:
    - {sites: [a, b], rttMs: ${rtt}}
    - {sites: [a, c], rttMs: ${rtt + 5}}
    - {sites: [b, c], rttMs: ${rtt + 3}}
  members:
    - {name: c${k}-m1, site: a, storage: {type: nvme, fsyncMs: ${(k % 5) + 0.5}}}
    - {name: c${k}-m2, site: b, storage: {type: ssd, fsyncMs: 2}}
    - {name: c${k}-m3, site: c, storage: {type: nvme, fsyncMs: 0.5}}
`;
}

function etcdConfig(k) {
  return `name: c${k}-m1
initial-cluster: c${k}-m1=https://10.${k % 250}.0.1:2380,c${k}-m2=https://10.${k % 250}.0.2:2380,c${k}-m3=https://10.${k % 250}.0.3:2380
heartbeat-interval: ${[100, 50, 250][k % 3]}
election-timeout: ${[300, 1000, 2500, 5000][k % 4]}
snapshot-count: ${k % 7 === 0 ? 'lots' : 10000}
`;
}

function staticPod(k) {
  return `apiVersion: v1
kind: Pod
metadata: {name: etcd-c${k}-m2, namespace: kube-system}
spec:
  hostNetwork: true
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.12-0
      command:
        - etcd
        - --name=c${k}-m2
        - --data-dir=/var/lib/etcd
        - --initial-cluster=c${k}-m1=https://10.0.0.1:2380,c${k}-m2=https://10.0.0.2:2380,c${k}-m3=https://10.0.0.3:2380
        - --heartbeat-interval=${[100, 20][k % 2]}
        - --election-timeout=${[1000, 400][k % 2]}
        - --quota-backend-bytes=${k % 3 === 0 ? 17179869184 : 8589934592}
`;
}

function statefulSet(k) {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd-${k}, namespace: db}
spec:
  replicas: ${[3, 5, 4][k % 3]}
  template:
    spec:
      containers:
        - name: etcd
          image: quay.io/coreos/etcd:v3.5.17
          command: [etcd, --data-dir=/data]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {storageClassName: class-${(k + 1) % 20}}
`;
}

function storageClass(j) {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: class-${j}}
provisioner: ${PROVISIONERS[Math.floor(j / 5) % PROVISIONERS.length]}
`;
}

function app(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: team-${i % 40}, labels: {app: app-${i}}}
spec:
  replicas: ${1 + (i % 3)}
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i % 17}:v1.${i % 9}.0
          args: [--port=${8000 + (i % 100)}, --log-level=info]
          ports: [{containerPort: ${8000 + (i % 100)}}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          env:
            - {name: MODE, value: production}
            - {name: REGION, value: eu-${i % 3}}
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: team-${i % 40}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: ${8000 + (i % 100)}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-${i}-config, namespace: team-${i % 40}}
data:
  settings.yaml: |
    feature: ${i % 2 === 0 ? 'on' : 'off'}
    retries: ${i % 5}
`;
}

/** The path (relative to the tree) and text of file `i`. */
export function treeFile(i) {
  if (i % 10 === 0) {
    const k = Math.floor(i / 10);
    switch (k % 5) {
      case 0:
        return [`clusters/topologies/cluster-${k}.etcd-topology.yaml`, topology(k)];
      case 1:
        return [`clusters/config/c${k - 1}-m1.etcd.conf.yml`, etcdConfig(k - 1)];
      case 2:
        return [`clusters/static-pods/etcd-c${k - 2}.yaml`, staticPod(k - 2)];
      case 3:
        return [`databases/etcd-${k}/statefulset.yaml`, statefulSet(k)];
      default:
        return [`storage/class-${k % 20}-${k}.yaml`, storageClass(k % 20)];
    }
  }
  return [`apps/team-${i % 40}/svc-${Math.floor(i / 40) % 50}/app-${i}.yaml`, app(i)];
}

/** Writes `files` manifests below `root`; returns how many are etcd-related. */
export function writeTree(root, files) {
  let etcdRelated = 0;
  for (let i = 0; i < files; i++) {
    const [relative, text] = treeFile(i);
    if (i % 10 === 0) etcdRelated++;
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return etcdRelated;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root, files] = process.argv.slice(2);
  if (!root || !files) throw new Error('usage: node gen-tree.mjs DIR FILES');
  console.log(`${writeTree(root, Number(files))} etcd-related file(s) of ${files}`);
}
