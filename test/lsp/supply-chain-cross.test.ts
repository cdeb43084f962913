// The SBOM and advisory cross checks in the editor: a finding is on every document it compares,
// naming the others; a finding about a missing SBOM is on the form alone.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { pullUntil, repoRoot, startHarness, type Harness } from './harness.js';

const uri = (p: string) => pathToFileURL(p).href;
const samples = path.join(repoRoot, 'samples');
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function workspace(name: string, files: string[]): string {
  const dir = path.join(repoRoot, 'test', '.tmp', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(path.join(samples, f), path.join(dir, f));
  return dir;
}

const FORM = 'contoso-medical-clarity-pacs-mds2.xlsx';
const SBOM = 'contoso-medical-clarity-pacs-8.1.cdx.json';
const ADVISORY = 'contoso-medical-cms-sa-2025-007.csaf.json';

describe('SBOM and advisory cross checks in the editor', () => {
  let h: Harness | undefined;
  let dir: string;
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a finding on each document it compares, on its own evidence, naming the others', async () => {
    dir = workspace('lsp-supply', [FORM, SBOM, ADVISORY]);
    h = await startHarness({ rootDir: dir });
    const onSbom = await pullUntil(h, uri(path.join(dir, SBOM)), (items) => items.some((d) => d.code === 'X-ADV-003' ) && items.some((d) => d.code === 'X-CSUP-001'));
    const component = onSbom.find((d) => d.code === 'X-ADV-003')!;
    expect(messageOf(component)).toContain(`(cross-check with ${ADVISORY})`);
    // The SBOM is text: the diagnostic sits on the component's line (the evidence's line 33, 0-based 32).
    expect(component.range.start.line).toBe(32);
    expect(component.severity).toBe(1);
    const os = onSbom.find((d) => d.code === 'X-CSUP-001')!;
    expect(messageOf(os)).toContain(`(cross-check with ${FORM})`);
    const onAdvisory = await pullUntil(h, uri(path.join(dir, ADVISORY)), (items) => items.some((d) => d.code === 'X-ADV-001'));
    expect(onAdvisory.map((d) => String(d.code))).toEqual(expect.arrayContaining(['X-ADV-001', 'X-ADV-003', 'CSAF-VULN-001']));
    const onForm = await pullUntil(h, uri(path.join(dir, FORM)), (items) => items.some((d) => d.code === 'X-ADV-001'));
    expect(onForm.map((d) => String(d.code))).toEqual(expect.arrayContaining(['X-ADV-001', 'X-CSUP-001', 'X-RDMP-001', 'X-SBOM-003', 'X-SBOM-004']));
    expect(onForm.map((d) => String(d.code))).not.toContain('X-SBOM-001');
    expect(messageOf(onForm.find((d) => d.code === 'X-ADV-001')!)).toContain(`(cross-check with ${ADVISORY})`);
    await h.close();
    h = undefined;
  });

  it('asks for the SBOM on the form alone when the workspace holds none', async () => {
    rmSync(dir, { recursive: true, force: true });
    dir = workspace('lsp-supply-alone', [FORM]);
    h = await startHarness({ rootDir: dir });
    const onForm = await pullUntil(h, uri(path.join(dir, FORM)), (items) => items.some((d) => d.code === 'X-SBOM-001'));
    const missing = onForm.find((d) => d.code === 'X-SBOM-001')!;
    expect(messageOf(missing)).toMatch(/\[SBOM-1 mds2-form!C\d+\] The MDS2 says an SBOM is available .*\(cross-document check\)$/);
    expect(onForm.some((d) => /^X-(CSUP|ADV|RDMP)-/.test(String(d.code)))).toBe(false);
  });
});
