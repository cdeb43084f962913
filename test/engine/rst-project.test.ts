import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverDocuments } from '../../server/src/engine/discover.js';
import { readRstProject, rstMembers } from '../../server/src/readers/rst-project.js';
import { describeCorpus, corpusPath } from '../helpers/corpus.js';

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dicomsec-rst-'));
  mkdirSync(path.join(root, 'security'));
  mkdirSync(path.join(root, 'net', 'extra'), { recursive: true });
  writeFileSync(path.join(root, 'index.rst'), 'Conformance Statement\n#####################\n\n.. toctree::\n   :numbered:\n\n   net\n   security\n   ../outside\n');
  writeFileSync(path.join(root, 'net.rst'), 'Networking\n==========\n\n.. csv-table:: Ports\n   :file: ports.csv\n\nAfter the table.\n');
  writeFileSync(path.join(root, 'ports.csv'), 'AE,Port\nSTORESCP,104\n');
  writeFileSync(path.join(root, 'security.rst'), 'Security\n========\n\n.. toctree::\n\n   security/profiles\n');
  writeFileSync(path.join(root, 'security', 'profiles.rst'), 'Security Profiles\n=================\n\nTLS 1.2 is supported.\n');
  writeFileSync(path.join(root, 'net', 'extra', 'orphan.csv'), 'a,b\n');
  writeFileSync(path.join(root, '..', 'outside.rst'), 'Outside\n=======\n\nmust not be read\n');
  return root;
}

describe('multi-file reStructuredText statements', () => {
  it('reads the tree from its root, nesting each document under the toctree that lists it', () => {
    const root = tree();
    const source = readRstProject(path.join(root, 'index.rst'), readFileSync(path.join(root, 'index.rst'), 'utf8'));
    const headings = source.lines.filter((l) => l.heading).map((l) => [l.heading, l.text]);
    expect(headings).toEqual([
      [1, 'Conformance Statement'],
      [2, 'Networking'],
      [2, 'Security'],
      [3, 'Security Profiles'],
    ]);
    expect(source.lines.map((l) => l.text)).not.toContain('must not be read');
    // The CSV table sits inside its section, before the paragraph that follows it.
    const texts = source.lines.map((l) => l.text);
    expect(texts.findIndex((t) => t.includes('104'))).toBeLessThan(texts.indexOf('After the table.'));
  });

  it('maps every line back to the file and line it came from', () => {
    const root = tree();
    const source = readRstProject(path.join(root, 'index.rst'), readFileSync(path.join(root, 'index.rst'), 'utf8'));
    const tls = source.lines.find((l) => l.text.includes('TLS 1.2'))!;
    expect(source.origins![tls.line - 1]).toEqual({ file: path.join(root, 'security', 'profiles.rst'), line: 4 });
    const port = source.lines.find((l) => l.text.includes('104'))!;
    expect(source.origins![port.line - 1]!.file).toBe(path.join(root, 'ports.csv'));
  });

  it('reviews the root only when a folder is linted; parts named explicitly are still reviewed; a file nothing reaches is its own document', () => {
    const root = tree();
    const found = discoverDocuments([root]);
    expect(found.map((f) => path.relative(root, f))).toEqual(['index.rst', path.join('net', 'extra', 'orphan.csv')]);
    expect(discoverDocuments([path.join(root, 'net.rst')])).toEqual([path.join(root, 'net.rst')]);
    const members = rstMembers([path.join(root, 'index.rst'), path.join(root, 'net.rst'), path.join(root, 'ports.csv'), path.join(root, 'net', 'extra', 'orphan.csv')]);
    expect(members.has(path.join(root, 'ports.csv'))).toBe(true);
    expect(members.has(path.join(root, 'net.rst'))).toBe(true);
    expect(members.has(path.join(root, 'net', 'extra', 'orphan.csv'))).toBe(false);
  });
});

describeCorpus('dcm4chee-arc conformance statement (Sphinx tree)', () => {
  it('is one document with its security chapter nested under Security', () => {
    const dir = corpusPath('cs', 'dcm4chee-arc-cs-5.34.3-01c5698');
    // The tree claims what its toctrees, includes and tables reach (code samples as assets); the
    // CSV files nothing references are documents of their own (through the CLI they are skipped
    // as not-a-document).
    const found = discoverDocuments([dir]).map((f) => path.basename(f));
    expect(found[0]).toBe('index.rst');
    expect(found.slice(1).every((f) => f.endsWith('.csv'))).toBe(true);
    const index = path.join(dir, 'index.rst');
    const source = readRstProject(index, readFileSync(index, 'utf8'));
    const security = source.lines.findIndex((l) => l.heading === 2 && l.text === 'Security');
    expect(security).toBeGreaterThan(0);
    expect(source.lines[security + 1]).toMatchObject({ heading: 3, text: 'Security Profiles' });
    expect(source.origins![source.lines[security + 1]!.line - 1]!.file).toBe(path.join(dir, 'security', 'profiles.rst'));
  });
});
