import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../../server/src/readers/text-formats.js';
import { readSource } from '../../server/src/readers/read.js';
import type { TextLine, TextSource } from '../../server/src/readers/source.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';

const headings = (s: TextSource) => s.lines.filter((l) => l.heading).map((l) => [l.heading, l.text, l.line]);
const rows = (s: TextSource) => s.lines.filter((l) => l.cells).map((l) => l.cells);
const find = (s: TextSource, text: string): TextLine => {
  const l = s.lines.find((x) => x.text.includes(text));
  if (!l) throw new Error(`no line with ${text}`);
  return l;
};

describe('markdown', () => {
  const md = [
    '---', 'title: Northwind NW-PACS 4.2', '---', '',
    '# 1 Introduction', '', 'Some **bold** text with a [link](https://example.org/cs) and `code`.', '',
    'Setext Title', '============', '', 'Network Interfaces', '---', '',
    '| AE Title | Port | TLS |', '|---|:--:|---|', '| NW\\|PACS | 104 | no |', '| `STORE` | 2762 | yes |', '',
    '```', '# not a heading', '```', '',
    '- bullet one', '* bullet two', '<!-- hidden', 'comment -->', '<dt>Term</dt>', '***', '## Security ##',
  ].join('\n');
  const src = readText(md, 'markdown');

  it('finds ATX and setext headings with their lines', () => {
    expect(headings(src)).toEqual([
      [1, '1 Introduction', 5],
      [1, 'Setext Title', 9],
      [2, 'Network Interfaces', 12],
      [2, 'Security', 30],
    ]);
  });
  it('reads pipe tables into cells, keeping the row text', () => {
    expect(rows(src)).toEqual([
      ['AE Title', 'Port', 'TLS'],
      ['NW|PACS', '104', 'no'],
      ['STORE', '2762', 'yes'],
    ]);
    expect(find(src, '2762')).toMatchObject({ line: 18, text: 'STORE | 2762 | yes' });
  });
  it('strips inline markup, keeps front matter and code, drops comments', () => {
    expect(find(src, 'Some bold')).toMatchObject({ line: 7, text: 'Some bold text with a link (https://example.org/cs) and code.' });
    expect(find(src, 'title:')).toMatchObject({ line: 2 });
    expect(find(src, '# not a heading').heading).toBeUndefined();
    expect(find(src, 'bullet one').text).toBe('bullet one');
    expect(find(src, 'Term')).toMatchObject({ line: 28, text: 'Term' });
    expect(src.lines.some((l) => l.text.includes('hidden'))).toBe(false);
  });
  it('groups wrapped lines of one paragraph in one block', () => {
    const s = readText('first line\nsecond line\n\nnext para', 'markdown');
    expect(s.lines.map((l) => l.block)).toEqual([1, 1, 2]);
  });
});

describe('plain text', () => {
  const txt = [
    '=====================', 'Conformance Statement', '=====================', '',
    '7.1 Security', '', 'The product supports TLS 1.2.', '', 'SECURITY PROFILES', '',
    '  Verification        | 1.2.840.10008.1.1', '  CT Image Storage    | 1.2.840.10008.5.1.4.1.1.2', '',
    'AE Title      Port    TLS', 'STORE_SCP     104     no', 'STORE_TLS     2762    yes', '',
    'Network', '-------', '', '1. Install the software on the server.',
  ].join('\n');
  const src = readText(txt, 'text');
  it('finds adorned, numbered and capitalised headings', () => {
    expect(headings(src)).toEqual([
      [1, 'Conformance Statement', 2],
      [2, '7.1 Security', 5],
      [1, 'SECURITY PROFILES', 9],
      [2, 'Network', 18],
    ]);
  });
  it('reads pipe rows and aligned columns', () => {
    expect(rows(src)).toEqual([
      ['Verification', '1.2.840.10008.1.1'],
      ['CT Image Storage', '1.2.840.10008.5.1.4.1.1.2'],
      ['AE Title', 'Port', 'TLS'],
      ['STORE_SCP', '104', 'no'],
      ['STORE_TLS', '2762', 'yes'],
    ]);
    expect(find(src, 'STORE_TLS').line).toBe(16);
  });
  it('does not take a numbered sentence for a heading', () => {
    expect(find(src, 'Install the software').heading).toBeUndefined();
  });
});

describe('reStructuredText', () => {
  const rst = [
    '.. _top:', '', '=====', 'Title', '=====', '', 'Networking', '==========', '',
    ':Company Name: Contoso Medical', '', '.. |product| replace:: CM-Archive', '',
    'The |product| uses :ref:`TLS <sect_tls>` and `RFC 8996 <https://www.rfc-editor.org/rfc/rfc8996>`_.', '',
    'Security', '--------', '', '.. note::', '', '   Port 104 is **disabled**.', '',
    '+----------+------+', '| AE Title | Port |', '+==========+======+', '| CM_STORE | 2762 |', '| (TLS)    |      |', '+----------+------+', '',
    '=====  =====', 'Name   Value', '=====  =====', 'a      1', 'b      2', '=====  =====', '',
    '.. list-table:: Ports', '   :header-rows: 1', '', '   * - Port', '     - Use', '   * - 2762', '     - DICOM TLS', '',
    '.. csv-table:: Defaults', '   :header: "AE", "Port"', '   :file: x.csv', '',
    '.. image:: x.png', '   :alt: picture', '', 'Audit', '~~~~~', '', 'Sent over syslog.',
  ].join('\n');
  const src = readText(rst, 'rst');
  it('assigns heading levels in order of adornment styles', () => {
    expect(headings(src)).toEqual([
      [1, 'Title', 4],
      [2, 'Networking', 7],
      [3, 'Security', 16],
      [4, 'Audit', 52],
    ]);
  });
  it('strips roles, links and substitutions; keeps fields and admonition bodies', () => {
    expect(find(src, 'uses')).toMatchObject({ line: 14, text: 'The CM-Archive uses TLS and RFC 8996 (https://www.rfc-editor.org/rfc/rfc8996).' });
    expect(find(src, 'Company Name').text).toBe('Company Name: Contoso Medical');
    expect(find(src, 'Port 104')).toMatchObject({ line: 21, text: 'Port 104 is disabled.' });
    expect(src.lines.some((l) => /picture|x\.png|_top/.test(l.text))).toBe(false);
  });
  it('reads grid, simple, list and csv tables', () => {
    expect(rows(src)).toEqual([
      ['AE Title', 'Port'],
      ['CM_STORE (TLS)', '2762'],
      ['Name', 'Value'],
      ['a', '1'],
      ['b', '2'],
      ['Port', 'Use'],
      ['2762', 'DICOM TLS'],
      ['AE', 'Port'],
    ]);
    expect(find(src, 'CM_STORE')).toMatchObject({ line: 26, endLine: 27 });
  });
});

describe('line limits', () => {
  it('refuses an over-long line as a limit', () => {
    expect(() => readText('x'.repeat(200_000), 'text')).toThrow(expect.objectContaining({ reason: 'limit' }));
  });
});

/** Every Markdown, text, rst and LaTeX statement in the corpus reads with plausible lines and headings. */
describeCorpus('corpus text statements', () => {
  const dir = corpusPath('cs');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(md|txt|rst|tex)$/.test(n)) files.push(p);
    }
  };
  walk(dir);
  it.each(files.filter((f) => !f.includes('dcm4chee')).map((f) => [path.basename(f), f]))('%s', async (_n, file) => {
    const src = await readSource(file, new Uint8Array(readFileSync(file)));
    expect(src.kind).toBe('text');
    if (src.kind !== 'text') return;
    const size = statSync(file).size;
    expect(src.lines.length).toBeGreaterThan(size / 400);
    expect(src.lines.filter((l) => l.heading).length).toBeGreaterThanOrEqual(5);
    for (const l of src.lines) expect(l.line).toBeGreaterThan(0);
    // Locations are in file order.
    for (let k = 1; k < src.lines.length; k++) expect(src.lines[k]!.line).toBeGreaterThanOrEqual(src.lines[k - 1]!.line);
  });
  it('reads every file of the dcm4chee Sphinx tree, each with a title', async () => {
    const tree = files.filter((f) => f.includes('dcm4chee') && f.endsWith('.rst'));
    expect(tree.length).toBeGreaterThan(100);
    let withHeading = 0;
    for (const f of tree) {
      const src = await readSource(f, new Uint8Array(readFileSync(f)));
      if (src.kind === 'text' && src.lines.some((l) => l.heading)) withHeading++;
    }
    expect(withHeading / tree.length).toBeGreaterThan(0.9);
  });
  it('finds the security chapter of the Annex I sample and the Orthanc SOP table', async () => {
    const annexI = corpusPath('cs', 'dicom-ps3.2-annexI-sample-2384a79.rst');
    const s = (await readSource(annexI, new Uint8Array(readFileSync(annexI)))) as TextSource;
    expect(s.lines.find((l) => l.heading === 2 && l.text === 'Security')).toBeDefined();
    const orthanc = corpusPath('cs', 'orthanc-2d55a19.txt');
    const o = (await readSource(orthanc, new Uint8Array(readFileSync(orthanc)))) as TextSource;
    expect(o.lines.find((l) => l.cells?.[1] === '1.2.840.10008.1.1')).toBeDefined();
    expect(o.lines.filter((l) => l.cells).length).toBeGreaterThan(100);
  });
});
