// Output that cannot be turned against its reader: file names, section titles, quotes and
// product names written by a vendor reach a terminal, a Markdown viewer, a SARIF dashboard, an
// HTML report and a JUnit parser as text, never as control codes, markup, links or broken XML.
import path from 'node:path';
// @ts-ignore -- markdown-it (installed with @vscode/vsce, pinned with it) ships no type declarations
import MarkdownIt from 'markdown-it';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { artifactUri, markdownCode, markdownText, terminalText } from '../../server/src/presenters/safe-text.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import type { CatalogRule } from '../../server/src/rules/rule.js';
import { makeRule } from '../helpers/models.js';

const cwd = '/reviews';
const rules: CatalogRule[] = [makeRule({ id: 'CS-TLS-001', severity: 'warning', appliesTo: 'conformance-statement', question: 'Which TLS versions?' })];
const catalog: Catalog = { packs: [], rules, get: (id) => rules.find((r) => r.id === id) };

/** Terminal controls of every kind: CSI, OSC 8 hyperlink, CR overwrite, BEL, one-byte C1 CSI, bidi override. */
const TERMINAL_ATTACKS = ['\x1b[2J\x1b[H', '\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07', 'fake\r✔ 0 findings', 'bell\x07', 'c1\u009b31m', 'gpj\u202e.exe', 'iso\u2066late\u2069', 'line\u2028sep', 'pua\ue00031\ue001'];
/** Markup that would be live in Markdown or HTML. */
const MARKUP_ATTACKS = ['<script>alert(1)</script>', '[click](http://evil.example/)', '![x](http://evil.example/p.png)', '<img src=x onerror=alert(1)>', '# Heading', '| a | b |', '`code`', '**bold**', 'http://evil.example/auto', 'www.evil.example', 'a@evil.example', '"]]>', "'quote' & \"double\""];

function hostileReport(text: string): ReviewReport {
  const doc = path.join(cwd, 'vendor', `${text}.md`);
  const documents: ReviewReport['documents'] = [
    {
      path: doc,
      kind: 'conformance-statement',
      status: 'reviewed',
      model: { kind: 'conformance-statement', manufacturer: text, product: `Viewer ${text}` } as never,
      findings: [{ ruleId: 'CS-TLS-001', severity: 'warning', message: `No TLS for ${text}`, frameworks: {}, evidence: [{ path: doc, section: `Security ${text}`, line: 4, quote: `TLS ${text} is not supported.` }] }],
      waived: [],
    },
    { path: path.join(cwd, 'vendor', `broken ${text}.pdf`), kind: 'unknown', status: 'unreadable', error: `cannot open ${text}`, findings: [], waived: [] },
  ];
  return { version: 1, documents, crossFindings: [], summary: summarize(documents, []) };
}

describe('stylish output', () => {
  it.each(TERMINAL_ATTACKS)('shows control and bidi characters escaped, never raw: %j', (attack) => {
    for (const color of [false, true]) {
      const out = formatReport('stylish', hostileReport(attack), { catalog, cwd, color });
      // Only our own colour codes (ESC [ n m) may appear, and only when colour is on.
      const withoutOurColours = out.replace(/\x1b\[\d{1,2}m/g, '');
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ue000\ue001]/);
      if (!color) expect(out).not.toContain('\x1b');
    }
    const plain = formatReport('stylish', hostileReport(attack), { catalog, cwd, color: false });
    expect(plain).toContain(terminalText(attack));
  });

  it('keeps a vendor newline from forging a line of its own', () => {
    const out = formatReport('stylish', hostileReport('x\n✔ 0 documents, 0 findings'), { catalog, cwd, color: false });
    expect(out.split('\n').some((l) => l.startsWith('✔'))).toBe(false);
    expect(out).toContain('x\\n✔ 0 documents');
  });

  it('names the escapes readably', () => {
    expect(terminalText('a\x1b[31mb\rc\u202ed\u009be')).toBe('a\\x1b[31mb\\rc\\u202ed\\x9be');
  });
});

describe('Markdown questionnaire', () => {
  // A CommonMark renderer with raw HTML and autolinking on: the most permissive viewer.
  const md = new MarkdownIt({ html: true, linkify: true }) as { render(s: string): string; renderInline(s: string): string };

  it.each([...MARKUP_ATTACKS, ...TERMINAL_ATTACKS])('renders vendor text as text: %j', (attack) => {
    const text = formatReport('questionnaire', hostileReport(attack), { catalog, cwd });
    const html = md.render(text);
    expect(html).not.toMatch(/<a\b|<img\b|<script\b|<table\b|<strong>bold|<[^>]*onerror/i);
    // The document's own structure only: the title, one section per document, the unreadable list.
    expect((html.match(/<h1>/g) ?? []).length).toBe(1);
    expect((html.match(/<h2>/g) ?? []).length).toBe(2);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The words are still there for the vendor to read.
    const visible = html.replace(/<[^>]+>/g, '');
    const decoded = visible.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    if (MARKUP_ATTACKS.includes(attack)) expect(decoded).toContain(attack.replace(/[\u0000-\u001f]/g, ' '));
  });

  it('keeps a file path literal in a code span whatever backticks it holds', () => {
    for (const s of ['a`b', '``x``', '`lead', 'trail`', ' spaced ']) {
      const html = md.renderInline(markdownCode(s));
      expect(html.startsWith('<code>')).toBe(true);
      expect(html.replace(/^<code>|<\/code>$/g, '')).toBe(s.replace(/&/g, '&amp;'));
    }
  });

  it('escapes inline markup without mangling ordinary text', () => {
    expect(markdownText('CONN-7 mds2-form!C120 (answer: No).')).toBe('CONN-7 mds2-form!C120 (answer: No).');
    expect(md.renderInline(markdownText('[x](http://e/) *y* <b>'))).toBe('[x](http&#58;//e/) *y* &lt;b&gt;'.replace('&#58;', ':'));
  });
});

describe('SARIF artifact URIs', () => {
  it.each([
    ['vendor/a b.pdf', 'vendor/a%20b.pdf'],
    ['vendor/#1?.pdf', 'vendor/%231%3F.pdf'],
    ['vendor/100%.pdf', 'vendor/100%25.pdf'],
    ['vendor/é 文.pdf', 'vendor/%C3%A9%20%E6%96%87.pdf'],
    ['c:odd/x.pdf', 'c%3Aodd/x.pdf'],
  ])('encodes %j as a relative reference %j', (rel, uri) => {
    expect(artifactUri(path.join(cwd, rel), cwd)).toBe(uri);
    expect(new URL(uri, 'file:///reviews/').pathname).toBe(`/reviews/${uri}`);
  });

  it('uses a file: URI for a file outside the working folder', () => {
    expect(artifactUri('/elsewhere/a b#.pdf', cwd)).toBe('file:///elsewhere/a%20b%23.pdf');
  });

  it('every uri in a report with hostile names is a valid URI reference', () => {
    for (const attack of [...MARKUP_ATTACKS, ...TERMINAL_ATTACKS]) {
      const log = JSON.parse(formatReport('sarif', hostileReport(attack), { catalog, cwd }));
      // Findings are results; the unreadable document is an execution notification: both located.
      type Located = { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
      const run = log.runs[0];
      const located: Located[] = [...run.results, ...run.invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-UNREADABLE')];
      const uris: string[] = located.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
      const report = hostileReport(attack);
      expect(uris.map((u) => decodeURIComponent(u))).toEqual(report.documents.map((d) => path.relative(cwd, d.path)));
      for (const u of uris) expect(u).toMatch(/^vendor\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$/);
    }
  });
});

describe('HTML and JUnit', () => {
  it.each([...MARKUP_ATTACKS, ...TERMINAL_ATTACKS])('HTML escapes %j', (attack) => {
    const html = formatReport('html', hostileReport(attack), { catalog, cwd });
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|href="http/i);
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it.each([...MARKUP_ATTACKS, ...TERMINAL_ATTACKS, 'nul\u0000and\u0001and\uffff', 'lone\ud800surrogate'])('JUnit stays well-formed XML 1.0 with %j', (attack) => {
    const xml = formatReport('junit', hostileReport(attack), { catalog, cwd });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(xml).not.toContain(']]>');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.testsuites['@_tests']).toBe('2');
  });
});
