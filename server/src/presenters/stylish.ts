// `--format stylish`: the default, for people. Colour only on a TTY and never with NO_COLOR.
// Vendor text (file names, quotes, sections) never reaches the terminal as control codes: each
// string is made one visible line, and the whole output is cleaned before our colours go in.
import type { Finding, Severity } from '../core/findings.js';
import { isConfigNotice, isUnpairedNotice, type ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence, shownPath } from './location.js';
import { applyColours, SGR_CLOSE, SGR_OPEN, terminalBlock, terminalText } from './safe-text.js';
import { clipQuote, wrapText } from './quote.js';

const describe = (e: Parameters<typeof describeEvidence>[0]) => terminalText(describeEvidence(e));
const shown = (file: string | undefined, options: Partial<PresentOptions>) => terminalText(shownPath(file, options));


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
  for (const s of named.slice(0, MAX_NAMED)) out.push(paint('dim', `  ${shown(s.path, options)}  ${s.reason}${s.detail ? `: ${terminalText(s.detail)}` : ''}`));
  if (named.length > MAX_NAMED) out.push(paint('dim', `  … and ${named.length - MAX_NAMED} more (--format json lists every skipped file)`));
  return out;
}

/** Columns when the width is not known (not a terminal: a file, a pipe, CI). */
const DEFAULT_WIDTH = 80;

/**
 * The message, then the quote cut around what matters in what is left of the line (or on a line
 * of its own): the first line at most `first` wide (the rule id follows it), the others `rest`.
 */
function messageLines(f: Finding, first: number, rest: number, title?: string): string[] {
  const message = terminalText(f.message);
  const head = wrapText(message, first)[0] ?? '';
  const text = [head, ...wrapText(message.slice(head.length), rest)];
  const quote = f.evidence[0]?.quote;
  if (!quote) return text;
  const terms = [f.message, title ?? ''];
  const last = text.length - 1;
  const left = (last === 0 ? first : rest) - text[last]!.length - 3;
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= left || left >= 24) text[last] = `${text[last]} "${terminalText(clipQuote(quote, left, terms))}"`;
  else text.push(`"${terminalText(clipQuote(quote, rest - 2, terms))}"`);
  return text;
}

/** --verbose: what to ask the vendor and what would fix it, from the rule, wrapped to `room`. */
function verboseLines(f: Finding, options: Partial<PresentOptions>, room: number): string[] {
  const rule = options.catalog?.get(f.ruleId);
  if (!rule) return [];
  return [...wrapText(`ask the vendor: ${rule.question}`, room), ...wrapText(`remediation: ${rule.remediation}`, room)];
}

/** Waived findings: each justification once, with how many findings and which rules it covers. */
function waiverLines(waived: Finding[], width: number): string[] {
  const byJustification = new Map<string, Finding[]>();
  for (const f of waived) {
    const key = f.waiver?.justification ?? '';
    byJustification.set(key, [...(byJustification.get(key) ?? []), f]);
  }
  const out: string[] = [];
  for (const [justification, findings] of byJustification) {
    const rules = [...new Set(findings.map((f) => f.ruleId))];
    const expires = findings.find((f) => f.waiver?.expires)?.waiver?.expires;
    const head = `waived: ${findings.length} finding${findings.length === 1 ? '' : 's'} (${rules.length > 4 ? `${rules.slice(0, 4).join(', ')} and ${rules.length - 4} more` : rules.join(', ')})${expires ? `, until ${expires}` : ''}`;
    out.push(...wrapText(justification ? `${head}: ${terminalText(justification)}` : head, width - 4));
  }
  return out;
}

export function formatStylish(report: ReviewReport, options: Partial<PresentOptions>): string {
  const paint = (style: Style, text: string) => (options.color ? `${SGR_OPEN}${CODES[style]}${SGR_CLOSE}${text}${SGR_OPEN}0${SGR_CLOSE}` : text);
  const sevStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
  const lines: string[] = [];

  const width = Math.max(40, options.width ?? DEFAULT_WIDTH);
  const block = (title: string, findings: Finding[], waived: Finding[] = [], docPath?: string) => {
    if (findings.length === 0 && waived.length === 0) return;
    lines.push(paint('underline', title));
    const rows = findings.map((f) => {
      const first = f.evidence[0]!;
      // A path is worth printing only when the evidence is in another file than the one listed.
      const where = [describe(first), first.path && first.path !== docPath ? shown(first.path, options) : '']
        .filter(Boolean)
        .join(' ');
      return { f, where, also: f.evidence.slice(1, 3) };
    });
    const column = Math.min(Math.floor(width / 4), Math.max(0, ...rows.map((r) => r.where.length)));
    const indent = 2 + column + 2 + 7 + 2;
    const pad = ' '.repeat(indent);
    for (const { f, where, also } of rows) {
      // Where (on a line of its own when longer than its column), severity, the message and quote
      // in what is left of the line, the rule id after the first line.
      if (where.length > column) lines.push(`  ${paint('dim', where)}`);
      const text = messageLines(f, width - indent - 2 - f.ruleId.length, width - indent, options.catalog?.get(f.ruleId)?.title);
      lines.push(`  ${paint('dim', (where.length > column ? '' : where).padEnd(column))}  ${paint(sevStyle[f.severity], f.severity.padEnd(7))}  ${text[0]}  ${paint('dim', f.ruleId)}`);
      for (const more of text.slice(1)) lines.push(`${pad}${more}`);
      for (const e of also) {
        const place = `also: ${[e.path && e.path !== docPath ? shown(e.path, options) : '', describe(e)].filter(Boolean).join(' ')}`;
        const quoteRoom = width - indent - place.length - 3;
        lines.push(`${pad}${paint('dim', `${place}${e.quote && quoteRoom >= 12 ? ` "${terminalText(clipQuote(e.quote, quoteRoom))}"` : ''}`)}`);
      }
      if (options.verbose) lines.push(...verboseLines(f, options, width - indent).map((l) => `${pad}${paint('dim', l)}`));
    }
    lines.push(...waiverLines(waived, width).map((l) => `  ${paint('dim', l)}`));
    lines.push('');
  };

  // Which configuration governed the run, and any in the reviewed tree that was not applied.
  const configName = (file: string | null | undefined) => (file ? shown(file, options) : 'none (built-in defaults)');
  if (report.config !== undefined) {
    lines.push(paint('dim', `configuration: ${configName(report.config)}`));
    for (const n of (report.notices ?? []).filter(isConfigNotice)) lines.push(`${paint('yellow', 'notice')}  ${shown(n.file, options)}: ${n.message}`);
    lines.push('');
  }

  for (const d of report.documents) {
    const name = shown(d.path, options);
    // A document governed by another file than the run's (a trusted nested one) says so.
    const own = d.config !== undefined && report.config !== undefined && d.config !== report.config ? ` ${paint('dim', `[configuration: ${configName(d.config)}]`)}` : '';
    if (d.status === 'unreadable') {
      lines.push(`${paint('underline', name)}${own}`);
      lines.push(`  ${paint('red', 'error  ')}  unreadable: ${terminalText(d.error ?? '')}`);
      lines.push('');
      continue;
    }
    if (d.findings.length === 0) {
      // Listed all the same: a document that was reviewed and found clean says so.
      lines.push(`${paint('green', '✓')} ${name} ${paint('dim', `(${d.kind})`)}${own} — no findings${d.waived.length ? `, ${d.waived.length} waived` : ''}`);
      lines.push(...waiverLines(d.waived, width).map((l) => `  ${paint('dim', l)}`));
    } else block(`${name} ${paint('dim', `(${d.kind})`)}${own}`, d.findings, d.waived, d.path);
    const na = d.notApplicable ?? [];
    if (na.length) {
      // Not findings: the rules whose premise (a listener, a web server, any network) the product lacks.
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
    for (const n of unpaired) lines.push(`  ${paint('cyan', 'notice ')}  ${shown(n.documents[0], options)} and ${shown(n.documents[1], options)} ${terminalText(n.message)}`);
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
  const [summary, ...more] = wrapText(parts.join(', '), width - 2);
  lines.push(`${mark} ${paint('bold', summary ?? '')}`, ...more.map((l) => `  ${paint('bold', l)}`));
  lines.push(...skippedLines(report, options, paint));
  return applyColours(terminalBlock(`${lines.join('\n')}\n`));
}
