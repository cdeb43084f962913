// A file's size is checked on the opened descriptor before it is read whole, on every read path:
// a document named on the command line or found in a folder, a member of a reStructuredText tree,
// a configuration file, a custom rule pack. A sparse 60 GB file costs no disk and must cost no
// memory or time either: refused from its size, with the limit named, never read.
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limits } from '../../server/src/core/limits.js';
import { FileReadError, readFileBounded } from '../../server/src/core/read-file.js';
import { repoRoot } from '../helpers/paths.js';
import { runCliSync } from '../helpers/cli.js';

const SIXTY_GB = 60 * 1024 ** 3;
const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-sparse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `size` bytes that occupies no disk (a hole); false where the file system refuses. */
function sparse(file: string, size = SIXTY_GB): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, size);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

const canSparse = sparse(path.join(dir, 'probe.bin'));

function lint(args: string[], cwd: string) {
  return runCliSync(args, { cwd, env: { NO_COLOR: '1' } });
}

describe.skipIf(!canSparse)('sparse 60 GB files are refused from their size', () => {
  it('readFileBounded refuses before reading', () => {
    const file = path.join(dir, 'unit', 'huge.bin');
    sparse(file);
    let err: unknown;
    try {
      readFileBounded(file, limits.maxFileBytes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileReadError);
    expect((err as FileReadError).failure).toBe('too-large');
    expect((err as FileReadError).message).toContain(`${SIXTY_GB} bytes, over the ${limits.maxFileBytes}-byte size limit`);
  });

  it('a document named on the command line and one found in a folder', () => {
    const folder = path.join(dir, 'docs');
    sparse(path.join(folder, 'huge.pdf'));
    sparse(path.join(folder, 'huge.xlsx'));
    for (const target of [path.join(folder, 'huge.pdf'), folder]) {
      const r = lint(['lint', '--format', 'json', target], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('');
      const docs = JSON.parse(r.stdout).documents as { status: string; reason: string; error: string }[];
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        expect(d).toMatchObject({ status: 'unreadable', reason: 'limit' });
        expect(d.error).toMatch(/size limit/);
      }
      expect(r.rssMb!).toBeLessThan(400);
    }
  });

  it('a member of a reStructuredText tree', () => {
    const tree = path.join(dir, 'tree');
    mkdirSync(tree, { recursive: true });
    writeFileSync(path.join(tree, 'index.rst'), 'DICOM Conformance Statement\n===========================\n\n.. include:: huge.rst\n\nThe product is described below.\n\n.. toctree::\n\n   security\n');
    writeFileSync(path.join(tree, 'security.rst'), 'Security\n========\n\nTLS is not supported.\n');
    sparse(path.join(tree, 'huge.rst'));
    const r = lint(['lint', '--format', 'json', path.join(tree, 'index.rst')], dir);
    expect(r.stderr).toBe('');
    const doc = (JSON.parse(r.stdout).documents as { path: string; status: string; reason: string; error: string }[]).find((d) => d.path.endsWith('index.rst'))!;
    expect(doc).toMatchObject({ status: 'unreadable', reason: 'limit' });
    expect(doc.error).toMatch(/huge\.rst.*size limit/);
    expect(r.code).toBe(2);
    expect(r.rssMb!).toBeLessThan(400);
  });

  it('a configuration file and a custom rule pack', () => {
    // The document sits next to the configuration, which is also the reviewer's (the working folder's).
    const sample = path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.csv');
    const withConfig = path.join(dir, 'config-case');
    sparse(path.join(withConfig, '.dicomsec.yaml'));
    copyFileSync(sample, path.join(withConfig, 'mds2.csv'));
    const c = lint(['lint', '--format', 'json', 'mds2.csv'], withConfig);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^dicomsec: cannot read configuration .*\.dicomsec\.yaml: the file is \d+ bytes, over the \d+-byte size limit\n$/);
    expect(c.rssMb!).toBeLessThan(400);

    const withPack = path.join(dir, 'pack-case');
    mkdirSync(withPack, { recursive: true });
    writeFileSync(path.join(withPack, '.dicomsec.yaml'), 'customPacks:\n  - ./huge-pack.yaml\n');
    sparse(path.join(withPack, 'huge-pack.yaml'));
    copyFileSync(sample, path.join(withPack, 'mds2.csv'));
    const p = lint(['lint', '--format', 'json', 'mds2.csv'], withPack);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/cannot read rule pack .*huge-pack\.yaml: the file is \d+ bytes, over the \d+-byte size limit/);
    expect(p.rssMb!).toBeLessThan(400);
  });
});
