import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from '../../server/src/readers/text-formats.js';
import { readSource } from '../../server/src/readers/read.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { readOdt } from '../../server/src/readers/odt.js';
import { openZip, zipKind } from '../../server/src/readers/zip.js';
import { limits } from '../../server/src/core/limits.js';
import type { TextSource } from '../../server/src/readers/source.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';
import { makeZip } from './zip-fixture.js';

const heads = (s: TextSource) => s.lines.filter((l) => l.heading).map((l) => [l.heading, l.text, l.line]);
const rows = (s: TextSource) => s.lines.filter((l) => l.cells).map((l) => l.cells);
const texts = (s: TextSource) => s.lines.map((l) => l.text);

describe('HTML', () => {
  const html = [
    '<!DOCTYPE html [ <!ENTITY x "EXPANDED"> ]>',
    '<html><head><title>CS &amp; more</title><style>h1 { color: red }</style>',
    '<script>document.write("<h1>evil</h1>")</script></head><body>',
    '<h1>DICOM Conformance',
    'Statement</h1>',
    '<p>Supports&nbsp;TLS&nbsp;1.2 &x; and <b>AES</b>.<br>Second &#x41;&#66; &lt;tag&gt;</p>',
    '<table>',
    '<tr><th>AE Title</th><th>Port</th></tr>',
    '<tr><td><p>STORE</p></td><td>104</td></tr>',
    '<tr><td colspan="2">Spanning</td></tr>',
    '</table>',
    '<table><tr><td><h2>Layout heading</h2><p>Layout text</p></td></tr></table>',
    '<div role="heading" aria-level="3">Aria</div>',
    '<!-- <h1>commented</h1> --><h4 class="x">Last</h4>',
  ].join('\n');
  const src = readText(html, 'html');

  it('finds h1-h6 and ARIA headings at their source lines', () => {
    expect(heads(src)).toEqual([
      [1, 'DICOM Conformance Statement', 4],
      [2, 'Layout heading', 12],
      [3, 'Aria', 13],
      [4, 'Last', 14],
    ]);
    expect(src.lines[1]!.endLine).toBe(5);
  });
  it('reads table rows, but not layout tables', () => {
    expect(rows(src)).toEqual([['AE Title', 'Port'], ['STORE', '104'], ['Spanning', '']]);
    expect(src.lines.find((l) => l.text === 'STORE | 104')?.line).toBe(9);
    expect(texts(src)).toContain('Layout text');
  });
  it('never runs scripts, never expands DTD entities, decodes character references', () => {
    expect(texts(src).join('\n')).not.toMatch(/evil|EXPANDED|color: red|commented/);
    expect(texts(src)).toContain('Supports TLS 1.2 &x; and AES.');
    expect(texts(src)).toContain('Second AB <tag>');
  });
  it('survives broken markup', () => {
    const s = readText('<p>open <b>bold <td>cell</tr></table> <p attr="a>b">after < 5 and > 3 &bogus; &#99999999;', 'html');
    expect(texts(s).join(' ')).toContain('after < 5 and > 3 &bogus;');
  });
});

describe('XML / DocBook', () => {
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE article [',
    '  <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
    '  <!ENTITY xxe SYSTEM "file:///etc/passwd">',
    ']>',
    '<article xmlns="http://docbook.org/ns/docbook">',
    '  <info><title>Contoso &amp; CS</title></info>',
    '  <section>',
    '    <title>Networking</title>',
    '    <para>Port <emphasis>2762</emphasis> uses TLS &lol2; &xxe;.</para>',
    '    <section><title>Security</title>',
    '      <informaltable><tgroup cols="2"><tbody>',
    '        <row><entry>AE</entry><entry><para>CM_ARC</para></entry></row>',
    '      </tbody></tgroup></informaltable>',
    '      <itemizedlist><listitem><para>TLS 1.3</para></listitem></itemizedlist>',
    '    </section>',
    '  </section>',
    '</article>',
  ].join('\n');
  const src = readText(xml, 'xml');
  it('takes heading levels from section nesting', () => {
    expect(heads(src)).toEqual([
      [1, 'Contoso & CS', 7],
      [2, 'Networking', 9],
      [3, 'Security', 11],
    ]);
  });
  it('reads CALS table rows and paragraphs with lines', () => {
    expect(rows(src)).toEqual([['AE', 'CM_ARC']]);
    expect(src.lines.find((l) => l.text === 'TLS 1.3')?.line).toBe(15);
  });
  it('expands neither the billion laughs nor external entities', () => {
    const para = src.lines.find((l) => l.text.startsWith('Port'))!;
    expect(para).toMatchObject({ text: 'Port 2762 uses TLS &lol2; &xxe;.', line: 10 });
    expect(texts(src).join('')).not.toMatch(/lollol|root:/);
  });
  it('turns __proto__ names and malformed XML into UnreadableError', () => {
    expect(() => readText('<a><__proto__>x</__proto__></a>', 'xml')).toThrow(expect.objectContaining({ name: 'UnreadableError' }));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(() => readText('<a>' + '<b>'.repeat(500) + 'x' + '</b>'.repeat(500) + '</a>', 'xml')).toThrow(expect.objectContaining({ name: 'UnreadableError' }));
  });
});

describe('LaTeX', () => {
  const tex = [
    '\\documentclass{article}', '\\title{Northwind \\emph{NW-Scope}}', '\\newglossaryentry{ae}{name={AE}, description={x}}',
    '\\begin{document}', '\\section{Security}', 'We use \\gls{ae} titles and \\textbf{no} TLS. % a comment', '',
    '\\subsection*{Ports}', '\\begin{tabular}{|l|r|}', '\\hline', 'Port & Use \\\\', '\\hline', '104 & \\thead{DICOM \\\\ (no TLS)} \\\\',
    '\\multicolumn{2}{|l|}{All} \\\\', '\\end{tabular}', '\\begin{itemize}', '\\item[Audit] UDP syslog', '\\end{itemize}',
    '\\begin{verbatim}', 'raw \\section{not}', '\\end{verbatim}', '\\end{document}',
  ].join('\n');
  const src = readText(tex, 'latex');
  it('reads sections, tables, items and verbatim with lines', () => {
    expect(heads(src)).toEqual([[1, 'Security', 5], [2, 'Ports', 8]]);
    expect(rows(src)).toEqual([['Port', 'Use'], ['104', 'DICOM (no TLS)'], ['All']]);
    expect(src.lines.find((l) => l.text.startsWith('104'))?.line).toBe(13);
    expect(texts(src)).toContain('title: Northwind NW-Scope');
    expect(texts(src)).toContain('We use AE titles and no TLS.');
    expect(texts(src)).toContain('Audit: UDP syslog');
    expect(src.lines.find((l) => l.text === 'raw \\section{not}')).toMatchObject({ line: 20 });
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

function docx(body: string, styles = ''): Uint8Array {
  return makeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    ...(styles ? [{ name: 'word/styles.xml', data: `<w:styles ${W}>${styles}</w:styles>` }] : []),
  ]);
}

describe('docx', () => {
  const bytes = docx(
    para('Contoso Clarity PACS', 'Title') +
      para('Security', 'berschrift1') +
      `<w:p><w:r><w:t>TLS 1.2 </w:t></w:r><w:del><w:r><w:delText>and SSL 3</w:delText></w:r></w:del><w:r><w:fldChar/><w:instrText>HYPERLINK x</w:instrText><w:t>and 1.3</w:t></w:r></w:p>` +
      `<w:tbl><w:tr><w:tc>${para('AE Title')}</w:tc><w:tc>${para('Port')}</w:tc></w:tr>` +
      `<w:tr><w:tc>${para('CLARITY')}${para('(TLS)')}</w:tc><w:tc>${para('2762')}</w:tc></w:tr></w:tbl>` +
      para('Ports', 'Heading2') +
      '<w:p/>' +
      para('after'),
    '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>',
  );
  it('is recognised from its entries and read by paragraph number', async () => {
    expect(zipKind(bytes)).toBe('docx');
    const src = (await readSource('cs.docx', bytes)) as TextSource;
    expect(src.format).toBe('docx');
    expect(heads(src)).toEqual([[1, 'Contoso Clarity PACS', 1], [1, 'Security', 2], [2, 'Ports', 9]]);
    expect(texts(src)).toContain('TLS 1.2 and 1.3');
    expect(rows(src)).toEqual([['AE Title', 'Port'], ['CLARITY (TLS)', '2762']]);
    expect(src.lines.find((l) => l.cells?.[1] === '2762')).toMatchObject({ line: 6, endLine: 8 });
    expect(src.lines.find((l) => l.text === 'after')?.line).toBe(11);
  });
  it('fails closed on a zip without document.xml or with a broken entry', () => {
    expect(() => readDocx(makeZip([{ name: 'x.txt', data: 'x' }]))).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    const good = docx(para('x'));
    const broken = good.slice();
    broken.fill(0x41, 40, 60);
    expect(() => readDocx(broken)).toThrow(expect.objectContaining({ name: 'UnreadableError' }));
  });
});

describe('odt', () => {
  const content = `<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:style="s" xmlns:fo="f">
<office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Heading_20_2"/></office:automatic-styles>
<office:body><office:text>
<text:table-of-content><text:p text:style-name="P1">1.1 Networking 4</text:p></text:table-of-content>
<text:h text:outline-level="1">Conformance Statement</text:h>
<text:p text:style-name="P1">1.1 Networking</text:p>
<text:p>Port<text:s text:c="2"/>104<text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note> is used.</text:p>
<table:table><table:table-row><table:table-cell><text:p>AE</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row></table:table>
<text:p text:style-name="P2">Security</text:p>
</office:text></office:body></office:document-content>`;
  const bytes = makeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', deflate: false },
    { name: 'content.xml', data: content },
  ]);
  it('reads headings, bold numbered titles, spaces and repeated cells', async () => {
    expect(zipKind(bytes)).toBe('odt');
    const src = (await readSource('cs.odt', bytes)) as TextSource;
    expect(heads(src)).toEqual([[1, 'Conformance Statement', 2], [2, '1.1 Networking', 3], [2, 'Security', 7]]);
    expect(texts(src)).toContain('Port 104 is used.');
    expect(texts(src)).toContain('1.1 Networking 4');
    expect(rows(src)).toEqual([['AE', 'x', 'x']]);
    expect(readOdt(bytes).lines.length).toBe(src.lines.length);
  });
});

describe('zip limits', () => {
  it('refuses more entries than the limit', () => {
    const many = makeZip(Array.from({ length: limits.maxZipEntries + 1 }, (_, k) => ({ name: `f${k}`, data: '', deflate: false })));
    expect(() => zipKind(many)).toThrow(expect.objectContaining({ reason: 'limit' }));
  });
  it('refuses a bomb by declared size and by actual inflation', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const saved = limits.maxDecompressedBytes;
    limits.maxDecompressedBytes = 1024 * 1024;
    try {
      const honest = makeZip([{ name: 'word/document.xml', data: zeros }]);
      expect(() => zipKind(honest)).toThrow(expect.objectContaining({ reason: 'limit' }));
      const lying = makeZip([{ name: 'word/document.xml', data: zeros, declaredSize: 100 }]);
      expect(zipKind(lying)).toBe('docx');
      expect(() => openZip(lying).read('word/document.xml')).toThrow(expect.objectContaining({ reason: 'limit' }));
      expect(() => readDocx(lying)).toThrow(expect.objectContaining({ reason: 'limit' }));
    } finally {
      limits.maxDecompressedBytes = saved;
    }
  });
  it('refuses truncated archives and unknown content', async () => {
    expect(() => zipKind(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    await expect(readSource('x.zip', makeZip([{ name: 'a.txt', data: 'hello' }]))).rejects.toMatchObject({ reason: 'unsupported' });
  });
});

describeCorpus('corpus ODT and LaTeX', () => {
  it('reads the Conquest ODT like its PDF', async () => {
    const src = readOdt(new Uint8Array(readFileSync(corpusPath('cs', 'conquest-dicom-server-019d7d5.odt'))));
    expect(src.lines.length).toBeGreaterThan(3000);
    const h = src.lines.filter((l) => l.heading);
    expect(h.length).toBeGreaterThan(40);
    expect(h.find((l) => l.text === 'A.2 AE SPECIFICATIONS')?.heading).toBe(2);
    expect(h.some((l) => /\s\d+$/.test(l.text) && l.text.startsWith('A.0'))).toBe(false);
    expect(src.lines.find((l) => l.cells?.[1] === '1.2.840.10008.1.1')).toBeDefined();
  });
  it('reads the Slim LaTeX statement', async () => {
    const f = corpusPath('cs', 'slim-736739e.tex');
    const src = (await readSource(f, new Uint8Array(readFileSync(f)))) as TextSource;
    expect(src.format).toBe('latex');
    expect(src.lines.filter((l) => l.heading).length).toBeGreaterThan(10);
    expect(src.lines.find((l) => l.cells?.[0] === 'Retrieve transaction (WADO-RS)')?.cells).toEqual(['Retrieve transaction (WADO-RS)', 'Yes', 'No']);
    expect(src.lines.find((l) => l.text.startsWith('title:'))?.text).toBe('title: Slim v0.11.2');
  });
});
