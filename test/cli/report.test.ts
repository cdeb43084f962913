// `dicomsec report`: the scorecard report on the samples, a hostile vendor folder and the shared
// corpus, run as the installed CLI. Content is asserted, not only that something was written.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { runCliSync } from '../helpers/cli.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';

const samples = path.join(repoRoot, 'samples');

function dicomsec(args: string[], cwd = repoRoot) {
  const r = runCliSync(args, { cwd, launcher: true, env: { NO_COLOR: '', FORCE_COLOR: '' } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Absolute paths of this machine (the repo, the temp folder, the home folder) must not leak into a report. */
function expectNoLocalPaths(text: string, ...roots: string[]) {
  for (const root of [repoRoot, tmpdir(), process.env.HOME ?? '/root', ...roots]) expect(text).not.toContain(root);
}

describe('dicomsec report on the samples', () => {
  const html = dicomsec(['report', 'samples/', '-q']);
  const md = dicomsec(['report', 'samples/', '--format', 'md', '-q']);

  it('exits as lint does (errors in the Northwind documents: 1) and writes nothing to standard error', () => {
    expect(html.code).toBe(1);
    expect(md.code).toBe(1);
    expect(html.stderr).toBe('');
  });

  it('names each product from the documents, once: manufacturer, product, version, dates', () => {
    for (const text of [html.stdout, md.stdout]) {
      expect(text).toContain('Contoso Medical Systems (fictional) — Clarity PACS image archive and diagnostic viewer 8.1');
      expect(text).toContain('Northwind Imaging Ltd. (fictional) — NW-Scope 200 ultrasound review workstation 4.2');
      expect(text).toContain('2025-06-30');
      expect(text).toContain('2021-02-15');
      expect(text).toMatch(/2 products, \d+ documents/);
    }
    expect(md.stdout.match(/^## Northwind Imaging/gm)).toHaveLength(1);
    expect(md.stdout.match(/^## Contoso Medical/gm)).toHaveLength(1);
  });

  it('gives a verdict per product and overall', () => {
    // Contoso's SBOM and advisory are its documents: release 8.1 affected and unfixed (X-ADV-001, M6), and their own errors.
    expect(md.stdout).toContain('**Verdict:** 2 products reviewed: 2 not ready to connect.');
    expect(md.stdout).toMatch(/\*\*Verdict:\*\* Not ready to connect: 3 errors and \d+ warnings open, blocking M6 \(\d+ informational findings\)\./);
    // Northwind supplied no SBOM nor advisory: the rules about them are not assessed, and the verdict says so.
    expect(md.stdout).toMatch(/\*\*Verdict:\*\* Not ready to connect: \d+ errors and \d+ warnings open, blocking M3.* \d+ rules not assessed for want of a document\)\./);
  });

  const section = (text: string, heading: RegExp) => {
    const start = text.search(heading);
    const next = text.slice(start + 1).search(/^## /m);
    return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
  };
  const contoso = () => section(md.stdout, /^## Contoso Medical/m);
  const northwind = () => section(md.stdout, /^## Northwind Imaging/m);

  it("lists Contoso's SBOM and advisory among its documents, with titles and dates (md and html)", () => {
    const sbomHash = sha256(path.join(samples, 'contoso-medical-clarity-pacs-8.1.cdx.json'));
    const advisoryHash = sha256(path.join(samples, 'contoso-medical-cms-sa-2025-007.csaf.json'));
    expect(contoso()).toContain('| CycloneDX 1.6 SBOM | 2025-06-30 |');
    expect(contoso()).toContain('| CSAF 2.0 advisory CMS-SA-2025-007 | 2025-07-15 |');
    expect(contoso()).toContain(`| samples/contoso-medical-clarity-pacs-8.1.cdx.json | CycloneDX 1.6 SBOM | 2025-06-30 | \`${sbomHash}\` |`);
    expect(contoso()).toContain(`| samples/contoso-medical-cms-sa-2025-007.csaf.json | CSAF 2.0 advisory CMS-SA-2025-007 | 2025-07-15 | \`${advisoryHash}\` |`);
    expect(northwind()).not.toContain('cdx.json');
    expect(northwind()).not.toContain('csaf.json');
    const htmlContoso = html.stdout.slice(html.stdout.indexOf('<h2 id="product-1"'), html.stdout.indexOf('<h2 id="product-2"'));
    expect(htmlContoso).toContain(`<tr><td>samples/contoso-medical-clarity-pacs-8.1.cdx.json</td><td>CycloneDX 1.6 SBOM</td><td>2025-06-30</td><td class="hash">${sbomHash}</td></tr>`);
    expect(htmlContoso).toContain(`<tr><td>samples/contoso-medical-cms-sa-2025-007.csaf.json</td><td>CSAF 2.0 advisory CMS-SA-2025-007</td><td>2025-07-15</td><td class="hash">${advisoryHash}</td></tr>`);
    expect(htmlContoso).toContain('<code>X-ADV-003</code>');
  });

  it("scores the supply-chain rules for Contoso: SBOM, advisory and cross findings open, in its M6 row", () => {
    // X-ADV-003 compares the SBOM with the advisory: Contoso's once they are its documents.
    for (const id of ['X-ADV-003', 'X-ADV-001', 'SBOM-COMP-001', 'SBOM-COMP-004', 'CSAF-VULN-001', 'CSAF-VEX-001']) expect(contoso(), id).toContain(`\`${id}\``);
    expect(contoso()).toContain('### Findings (15)');
    // M6: the form and statement's 19 rules, and the SBOM, advisory and cross rules that map to M6 (7 more).
    expect(contoso()).toMatch(/\| M6 · Milestone 6: Manage your network, part I \(patch management\) \| `█+·+` 56% \| 15 \| 12 \| 0 \| 0 \| 0 \|/);
    expect(contoso()).not.toContain('Not assessed for want of a document');
    // Northwind's M6 row counts no SBOM or advisory rule (it has neither), and says what was not assessed.
    expect(northwind()).toMatch(/\| M6 · Milestone 6: Manage your network, part I \(patch management\) \| `█+·+` 30% \| 3 \| 7 \| 0 \| 0 \| 0 \|/);
    expect(northwind()).toMatch(/Not assessed for want of a document: \d+ rules for an SBOM, \d+ rules for an advisory, \d+ rules comparing an MDS2 form with an SBOM, \d+ rules comparing an MDS2 form with an advisory, 1 rule comparing an SBOM with an advisory\./);
    // Its form answers SBOM-1 No: no SBOM was promised, so none is missing.
    expect(northwind()).not.toContain('X-SBOM-001');
    expect(northwind()).toContain('`MDS2-SBOM-001`');
  });

  it('draws the scorecard by milestone and topic: an SVG chart in HTML, text bars in Markdown', () => {
    expect(html.stdout).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html.stdout).toContain('NSA Manageable Network Plan: rules met by milestone');
    expect(html.stdout).toContain('DICOM WG-14 checklist: rules met by topic');
    // Contoso's M1 row: every rule met; Northwind's M4 row: gaps open.
    expect(md.stdout).toMatch(/\| M1 · Milestone 1: Prepare to document \| `█{20}` 100% \| \d+ \| 0 \|/);
    expect(md.stdout).toMatch(/\| M4 · Milestone 4: Reach your network \(device accessibility\) \| `█*·+` \d+% \| \d+ \| [1-9]\d* \|/);
    expect(md.stdout).toMatch(/\| encryption · How do I turn on encryption\? \|/);
    // No script, no external resource: the CSP allows inline style only.
    expect(html.stdout).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html.stdout).not.toMatch(/<script|<link|<img|src=|href="http/i);
  });

  it('shows findings by severity with evidence, remediation and the vendor question, once per product', () => {
    for (const text of [html.stdout, md.stdout]) {
      expect(text).toContain('CS-ASSOC-001');
      expect(text).toContain('Configure a calling AE title and IP allow-list if the product offers one; otherwise restrict by firewall.');
      expect(text).toContain('Can the SCP be set to accept only listed calling AE title and IP address pairs, and is that the default?');
      expect(text).toContain('§ 6.2 Association Level Security line 103');
    }
    // The statement in Markdown and PDF carries the finding twice; the report once, naming both.
    const assoc = md.stdout.split('\n').filter((l) => l.includes('`CS-ASSOC-001`'));
    expect(assoc).toHaveLength(1);
    expect(md.stdout).toContain('Found in `samples/northwind-imaging-nw-scope-200-conformance.md`, `samples/northwind-imaging-nw-scope-200-conformance.pdf`.');
    expect(md.stdout.indexOf('#### Errors')).toBeLessThan(md.stdout.indexOf('#### Warnings'));
  });

  it('lists the unanswered questions with their cells', () => {
    expect(md.stdout).toContain('### Unanswered questions (4)');
    expect(md.stdout).toMatch(/\| `PAUT-8` \| .+ \| csv!C\d+ in samples\/northwind-imaging-nw-scope-200-mds2\.csv, samples\/northwind-imaging-nw-scope-200-mds2\.xlsx \|/);
  });

  it('lists every document with the SHA-256 of its bytes, by relative path only', () => {
    for (const file of ['contoso-medical-clarity-pacs-mds2.xlsx', 'northwind-imaging-nw-scope-200-conformance.pdf', 'northwind-imaging-nw-scope-200-mds2.csv']) {
      const hash = sha256(path.join(samples, file));
      expect(md.stdout).toContain(`| samples/${file} |`);
      expect(md.stdout).toContain(`\`${hash}\``);
      expect(html.stdout).toContain(hash);
    }
    expectNoLocalPaths(html.stdout);
    expectNoLocalPaths(md.stdout);
  });

  it('lists the RFP drafts apart, saying why they are not scored, and no SBOM or advisory among them', () => {
    const others = section(md.stdout, /^## Other documents reviewed/m);
    expect(others).toMatch(/^## Other documents reviewed \(2\)/);
    expect(others).toContain('Reviewed documents that belong to no product here: listed with their findings, not scored.');
    expect(others).not.toContain('RFP draft, say');
    expect(others).toMatch(/\| samples\/fabrikam-regional-hospital-imaging-archive-rfp\.md \| rfp \| the reviewer's own document, not a vendor's disclosure \| \d+ errors?, \d+ warnings?: .*RFP-SBOM-001/);
    expect(others).not.toContain('cdx.json');
    expect(others).not.toContain('csaf.json');
    expect(html.stdout).toContain('<h2>Other documents reviewed (2)</h2>');
    expect(md.stdout).not.toMatch(/^## .*Fabrikam/m);
  });

  it('writes to -o and is a lint format too (report-html, report-md)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-report-'));
    const out = path.join(dir, 'scorecard.md');
    const r = dicomsec(['report', 'samples/', '-f', 'md', '-o', out, '-q', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# Security disclosure scorecard');
    const lint = dicomsec(['lint', 'samples/', '-f', 'report-md', '-q']);
    expect(lint.stdout.replace(/^dicomsec .*$/m, '')).toBe(md.stdout.replace(/^dicomsec .*$/m, ''));
  });

  it('refuses an unknown format with a one-line usage error (exit 2)', () => {
    const r = dicomsec(['report', 'samples/', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pdf/);
    expect(r.stdout).toBe('');
  });
});

describe('dicomsec report on a hostile vendor folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-report-hostile-'));
  const vendor = path.join(dir, 'vendor');
  mkdirSync(vendor, { recursive: true });
  // A form whose maker and model cells carry markup (CSV keeps a cell's text as written).
  const form = readFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-mds2.csv'), 'utf8')
    .replaceAll('Northwind Imaging Ltd. (fictional)', 'Evil & Co <img src=x onerror=alert(1)>')
    .replaceAll('"NW-Scope 200, software 4.2"', '"<script>alert(1)</script> NW-Scope [link](http://evil.example) | cell"');
  writeFileSync(path.join(vendor, 'form.csv'), form);
  copyFileSync(path.join(samples, 'contoso-medical-clarity-pacs-conformance.md'), path.join(vendor, 'statement.md'));
  writeFileSync(path.join(vendor, 'notes.bin'), 'not a document');
  writeFileSync(
    path.join(dir, '.dicomsec.yaml'),
    'waivers:\n  - rule: MDS2-ALOF-001\n    documents: "vendor/**"\n    question: ALOF-1\n    justification: Screens lock through the hospital\'s domain policy (risk acceptance R-2026-14).\n    expires: 2099-06-30\n',
  );
  const html = dicomsec(['report', 'vendor', '-q'], dir);
  const md = dicomsec(['report', 'vendor', '-f', 'md', '-q'], dir);

  it("escapes the vendor's names: no tag, link or table cell opens", () => {
    expect(html.stdout).not.toMatch(/<script|<img/i);
    expect(html.stdout).toContain('Evil &amp; Co &lt;img src=x onerror=alert(1)&gt; — &lt;script&gt;alert(1)&lt;/script&gt; NW-Scope [link](http://evil.example) | cell');
    expect(md.stdout).not.toMatch(/<script|<img|(?<!\\)\[link(?<!\\)\]\(http:/i);
    expect(md.stdout).toContain('## Evil &amp; Co &lt;img src=x onerror=alert(1)&gt; — &lt;script&gt;alert(1)&lt;/script&gt; NW-Scope \\[link\\](http&#58;//evil.example) \\| cell');
  });

  it('shows the waiver with its justification and expiry, and the skipped file', () => {
    expect(md.stdout).toContain('### Waivers (1)');
    expect(md.stdout).toMatch(/\| `MDS2-ALOF-001` \| .+ \| Screens lock through the hospital's domain policy \(risk acceptance R-2026-14\)\. \| 2099-06-30 \|/);
    expect(html.stdout).toContain('Screens lock through the hospital&#39;s domain policy (risk acceptance R-2026-14).');
    expect(md.stdout).toMatch(/\| vendor\/notes\.bin \| [a-z-]+ \|/);
    expectNoLocalPaths(html.stdout, dir);
    expectNoLocalPaths(md.stdout, dir);
  });

  it('keeps documents of different products apart', () => {
    // The Contoso statement and the renamed form share no maker: two products.
    expect(md.stdout).toContain('2 products, 2 documents');
  });
});

describe('dicomsec report on an unreadable document', () => {
  it('lists it, with its hash, and exits 2: never a clean report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-report-broken-'));
    const broken = path.join(dir, 'broken.xlsx');
    writeFileSync(broken, 'PK\u0003\u0004 this is not a workbook');
    const r = dicomsec(['report', 'broken.xlsx', '-f', 'md', '-q'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('**Verdict:** Incomplete: 1 document could not be read, so this is not a clean result.');
    expect(r.stdout).toContain('## Documents that could not be reviewed (1)');
    expect(r.stdout).toContain(sha256(broken));
  });
});

describeCorpus('dicomsec report on the shared corpus', () => {
  it('names products from content (never a placeholder such as "Hidden"), one section each', () => {
    const r = dicomsec(['report', corpusPath('mds2'), corpusPath('cs', 'orthanc-2d55a19.txt'), '-f', 'md', '-q', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    // NEMA's example form hides its maker and model: the description names the product.
    expect(r.stdout).toContain('## Handheld Blood Glucose Monitor');
    expect(r.stdout).not.toMatch(/^## .*Hidden/m);
    expect(r.stdout).toContain('## MediCapture Inc. — ');
    expect(r.stdout).toContain('## Orthanc');
    expect(r.stdout).toContain(sha256(corpusPath('mds2', 'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx')));
    // Outside the working folder, files are named without their folders.
    expect(r.stdout).toContain('| NEMA\\_Example-MDS2-Worksheet\\_HN1-2019.xlsx |');
    expectNoLocalPaths(r.stdout, corpusPath());
  });
});
