// The editor's "Compare Products…" and "Diff Against Previous Revision…" over stdio, as the
// extension asks for them: the server runs a compare or diff job in its worker pool and returns
// what the CLI prints (html or md; the diff as md).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareProductsResult, DiffRevisionsResult } from '../../server/src/lsp/protocol.js';
import { repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-compare-${process.pid}`);
const samples = path.join(repoRoot, 'samples');
const files = ['contoso-medical-clarity-pacs-mds2.xlsx', 'contoso-medical-clarity-pacs-conformance.md', 'northwind-imaging-nw-scope-200-mds2.csv', 'northwind-imaging-nw-scope-200-conformance.md'];
const uri = (f: string) => pathToFileURL(path.join(work, 'vendors', f)).href;

describe('compare and diff for the editor', () => {
  let h: Harness;
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(work, 'vendors'), { recursive: true });
    for (const f of files) copyFileSync(path.join(samples, f), path.join(work, 'vendors', f));
    const wb = XLSX.read(readFileSync(path.join(samples, files[0]!)));
    wb.Sheets[wb.SheetNames[0]!]!.C90 = { t: 's', v: 'No' }; // AUTH-1 Yes → No
    writeFileSync(path.join(work, 'vendors', 'contoso-mds2-r4.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    h = await startHarness({ rootDir: work });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('compares the picked products as the CLI does: columns by product name, differing rows highlighted', async () => {
    const r = (await h.conn.sendRequest('dicomsec/compareProducts', { uris: files.map(uri), format: 'html' })) as CompareProductsResult;
    expect(r.products).toEqual(['Contoso Medical Systems (fictional) — Clarity PACS 8.1', 'Northwind Imaging Ltd. (fictional) — NW-Scope 200, software 4.2']);
    expect(r.unreadable).toBe(0);
    expect(r.text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(r.text).toMatch(/<tr class="differs"><td class="mark">≠<\/td><td><strong>DOC-8<\/strong>/);
    expect(r.text).toContain('vendors/contoso-medical-clarity-pacs-mds2.xlsx');
    expect(r.text).not.toContain(work);
    const md = (await h.conn.sendRequest('dicomsec/compareProducts', { uris: files.map(uri), format: 'md' })) as CompareProductsResult;
    expect(md.text).toContain('| ≠ | **DOC-8** Coordinated Vulnerability Disclosure program? |');
  });

  it('one product is an error the editor shows', async () => {
    await expect(h.conn.sendRequest('dicomsec/compareProducts', { uris: files.slice(0, 2).map(uri), format: 'html' })).rejects.toThrow(/at least two products \(found 1: Contoso/);
  });

  it('diffs two revisions: the gap the new answer opened, in Markdown', async () => {
    const r = (await h.conn.sendRequest('dicomsec/diffRevisions', { old: uri(files[0]!), new: uri('contoso-mds2-r4.xlsx') })) as DiffRevisionsResult;
    expect(r).toMatchObject({ extension: 'md', opened: 2, closed: 0, changed: 1 });
    expect(r.text).toContain('| **AUTH-1** | Yes <sub>mds2-form!C90</sub> | No <sub>mds2-form!C90</sub> |');
    expect(r.text).toContain('| error | `MDS2-AUTH-001` | AUTH-1 mds2-form!C90 |');
    await expect(h.conn.sendRequest('dicomsec/diffRevisions', { old: uri(files[0]!), new: uri(files[1]!) })).rejects.toThrow(/one document kind/);
  });
});
