// Quick fixes that make a voting membership odd: add a member entry for the user to edit, or remove the
// last one. Offered by even-member-count; each is a plain text edit the user picks.
import { LINE_BREAK } from '../lines';
import type { Range, SuggestedEdit, TopologyMember } from '../types';
import { keepQuoting } from './helpers';
import type { Membership } from './membership';
import type { RuleContext } from './rule';

const NEW_MEMBER = 'etcd-new';

function lineText(ctx: RuleContext, line: number): string {
  return ctx.text.split(LINE_BREAK, line + 1)[line] ?? '';
}

function eol(ctx: RuleContext): string {
  return ctx.text.includes('\r\n') ? '\r\n' : '\n';
}

/** A block-style member entry after the last one, copying its site and storage type for the user to edit. */
function addTopologyMember(ctx: RuleContext, last: TopologyMember): SuggestedEdit | undefined {
  const start = last.range.start;
  const dashLine = lineText(ctx, start.line);
  // The entry must start a sequence item (`- name: …` or `- {name: …}`) for the copy to line up.
  if (dashLine.slice(start.character - 2, start.character) !== '- ') return undefined;
  const indent = ' '.repeat(start.character);
  const dashIndent = ' '.repeat(start.character - 2);
  const nl = eol(ctx);
  const type = last.storageType?.value ?? 'ssd';
  const lines = [
    `${dashIndent}- name: ${NEW_MEMBER}`,
    `${indent}site: ${last.site?.value ?? 'SITE'}`,
    `${indent}storage:`,
    `${indent}  type: ${type}`,
  ];
  if (last.fsyncMs) lines.push(`${indent}  fsyncMs: ${last.fsyncMs.value}`);
  const endLine = last.range.end.line;
  const at = { line: endLine, character: lineText(ctx, endLine).length };
  return {
    title: `Add a member entry (${NEW_MEMBER}: edit its name, site and storage)`,
    edits: [{ range: { start: at, end: at }, newText: nl + lines.join(nl) }],
  };
}

/** Deletes the last member's lines when the entry occupies whole lines of its own. */
function removeTopologyMember(ctx: RuleContext, last: TopologyMember): SuggestedEdit | undefined {
  const start = last.range.start;
  const before = lineText(ctx, start.line).slice(0, start.character);
  if (!/^\s*-\s+$/.test(before)) return undefined;
  const end = last.range.end;
  const after = lineText(ctx, end.line).slice(end.character);
  if (after.trim() !== '' && !after.trim().startsWith('#')) return undefined;
  const range: Range = { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } };
  return { title: `Remove member ${last.name?.value ?? ''}`.trim(), edits: [{ range, newText: '' }] };
}

/** Appends a `name=url` entry to an initial-cluster value, inside its quotes. */
function addInitialClusterEntry(ctx: RuleContext, range: Range): SuggestedEdit | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const text = ctx.textAt(range);
  const quoted = /^["'].*["']$/.test(text);
  const at = quoted ? { line: range.end.line, character: range.end.character - 1 } : range.end;
  return {
    title: `Add a member entry to initial-cluster (${NEW_MEMBER}: edit its name and peer URL)`,
    edits: [{ range: { start: at, end: at }, newText: `,${NEW_MEMBER}=https://NEW-MEMBER-ADDRESS:2380` }],
  };
}

export function memberCountFixes(ctx: RuleContext, m: Membership): SuggestedEdit[] {
  const fixes: (SuggestedEdit | undefined)[] = [];
  const n = m.voting;
  if (m.topology) {
    const voting = (m.topology.members ?? []).filter((x) => x && x.learner !== true && x.range);
    const last = voting[voting.length - 1];
    if (last) fixes.push(addTopologyMember(ctx, last), removeTopologyMember(ctx, last));
  } else if (m.config) {
    const count = m.config.memberCount;
    if (count && count.range === m.range && !count.computed) {
      for (const target of [n + 1, n - 1]) {
        fixes.push({
          title: `Set ${m.source} to ${target}`,
          edits: [{ range: count.range, newText: keepQuoting(ctx, count.range, String(target)) }],
        });
      }
    } else if (m.config.initialCluster && m.config.initialCluster.range === m.range) {
      fixes.push(addInitialClusterEntry(ctx, m.range));
    }
  }
  return fixes.filter((f): f is SuggestedEdit => f !== undefined);
}
