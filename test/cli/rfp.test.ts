// `dicomsec rfp` as a pipeline runs it: the section it writes (Markdown and Word) is an RFP that
// the repository's own readers read back, that the rfp kind recognises, and in which the
// rfp-requirements pack finds no requirement missing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliSync } from '../helpers/cli.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { parseDocument } from '../../server/src/documents/parse.js';

function dicomsec(args: string[], cwd?: string) {
  const r = runCliSync(args, { cwd, env: { NO_COLOR: '' } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

describe('dicomsec rfp', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-rfp-cli-'));

  it('prints the section as Markdown, grouped by topic, every clause with its citations', () => {
    const r = dicomsec(['rfp']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^# Security requirements for a request for proposal \(RFP\)\n/);
    expect(r.stdout.match(/^### .+$/gm)).toEqual(['### Disclosure and documentation', '### Vulnerabilities and patches', '### Protecting data', '### Access control', '### Accountability and end of life']);
    const clauses = r.stdout.match(/^\d+\. \*\*.+$/gm) ?? [];
    expect(clauses).toHaveLength(20);
    for (const c of clauses) expect(c, c.slice(0, 60)).toMatch(/NIST SP 800-53 [A-Z]{2}-\d/);
    expect(r.stdout).toContain('**Software bill of materials.** The Offeror shall deliver');
  });

  it('writes a Word document that the docx reader reads back and the rfp kind finds complete', async () => {
    const out = path.join(dir, 'requirements.docx');
    expect(dicomsec(['rfp', '--format', 'docx', '-o', out]).code).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    const source = readDocx(bytes);
    expect(source.lines.filter((l) => l.heading).map((l) => [l.heading, l.text]).slice(0, 3)).toEqual([
      [1, 'Security requirements for a request for proposal (RFP)'],
      [1, 'Security requirements'],
      [2, 'Disclosure and documentation'],
    ]);
    const doc = await parseDocument(out, bytes);
    expect(doc.kind).toBe('rfp');
    const lint = JSON.parse(dicomsec(['lint', out, '--format', 'json', '--no-config']).stdout);
    expect(lint.documents[0]).toMatchObject({ kind: 'rfp', status: 'reviewed', findings: [] });
  });

  it('the Markdown section, linted, has no missing requirement either', () => {
    const out = path.join(dir, 'requirements.md');
    expect(dicomsec(['rfp', '-o', out]).code).toBe(0);
    const r = dicomsec(['lint', out, '--format', 'json', '--no-config']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0]).toMatchObject({ kind: 'rfp', findings: [] });
  });

  it('writes the clauses of other packs on request, and refuses an unknown pack in one line', () => {
    const both = dicomsec(['rfp', '--packs', 'rfp-requirements,wg14-checklist']);
    expect(both.code).toBe(0);
    expect((both.stdout.match(/^\d+\. /gm) ?? []).length).toBeGreaterThan(40);
    expect(both.stdout).toContain('### What to put in an RFP');
    const bad = dicomsec(['rfp', '--packs', 'no-such-pack']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['dicomsec: unknown pack "no-such-pack" (packs: nsa-mnp, rfp-requirements, supply-chain, wg14-checklist)']);
  });

  it('explains itself in --help, with examples', () => {
    const r = dicomsec(['rfp', '--help']);
    expect(r.stdout).toMatch(/--format <format>/);
    expect(r.stdout).toContain('dicomsec rfp --format docx -o security-requirements.docx');
  });
});
