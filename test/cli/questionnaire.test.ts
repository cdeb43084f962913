// The questionnaire through the CLI: written with -f questionnaire-xlsx, read back with
// --questionnaire; a tampered or oversized questionnaire fails closed with exit code 2.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const dir = path.join(repoRoot, 'test', '.tmp', `cli-questionnaire-${process.pid}`);
const vendor = path.join(dir, 'vendor');
const asked = path.join(dir, 'asked.xlsx');

function edit(file: string, change: (wb: XLSX.WorkBook) => void): void {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer' });
  change(wb);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

beforeAll(async () => {
  mkdirSync(vendor, { recursive: true });
  // Contoso's form and statements (its SBOM and advisory carry deliberate gaps, scripts/samples/sbom.ts).
  for (const f of readdirSync(path.join(repoRoot, 'samples')).filter((f) => f.startsWith('contoso') && !f.endsWith('.json'))) copyFileSync(path.join(repoRoot, 'samples', f), path.join(vendor, f));
  const run = await runCli(['lint', 'vendor', '--no-config', '-f', 'questionnaire-xlsx', '-o', asked], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(readFileSync(asked).subarray(0, 2).toString('latin1')).toBe('PK');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dicomsec lint --questionnaire', () => {
  it('-f questionnaire -o FILE.xlsx writes the workbook the file name asks for; .md stays Markdown', async () => {
    const run = await runCli(['lint', 'vendor', '--no-config', '-f', 'questionnaire', '-o', 'by-name.xlsx'], { cwd: dir });
    expect(run.stderr).toBe('');
    const wb = XLSX.read(readFileSync(path.join(dir, 'by-name.xlsx')), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Questions', 'About']);
    await runCli(['lint', 'vendor', '--no-config', '-f', 'questionnaire', '-o', 'by-name.md'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'by-name.md'), 'utf8')).toMatch(/^# Vendor follow-up questions/);
  });

  it('waives the accepted rows, lists the waiver with its justification and keeps the exit code honest', async () => {
    const answered = path.join(dir, 'answered.xlsx');
    copyFileSync(asked, answered);
    edit(answered, (wb) => {
      const ws = wb.Sheets['Questions']!;
      const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, defval: '' });
      for (let r = 3; r < rows.length; r++) {
        ws[`J${r + 1}`] = { t: 's', v: 'Our answer' };
        ws[`K${r + 1}`] = { t: 's', v: 'accept' };
        ws[`L${r + 1}`] = { t: 's', v: 'Accepted by the risk board, minutes 2026-01-05.' };
      }
    });
    const before = await runCli(['lint', 'vendor', '--no-config', '--fail-on', 'info', '-f', 'json'], { cwd: dir });
    expect(before.code).toBe(1);
    const run = await runCli(['lint', 'vendor', '--no-config', '--fail-on', 'info', '--questionnaire', 'answered.xlsx', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout);
    const form = report.documents.find((d: { path: string }) => d.path.endsWith('mds2.xlsx'));
    expect(form.sha256).toBe(createHash('sha256').update(readFileSync(path.join(vendor, 'contoso-medical-clarity-pacs-mds2.xlsx'))).digest('hex'));
    expect(form.findings).toEqual([]);
    expect(form.waived.length).toBeGreaterThan(0);
    expect(form.waived[0].waiver.justification).toMatch(/^Accepted by the risk board, minutes 2026-01-05\. \(vendor questionnaire answered\.xlsx, row 4\)$/);
    expect(report.documents.find((d: { kind: string }) => d.kind === 'questionnaire').path).toBe(path.join(dir, 'answered.xlsx'));
    expect(run.code).toBe(0);
    const stylish = await runCli(['lint', 'vendor', '--no-config', '--questionnaire', 'answered.xlsx'], { cwd: dir });
    expect(stylish.stdout).toMatch(/ — no findings, 3 waived\n/);
  });

  it('a questionnaire whose table was changed by hand is unreadable with the reason: exit 2', async () => {
    const tampered = path.join(dir, 'tampered.xlsx');
    copyFileSync(asked, tampered);
    edit(tampered, (wb) => {
      wb.Sheets['Questions']!['K3'] = { t: 's', v: 'Decision' };
    });
    const run = await runCli(['lint', 'tampered.xlsx', '--no-config', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    const [doc] = JSON.parse(run.stdout).documents;
    expect(doc).toMatchObject({ status: 'unreadable', reason: 'corrupt', error: expect.stringMatching(/without its questions table/) });
  });

  it('a file named with --questionnaire that is no questionnaire is a usage error, not a run without decisions', async () => {
    const run = await runCli(['lint', 'vendor', '--no-config', '--questionnaire', 'vendor/contoso-medical-clarity-pacs-mds2.xlsx'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--questionnaire vendor\/contoso-medical-clarity-pacs-mds2\.xlsx: not a dicomsec vendor questionnaire \(its content reads as mds2\)/);
  });

  it('the reader limits apply to a questionnaire as to any workbook', async () => {
    const run = await runCli(['lint', 'asked.xlsx', '--no-config', '-f', 'json'], { cwd: dir, env: { DICOMSEC_LIMITS: JSON.stringify({ maxSheetCells: 50 }) } });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).documents[0]).toMatchObject({ status: 'unreadable', reason: 'limit' });
  });
});
