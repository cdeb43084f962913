// The stylish report as a reviewer reads it in a terminal: quotes cut without changing what they
// say, lines that fit, clean documents listed, waiver justifications once, --verbose.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/core/findings.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { clipQuote, focusIndex, wrapText } from '../../server/src/presenters/quote.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { makeRule } from '../helpers/models.js';
import { repoRoot } from '../helpers/corpus.js';

const rules = [
  makeRule({ id: 'CS-TLS-001', title: 'TLS for DIMSE', severity: 'error', appliesTo: 'conformance-statement', question: 'Which TLS profiles does the product support for DIMSE?', remediation: 'Put the device behind an IPsec tunnel until TLS is offered.' }),
  makeRule({ id: 'MDS2-CONN-003', severity: 'warning' }),
];
const catalog: Catalog = { packs: [], rules, get: (id) => rules.find((r) => r.id === id) };
const LONG = 'The product supports the DICOM Basic TLS Secure Transport Connection Profile for its web interface and for the remote service portal, but TLS is not supported for DIMSE associations on port 104 or on any other port.';

function report(): ReviewReport {
  const cs = path.join(repoRoot, 'vendors', 'acme', 'cs.pdf');
  const form = path.join(repoRoot, 'vendors', 'acme', 'mds2.xlsx');
  const waiver = { justification: 'Dedicated imaging VLAN with IPsec, approved by the security board.' };
  const waived = (q: string): Finding => ({ ruleId: 'MDS2-CONN-003', severity: 'warning', message: 'waived one', frameworks: {}, evidence: [{ questionId: q, sheet: 'mds2-form', cell: 'C9' }], waiver });
  const documents: ReviewReport['documents'] = [
    { path: cs, kind: 'conformance-statement', status: 'reviewed', findings: [{ ruleId: 'CS-TLS-001', severity: 'error', message: 'The statement offers no TLS for DIMSE associations, so images and patient data cross the network in the clear.', frameworks: {}, evidence: [{ section: 'Security', page: 12, line: 4, quote: LONG }] }], waived: [] },
    { path: form, kind: 'mds2', status: 'reviewed', findings: [], waived: [waived('TXCF-1'), waived('TXCF-2'), waived('TXIG-1')] },
  ];
  return { version: 1, documents, crossFindings: [], summary: summarize(documents, []) };
}

describe('quotes cut for a terminal', () => {
  it('keeps a negation inside the window, at word boundaries, with an ellipsis on each cut side', () => {
    const cut = clipQuote(LONG, 60);
    expect(cut).toContain('not supported');
    expect(cut).toMatch(/^….*…$/);
    expect(cut.length).toBeLessThanOrEqual(60);
    const inner = cut.slice(1, -1);
    expect(LONG).toContain(inner);
    // Word boundaries: the kept text starts and ends at whole words of the quote.
    const at = LONG.indexOf(inner);
    expect(LONG[at - 1]).toBe(' ');
    expect(LONG[at + inner.length] ?? ' ').toMatch(/[ .,]/);
  });

  it('never ends right before the word that turns the sentence around', () => {
    const quote = 'Transport encryption with TLS 1.2 is available for the web viewer and the service tools and never for DIMSE';
    for (let max = 20; max <= quote.length; max += 3) {
      const cut = clipQuote(quote, max);
      expect(cut.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(cut, `max ${max}`).not.toMatch(/\b(?:and|tools|service)…$/);
      expect(cut, `max ${max}`).toMatch(/never/);
    }
  });

  it('without a negation, keeps the term the rule is about', () => {
    const quote = 'The device offers many services to the hospital network including storage commitment, query and retrieve, worklist and audit logging over syslog';
    expect(focusIndex(quote, ['Audit trail'])).toBe(quote.indexOf('audit'));
    expect(clipQuote(quote, 40, ['Audit trail'])).toContain('audit logging');
    expect(clipQuote('short quote', 40)).toBe('short quote');
  });

  it('wraps at spaces within the width', () => {
    const lines = wrapText(LONG, 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(LONG);
  });
});

describe('stylish layout', () => {
  it('fits every line into the width it is given (80 by default)', () => {
    for (const width of [undefined, 60, 100, 140]) {
      const out = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false, width, verbose: true });
      for (const line of out.split('\n')) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width ?? 80);
    }
  });

  it('lists a document without findings, and prints a waiver\'s justification once for all it covers', () => {
    const out = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false, width: 200 });
    expect(out).toContain('✓ vendors/acme/mds2.xlsx (mds2) — no findings, 3 waived');
    expect(out.match(/Dedicated imaging VLAN/g)).toHaveLength(1);
    expect(out).toContain('waived: 3 findings (MDS2-CONN-003): Dedicated imaging VLAN with IPsec, approved by the security board.');
  });

  it('shows the vendor question and the remediation under each finding with --verbose only', () => {
    const plain = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false, width: 200 });
    const verbose = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false, width: 200, verbose: true });
    expect(plain).not.toContain('Which TLS profiles');
    expect(verbose).toMatch(/CS-TLS-001\n\s+ask the vendor: Which TLS profiles does the product support for DIMSE\?\n\s+remediation: Put the device behind an IPsec tunnel until TLS is offered\./);
  });

  it('cuts the finding\'s quote around its negation in a narrow terminal', () => {
    const out = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false, width: 80 });
    const quoted = /"(…[^"]*…?)"/.exec(out)?.[1];
    expect(quoted).toBeDefined();
    expect(quoted).toContain('not supported');
  });
});
