// The model on real statements from the shared corpus (skipped when the corpus is absent).
// Expected values come from reading each document.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeCorpus, corpusPath } from '../helpers/corpus.js';
import { readSource } from '../../server/src/readers/read.js';
import { parseConformance } from '../../server/src/documents/conformance/parse.js';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import type { TextSource } from '../../server/src/readers/source.js';

async function load(file: string): Promise<ConformanceStatement> {
  const p = corpusPath('cs', file);
  const src = await readSource(p, new Uint8Array(readFileSync(p)));
  const cs = parseConformance(src as TextSource);
  expect(cs, file).not.toBeNull();
  return cs!;
}
const ports = (cs: ConformanceStatement) => cs.ports.map((p) => [p.port, p.protocol, p.tls]);

describeCorpus('conformance model on the corpus', () => {
  it('Orthanc (text): SOP classes, no security section, silent on TLS, ports and AE policy', async () => {
    const cs = await load('orthanc-2d55a19.txt');
    expect(cs.product).toBe('Orthanc');
    expect(cs.sopClasses.length).toBeGreaterThan(100);
    expect(cs.sopClasses.find((s) => s.uid === '1.2.840.10008.1.1')!.roles.sort()).toEqual(['SCP', 'SCU']);
    expect(cs.securitySection.present).toBe(false);
    expect(cs.tls.supported).toBeNull();
    expect(cs.ports).toEqual([]);
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBeNull();
  });

  it('Mayam (Markdown): TLS 1.3, ports 11112/8080, audit over TLS and UDP, unknown AEs rejected', async () => {
    const cs = await load('mayam-pacs-abb4d86.md');
    expect(cs).toMatchObject({ product: 'Mayam', version: '1.0.0', manufacturer: 'Raster Lab', date: '2025-07' });
    expect(cs.implementationClassUid).toBe('1.2.826.0.1.3680043.8.1545.1');
    expect(cs.tls.supported).toBe(true);
    expect(cs.tls.versions).toEqual(['TLS 1.3']);
    expect(cs.tls.weakVersions).toEqual([]);
    expect(cs.tls.cipherSuites).toContain('TLS_CHACHA20_POLY1305_SHA256');
    expect(ports(cs)).toEqual(expect.arrayContaining([[11112, 'dicom', null], [8080, 'dicomweb', null], [6514, 'syslog', true], [514, 'syslog', false]]));
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBe(false);
    expect(cs.audit.transports).toEqual(expect.arrayContaining(['syslog-tls', 'syslog-udp']));
    expect(cs.web).toMatchObject({ exposed: true, plainHttp: true, authenticationOptional: true });
    expect(cs.securitySection).toMatchObject({ present: true, empty: false, title: 'Security' });
  });

  it.each([
    ['clara-dicom-adapter-8358179.md', 'Clara Deploy SDK'],
    ['monai-deploy-informatics-gateway-89c9218.md', 'MONAI Deploy SDK'],
  ])('%s: no security profiles (no TLS), calling AE titles can be restricted', async (file, product) => {
    const cs = await load(file);
    expect(cs.product).toBe(product);
    expect(cs.implementationClassUid).toBe('1.3.6.1.4.1.30071.8');
    expect(cs.securityProfilesNone).toBe(true);
    expect(cs.tls.supported).toBe(false);
    expect(cs.evidence['tls.supported']![0]!.quote).toMatch(/does not conform to any defined DICOM Security Profiles/);
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBe(false);
    expect(cs.aeTitlePolicy.restrictionConfigurable).toBe(true);
    expect(cs.ports).toEqual([]);
  });

  it('MediCapture (Markdown): DICOM silent on TLS; HL7 and LDAP TLS ports paired with clear ones', async () => {
    const cs = await load('medicapture-mvr-akdicom-ac86e23.md');
    expect(cs.product).toBe('AKDICOM');
    expect(cs.implementationVersionName).toBe('MEDICAPDCM 1.2');
    expect(cs.tls.supported).toBeNull();
    expect(ports(cs)).toEqual(
      expect.arrayContaining([[3383, 'dicom', null], [11112, 'dicom', null], [2575, 'hl7', false], [6575, 'hl7', true], [1389, 'ldap', false], [1636, 'ldap', true], [8443, 'https', true]]),
    );
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBeNull();
    expect(cs.credentials.defaultOrFixed).toBe(false); // 'No default credentials … are compiled in.'
    expect(cs.securitySection.present).toBe(false);
  });

  it.each(['microsoft-dicom-server-v1-5204c81.md', 'microsoft-dicom-server-v2-5204c81.md'])('%s: a DICOMweb server with no security section', async (file) => {
    const cs = await load(file);
    expect(cs.product).toBe('Medical Imaging Server for DICOM');
    expect(cs.web.exposed).toBe(true);
    expect(cs.web.services).toEqual(expect.arrayContaining(['STOW-RS', 'WADO-RS', 'QIDO-RS']));
    expect(cs.web.authentication).toBe(true); // 401/403 responses
    expect(cs.tls.supported).toBeNull();
    expect(cs.securitySection.present).toBe(false);
    expect(cs.ports).toEqual([]);
  });

  it('Slim (Markdown): a DICOMweb client, not a server; front matter identity', async () => {
    const cs = await load('slim-736739e.md');
    expect(cs).toMatchObject({ product: 'Slim', version: '0.14.0', manufacturer: 'MGH Pathology' });
    expect(cs.web.exposed).toBe(false);
    expect(cs.tls.supported).toBeNull();
    // 'Security Profile' appears only in Terms and Definitions.
    expect(cs.securityProfiles).toEqual([]);
  });

  it('Slim (LaTeX, lines built directly): identity from \\title and sections from \\section', () => {
    const text = readFileSync(corpusPath('cs', 'slim-736739e.tex'), 'utf8');
    const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
    const cs = parseConformance({ kind: 'text', format: 'latex', lines })!;
    expect(cs).toMatchObject({ product: 'Slim', version: '0.11.2', manufacturer: 'MGH Pathology' });
    expect(cs.sections.some((s) => s.title === 'Networking')).toBe(true);
    expect(cs.tls.supported).toBeNull();
    expect(cs.ports).toEqual([]);
  });

  it('PS3.2 Annex A template: recognised, but claims nothing', async () => {
    const cs = await load('dicom-ps3.2-annexA-template-2384a79.rst');
    expect(cs.template).toBe(true);
    expect(cs.product).toBeNull();
    expect(cs.securitySection).toMatchObject({ present: true, empty: true });
    expect(cs.tls.supported).toBeNull();
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBeNull();
    expect(cs.web.exposed).toBe(false);
    expect(cs.ports).toEqual([]);
  });

  it('PS3.2 Annex B sample: no security measures, port 104', async () => {
    const cs = await load('dicom-ps3.2-annexB-sample-2384a79.rst');
    expect(cs.product).toBe('SAMPLE INTEGRATED MODALITY');
    expect(cs.manufacturer).toBe('EXAMPLE-IMAGING-PRODUCTS');
    expect(cs.date).toBeNull(); // 'YYYYMMDD' placeholder
    expect(cs.tls.supported).toBe(false);
    expect(ports(cs)).toEqual([[104, 'dicom', null]]);
  });

  it('PS3.2 Annex F sample: bit-preserving signatures, AE and IP checks, ports 4000/5000', async () => {
    const cs = await load('dicom-ps3.2-annexF-sample-2384a79.rst');
    expect(cs.product).toBe('SAMPLE QUERY-RETRIEVE-SERVER');
    expect(cs.signatures.profiles).toEqual(['Bit-preserving Digital Signatures Secure Use Profile']);
    expect(cs.aeTitlePolicy).toMatchObject({ acceptsAnyCallingAeTitle: false, calledAeTitleChecked: true, ipAddressChecked: true });
    expect(cs.tls.supported).toBeNull();
    expect(cs.applicationEntities.map((a) => a.aeTitle)).toEqual(['EX_STORE_SCU', 'EX_STORE_SCP', 'EX_QUERY_SCP']);
    expect(ports(cs)).toEqual([[4000, 'dicom', null], [5000, 'dicom', null]]);
  });

  it('PS3.2 Annex I sample: a WADO service with TLS and authentication, no port numbers', async () => {
    const cs = await load('dicom-ps3.2-annexI-sample-2384a79.rst');
    expect(cs.product).toBe('EXAMPLE-WADO-SERVICE');
    expect(cs.tls.supported).toBe(true);
    expect(cs.tls.weakVersions).toEqual([]); // bare 'SSL' names no version
    expect(cs.web).toMatchObject({ exposed: true, https: true, authentication: true });
    expect(cs.ports).toEqual([]);
  });

  it('Conquest (PDF): product and version from the title, default port 5678, default password', async () => {
    const cs = await load('conquest-dicom-server-019d7d5.pdf');
    expect(cs.product).toBe('Conquest DICOM Server');
    expect(cs.version).toBe('1.5.0e');
    expect(cs.template).toBe(false);
    expect(cs.ports.map((p) => p.port)).toContain(5678);
    expect(cs.credentials.defaultOrFixed).toBe(true);
    expect(cs.evidence['credentials.defaultOrFixed']![0]!.page).toBeGreaterThan(0);
    expect(cs.securitySection.present).toBe(false);
  });

  it('dcm4chee-arc (Sphinx tree): retired TLS profiles, TLS 1.0/1.1, weak suites, restricted AEs', async () => {
    const cs = await load('dcm4chee-arc-cs-5.34.3-01c5698/index.rst');
    expect(cs.tls.supported).toBe(true);
    expect(cs.tls.retiredProfiles).toEqual(['Basic TLS Secure Transport Connection Profile', 'AES TLS Secure Transport Connection Profile']);
    // profiles.rst enables TLS 1.0/1.1. The dcmTLSProtocol reference lists the values the setting
    // accepts (TLSv1.3 … SSLv3): what can be configured, not what is enabled, so not a claim.
    expect([...cs.tls.weakVersions!].sort()).toEqual(['TLS 1.0', 'TLS 1.1']);
    expect(cs.evidence['tls.weakVersions']![0]!.quote).toMatch(/^By default configuration, TLS 1\.0, TLS 1\.1 and TLS 1\.2 are enabled/);
    expect(cs.evidence['tls.weakVersions']!.some((e) => /^TLSv1\.[23]$/.test(e.quote ?? ''))).toBe(false);
    expect(cs.tls.weakCipherSuites).toEqual(expect.arrayContaining(['TLS_RSA_WITH_3DES_EDE_CBC_SHA']));
    // The suites the dicomTLSCipherSuite setting accepts (SSL_RSA_WITH_NULL_SHA …) are not claims either.
    expect(cs.tls.cipherSuites).not.toContain('SSL_RSA_WITH_NULL_SHA');
    expect(cs.evidence['tls.weakCipherSuites']![0]!.section).toBe('Secure Transport Connection Profiles');
    expect(cs.aeTitlePolicy).toMatchObject({ acceptsAnyCallingAeTitle: false, calledAeTitleChecked: true });
    expect(cs.audit.supported).toBe(true);
  });

  it('dcm4chee-arc: identity from the field list, product from what the text calls itself', async () => {
    const cs = await load('dcm4chee-arc-cs-5.34.3-01c5698/index.rst');
    // '|product|' and '|version|' are Sphinx substitutions defined in the excluded conf.py.
    expect(cs.manufacturer).toBe('dcm4che.org');
    expect(cs.product).toBe('DCM4CHEE archive');
    expect(cs.version).toBeNull();
    expect(cs.evidence['version']![0]!.quote).toBe('Version: |version|');
    expect(cs.evidence['tls.ports']![0]!.quote).toMatch(/IP ports on which an implementation accepts TLS connections are configurable/);
    expect(cs.evidence['deidentification.profiles']![0]!.quote).toMatch(/supports the Basic Application Level Confidentiality Profile/);
  });

  it('dcm4chee-arc: time sync, certificates, unbounded associations, IPv6 without security features', async () => {
    const cs = await load('dcm4chee-arc-cs-5.34.3-01c5698/index.rst');
    expect(cs.time).toMatchObject({ synchronized: true });
    expect(cs.evidence['time.synchronized']![0]!.quote).toMatch(/Basic Time Synchronization Profile/);
    expect(cs.tls.certificateManagement).toBe(true);
    expect(cs.tls.peerVerification).toBeNull();
    expect(cs.associations!.unbounded).toBe(true);
    expect(cs.evidence['associations.unbounded']![0]!.quote).toMatch(/No Maximum Limit/);
    expect(cs.networkInterfaces).toMatchObject({ ipv6: true, ipv6Security: false });
    expect(cs.dimse).toBe(true);
  });

  it('Conquest (PDF): TOC entries are not headings, revision history is not a claim, symbol bullets split', async () => {
    const cs = await load('conquest-dicom-server-019d7d5.pdf');
    expect(cs.sections.some((s) => /DEFINATION/.test(s.title) && s.location.page === 5)).toBe(false);
    expect(cs.sections.some((s) => s.title === 'SECTION 1. INTRODUCTION')).toBe(true);
    const deid = cs.evidence['deidentification.claimed']![0]!;
    expect(deid.section).toBe('SECTION 1. INTRODUCTION');
    expect(deid.quote).toMatch(/^\S?\s*\(Conquest addition\) A database browser/);
    // 'Revision 47; 20101023 Release 1.4.16beta5: … WADO server …' is history, not the product's web interface.
    expect(cs.evidence['web.exposed']![0]!.quote).not.toMatch(/^Revision \d+;/);
    expect(cs.dateIso).toBe('2024-09-25');
    expect(cs.associations!.unbounded).toBe(true);
    expect(cs.evidence['associations.unbounded']![0]!.quote).toMatch(/no artificial maximum/);
    // The acceptance policy lists services, not callers: the calling-AE policy stays unknown.
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBeNull();
    expect(cs.evidence['aeTitlePolicy.acceptsAnyCallingAeTitle']![0]!.section).toBe('A.2.1.2.2 Association Acceptance Policy');
  });

  it('Conquest (ODT): the same history lines are front matter', async () => {
    const cs = await load('conquest-dicom-server-019d7d5.odt');
    expect(cs.evidence['web.exposed']![0]!.quote).not.toMatch(/^Revision \d+;|WADO FUNCTIONALITY \d+$/);
    expect(cs.media!.exported).toBe(false); // '20050422 Added BurnTime2 (2 dvds per day)' is a change-log row
  });

  it.each(['microsoft-dicom-server-v1-5204c81.md', 'slim-736739e.md', 'dicom-ps3.2-annexI-sample-2384a79.rst'])('%s: no DIMSE (DICOMweb only or a web client)', async (file) => {
    const cs = await load(file);
    expect(cs.dimse).toBe(false);
  });

  it('PS3.2 Annex B sample: the no-security sentence is the first security-profile evidence; NTP; CD-R export', async () => {
    const cs = await load('dicom-ps3.2-annexB-sample-2384a79.rst');
    expect(cs.evidence['securityProfiles']![0]!.quote).toMatch(/does not support any specific security measures/);
    expect(cs.time!.synchronized).toBe(true);
    expect(cs.media).toMatchObject({ exported: true, encrypted: null });
    expect(cs.evidence['media.exported']![0]!.quote).toMatch(/CD-R/);
  });

  it('Slim: dates read as ISO (Markdown front matter and LaTeX \\date)', async () => {
    expect((await load('slim-736739e.md')).dateIso).toBe('2023-06-06');
    const text = readFileSync(corpusPath('cs', 'slim-736739e.tex'), 'utf8');
    const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
    expect(parseConformance({ kind: 'text', format: 'latex', lines })!.dateIso).toBe('2022-10-06');
  });

  it('Microsoft: silence about ports points at the document, not at "Supported Search Parameters"', async () => {
    const cs = await load('microsoft-dicom-server-v1-5204c81.md');
    expect(cs.evidence['ports']![0]!.section).not.toMatch(/Search Parameters/);
  });
});
