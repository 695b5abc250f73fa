// Extension-host tests that hold today: activation, coded diagnostics, silence on non-etcd YAML,
// a quick fix applied through the workspace edit API, and a settings change taking effect.
// The workspace is a fresh copy of examples/ plus test/e2e/fixtures/ (not-etcd/, wan-static-pod/, shapes/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SHOW_REPORT_COMMAND } from '../../../../shared/protocol';
import { test } from '../runner';
import {
  codeOf,
  describe,
  EXTENSION_ID,
  hasCode,
  open,
  ours,
  waitForConfiguration,
  waitForDiagnostics,
} from '../helpers';

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded in this extension host`);
  return found;
}

function waitForActivation(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The extension API has no activation event; poll the flag on the event loop until the deadline.
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (extension().isActive) return resolve();
      if (Date.now() > deadline) return reject(new Error(`${EXTENSION_ID} did not activate within ${timeoutMs} ms`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

test('is not active before any YAML document is opened (activation is onLanguage:yaml)', async () => {
  assert.equal(extension().isActive, false, 'active at startup');
  const text = await vscode.workspace.openTextDocument({
    language: 'plaintext',
    content: 'etcd --election-timeout=10\n',
  });
  await vscode.window.showTextDocument(text);
  assert.equal(extension().isActive, false, 'a plaintext document activated it');
  assert.deepEqual(ours(text.uri), []);
});

test('activates on an etcd YAML file and publishes coded diagnostics', async () => {
  const kubeadm = await open('kubeadm-stacked', 'kubeadm-config.yaml');
  await waitForActivation();
  const diagnostics = await waitForDiagnostics(kubeadm.uri, hasCode('even-member-count'), 'even-member-count');
  const even = diagnostics.find((d) => codeOf(d) === 'even-member-count')!;
  assert.equal(even.source, 'etcd-capacity');
  assert.ok(
    typeof even.code === 'object' && /^https:\/\//.test(even.code.target.toString(true)),
    `code carries a docs link: ${JSON.stringify(even.code)}`,
  );
  assert.ok(
    kubeadm.lineAt(even.range.start.line).text.includes('initial-cluster') ||
      kubeadm.lineAt(even.range.start.line).text.includes('cp4'),
    `even-member-count points at the member list: ${describe(diagnostics)}`,
  );

  // A static pod whose RTTs come from a topology document the server found on disk at start-up.
  const pod = await open('wan-static-pod', 'etcd.yaml');
  const timers = await waitForDiagnostics(
    pod.uri,
    hasCode('election-timeout-below-10x-rtt'),
    'election-timeout-below-10x-rtt',
  );
  const election = timers.find((d) => codeOf(d) === 'election-timeout-below-10x-rtt')!;
  assert.match(pod.lineAt(election.range.start.line).text, /--election-timeout=300/);
});

test('registers "etcd: Show Capacity Report" (etcdCapacity.showReport) once active', async () => {
  assert.ok(extension().isActive, 'not active: the activation test above opens etcd YAML first');
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes(SHOW_REPORT_COMMAND), `${SHOW_REPORT_COMMAND} is not among the registered commands`);
  const contributed = (
    extension().packageJSON as { contributes: { commands: { command: string; title: string; category?: string }[] } }
  ).contributes.commands.find((c) => c.command === SHOW_REPORT_COMMAND);
  assert.equal(contributed && `${contributed.category}: ${contributed.title}`, 'etcd: Show Capacity Report');
});

test('stays silent on YAML that does not configure etcd and on examples/healthy', async () => {
  const silent = [
    await open('not-etcd', 'nginx-deployment.yaml'),
    await open('healthy', 'etcd.yaml'),
    await open('healthy', 'cluster.etcd-topology.yaml'),
  ];
  // A barrier: the server answers didOpen notifications in order, so once a document opened after these
  // has its diagnostics, these have had theirs published too (as empty lists, which VS Code shows as none).
  const barrier = await open('etcd-config-file', 'etcd.conf.yml');
  await waitForDiagnostics(barrier.uri, hasCode('unknown-config-key'), 'unknown-config-key (barrier)');
  for (const document of silent) {
    assert.deepEqual(
      ours(document.uri).map(codeOf),
      [],
      `${vscode.workspace.asRelativePath(document.uri)}: ${describe(ours(document.uri))}`,
    );
  }
});

test('reads the shapes beyond kubeadm: a kind patch, a kops HDD volume, compose services', async () => {
  // kind: the finding of a ClusterConfiguration inside a block scalar is on its line in the host file.
  const kind = await open('shapes', 'kind-cluster.yaml');
  const k = await waitForDiagnostics(
    kind.uri,
    hasCode('election-timeout-below-5x-heartbeat'),
    'election-timeout-below-5x-heartbeat (kind)',
  );
  const timer = k.find((d) => codeOf(d) === 'election-timeout-below-5x-heartbeat')!;
  assert.match(kind.getText(timer.range), /^"1000"$/, describe(k));
  // kops: an st1 volume is etcd on spinning disks, underlined on the value.
  const kops = await open('shapes', 'kops-cluster.yaml');
  const v = await waitForDiagnostics(kops.uri, hasCode('non-ssd-storage'), 'non-ssd-storage (kops)');
  assert.equal(kops.getText(v.find((d) => codeOf(d) === 'non-ssd-storage')!.range), 'st1', describe(v));
  // compose: four etcd services sharing one initial-cluster are one cluster of four.
  const compose = await open('shapes', 'docker-compose.yaml');
  const c = await waitForDiagnostics(compose.uri, hasCode('even-member-count'), 'even-member-count (compose)');
  assert.equal(c.filter((d) => codeOf(d) === 'even-member-count').length, 1, describe(c));
});

test('quick fix renames hearbeat-interval to heartbeat-interval through a workspace edit', async () => {
  const document = await open('etcd-config-file', 'etcd.conf.yml');
  const before = await waitForDiagnostics(document.uri, hasCode('unknown-config-key'), 'unknown-config-key');
  const unknown = before.find(
    (d) => codeOf(d) === 'unknown-config-key' && document.getText(d.range).includes('hearbeat'),
  );
  assert.ok(unknown, `no unknown-config-key on the misspelt key: ${describe(before)}`);
  const line = unknown.range.start.line;

  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    unknown.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const rename = (actions ?? []).find((a) => a.edit?.get(document.uri).some((e) => e.newText === 'heartbeat-interval'));
  assert.ok(
    rename?.edit,
    `no quick fix to heartbeat-interval among ${JSON.stringify((actions ?? []).map((a) => a.title))}`,
  );
  assert.equal(rename.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.equal(rename.isPreferred, true);

  assert.equal(await vscode.workspace.applyEdit(rename.edit), true, 'applyEdit refused the edit');
  assert.equal(document.lineAt(line).text, 'heartbeat-interval: 200');
  await waitForDiagnostics(
    document.uri,
    (d) => !d.some((x) => codeOf(x) === 'unknown-config-key' && x.range.start.line === line),
    'the unknown-config-key finding to go away after the fix',
  );
  // Leave the file as it was on disk for the tests after this one.
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(document.lineAt(line).text, 'hearbeat-interval: 200');
});

test('etcdCapacity.rules turns a rule off and changes its severity', async () => {
  const document = await open('kubeadm-stacked', 'kubeadm-config.yaml');
  await waitForDiagnostics(document.uri, hasCode('even-member-count'), 'even-member-count');
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('etcdCapacity');
  const rule = (): string | undefined => config().get<Record<string, string>>('rules')?.['even-member-count'];
  try {
    await config().update('rules', { 'even-member-count': 'off' }, vscode.ConfigurationTarget.Global);
    await waitForConfiguration(() => rule() === 'off');
    await waitForDiagnostics(document.uri, (d) => !hasCode('even-member-count')(d), 'even-member-count to be silenced');

    await config().update('rules', { 'even-member-count': 'error' }, vscode.ConfigurationTarget.Global);
    await waitForConfiguration(() => rule() === 'error');
    await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'even-member-count' && x.severity === vscode.DiagnosticSeverity.Error),
      'even-member-count as an error',
    );
  } finally {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Global);
  }
  await waitForDiagnostics(
    document.uri,
    (d) => d.some((x) => codeOf(x) === 'even-member-count' && x.severity !== vscode.DiagnosticSeverity.Error),
    'even-member-count back at its own severity',
  );
});
