// No prototype pollution from any input: documents (sheet names, cell text, XML element and
// attribute names, CSV headers, Markdown/HTML text) and configuration (.dicomsec.yaml keys, custom
// rule packs) carrying __proto__, constructor and prototype. Reviewed in this very process (no
// worker), so any pollution would show here.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reviewPaths } from '../../server/src/engine/review.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import { documentXml, docxFrom, healthySeeds, odtFrom, sheetXml, xlsxFrom } from '../../scripts/hostile/generate.js';
import { writeZip } from '../../scripts/hostile/zip.js';

const work = path.resolve(__dirname, '..', '.tmp', `pollution-${process.pid}`);
const PROTO = ['__proto__', 'constructor', 'prototype'];

function assertClean(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).yes).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => /polluted|yes/i.test(k))).toEqual([]);
  expect(typeof ({}).constructor).toBe('function');
  expect(typeof ([] as unknown[]).map).toBe('function');
  expect((globalThis as Record<string, unknown>).polluted).toBeUndefined();
}

beforeAll(() => mkdirSync(work, { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(assertClean);

const seeds = healthySeeds();
const rows = [
  ['Question ID', 'Question', 'Answer', 'Notes'],
  ['__proto__', 'constructor', 'prototype', '{"__proto__":{"polluted":"yes"}}'],
  ['AUTH-1', '__proto__', 'Yes', 'constructor.prototype.polluted=1'],
  ['constructor', '__proto__.polluted', 'No', 'prototype'],
];

const documents: [string, Uint8Array | string][] = [
  ['proto-sheets.xlsx', xlsxFrom({ sheetNames: PROTO, sheets: PROTO.map(() => sheetXml(rows)) })],
  ['proto-cells.xlsx', xlsxFrom({ sheets: [sheetXml(rows)] })],
  [
    'proto-xml.xlsx',
    xlsxFrom({
      sheets: [
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><__proto__ polluted="yes"><constructor><prototype polluted="yes"/></constructor></__proto__><sheetData><row r="1" __proto__="x"><c r="A1" t="inlineStr"><is><t>__proto__</t></is></c></row></sheetData></worksheet>`,
      ],
    }),
  ],
  ['proto-names.docx', docxFrom(documentXml(['# __proto__', 'constructor', 'prototype', ...seeds.md.split('\n').filter(Boolean).slice(0, 10)]))],
  ['proto-xml.docx', docxFrom(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><__proto__ polluted="yes"/><w:p __proto__="1" constructor="2"><w:r><w:t>__proto__</w:t></w:r></w:p><constructor><prototype polluted="yes"/></constructor></w:body></w:document>`)],
  ['proto.odt', odtFrom(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><__proto__ polluted="yes"/><text:h text:outline-level="1">__proto__</text:h><text:p constructor="x">prototype</text:p></office:text></office:body></office:document-content>`)],
  ['proto-entry-names.xlsx', writeZip([{ name: '__proto__', data: 'x' }, { name: 'constructor', data: 'x' }, { name: 'prototype/__proto__.xml', data: '<x/>' }, ...[{ name: '[Content_Types].xml', data: '<Types/>' }]])],
  ['proto.csv', '__proto__,constructor,prototype\npolluted,yes,1\nAUTH-1,__proto__,Yes\n'],
  ['proto.md', '# __proto__\n\n## constructor\n\n| __proto__ | prototype |\n|---|---|\n| polluted | yes |\n\nDICOM Conformance Statement of __proto__ 1.0 by constructor Inc.\n'],
  ['proto.html', '<!doctype html><html><body><__proto__ id="__proto__" polluted="yes"><h1 id="constructor">__proto__</h1><table><tr><th>__proto__</th><th>prototype</th></tr><tr><td>polluted</td><td>yes</td></tr></table></__proto__></body></html>'],
  ['proto.xml', '<?xml version="1.0"?><article><__proto__ polluted="yes"><constructor><prototype>x</prototype></constructor></__proto__><title>__proto__</title></article>'],
  ['proto-attrs.xml', '<?xml version="1.0"?><article __proto__="x" constructor="y"><title prototype="z">DICOM Conformance Statement</title></article>'],
  ['proto.rst', '__proto__\n=========\n\nconstructor\n-----------\n\n.. __proto__:: polluted\n'],
  ['proto.tex', '\\section{__proto__}\\subsection{constructor}\\def\\prototype{polluted}\n'],
];

describe('prototype pollution', () => {
  it('documents with __proto__ / constructor / prototype in names and text pollute nothing', async () => {
    for (const [name, data] of documents) {
      const file = path.join(work, name);
      writeFileSync(file, data);
      await parseDocument(file, new Uint8Array(Buffer.from(data))).catch(() => undefined);
      assertClean();
    }
    const report = await reviewPaths(documents.map(([n]) => path.join(work, n)));
    expect(report.documents).toHaveLength(documents.length);
    for (const d of report.documents) expect(['reviewed', 'unreadable']).toContain(d.status);
  });

  const configs: [string, string][] = [
    ['top-level __proto__', '__proto__:\n  polluted: yes\n'],
    ['rules keyed __proto__', 'rules:\n  __proto__:\n    polluted: yes\n  constructor: off\n'],
    ['packs keyed __proto__', 'packs:\n  __proto__: false\n  constructor: true\n  prototype: false\n'],
    ['waiver fields', 'waivers:\n  - rule: __proto__\n    documents: "**/*"\n    justification: constructor\n    __proto__:\n      polluted: yes\n'],
    ['JSON-style flow mapping', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\n'],
    ['YAML merge key into __proto__', 'base: &b\n  polluted: yes\n__proto__:\n  <<: *b\n'],
  ];
  for (const [label, yaml] of configs) {
    it(`.dicomsec.yaml with ${label} is rejected or ignored, never merged into prototypes`, async () => {
      const dir = path.join(work, `config-${label.replace(/\W+/g, '-')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, '.dicomsec.yaml'), yaml);
      writeFileSync(path.join(dir, 'cs.md'), seeds.md);
      try {
        await reviewPaths([dir]);
      } catch (err) {
        expect((err as Error).name).toBe('UsageError');
      }
      assertClean();
    });
  }

  it('a custom rule pack with __proto__ keys is rejected or ignored', async () => {
    const dir = path.join(work, 'custom-pack');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'evil.yaml'),
      'pack: evil\ntitle: Evil\n__proto__:\n  polluted: yes\nrules:\n  - id: EVIL-001\n    __proto__:\n      polluted: yes\n    constructor:\n      prototype:\n        polluted: yes\n',
    );
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'customPacks:\n  - evil.yaml\n');
    writeFileSync(path.join(dir, 'cs.md'), seeds.md);
    try {
      await reviewPaths([dir]);
    } catch (err) {
      expect((err as Error).name).toBe('UsageError');
    }
    assertClean();
  });
});
