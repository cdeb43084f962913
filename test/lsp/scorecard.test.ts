// The editor's scorecard webview asks the server for the `dicomsec report` HTML of the workspace
// (the export job in the worker pool). Over stdio, as the extension does: the page names the
// products from content, draws the chart, loads nothing and runs nothing.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, PRESENTERS } from '../../server/src/presenters/index.js';
import { SCORECARD_FORMAT, type ExportReportResult } from '../../server/src/lsp/protocol.js';
import { repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-scorecard-${process.pid}`);
const samples = path.join(repoRoot, 'samples');
const files = ['northwind-imaging-nw-scope-200-mds2.csv', 'northwind-imaging-nw-scope-200-conformance.md', 'contoso-medical-clarity-pacs-mds2.xlsx'];

describe('scorecard for the editor', () => {
  let h: Harness;
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(work, 'vendors'), { recursive: true });
    for (const f of files) copyFileSync(path.join(samples, f), path.join(work, 'vendors', f));
    h = await startHarness({ rootDir: work });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the webview format is the scorecard report, offered in the export menu too', async () => {
    expect(FORMATS).toContain(SCORECARD_FORMAT);
    expect(PRESENTERS[SCORECARD_FORMAT as keyof typeof PRESENTERS].extension).toBe('html');
    const menu = (await h.conn.sendRequest('dicomsec/exportFormats')) as { format: string }[];
    expect(menu.map((f) => f.format)).toEqual(expect.arrayContaining(['report-html', 'report-md']));
  });

  it('returns the workspace scorecard: products, chart, remediation, hashes; no script, no external resource', async () => {
    const r = (await h.conn.sendRequest('dicomsec/exportReport', { format: SCORECARD_FORMAT })) as ExportReportResult;
    expect(r.encoding).toBeUndefined();
    expect(r.extension).toBe('html');
    expect(r.summary.documents).toBe(3);
    const html = r.text;
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href="(?!#)/i);
    expect(html).toContain('Northwind Imaging Ltd. (fictional) — NW-Scope 200 ultrasound review workstation 4.2');
    expect(html).toContain('Contoso Medical Systems (fictional) — Clarity PACS 8.1');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(4); // two charts for each product
    expect(html).toContain('Configure a calling AE title and IP allow-list if the product offers one; otherwise restrict by firewall.');
    for (const f of files) expect(html).toContain(createHash('sha256').update(readFileSync(path.join(work, 'vendors', f))).digest('hex'));
    // Files named relative to the workspace folder, never by their absolute path.
    expect(html).toContain('vendors/northwind-imaging-nw-scope-200-mds2.csv');
    expect(html).not.toContain(work);
  });
});
