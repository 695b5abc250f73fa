// Hover, inlay hint and code lens checks for the providers in server/src/protocol/. Every provider is
// required: test/e2e/driver/features.js fails the run when one is missing, and a check fails like any
// other test (there is no run-time skip).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from '../runner';
import { codeLensTitles, hoverPositions, hoverTexts, inlayHintLabels, open } from '../helpers';

export type ProtocolFeature = 'hover' | 'inlayHints' | 'codeLens';

/** Files where a latency estimate is expected: topologies with RTTs and the kubeadm config beside one. */
const ESTIMATE_FILES: string[][] = [
  ['stretched-two-dc', 'stretched-two-dc.etcd-topology.yaml'],
  ['three-site-arbiter', 'three-site-arbiter.etcd-topology.yaml'],
  ['kubeadm-stacked', 'kubeadm-config.yaml'],
  ['kubeadm-stacked', 'topology.etcd-topology.yaml'],
];
/** A duration as the estimate texts print it: 0.42 ms, 3.1 ms, 45 ms, 1.2 s. */
const DURATION = /\d+(?:\.\d+)?\s?m?s\b/;
/** The write-latency estimate (server/src/protocol/estimateText.ts latencyText): raft p50, or sequential. */
const LATENCY = /write (?:p50 )?≈ \d+(?:\.\d+)?\s?m?s\b/;

/** What `describe` says of each estimate file, as "file:line: text" lines (line is 0-based from the provider). */
async function fromEstimateFiles(
  describe: (document: vscode.TextDocument) => Promise<{ line: number; text: string }[]>,
): Promise<string[]> {
  const seen: string[] = [];
  for (const file of ESTIMATE_FILES) {
    const document = await open(...file);
    for (const item of await describe(document)) seen.push(`${file.join('/')}:${item.line + 1}: ${item.text}`);
  }
  return seen;
}

const sample = (seen: string[]): string => JSON.stringify(seen.slice(0, 20));

export function registerProtocolFeatureTests(features: ReadonlySet<ProtocolFeature>): void {
  if (features.has('hover')) {
    test('hover on a topology name shows that cluster and its write-latency estimate', async () => {
      for (const file of ESTIMATE_FILES.filter(([, name]) => name.endsWith('.etcd-topology.yaml'))) {
        const document = await open(...file);
        // The cluster's own name under `metadata:`: the position the summary hover belongs to.
        const line = document
          .getText()
          .split('\n')
          .findIndex((text) => /^ {2}name:\s*\S/.test(text));
        assert.ok(line >= 0, `${file.join('/')}: no metadata name line`);
        const text = document.lineAt(line).text;
        const clusterName = text.replace(/^\s*name:\s*/, '').trim();
        const at = new vscode.Position(line, text.indexOf(clusterName) + 1);
        const hovers = await hoverTexts(document.uri, at);
        assert.ok(
          hovers.some((h) => h.startsWith(`**topology ${clusterName}**`) && LATENCY.test(h)),
          `${file.join('/')}:${line + 1}: hover at the cluster name has no estimate for ${clusterName}: ${JSON.stringify(hovers)}`,
        );
        // A comment is no fact: asking there shows no estimate.
        const comment = document
          .getText()
          .split('\n')
          .findIndex((t) => t.startsWith('#'));
        if (comment >= 0) {
          const none = await hoverTexts(document.uri, new vscode.Position(comment, 2));
          assert.ok(!none.some((h) => LATENCY.test(h)), `${file.join('/')}: estimate on a comment: ${none}`);
        }
      }
    });

    test('hover in the kubeadm config shows a write-latency estimate', async () => {
      const seen = await fromEstimateFiles(async (document) => {
        if (!document.uri.path.endsWith('kubeadm-config.yaml')) return [];
        const hovers: { line: number; text: string }[] = [];
        for (const position of hoverPositions(document)) {
          for (const text of await hoverTexts(document.uri, position)) hovers.push({ line: position.line, text });
        }
        return hovers;
      });
      assert.ok(
        seen.some((s) => LATENCY.test(s)),
        `no hover with a write-latency estimate; hovers: ${sample(seen)}`,
      );
    });
  }

  if (features.has('inlayHints')) {
    test('inlay hints show the quorum and timer/latency figures', async () => {
      const seen = await fromEstimateFiles(async (document) =>
        (await inlayHintLabels(document.uri)).map((h) => ({ line: h.line, text: h.label })),
      );
      assert.ok(
        seen.some((s) => /quorum \d+ of \d+/.test(s)),
        `no inlay hint with the quorum; hints: ${sample(seen)}`,
      );
      assert.ok(
        seen.some((s) => DURATION.test(s)),
        `no inlay hint with a duration; hints: ${sample(seen)}`,
      );
    });
  }

  if (features.has('codeLens')) {
    test('code lenses show the headline latency estimate', async () => {
      const seen = await fromEstimateFiles(async (document) =>
        (await codeLensTitles(document.uri)).map((l) => ({ line: l.line, text: l.title })),
      );
      assert.ok(
        seen.some((s) => /: etcd: /.test(s) && LATENCY.test(s)),
        `no code lens with a latency estimate; lenses: ${sample(seen)}`,
      );
    });
  }
}
