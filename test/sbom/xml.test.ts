// CycloneDX XML SBOMs: read from content whatever the file name, to the same model and the same
// findings as the JSON of the same BOM, with evidence at an element path and line; malformed,
// unsupported and hostile XML; XML that is no CycloneDX BOM is read as before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { Sbom } from '../../server/src/documents/sbom/model.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { contosoCycloneDxXml, writeSbomSamples, writeSbomTestVariants } from '../../scripts/samples/sbom.js';

let dir: string;
let cdx: string;
let xml: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-cdx-xml-'));
  cdx = writeSbomSamples(dir)[0]!;
  xml = writeSbomTestVariants(dir).xml;
});

const parse = async (file: string) => parseDocument(file, new Uint8Array(readFileSync(file)));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const strip = (s: Sbom) => s.components.map(({ ref, name, version, supplier, purl, cpe, type, endOfSupport }) => ({ ref, name, version, supplier, purl, cpe, type, endOfSupport }));

describe('CycloneDX XML', () => {
  it('reads the XML variant to the model the JSON gives, each item at its element and line', async () => {
    const doc = await parse(xml);
    expect(doc.recognition).toEqual({ kind: 'sbom', confidence: 'high', reason: 'CycloneDX 1.6 SBOM (XML, 6 components)' });
    const sbom = doc.model as Sbom;
    const json = (await parse(cdx)).model as Sbom;
    expect(sbom.encoding).toBe('xml');
    expect([sbom.product, sbom.version, sbom.manufacturer, sbom.created]).toEqual([json.product, json.version, json.manufacturer, json.created]);
    expect(strip(sbom)).toEqual(strip(json));
    const lines = readFileSync(xml, 'utf8').split('\n');
    const dcmtk = sbom.components[1]!;
    expect(dcmtk.at.pointer).toBe('/bom/components/component[2]');
    expect(lines[dcmtk.at.line - 1]).toContain('<component type="library" bom-ref="dcmtk">');
    const java = sbom.components[2]!;
    expect(java.endOfSupportAt!.pointer).toBe('/bom/components/component[3]/properties/property');
    expect(lines[java.endOfSupportAt!.line - 1]).toContain('>2024-03-31</property>');
    expect(sbom.productAt).toEqual({ pointer: '/bom/metadata/component/name', line: 7 });
  });

  it('gives the findings the JSON gives, quoting the same values, at XML lines', async () => {
    const report = await reviewPaths([cdx, xml], { cwd: dir, config: { root: dir, none: true } });
    const [fromJson, fromXml] = report.documents;
    const shape = (d: typeof fromJson) => d!.findings.map((f) => [f.ruleId, f.severity, f.evidence.map((e) => e.quote)]);
    expect(fromXml!.findings.length).toBe(4);
    expect(shape(fromXml)).toEqual(shape(fromJson));
    expect(fromXml!.findings.map((f) => `${f.ruleId} ${f.evidence.map((e) => `${e.section}:${e.line}`).join(' ')}`)).toEqual([
      'SBOM-COMP-001 /bom/components/component[2]:20',
      'SBOM-COMP-004 /bom/components/component[3]/properties/property:30',
      'SBOM-COMP-003 /bom/components/component[5]:39',
      'SBOM-COMP-002 /bom/components/component[6]:44',
    ]);
    expect(fromXml!.findings[1]!.evidence[0]!.quote).toBe('java-runtime 8u402: end of support 2024-03-31');
  });

  it('is recognised by content under any name, and found in a folder as bom.xml', async () => {
    const plain = write('bom.txt', contosoCycloneDxXml());
    expect((await parse(plain)).kind).toBe('sbom');
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-cdx-folder-'));
    writeFileSync(path.join(folder, 'bom.xml'), contosoCycloneDxXml());
    const report = await reviewPaths([folder], { cwd: folder, config: { root: folder, none: true } });
    expect(report.documents.map((d) => [path.basename(d.path), d.kind, d.status])).toEqual([['bom.xml', 'sbom', 'reviewed']]);
  });

  it('reads a prefixed namespace, nested components and ignores elements of other namespaces', async () => {
    const file = write(
      'prefixed.cdx.xml',
      [
        '<?xml version="1.0"?>',
        '<c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.5" xmlns:x="urn:example:ext" version="1">',
        '  <c:metadata><c:component type="device"><c:name>Scanner</c:name><c:version>2</c:version></c:component></c:metadata>',
        '  <c:components>',
        '    <c:component type="operating-system"><c:name>embedded-linux</c:name><c:version>5.10</c:version><x:name>not this</x:name>',
        '      <c:publisher>Example OS Project</c:publisher>',
        '      <c:components><c:component type="library"><c:group>org.example</c:group><c:name>inner</c:name><c:version>1.0</c:version></c:component></c:components>',
        '    </c:component>',
        '  </c:components>',
        '</c:bom>',
      ].join('\n'),
    );
    const sbom = (await parse(file)).model as Sbom;
    expect([sbom.specVersion, sbom.product, sbom.version]).toEqual(['1.5', 'Scanner', '2']);
    expect(sbom.components.map((c) => [c.name, c.version, c.type, c.supplier, c.at.pointer, c.at.line])).toEqual([
      ['embedded-linux', '5.10', 'operating-system', 'Example OS Project', '/bom/components/component', 5],
      ['org.example/inner', '1.0', 'library', null, '/bom/components/component/components/component', 7],
    ]);
  });

  it('refuses a CycloneDX XML version it does not read, naming it (unsupported)', async () => {
    const file = write('old.cdx.xml', contosoCycloneDxXml().replace('bom/1.6', 'bom/1.3'));
    await expect(parse(file)).rejects.toMatchObject({ reason: 'unsupported', message: 'a CycloneDX SBOM of spec version "1.3"; dicomsec reads CycloneDX 1.4, 1.5 and 1.6' });
    const report = await reviewPaths([file], { cwd: dir, config: { root: dir, none: true } });
    expect(report.documents[0]).toMatchObject({ status: 'unreadable', reason: 'unsupported' });
  });

  it('a malformed or truncated CycloneDX XML is corrupt, with the line, even inside a folder', async () => {
    const text = contosoCycloneDxXml();
    const truncated = write('truncated.cdx.xml', text.slice(0, text.indexOf('<name>postgresql')));
    await expect(parse(truncated)).rejects.toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/^the XML is not well formed: .*\(line \d+\)$/) });
    const mismatched = write('mismatched.cdx.xml', text.replace('</version>', '</versoin>'));
    await expect(parse(mismatched)).rejects.toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/\(line 8\)$/) });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-cdx-bad-'));
    writeFileSync(path.join(folder, 'bom.xml'), text.slice(0, 700));
    const report = await reviewPaths([folder], { cwd: folder, config: { root: folder, none: true } });
    expect(report.documents[0]).toMatchObject({ status: 'unreadable', reason: 'corrupt' });
  });

  it('expands no entity: internal (billion laughs) or external declarations stay text', async () => {
    const hostile = contosoCycloneDxXml()
      .replace('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
      .replace('<name>zlib</name>', '<name>zlib &b; &xxe; &amp; co</name>');
    const sbom = (await parse(write('entities.cdx.xml', hostile))).model as Sbom;
    expect(sbom.components[5]!.name).toBe('zlib &b; &xxe; & co');
  });

  it('refuses nesting past the budget as a limit', async () => {
    const deep = `<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${'<a>'.repeat(300)}${'</a>'.repeat(300)}</bom>`;
    await expect(parse(write('deep.cdx.xml', deep))).rejects.toMatchObject({ reason: 'limit' });
  });

  it('XML that is no CycloneDX BOM is not taken for one: a DocBook statement stays a conformance statement', async () => {
    const docbook = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<article xmlns="http://docbook.org/ns/docbook" version="5.0">',
      '  <info><title>Contoso Clarity PACS 8.1 DICOM Conformance Statement</title></info>',
      '  <section><title>Introduction</title>',
      '    <para>This DICOM Conformance Statement describes Clarity PACS. It lists its components and bom entries.</para>',
      '  </section>',
      '  <section><title>Networking</title>',
      '    <para>The Application Entity CPACS_SCP (AE title CPACS_SCP) is an SCP and SCU of the Storage SOP Classes.</para>',
      '    <para>CT Image Storage 1.2.840.10008.5.1.4.1.1.2 as SCU and SCP. Verification SOP Class 1.2.840.10008.1.1.</para>',
      '    <para>Transfer syntaxes: Implicit VR Little Endian 1.2.840.10008.1.2 and Explicit VR Little Endian 1.2.840.10008.1.2.1.</para>',
      '    <para>Implementation Class UID 1.2.826.0.1.3680043.2.1143.1. Associations are accepted on port 104 and on port 2762 with TLS.</para>',
      '  </section>',
      '</article>',
    ].join('\n');
    const doc = await parse(write('statement.xml', docbook));
    expect(doc.kind).toBe('conformance-statement');
    expect(doc.source.kind === 'text' && doc.source.dataNamespace).toBeFalsy();
    // A bom root in another namespace is no CycloneDX BOM either.
    const other = write('other-bom.xml', '<?xml version="1.0"?>\n<bom xmlns="urn:example:bill-of-materials"><component><name>bolt</name></component></bom>\n');
    await expect(parse(other)).rejects.not.toMatchObject({ reason: 'unsupported' });
    await expect(parse(other)).rejects.toMatchObject({ reason: 'not-a-document' });
  });
});
