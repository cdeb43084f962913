// A fictional SBOM and CSAF advisory for the Contoso Clarity PACS 8.1 sample (scripts/samples/mds2.ts),
// with deliberate gaps so the SBOM and advisory checks have something to find:
// - the MDS2 says the device contains an operating system (CSUP-2), the SBOM lists none;
// - one component has no version, one no supplier, one neither purl nor cpe;
// - one component's support ended in 2024 although the MDS2 says third-party end of life is planned (RDMP-4);
// - the advisory leaves one vulnerability of release 8.1, in its bundled dcmtk, without a fix,
//   mitigation or workaround,
//   and says release 8.0 is not affected by another without a VEX justification.
// The samples written to samples/ are the CycloneDX JSON SBOM and the CSAF advisory; the SPDX and
// CycloneDX XML variants and the known-exploited list (CISA KEV format) are for tests.
// Every vendor, product, component and CVE ID here is invented (CVE-2099-* does not exist).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const SBOM_SAMPLE_SLUG = 'contoso-medical-clarity-pacs-8.1';

const MAKER = 'Contoso Medical Systems (fictional)';
const PRODUCT = 'Clarity PACS';
const VERSION = '8.1';

interface SampleComponent {
  type: string;
  spdxPurpose: string;
  name: string;
  version?: string;
  supplier?: string;
  purl?: string;
  cpe?: string;
  endOfSupport?: string;
}

/** The product's components, gaps included (see the header). */
export const SAMPLE_COMPONENTS: SampleComponent[] = [
  { type: 'library', spdxPurpose: 'LIBRARY', name: 'openssl', version: '3.0.13', supplier: 'OpenSSL Software Foundation', purl: 'pkg:generic/openssl@3.0.13', cpe: 'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*' },
  { type: 'library', spdxPurpose: 'LIBRARY', name: 'dcmtk', supplier: 'OFFIS e.V.', purl: 'pkg:generic/dcmtk' },
  { type: 'framework', spdxPurpose: 'FRAMEWORK', name: 'java-runtime', version: '8u402', supplier: 'Example Runtime Vendor (fictional)', purl: 'pkg:generic/java-runtime@8u402', endOfSupport: '2024-03-31' },
  { type: 'application', spdxPurpose: 'APPLICATION', name: 'postgresql', version: '15.6', supplier: 'PostgreSQL Global Development Group', purl: 'pkg:generic/postgresql@15.6', endOfSupport: '2027-11-11' },
  { type: 'library', spdxPurpose: 'LIBRARY', name: 'clarity-imaging-core', version: '8.1.0', supplier: MAKER },
  { type: 'library', spdxPurpose: 'LIBRARY', name: 'zlib', version: '1.3.1', purl: 'pkg:generic/zlib@1.3.1' },
];

const ref = (c: SampleComponent) => `${c.name}${c.version ? `@${c.version}` : ''}`;

export function contosoCycloneDx(specVersion = '1.6'): unknown {
  return {
    bomFormat: 'CycloneDX',
    specVersion,
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      timestamp: '2025-06-30T09:00:00Z',
      component: { type: 'application', 'bom-ref': 'clarity-pacs', name: PRODUCT, version: VERSION, supplier: { name: MAKER } },
      [specVersion === '1.6' ? 'manufacturer' : 'manufacture']: { name: MAKER },
    },
    components: SAMPLE_COMPONENTS.map((c) => ({
      type: c.type,
      'bom-ref': ref(c),
      name: c.name,
      ...(c.version ? { version: c.version } : {}),
      ...(c.supplier ? { supplier: { name: c.supplier } } : {}),
      ...(c.purl ? { purl: c.purl } : {}),
      ...(c.cpe ? { cpe: c.cpe } : {}),
      ...(c.endOfSupport ? { properties: [{ name: 'contoso:endOfSupport', value: c.endOfSupport }] } : {}),
    })),
  };
}

export function contosoSpdx(): unknown {
  const id = (c: SampleComponent) => `SPDXRef-${c.name.replace(/[^A-Za-z0-9.-]/g, '-')}`;
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${PRODUCT} ${VERSION}`,
    documentNamespace: 'https://contoso-medical.example/spdx/clarity-pacs-8.1',
    creationInfo: { created: '2025-06-30T09:00:00Z', creators: [`Organization: ${MAKER}`] },
    documentDescribes: ['SPDXRef-clarity-pacs'],
    packages: [
      { SPDXID: 'SPDXRef-clarity-pacs', name: PRODUCT, versionInfo: VERSION, supplier: `Organization: ${MAKER}`, downloadLocation: 'NOASSERTION', primaryPackagePurpose: 'APPLICATION' },
      ...SAMPLE_COMPONENTS.map((c) => ({
        SPDXID: id(c),
        name: c.name,
        ...(c.version ? { versionInfo: c.version } : {}),
        supplier: c.supplier ? `Organization: ${c.supplier}` : 'NOASSERTION',
        downloadLocation: 'NOASSERTION',
        primaryPackagePurpose: c.spdxPurpose,
        ...(c.endOfSupport ? { validUntilDate: `${c.endOfSupport}T00:00:00Z` } : {}),
        externalRefs: [
          ...(c.purl ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }] : []),
          ...(c.cpe ? [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: c.cpe }] : []),
        ],
      })),
    ],
  };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function contosoCycloneDxXml(): string {
  const el = (name: string, value: string | undefined, indent: string) => (value ? `${indent}<${name}>${xmlEscape(value)}</${name}>\n` : '');
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">\n';
  out += '  <metadata>\n    <timestamp>2025-06-30T09:00:00Z</timestamp>\n';
  out += `    <component type="application" bom-ref="clarity-pacs">\n      <supplier><name>${xmlEscape(MAKER)}</name></supplier>\n      <name>${PRODUCT}</name>\n      <version>${VERSION}</version>\n    </component>\n`;
  out += `    <manufacturer><name>${xmlEscape(MAKER)}</name></manufacturer>\n  </metadata>\n  <components>\n`;
  for (const c of SAMPLE_COMPONENTS) {
    out += `    <component type="${c.type}" bom-ref="${xmlEscape(ref(c))}">\n`;
    if (c.supplier) out += `      <supplier><name>${xmlEscape(c.supplier)}</name></supplier>\n`;
    out += el('name', c.name, '      ') + el('version', c.version, '      ') + el('cpe', c.cpe, '      ') + el('purl', c.purl, '      ');
    if (c.endOfSupport) out += `      <properties><property name="contoso:endOfSupport">${c.endOfSupport}</property></properties>\n`;
    out += '    </component>\n';
  }
  return `${out}  </components>\n</bom>\n`;
}

export const SAMPLE_CVES = { fixed: 'CVE-2099-10001', unremediated: 'CVE-2099-10002', notAffected: 'CVE-2099-10003' } as const;

export function contosoCsaf(): unknown {
  const product = (v: string) => ({ category: 'product_version', name: v, product: { product_id: `CPACS-${v}`, name: `${MAKER} ${PRODUCT} ${v}` } });
  return {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      title: 'Clarity PACS: vulnerabilities in bundled components',
      publisher: { category: 'vendor', name: MAKER, namespace: 'https://contoso-medical.example' },
      tracking: {
        id: 'CMS-SA-2025-007',
        status: 'final',
        version: '1',
        initial_release_date: '2025-07-15T00:00:00Z',
        current_release_date: '2025-07-15T00:00:00Z',
        revision_history: [{ date: '2025-07-15T00:00:00Z', number: '1', summary: 'Initial release' }],
      },
    },
    product_tree: {
      branches: [
        { category: 'vendor', name: MAKER, branches: [{ category: 'product_name', name: PRODUCT, branches: [product('8.0'), product('8.1'), product('8.2')] }] },
        // The bundled DICOM toolkit, as a component of release 8.1 (a CSAF relationship).
        {
          category: 'vendor',
          name: 'OFFIS e.V.',
          branches: [{ category: 'product_name', name: 'dcmtk', branches: [{ category: 'product_version', name: '3.6.7', product: { product_id: 'DCMTK-3.6.7', name: 'OFFIS dcmtk 3.6.7', product_identification_helper: { purl: 'pkg:generic/dcmtk@3.6.7' } } }] }],
        },
      ],
      relationships: [
        {
          category: 'default_component_of',
          product_reference: 'DCMTK-3.6.7',
          relates_to_product_reference: 'CPACS-8.1',
          full_product_name: { product_id: 'CPACS-8.1:DCMTK-3.6.7', name: 'dcmtk 3.6.7 as a component of Clarity PACS 8.1' },
        },
      ],
    },
    vulnerabilities: [
      {
        cve: SAMPLE_CVES.fixed,
        title: 'Certificate check bypass in the bundled TLS library',
        product_status: { known_affected: ['CPACS-8.1'], fixed: ['CPACS-8.2'] },
        remediations: [{ category: 'vendor_fix', details: 'Update to Clarity PACS 8.2.', product_ids: ['CPACS-8.1'] }],
      },
      {
        cve: SAMPLE_CVES.unremediated,
        title: 'Heap overflow in the bundled DICOM toolkit',
        product_status: { known_affected: ['CPACS-8.1', 'CPACS-8.1:DCMTK-3.6.7'], under_investigation: ['CPACS-8.2'] },
        remediations: [{ category: 'none_available', details: 'A fix is being developed.', product_ids: ['CPACS-8.1', 'CPACS-8.1:DCMTK-3.6.7'] }],
      },
      {
        cve: SAMPLE_CVES.notAffected,
        title: 'Denial of service in the bundled runtime',
        product_status: { known_not_affected: ['CPACS-8.0', 'CPACS-8.1'], fixed: ['CPACS-8.2'] },
        flags: [{ label: 'vulnerable_code_not_in_execute_path', product_ids: ['CPACS-8.1'] }],
      },
    ],
  };
}

/** A known-exploited list in the CISA KEV JSON format, naming the vulnerability the advisory leaves unremediated. */
export function sampleKnownExploited(): unknown {
  return {
    title: 'Known exploited vulnerabilities (fictional test list)',
    catalogVersion: '2099.01.01',
    dateReleased: '2099-01-01T00:00:00.000Z',
    count: 1,
    vulnerabilities: [
      {
        cveID: SAMPLE_CVES.unremediated,
        vendorProject: 'OFFIS',
        product: 'dcmtk',
        vulnerabilityName: 'Fictional heap overflow',
        dateAdded: '2025-08-01',
        shortDescription: 'A fictional entry for tests.',
        requiredAction: 'Apply mitigations per vendor instructions or discontinue use.',
        dueDate: '2025-08-22',
        knownRansomwareCampaignUse: 'Unknown',
        notes: '',
      },
    ],
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the CycloneDX SBOM and the CSAF advisory of the sample product; returns the paths written. */
export function writeSbomSamples(dir: string): string[] {
  const sbom = path.join(dir, `${SBOM_SAMPLE_SLUG}.cdx.json`);
  writeFileSync(sbom, json(contosoCycloneDx()));
  const csaf = path.join(dir, 'contoso-medical-cms-sa-2025-007.csaf.json');
  writeFileSync(csaf, json(contosoCsaf()));
  return [sbom, csaf];
}

/** The test variants: SPDX JSON, CycloneDX XML and the known-exploited list. */
export function writeSbomTestVariants(dir: string): { spdx: string; xml: string; kev: string } {
  const spdx = path.join(dir, `${SBOM_SAMPLE_SLUG}.spdx.json`);
  writeFileSync(spdx, json(contosoSpdx()));
  const xml = path.join(dir, `${SBOM_SAMPLE_SLUG}.cdx.xml`);
  writeFileSync(xml, contosoCycloneDxXml());
  const kev = path.join(dir, 'known-exploited.json');
  writeFileSync(kev, json(sampleKnownExploited()));
  return { spdx, xml, kev };
}
