// etcd needs a low-latency local block device: avoid NFS and other network file systems, NAS/SAN and
// drives reached over the network such as iSCSI (Red Hat etcd practices; etcd hardware guide).
import { finding } from '../findings';
import { DOCS, type Rule } from './rule';
import { storageUses } from './storage';

export const networkStorage: Rule = {
  code: 'network-storage',
  defaultSeverity: 'warning',
  docsUrl: DOCS.redHatStorage,
  description: 'etcd data on network storage (NFS, iSCSI, Ceph, NAS/SAN) suffers slow, jittery fsync.',
  check(ctx) {
    return storageUses(ctx)
      .filter((u) => u.risk === 'network-filesystem' || u.risk === 'network-block')
      .map((u) =>
        finding(
          networkStorage,
          u.range,
          `${u.owner}: storage "${u.path}" is ${u.risk === 'network-filesystem' ? 'a network file system' : 'network-attached block storage'}: ` +
            `every WAL fsync crosses the network, so commits slow down and leaders get lost. Put etcd's data ` +
            `(at least the WAL) on local SSD or NVMe with fsync p99 under 10 ms.`,
          { related: u.related },
        ),
      );
  },
};
