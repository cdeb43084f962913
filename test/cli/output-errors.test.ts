// The CLI's output under a hostile reader and a hostile disk: a pipe closed early (`| head -1`,
// EPIPE) ends quietly with the exit code the review earned; a full disk (`> /dev/full`,
// `-o /dev/full`, ENOSPC) is one line on standard error and exit code 2; never a stack trace.
// And a file whose name carries terminal escape sequences is printed escaped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.js';
import { FORMATS } from '../../server/src/presenters/index.js';

const bin = path.join(repoRoot, 'bin', 'dicomsec.cjs');
const STACK = /\n\s+at .+[:(]\d+|Unhandled|node:internal|throw er/;
const hasShell = existsSync('/bin/bash') && existsSync('/dev/full');

/** Runs a bash pipeline with $DICOMSEC set to the CLI; returns the CLI's own exit code and stderr. */
function pipeline(script: string, cwd = repoRoot) {
  const r = spawnSync('/bin/bash', ['-c', `set -o pipefail; ${script}; echo "rc=\${PIPESTATUS[0]}" >&3`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DICOMSEC: `"${process.execPath}" "${bin}"`, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const rc = /rc=(\d+)/.exec(String(r.output[3] ?? ''))?.[1];
  return { rc: rc === undefined ? null : Number(rc), stderr: r.stderr, stdout: r.stdout };
}

function dicomsec(args: string[], cwd = repoRoot, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasShell)('closed pipes and full disks', () => {
  // A weak form: error findings, so the review's own exit code is 1.
  const form = 'samples/northwind-imaging-nw-scope-200-mds2.xlsx';
  const expected = dicomsec(['lint', form, '--format', 'json']).code;

  it('the form\'s review exits 1 on its own', () => {
    expect(expected).toBe(1);
  });

  it('dicomsec lint samples | head -1: quiet, exit code 1', () => {
    const r = pipeline('eval $DICOMSEC lint samples | head -1 >/dev/null');
    expect(r.stderr).toBe('');
    expect(r.rc).toBe(1);
  });

  it.each(FORMATS)('%s: a reader that leaves early (| head -1, | true) ends quietly with the review\'s exit code', (format) => {
    // `true` exits before the report is written: the write always meets a closed pipe.
    for (const reader of ['head -1 >/dev/null', 'true']) {
      const r = pipeline(`eval $DICOMSEC lint ${form} --format ${format} | ${reader}`);
      expect(r.stderr, `${format} | ${reader}`).not.toMatch(STACK);
      expect(r.stderr.trim(), `${format} | ${reader}`).toBe('');
      expect(r.rc, `${format} | ${reader}`).toBe(expected);
    }
  });

  it.each(FORMATS)('%s: a full disk behind standard output or -o is one line on stderr and exit 2', (format) => {
    const toStdout = pipeline(`eval $DICOMSEC lint ${form} --format ${format} > /dev/full`);
    expect(toStdout.rc).toBe(2);
    expect(toStdout.stderr).not.toMatch(STACK);
    expect(toStdout.stderr).toMatch(/^dicomsec: cannot write to standard output: no space left on the device \(ENOSPC\)\n$/);
    const toFile = dicomsec(['lint', form, '--format', format, '-o', '/dev/full']);
    expect(toFile.code).toBe(2);
    expect(toFile.stderr).toBe('dicomsec: cannot write /dev/full: no space left on the device (ENOSPC)\n');
  });

  it('other commands end quietly too: rules, --help', () => {
    for (const cmd of ['rules', '--help', 'rules --format json']) {
      const r = pipeline(`eval $DICOMSEC ${cmd} | true`);
      expect(r.stderr, cmd).toBe('');
      expect(r.rc, cmd).toBe(0);
      const full = pipeline(`eval $DICOMSEC ${cmd} > /dev/full`);
      expect(full.stderr, cmd).not.toMatch(STACK);
    }
    const full = pipeline('eval $DICOMSEC rules > /dev/full');
    expect(full.rc).toBe(2);
    expect(full.stderr).toMatch(/no space left/);
  });
});

describe.skipIf(process.platform === 'win32')('a file named with terminal escape sequences', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const name = 'cs\x1b]8;;https:evil.example\x07link\x1b]8;;\x07\x1b[2J\rOK\u202etxt.md';
  const body = [
    '# DICOM Conformance Statement',
    '',
    'This DICOM Conformance Statement describes the Evil Viewer 1.0 by Evil Imaging. It supports the Verification SOP Class 1.2.840.10008.1.1 as SCU and SCP.',
    '',
    '## Security',
    '',
    'TLS is not supported \x1b[8mhidden\x1b[0m for associations on port 104.',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, name), body);

  it('is reviewed and printed with every control character escaped, in colour or not', () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const r = dicomsec(['lint', '.'], dir, env);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const raw = r.stdout.replace(/\x1b\[(?:0|1|2|4|31|32|33|36)m/g, '');
      expect(raw).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
      expect(raw).toContain('cs\\x1b]8;;https:evil.example\\x07link');
      expect(raw).toContain('\\rOK\\u202etxt.md');
      expect(raw).toContain('\\x1b[8mhidden');
    }
  });

  it('is escaped in error messages on standard error too', () => {
    const r = dicomsec(['inspect', path.join(dir, 'missing\x1b[2J.pdf')]);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(r.code).toBe(2);
  });
});
