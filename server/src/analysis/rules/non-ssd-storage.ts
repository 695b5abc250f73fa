// etcd is very sensitive to disk write latency; SSDs are "highly recommended" and spinning drives should
// be avoided (etcd hardware guide; Red Hat etcd practices). Cloud HDD volume types count as spinning.
import { finding } from '../findings';
import { DOCS, type Rule } from './rule';
import { storageUses } from './storage';

export const nonSsdStorage: Rule = {
  code: 'non-ssd-storage',
  defaultSeverity: 'warning',
  docsUrl: DOCS.hardware,
  description: 'etcd data on spinning disks (HDD, cloud HDD volume types).',
  check(ctx) {
    return storageUses(ctx)
      .filter((u) => u.risk === 'hdd' || u.risk === 'cloud-hdd')
      .map((u) =>
        finding(
          nonSsdStorage,
          u.range,
          `${u.owner}: storage "${u.path}" is ${u.risk === 'cloud-hdd' ? 'a cloud HDD volume type' : 'a spinning disk'}: ` +
            `WAL fsync typically takes 5–15 ms there. Use SSD or NVMe (cloud: an SSD volume type) so fsync p99 stays under 10 ms (≤ 2 ms under heavy load).`,
          { related: u.related },
        ),
      );
  },
};
