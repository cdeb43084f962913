// `--format stylish`: the default, for people. Colour only on a TTY and never with NO_COLOR.
// Vendor text (file names, quotes, sections) never reaches the terminal as control codes: each
// string is made one visible line, and the whole output is cleaned before our colours go in.
import type { Finding, Severity } from '../core/findings.js';
import { isConfigNotice, isUnpairedNotice, type ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence, relativePath as relativePathRaw } from './location.js';
import { applyColours, SGR_CLOSE, SGR_OPEN, terminalBlock, terminalText } from './safe-text.js';

const relativePath = (file: string | undefined, cwd?: string) => terminalText(relativePathRaw(file, cwd));
const describe = (e: Parameters<typeof describeEvidence>[0]) => terminalText(describeEvidence(e));


const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4, green: 32 } as const;
type Style = keyof typeof CODES;

/** Reasons worth naming file by file: they can hide a document from the review. */
const NAMED_REASONS = new Set(['not-a-document', 'depth-limit', 'symlink-outside-tree', 'symlink-broken', 'unreadable-folder']);
const MAX_NAMED = 20;

/** "N files skipped: …" by reason, then the files whose reason can hide a document (the rest: --format json). */
function skippedLines(report: ReviewReport, options: Partial<PresentOptions>, paint: (style: Style, text: string) => string): string[] {
  const skipped = report.skipped ?? [];
  if (skipped.length === 0) return [];
  const byReason = new Map<string, number>();
  for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const counts = [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
  const out = [paint('dim', `${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped: ${counts.join(', ')}`)];
  const named = skipped.filter((s) => NAMED_REASONS.has(s.reason));
  for (const s of named.slice(0, MAX_NAMED)) out.push(paint('dim', `  ${relativePath(s.path, options.cwd)}  ${s.reason}${s.detail ? `: ${terminalText(s.detail)}` : ''}`));
  if (named.length > MAX_NAMED) out.push(paint('dim', `  … and ${named.length - MAX_NAMED} more (--format json lists every skipped file)`));
  return out;
}

export function formatStylish(report: ReviewReport, options: Partial<PresentOptions>): string {
  const paint = (style: Style, text: string) => (options.color ? `${SGR_OPEN}${CODES[style]}${SGR_CLOSE}${text}${SGR_OPEN}0${SGR_CLOSE}` : text);
  const sevStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
  const lines: string[] = [];

  const block = (title: string, findings: Finding[], waivedCount = 0, docPath?: string) => {
    if (findings.length === 0 && waivedCount === 0) return;
    lines.push(paint('underline', title));
    const rows = findings.map((f) => {
      const first = f.evidence[0]!;
      // A path is worth printing only when the evidence is in another file than the one listed.
      const where = [describe(first), first.path && first.path !== docPath ? relativePath(first.path, options.cwd) : '']
        .filter(Boolean)
        .join(' ');
      const quote = first.quote ? ` "${first.quote.length > 80 ? `${first.quote.slice(0, 77)}…` : first.quote}"` : '';
      return { where, sev: f.severity, text: terminalText(`${f.message}${quote}`), id: f.ruleId, also: f.evidence.slice(1, 3) };
    });
    const width = Math.min(28, Math.max(0, ...rows.map((r) => r.where.length)));
    for (const r of rows) {
      lines.push(`  ${paint('dim', r.where.padEnd(width))}  ${paint(sevStyle[r.sev], r.sev.padEnd(7))}  ${r.text}  ${paint('dim', r.id)}`);
      for (const e of r.also) {
        lines.push(`  ${' '.repeat(width)}           ${paint('dim', `also: ${[e.path && e.path !== docPath ? relativePath(e.path, options.cwd) : '', describe(e)].filter(Boolean).join(' ')}${e.quote ? ` "${terminalText(e.quote.slice(0, 60))}"` : ''}`)}`);
      }
    }
    if (waivedCount) lines.push(`  ${paint('dim', `(${waivedCount} waived)`)}`);
    lines.push('');
  };

  // Which configuration governed the run, and any in the reviewed tree that was not applied.
  const configName = (file: string | null | undefined) => (file ? relativePath(file, options.cwd) : 'none (built-in defaults)');
  if (report.config !== undefined) {
    lines.push(paint('dim', `configuration: ${configName(report.config)}`));
    for (const n of (report.notices ?? []).filter(isConfigNotice)) lines.push(`${paint('yellow', 'notice')}  ${relativePath(n.file, options.cwd)}: ${n.message}`);
    lines.push('');
  }

  for (const d of report.documents) {
    const name = relativePath(d.path, options.cwd);
    // A document governed by another file than the run's (a trusted nested one) says so.
    const own = d.config !== undefined && report.config !== undefined && d.config !== report.config ? ` ${paint('dim', `[configuration: ${configName(d.config)}]`)}` : '';
    if (d.status === 'unreadable') {
      lines.push(`${paint('underline', name)}${own}`);
      lines.push(`  ${paint('red', 'error  ')}  unreadable: ${terminalText(d.error ?? '')}`);
      lines.push('');
      continue;
    }
    block(`${name} ${paint('dim', `(${d.kind})`)}${own}`, d.findings, d.waived.length, d.path);
    const na = d.notApplicable ?? [];
    if (na.length) {
      // Not findings: the rules whose premise (a listener, a web server, any network) the product lacks.
      if (d.findings.length === 0 && d.waived.length === 0) lines.push(paint('underline', `${name} ${paint('dim', `(${d.kind})`)}`));
      const byReason = new Map<string, string[]>();
      for (const n of na) byReason.set(n.reason, [...(byReason.get(n.reason) ?? []), n.ruleId]);
      lines.push(`  ${paint('dim', `n/a: ${na.length} rule${na.length === 1 ? '' : 's'} not applicable`)}`);
      for (const [reason, ids] of byReason) lines.push(`  ${paint('dim', `  ${ids.length > 4 ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more` : ids.join(', ')}: ${terminalText(reason)}`)}`);
      lines.push('');
    }
  }
  block('Cross-document checks', report.crossFindings);
  const crossNa = report.crossNotApplicable ?? [];
  if (crossNa.length) {
    if (report.crossFindings.length === 0) lines.push(paint('underline', 'Cross-document checks'));
    lines.push(`  ${paint('dim', `n/a: ${crossNa.length} cross rule${crossNa.length === 1 ? '' : 's'} not applicable`)}`);
    for (const n of crossNa.slice(0, 20)) lines.push(`  ${paint('dim', `  ${n.ruleId}: ${terminalText(n.reason)}`)}`);
    lines.push('');
  }
  const unpaired = (report.notices ?? []).filter(isUnpairedNotice);
  if (unpaired.length) {
    lines.push(paint('underline', 'Not paired'));
    for (const n of unpaired) lines.push(`  ${paint('cyan', 'notice ')}  ${relativePath(n.mds2, options.cwd)} and ${relativePath(n.conformance, options.cwd)} ${terminalText(n.message)}`);
    lines.push('');
  }

  const s = report.summary;
  const total = s.findings.error + s.findings.warning + s.findings.info;
  const parts = [
    `${s.documents} document${s.documents === 1 ? '' : 's'}`,
    `${total} finding${total === 1 ? '' : 's'} (${s.findings.error} error${s.findings.error === 1 ? '' : 's'}, ${s.findings.warning} warning${s.findings.warning === 1 ? '' : 's'}, ${s.findings.info} info)`,
  ];
  if (s.waived) parts.push(`${s.waived} waived`);
  if (s.unreadable) parts.push(`${s.unreadable} unreadable`);
  const mark = s.unreadable || s.findings.error ? paint('red', '✖') : total ? paint('yellow', '⚠') : paint('green', '✔');
  lines.push(`${mark} ${paint('bold', parts.join(', '))}`);
  lines.push(...skippedLines(report, options, paint));
  return applyColours(terminalBlock(`${lines.join('\n')}\n`));
}
