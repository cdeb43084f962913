// "Show Network Exposure" asks the server for the exposure plan of a document's folder (the
// exposure-report job in the worker pool). Over stdio, as the extension does: the page holds the
// folder's product with its ports and evidence, loads nothing and runs nothing; a folder outside
// the workspace is refused.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExposureRequest, reviewUriFor, type ExposureResult } from '../../server/src/lsp/protocol.js';
import { repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-exposure-${process.pid}`);
const samples = path.join(repoRoot, 'samples');
const northwind = ['northwind-imaging-nw-scope-200-mds2.csv', 'northwind-imaging-nw-scope-200-conformance.md'];
const contoso = ['contoso-medical-clarity-pacs-conformance.md', 'contoso-medical-clarity-pacs-mds2.xlsx'];

describe('network exposure for the editor', () => {
  let h: Harness;
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    for (const [dir, files] of [['northwind', northwind], ['contoso', contoso]] as const) {
      mkdirSync(path.join(work, dir), { recursive: true });
      for (const f of files) copyFileSync(path.join(samples, f), path.join(work, dir, f));
    }
    h = await startHarness({ rootDir: work });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("plans the document's folder, from its review view too: the product's flows with evidence, as a page that loads and runs nothing", async () => {
    const doc = pathToFileURL(path.join(work, 'contoso', 'contoso-medical-clarity-pacs-mds2.xlsx')).href;
    const r = (await h.conn.sendRequest(ExposureRequest, { uri: reviewUriFor(doc) })) as ExposureResult;
    expect(r).toMatchObject({ format: 'html', scope: [path.join(work, 'contoso')], products: 1, unreadable: 0, conflicts: 0 });
    expect(r.text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(r.text).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    expect(r.text).toContain('<td>listens</td><td>Archive (DICOM TLS)</td><td>2762</td><td>TCP</td><td>yes</td><td>CLARITY_ARC</td>');
    expect(r.text).toContain('contoso/contoso-medical-clarity-pacs-conformance.md § 3.4.1 AE Title/Presentation Address Mapping line 69');
    expect(r.text).not.toContain('NW-Scope');
  });

  it('plans the whole workspace without a document, in Markdown when asked', async () => {
    const r = (await h.conn.sendRequest(ExposureRequest, { format: 'md' })) as ExposureResult;
    expect(r.products).toBe(2);
    expect(r.text).toContain('| listens | DICOM | 104 | TCP | no | NWSCOPE |');
    expect(r.text).toContain('## Contoso Medical Systems (fictional) — Clarity PACS 8.1');
  });

  it('refuses a folder outside the workspace', async () => {
    const outside = pathToFileURL(path.join(tmpdir(), 'elsewhere', 'cs.md')).href;
    await expect(h.conn.sendRequest(ExposureRequest, { uri: outside })).rejects.toThrow(/outside the workspace folders/);
  });
});
