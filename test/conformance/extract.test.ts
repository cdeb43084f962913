// Unit tests for the conformance-statement model: small inline statements, positive and negative phrasing.
import { describe, expect, it } from 'vitest';
import { readText } from '../../server/src/readers/text-formats.js';
import { parseConformance } from '../../server/src/documents/conformance/parse.js';
import { UnreadableError } from '../../server/src/core/errors.js';
import type { TextSource } from '../../server/src/readers/source.js';

const HEAD = `# ACME Imager 3.2 DICOM Conformance Statement

| | |
|---|---|
| Product Name | ACME Imager |
| Manufacturer | ACME Medical |
| Version | 3.2 |
| Date | 2024-05-01 |

## Networking

ACME Imager supports the following SOP Classes as an SCP:

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| Verification | 1.2.840.10008.1.1 | Yes | Yes |
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | No | Yes |

The Implementation Class UID is "1.2.3.4.5.6" and the Implementation Version Name is "ACME_32".
`;

const md = (body: string) => parseConformance(readText(HEAD + '\n' + body, 'markdown'))!;

describe('recognition', () => {
  it('returns null for a README', () => {
    const src = readText('# my-tool\n\nA small command-line tool to rename photos.\n\n## Install\n\nnpm i my-tool\n', 'markdown');
    expect(parseConformance(src)).toBeNull();
  });
  it('returns null for a README that merely mentions DICOM', () => {
    const src = readText('# viewer\n\nOpens DICOM files. See the vendor\'s conformance statement for details.\n', 'markdown');
    expect(parseConformance(src)).toBeNull();
  });
  it('throws UnreadableError when a statement yields nothing', () => {
    const src: TextSource = {
      kind: 'text',
      format: 'text',
      lines: [
        { text: 'DICOM Conformance Statement', line: 1 },
        { text: 'scu scp sop class association ae title transfer syntax dicom', line: 2 },
      ].map((l) => ({ ...l, text: l.text.replace(/^scu scp/, 'SCU SCP') })),
    };
    expect(() => parseConformance(src)).toThrow(UnreadableError);
  });
  it('builds a model from TextLines without reader headings (numbered headings)', () => {
    const lines = [
      'DICOM Conformance Statement for Foo Archive 2.0',
      '4 Networking',
      'Foo Archive accepts Verification 1.2.840.10008.1.1 as SCP.',
      '4.4.1 AE Title/Presentation Address Mapping',
      'The default AE title is FOO and the DICOM port is 104; TLS connections use port 2762.',
      '8 Security',
      '8.2 Association Level Security',
      'Foo Archive accepts associations from any calling AE title.',
    ].map((text, i) => ({ text, line: i + 1 }));
    const cs = parseConformance({ kind: 'text', format: 'text', lines })!;
    expect(cs.sections.map((s) => s.title)).toEqual(['Networking', 'AE Title/Presentation Address Mapping', 'Security', 'Association Level Security']);
    expect(cs.sections[2]!.number).toBe('8');
    expect(cs.product).toBe('Foo Archive');
    expect(cs.version).toBe('2.0');
    expect(cs.ports.map((p) => [p.port, p.tls])).toEqual([[104, null], [2762, true]]);
    expect(cs.aeTitlePolicy.acceptsAnyCallingAeTitle).toBe(true);
    expect(cs.evidence['aeTitlePolicy.acceptsAnyCallingAeTitle']![0]).toMatchObject({ section: '8.2 Association Level Security', line: 8 });
    expect(cs.tls.clearTextPortAlongside).toBe(true);
  });
});

describe('identity and network', () => {
  const cs = md('');
  it('reads product, manufacturer, version, date', () => {
    expect(cs).toMatchObject({ product: 'ACME Imager', manufacturer: 'ACME Medical', version: '3.2', date: '2024-05-01' });
    expect(cs.evidence['product']![0]!.line).toBe(5);
  });
  it('reads SOP classes with roles from SCU/SCP columns, and the implementation identity', () => {
    expect(cs.sopClasses).toEqual([
      expect.objectContaining({ name: 'Verification', uid: '1.2.840.10008.1.1', roles: ['SCU', 'SCP'] }),
      expect.objectContaining({ name: 'CT Image Storage', roles: ['SCP'] }),
    ]);
    expect(cs.implementationClassUid).toBe('1.2.3.4.5.6');
    expect(cs.implementationVersionName).toBe('ACME_32');
  });
  it('reads the AE title / port table', () => {
    const c = md(`## AE Title/Presentation Address Mapping

| Application Entity | Default AE Title | Default TCP/IP Port |
|---|---|---|
| Storage SCP | ACME_STORE | 104 |
| Secure Storage SCP | ACME_STORE | 2762 (TLS) |
`);
    expect(c.applicationEntities.map((a) => [a.name, a.aeTitle, a.port])).toEqual([
      ['Storage SCP', 'ACME_STORE', 104],
      ['Secure Storage SCP', 'ACME_STORE', 2762],
    ]);
    expect(c.ports.map((p) => [p.port, p.protocol, p.tls])).toEqual([
      [104, 'dicom', null],
      [2762, 'dicom-tls', true],
    ]);
    expect(c.tls.clearTextPortAlongside).toBe(true);
  });
  it('reads a default port given in parentheses ("the AE title and port (default 104) are configurable")', () => {
    const c = md('## Networking\n\nThe AE title and port (default 104) are configurable. Maximum PDU size (default 16384) is configurable.\n');
    expect(c.ports.map((p) => p.port)).toEqual([104]);
  });
  it('ignores numbers in UIDs, sizes and timeouts', () => {
    const c = md('## Parameters\n\nMaximum PDU size is 16384 bytes. The ARTIM timeout is 30 seconds. The port is 11112.\n');
    expect(c.ports.map((p) => p.port)).toEqual([11112]);
  });
  it('reports a missing port list with evidence at the mapping section', () => {
    const c = md('## AE Title Mapping\n\nThe AE title is configurable.\n');
    expect(c.ports).toEqual([]);
    expect(c.evidence['ports']![0]!.section).toBe('AE Title Mapping');
  });
});

describe('security section and TLS', () => {
  it('is null (silent) without a security section, pointing at the document start', () => {
    const c = md('');
    expect(c.securitySection).toMatchObject({ present: false, empty: true });
    expect(c.tls.supported).toBeNull();
    expect(c.evidence['tls.supported']![0]!.section).toBe('document start');
  });
  it('recognises an empty / not applicable security section', () => {
    const c = md('## Security\n\nNot applicable.\n');
    expect(c.securitySection).toMatchObject({ present: true, empty: true, notApplicable: true });
    expect(c.securityProfilesNone).toBe(true);
    expect(c.tls.supported).toBe(false);
  });
  it.each([
    'TLS is not supported.',
    'ACME Imager does not support TLS.',
    'ACME Imager does not conform to any DICOM Security Profiles.',
    'There is no support for DICOM TLS; the product relies on a secure network.',
  ])('reads "%s" as no TLS', (sentence) => {
    const c = md(`## Security\n\n${sentence}\n`);
    expect(c.tls.supported).toBe(false);
    expect(c.evidence['tls.supported']![0]!.quote).toContain(sentence.slice(0, 20));
  });
  it('reads a current profile, versions and suites', () => {
    const c = md(`## Security

### Security Profiles

ACME Imager supports the BCP 195 RFC 8996 TLS Profile on port 2762. TLS 1.2 and TLS 1.3 are supported; TLS 1.0 and TLS 1.1 are disabled.
Supported cipher suites: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384.
`);
    expect(c.tls).toMatchObject({
      supported: true,
      versions: ['TLS 1.2', 'TLS 1.3'],
      weakVersions: [],
      disabledVersions: ['TLS 1.0', 'TLS 1.1'],
      profiles: ['BCP 195 RFC 8996 TLS Profile'],
      retiredProfiles: [],
      cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'],
      weakCipherSuites: [],
    });
    expect(c.ports).toEqual([expect.objectContaining({ port: 2762, tls: true })]);
  });
  it('flags retired profiles, weak versions and weak suites', () => {
    const c = md(`## Security

ACME Imager supports the Basic TLS Secure Transport Connection Profile and the AES TLS Secure Transport Connection Profile.
TLS 1.0, 1.1 and 1.2 are enabled. The suites TLS_RSA_WITH_3DES_EDE_CBC_SHA and TLS_RSA_WITH_AES_128_CBC_SHA may be configured.
`);
    expect(c.tls.retiredProfiles).toEqual(['Basic TLS Secure Transport Connection Profile', 'AES TLS Secure Transport Connection Profile']);
    expect(c.tls.weakVersions).toEqual(['TLS 1.0', 'TLS 1.1']);
    expect(c.tls.weakCipherSuites).toEqual(['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA']);
    expect(c.evidence['tls.retiredProfiles']![0]).toMatchObject({ section: 'Security', quote: expect.stringContaining('Basic TLS') });
  });
  it('tells the downgrading BCP 195 profile from its successors', () => {
    expect(md('## Security\n\nACME supports the BCP 195 TLS Secure Transport Connection Profile.\n').tls.retiredProfiles).toEqual(['BCP 195 TLS Secure Transport Connection Profile']);
    const nd = md('## Security\n\nACME supports the Non-Downgrading BCP 195 TLS Secure Transport Connection Profile.\n').tls;
    expect(nd.retiredProfiles).toEqual([]);
    expect(nd.supersededProfiles).toEqual(['Non-Downgrading BCP 195 TLS Secure Transport Connection Profile']);
    expect(md('## Security\n\nACME supports the Modified BCP 195 RFC 8996 TLS Profile.\n').tls.profiles).toEqual(['Modified BCP 195 RFC 8996 TLS Profile']);
  });
  it('does not count a negated profile, a UID containing digits, or TLS for HL7 only', () => {
    const c = md(`## Security

ACME Imager does not support the ISCL Secure Transport Connection Profile.
The HL7 interface listens on port 2575 (or 6575 using TLS).
`);
    expect(c.tls.retiredProfiles).toEqual([]);
    expect(c.tls.supported).toBeNull();
    expect(c.ports.map((p) => [p.port, p.protocol, p.tls])).toEqual([
      [2575, 'hl7', false],
      [6575, 'hl7', true],
    ]);
  });
  it('ignores definitions of security terms', () => {
    const c = md('## Terms and Definitions\n\nSecurity Profile: a set of mechanisms, such as TLS encryption, used by an AE.\n\nTLS 1.0: an old protocol version.\n');
    expect(c.tls.supported).toBeNull();
    expect(c.tls.versions).toEqual([]);
  });
});

describe('association level', () => {
  it.each([
    ['ACME Imager accepts associations from any calling AE.', true],
    ['The Calling AE Title is not checked.', true],
    ['ACME Imager accepts associations only from configured AE titles; unknown calling AE titles are rejected.', false],
    ['The SCP can be configured to accept Association Requests from only a limited list of Calling AE Titles.', false],
  ])('"%s" → acceptsAny %s', (sentence, expected) => {
    const c = md(`## Security\n\n### Association Level Security\n\n${sentence}\n`);
    expect(c.aeTitlePolicy.acceptsAnyCallingAeTitle).toBe(expected);
  });
  it('treats an option to accept all as not the default', () => {
    const c = md('## Association Acceptance Policy\n\nUnknown AEs are rejected by default; this may be changed to accept all AEs via configuration.\n');
    expect(c.aeTitlePolicy.acceptsAnyCallingAeTitle).toBe(false);
  });
  it('is null when silent, pointing at the association-level section', () => {
    const c = md('## Security\n\n### Association Level Security\n\nSee the installation manual.\n');
    expect(c.aeTitlePolicy.acceptsAnyCallingAeTitle).toBeNull();
    expect(c.evidence['aeTitlePolicy.acceptsAnyCallingAeTitle']![0]!.section).toBe('Association Level Security');
  });
});

describe('audit, identity, web, credentials, signatures, de-identification', () => {
  it('reads audit transports', () => {
    const udp = md('## Security\n\nAudit messages in the Audit Trail Message Format are sent by SYSLOG-UDP (RFC 5426) to port 514.\n');
    expect(udp.audit).toMatchObject({ supported: true, transports: ['syslog-udp'] });
    const tls = md('## Security\n\nACME supports the Audit Trail Message Transmission Profile - SYSLOG-TLS (RFC 5425).\n');
    expect(tls.audit.transports).toEqual(['syslog-tls']);
    expect(md('## Security\n\nAudit trail is not supported.\n').audit.supported).toBe(false);
  });
  it('reads user identity', () => {
    expect(md('## Security\n\nACME supports the User Identity plus Passcode Association Profile.\n').userIdentity).toEqual({ supported: true, profiles: ['User Identity plus Passcode Association Profile'] });
    expect(md('## Security\n\nUser Identity Negotiation is not supported.\n').userIdentity.supported).toBe(false);
  });
  it('reads DICOMweb exposure over plain HTTP and without authentication', () => {
    const c = md('## DICOMweb Services\n\nACME implements the WADO-RS and QIDO-RS services.\n\n| Parameter | Value |\n|---|---|\n| Base URL | http://acme-host:8080/dicomweb |\n| Authentication | Bearer token or no authentication (configurable) |\n');
    expect(c.web).toMatchObject({ exposed: true, plainHttp: true, authentication: true, authenticationOptional: true });
    expect(c.web.services).toEqual(expect.arrayContaining(['WADO-RS', 'QIDO-RS']));
  });
  it('reads default credentials, and their denial', () => {
    expect(md('## Security\n\nThe service account uses the default password "acme123".\n').credentials.defaultOrFixed).toBe(true);
    expect(md('## Security\n\nNo default credentials are compiled in.\n').credentials.defaultOrFixed).toBe(false);
    expect(md('').credentials.defaultOrFixed).toBeNull();
  });
  it('reads signature profiles and weak hashes', () => {
    const c = md('## Security\n\nACME supports the Creator RSA Digital Signature Profile; signatures use SHA-1 or RIPEMD-160 as MAC algorithm.\n');
    expect(c.signatures).toEqual({ profiles: ['Creator RSA Digital Signature Profile'], weakHashes: ['SHA-1', 'RIPEMD-160'] });
  });
  it('reads de-identification', () => {
    const c = md('## Security\n\nOn export ACME de-identifies data per the Basic Application Level Confidentiality Profile with the Clean Pixel Data option.\n');
    expect(c.deidentification).toMatchObject({ claimed: true, profiles: ['Basic Application Level Confidentiality Profile'], options: ['Clean Pixel Data'] });
  });
});

describe('robustness', () => {
  it('handles a 100k-character line quickly', () => {
    const long = 'port TLS any AE title 1.2.840.10008.1.1 '.repeat(2000) + 'x'.repeat(10000);
    const t0 = Date.now();
    md(`## Security\n\n${long}\n`);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('AE title / port tables with a TLS column', () => {
  const table = (tls: string) => `## Configuration

### AE Title/Presentation Address Mapping

| Application Entity | Default AE Title | Default TCP/IP Port | TLS |
|---|---|---|---|
| ACME Storage | ACME | 104 | ${tls} |
`;
  it('reads the column header as a label, and a No under it as no TLS on that port', () => {
    const cs = md(table('No'));
    expect(cs.tls.supported).not.toBe(true);
    expect(cs.ports).toEqual([expect.objectContaining({ port: 104, tls: false })]);
  });
  it('reads a Yes under it as TLS on that port', () => {
    const cs = md(table('Yes'));
    expect(cs.tls.supported).toBe(true);
    expect(cs.ports).toEqual([expect.objectContaining({ port: 104, tls: true })]);
  });
});

describe('denials and closed ports', () => {
  it('does not read "plain HTTP is not offered" as plain HTTP', () => {
    const cs = md('## Security\n\nDICOMweb (WADO-RS, QIDO-RS, STOW-RS) requests require OAuth 2.0 bearer tokens over HTTPS; plain HTTP is not offered.\n');
    expect(cs.web.plainHttp).not.toBe(true);
  });
  it('does not count a clear-text port that is disabled by default as open beside TLS', () => {
    const cs = md('## Configuration\n\n| Application Entity | Default AE Title | Default TCP/IP Port | TLS |\n|---|---|---|---|\n| Archive | ARC | 2762 | Yes |\n\nUnencrypted DICOM on port 104 is disabled by default.\n');
    expect(cs.ports.find((p) => p.port === 104)).toMatchObject({ disabledByDefault: true });
    expect(cs.tls.clearTextPortAlongside).toBe(false);
  });
});

describe('configuration value lists (audit: dcm4chee dcmTLSProtocol)', () => {
  const ref = '## Network Connection Extension\n\nThe Supported TLS Protocols.\n\nEnumerated values:\n\nTLSv1.3\n\nTLSv1.2\n\nTLSv1\n\nSSLv3\n\n(dcmTLSProtocol)\n\nEnumerated values:\n\nSSL_RSA_WITH_NULL_SHA\n\nTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n';
  it('does not read the values a setting accepts as versions or suites the product enables', () => {
    const cs = md(ref + '\n## Security\n\nACME Imager supports TLS 1.2 for DICOM associations.\n');
    expect(cs.tls.versions).toEqual(['TLS 1.2']);
    expect(cs.tls.weakVersions).toEqual([]);
    expect(cs.tls.cipherSuites).toEqual([]);
  });
  it("cites the enabling sentence, not 'TLSv1.3', for TLS 1.0", () => {
    const cs = md('## Security\n\nACME Imager supports TLSv1.3, TLSv1.2 and TLSv1 for DICOM associations.\n');
    expect(cs.tls.weakVersions).toEqual(['TLS 1.0']);
    expect(cs.evidence['tls.weakVersions']![0]!.quote).toMatch(/TLSv1\.3, TLSv1\.2 and TLSv1 for/);
  });
});

describe('identity details (audit)', () => {
  it('reads field lists line by line and keeps the placeholder line as version evidence', () => {
    const cs = parseConformance(readText('DICOM Conformance Statement |product|\n#####################################\n\n:Company Name: dcm4che.org\n:Product Name: |product|\n:Version: |version|\n\nThe archive accepts associations from SCUs. It supports Verification 1.2.840.10008.1.1 as SCP.\n', 'rst'))!;
    expect(cs.manufacturer).toBe('dcm4che.org');
    expect(cs.version).toBeNull();
    expect(cs.evidence['version']![0]!.quote).toMatch(/\|version\|/);
  });
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2025-07', '2025-07'],
    ['June 6, 2023', '2023-06-06'],
    ['Sep 25, 2024', '2024-09-25'],
    ['October 2022', '2022-10'],
    ['03/04/2020', null],
    ['Release 2019', null],
  ])('dateIso of %s is %s', async (date, iso) => {
    const { isoDate } = await import('../../server/src/documents/conformance/identity.js');
    expect(isoDate(date)).toBe(iso);
  });
  it('carries the cover table date into dateIso', () => {
    expect(md('## Security\n\nNothing.\n').dateIso).toBe('2024-05-01');
  });
});

describe('facts the rules author left out', () => {
  it('time synchronisation: NTP client claimed, denied, or silent', () => {
    expect(md('## Additional Protocols\n\nThe product synchronises its clock as an NTP client.\n').time).toMatchObject({ synchronized: true, protocols: ['NTP'] });
    expect(md('## Additional Protocols\n\nThe product does not support NTP.\n').time!.synchronized).toBe(false);
    expect(md('## Security\n\nNothing else.\n').time!.synchronized).toBeNull();
  });
  it('certificates: key store and trust store described', () => {
    const cs = md('## Security\n\nACME Imager supports TLS 1.2 for DICOM. The private key and certificate are imported as a PKCS#12 file; peer certificates are checked against the site trust store.\n');
    expect(cs.tls.certificateManagement).toBe(true);
    expect(md('## Security\n\nACME Imager supports TLS 1.2 for DICOM associations.\n').tls.certificateManagement).toBeNull();
  });
  it('peer verification: explicit non-verification and anonymous TLS are false; optional client auth stays null', () => {
    expect(md('## Security\n\nACME Imager supports TLS 1.2 for DICOM. It does not validate the peer certificate.\n').tls.peerVerification).toBe(false);
    expect(md('## Security\n\nDICOM associations may use anonymous TLS cipher suites.\n').tls.peerVerification).toBe(false);
    expect(md('## Security\n\nACME Imager supports TLS 1.2 for DICOM; mutual TLS is required for every association.\n').tls.peerVerification).toBe(true);
    expect(md('## Security\n\n| Client Authentication | Optional (mutual TLS) |\n|---|---|\n').tls.peerVerification).toBeNull();
  });
  it('associations: no maximum, a number, and C-ECHO from any AE', () => {
    expect(md('## Number of Associations\n\nThere is no artificial maximum placed on the number of simultaneous DICOM associations.\n').associations!.unbounded).toBe(true);
    expect(md('## Number of Associations\n\n| Maximum number of simultaneous Associations | Unlimited |\n|---|---|\n').associations!.unbounded).toBe(true);
    expect(md('## Number of Associations\n\nACME Imager accepts up to 10 simultaneous associations.\n').associations!.unbounded).toBe(false);
    expect(md('## Association Acceptance Policy\n\nThe Verification SCP responds to C-ECHO requests from any calling AE title.\n').associations!.echoFromAnyPeer).toBe(true);
    expect(md('## Association Acceptance Policy\n\nC-ECHO is answered only for configured peers.\n').associations!.echoFromAnyPeer).toBeNull();
  });
  it('IPv6: security features described, none used, or silent', () => {
    expect(md('## IPv4 and IPv6 Support\n\nThis product supports both IPv4 and IPv6. It does not utilize any of the optional configuration identification or security features of IPv6.\n').networkInterfaces).toMatchObject({ ipv6: true, ipv6Security: false });
    expect(md('## IPv4 and IPv6 Support\n\nThis product supports IPv6; IPv6 can be disabled in the service tool.\n').networkInterfaces).toMatchObject({ ipv6: true, ipv6Security: true });
    expect(md('## IPv4 and IPv6 Support\n\nThis product only supports IPv4 connections.\n').networkInterfaces!.ipv6Security).toBeNull();
  });
  it('media: CD-R export without encryption, encrypted USB export, 3DES media security', () => {
    expect(md('## Media Interchange\n\nThe Offline-Media AE exports images to a CD-R.\n').media).toMatchObject({ exported: true, encrypted: null });
    expect(md('## Media Interchange\n\nStudies are exported to USB drives encrypted with AES-256.\n').media).toMatchObject({ exported: true, encrypted: true, weakAlgorithms: [] });
    expect(md('## Media Interchange\n\nExported CDs use the Basic DICOM Media Security Profile with Triple-DES encryption.\n').media!.weakAlgorithms).toEqual(['3DES']);
    expect(md('## Media Interchange\n\nThe audit log can be exported to a USB disk.\n').media!.exported).toBe(false);
  });
  it('DIMSE: SOP classes make it true; a DICOMweb-only text makes it false', () => {
    expect(md('## Security\n\nNothing.\n').dimse).toBe(true);
    const web = parseConformance(readText('# Example DICOMweb Conformance Statement\n\n## WADO-RS\n\nThe server implements WADO-RS, QIDO-RS and STOW-RS over HTTPS. The DICOM transfer syntax is negotiated through the Accept header. Retrieve Transaction supports the SOP Class list of PS3.18.\n', 'markdown'))!;
    expect(web.dimse).toBe(false);
  });
});

describe('document furniture (audit: Conquest PDF/ODT)', () => {
  const lines = (rows: string[]) => ({ kind: 'text' as const, format: 'pdf' as const, lines: rows.map((t, i) => ({ text: t, line: i + 1, page: 1, ...(t.startsWith('#') ? { heading: 2, text: t.slice(1) } : {}) })) });
  it('skips a reader heading that is a table-of-contents entry, and reads SECTION n. TITLE as a heading', () => {
    const cs = parseConformance(lines([
      'Foo DICOM Server 1.0 CONFORMANCE STATEMENT',
      '#TABLE OF CONTENTS',
      '#3.4 PATIENT/STUDY ONLY QUERY/RETRIEVE INFORMATION OBJECT DEFINATION',
      '..............................................................26',
      'SECTION 1. INTRODUCTION',
      'Foo supports C-STORE as SCP; Verification 1.2.840.10008.1.1 is accepted from any SCU. It has SOP Classes and AE titles and associations.',
    ]))!;
    expect(cs.sections.map((s) => s.title)).toEqual(['TABLE OF CONTENTS', 'SECTION 1. INTRODUCTION']);
  });
  it('treats change-log entries as history and splits Symbol-font bullets', () => {
    const cs = md('## Overview\n\nRevision 47; 20101023 Release 1.4.16beta5: bug fixes, WADO server and client.\n\n\uF0B7 (addition) Easy installation. Servers may run as service(s).\n\uF0B7 (addition) A browser with options for anonymizing studies.\n');
    expect(cs.web.exposed).toBe(false);
    expect(cs.evidence['deidentification.claimed']![0]!.quote).toMatch(/^\uF0B7 ?\(addition\) A browser/);
  });
});

describe('collections of statements', () => {
  it('does not take a manifest that lists statements for a statement', () => {
    const src = readText(HEAD.replace('# ACME Imager 3.2 DICOM Conformance Statement', '# Corpus manifest: DICOM Conformance Statements and MDS2 forms'), 'markdown');
    expect(parseConformance(src)).toBeNull();
  });
});
