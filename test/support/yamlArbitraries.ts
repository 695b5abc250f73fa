// fast-check generators of YAML files and edits for the property tests: valid Kubernetes documents,
// etcd-shaped documents with random values, broken fragments, and the markers and encodings that make
// document splitting delicate (directives, `...`, `---` in block scalars and quotes, CRLF, BOM, tabs).
import fc from 'fast-check';

const words = ['a', 'etcd-a', 'web', 'x y', 'kube-system', 'ClusterIP', 'nfs'];

/** Scalars as they are written: numbers (also too large for a double), YAML 1.1 booleans, nulls, quotes. */
export const scalar: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 100000 }).map(String),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('1e400', '99999999999999999999999', '0x1F', '010', '-0', '.inf', '.nan', '1_000'),
  fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', '~', 'null', ''),
  fc.constantFrom(
    '"100"',
    "'x'",
    '"a\\nb"',
    '[1, 2]',
    '{a: 1}',
    '*anchor',
    '&anchor 5',
    '!!str 5',
    '|\n  text',
    '2001-12-14',
  ),
  fc.constantFrom(...words),
);

const etcdKeys = [
  'name',
  'heartbeat-interval',
  'election-timeout',
  'quota-backend-bytes',
  'snapshot-count',
  'initial-cluster',
  'unsafe-no-fsync',
  'client-cert-auth',
  'hearbeat-interval',
  'data-dir',
  'initial-cluster-state',
  'enable-v2',
];

const etcdConfigDoc = fc
  .array(fc.tuple(fc.constantFrom(...etcdKeys), scalar), { minLength: 1, maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');

const etcdPodDoc = fc
  .array(fc.tuple(fc.constantFrom(...etcdKeys), scalar), { maxLength: 6 })
  .map(
    (pairs) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: etcd-a',
        '  namespace: kube-system',
        'spec:',
        '  containers:',
        '    - name: etcd',
        '      command:',
        '        - etcd',
        '        - --initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380',
        ...pairs.map(([k, v]) => `        - --${k}=${v.replace(/\n/g, ' ')}`),
      ].join('\n') + '\n',
  );

const topologyDoc = fc
  .tuple(scalar, scalar, fc.integer({ min: 0, max: 5 }))
  .map(
    ([rtt, fsync, members]) =>
      [
        'apiVersion: etcd-capacity/v1alpha1',
        'kind: EtcdTopology',
        'metadata:',
        '  name: prod',
        'sites:',
        '  - name: dc1',
        '  - name: dc2',
        'links:',
        `  - {between: [dc1, dc2], rttMs: ${rtt.replace(/\n/g, ' ')}}`,
        'members:',
        ...Array.from(
          { length: members },
          (_, i) => `  - {name: m${i}, site: dc${(i % 2) + 1}, fsyncMs: ${fsync.replace(/\n/g, ' ')}}`,
        ),
      ].join('\n') + '\n',
  );

const k8sDoc = fc.constantFrom(
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: main\n          image: nginx\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  key: |\n    line\n    ---\n    not a marker when indented\n',
  'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: nfs.csi.k8s.io\n',
  'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n      heartbeat-interval: "100"\n      election-timeout: "500"\n',
);

/** Fragments that break YAML, or sit next to the markers in odd ways. */
export const fragment: fc.Arbitrary<string> = fc.constantFrom(
  '---\n',
  '--- ',
  '...\n',
  '%YAML 1.1\n',
  '%TAG ! tag:x,2000:\n',
  '# c\n',
  '# etcd-capacity: topology=prod\n',
  '# etcd-capacity-disable-next-line\n',
  '|\n',
  '>\n',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ': ',
  '- ',
  '\t',
  '\r\n',
  '\r',
  '\n',
  '&a ',
  '*a',
  '!!map ',
  '? ',
  'key: value\n',
  '  nested: 1\n',
  '\ufeff',
  '\u0085',
  'é',
  '\ufffd',
  '#',
  ':',
  '-',
  '.',
  ' ',
  '----\n',
  '---x\n',
  'name: a\n',
  'heartbeat-interval: 100\n',
  'election-timeout: 5\n',
);

const brokenDoc = fc.array(fragment, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));

export const yamlDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: etcdConfigDoc },
  { weight: 2, arbitrary: etcdPodDoc },
  { weight: 1, arbitrary: topologyDoc },
  { weight: 3, arbitrary: k8sDoc },
  { weight: 3, arbitrary: brokenDoc },
);

const separator = fc.constantFrom(
  '---\n',
  '---\n',
  '---\n',
  '--- \n',
  '---\t# doc\n',
  '--- |\n',
  '--- >\n  folded\n',
  '...\n---\n',
  '...\n',
  '\n---\n',
  '%YAML 1.1\n---\n',
  '...\n%YAML 1.2\n---\n',
  '"unterminated\n---\n',
  '[unclosed,\n---\n',
  '---',
  '',
);

const prelude = fc.constantFrom(
  '',
  '',
  '# leading comment\n',
  '\ufeff',
  '---\n',
  '--- # first\n',
  '%YAML 1.1\n---\n',
  '...\n',
  '# a\n# b\n\n',
);

/** A multi-document YAML file; sometimes with CRLF line breaks or tabs for indentation. */
export const yamlFile: fc.Arbitrary<string> = fc
  .tuple(
    prelude,
    fc.array(fc.tuple(separator, yamlDocument), { maxLength: 8 }),
    yamlDocument,
    fc.constantFrom('lf', 'lf', 'crlf', 'tabs'),
  )
  .map(([pre, rest, first, style]) => {
    let text = pre + first + rest.map(([sep, doc]) => sep + doc).join('');
    if (style === 'crlf') text = text.replace(/\r?\n/g, '\r\n');
    if (style === 'tabs') text = text.replace(/\n {2}/g, '\n\t');
    return text;
  });

/** One edit: at a relative position, delete some characters and insert a fragment, a character or a document. */
export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })),
  insert: fc.oneof(
    fc.constant(''),
    fragment,
    fc.string({ maxLength: 3 }),
    yamlDocument.map((d) => `---\n${d}`),
  ),
});

export function applyEdit(text: string, e: Edit): { text: string; start: number; end: number } {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, start + e.remove);
  return { text: text.slice(0, start) + e.insert + text.slice(end), start, end };
}
