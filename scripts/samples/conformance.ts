// Fictional DICOM Conformance Statements laid out per PS3.2 (overview, introduction, networking
// with implementation model, AE specifications, network interfaces, configuration, security).
// The vendors and products are the MDS2 samples' (scripts/samples/mds2.ts), so the cross-document
// checks can pair them: Northwind Imaging NW-Scope 200 (weak) and Contoso Medical Clarity PACS (strong).
// Every vendor, product, UID and statement here is invented.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { layoutDocument, writePdf, type Block } from './pdf-writer.js';

export interface ConformanceSample {
  slug: string;
  title: string;
  footer: string;
  blocks: Block[];
}

const sopTable = (rows: string[][]): Block => ({
  kind: 'table',
  header: ['SOP Class Name', 'SOP Class UID', 'SCU', 'SCP'],
  widths: [200, 171, 56, 56],
  rows,
});

/** Weak: no TLS, any calling AE title accepted, port 104 only, audit over UDP syslog, fixed service password. */
export const NORTHWIND_CS: ConformanceSample = {
  slug: 'northwind-imaging-nw-scope-200-conformance',
  title: 'Northwind Imaging NW-Scope 200 DICOM Conformance Statement',
  footer: 'Northwind Imaging Ltd. (fictional) - NW-Scope 200 4.2 - DICOM Conformance Statement - Page {page}',
  blocks: [
    { kind: 'heading', level: 1, text: 'Northwind Imaging NW-Scope 200 DICOM Conformance Statement' },
    { kind: 'paragraph', text: 'Manufacturer: Northwind Imaging Ltd. (fictional)' },
    { kind: 'paragraph', text: 'Product: NW-Scope 200 ultrasound review workstation' },
    { kind: 'paragraph', text: 'Software Version: 4.2' },
    { kind: 'paragraph', text: 'Document Number: NWI-DCS-0042, Date: 2021-02-15' },
    { kind: 'heading', level: 1, text: '1 Conformance Statement Overview' },
    { kind: 'paragraph', text: 'NW-Scope 200 sends ultrasound studies to a PACS, queries a modality worklist and receives prior studies for review. It is an invented product used to demonstrate dicomsec.' },
    { kind: 'table', header: ['Networking SOP Classes', 'User of Service (SCU)', 'Provider of Service (SCP)'], widths: [243, 120, 120], rows: [
      ['Verification', 'Yes', 'Yes'],
      ['Ultrasound Image Storage', 'Yes', 'Yes'],
      ['Modality Worklist Information Model - FIND', 'Yes', 'No'],
    ] },
    { kind: 'heading', level: 1, text: '2 Introduction' },
    { kind: 'heading', level: 2, text: '2.1 Revision History' },
    { kind: 'table', header: ['Document Version', 'Date of Issue', 'Author', 'Description'], widths: [110, 110, 110, 153], rows: [
      ['1.0', '2021-02-15', 'Northwind R&D', 'Release 4.2'],
    ] },
    { kind: 'heading', level: 2, text: '2.2 Audience' },
    { kind: 'paragraph', text: 'This document is written for hospital IT staff and integrators who connect NW-Scope 200 to their network.' },
    { kind: 'heading', level: 1, text: '3 Networking' },
    { kind: 'heading', level: 2, text: '3.1 Implementation Model' },
    { kind: 'heading', level: 3, text: '3.1.1 Application Data Flow' },
    { kind: 'paragraph', text: 'The NWSCOPE Application Entity stores images to a remote archive, queries the worklist provider and accepts images sent to it from the archive.' },
    { kind: 'heading', level: 3, text: '3.1.2 Functional Definition of AEs' },
    { kind: 'paragraph', text: 'NWSCOPE is the only Application Entity. It starts when the workstation starts and listens for incoming associations on port 104.' },
    { kind: 'heading', level: 2, text: '3.2 AE Specifications' },
    { kind: 'heading', level: 3, text: '3.2.1 NWSCOPE AE Specification' },
    sopTable([
      ['Verification', '1.2.840.10008.1.1', 'Yes', 'Yes'],
      ['Ultrasound Image Storage', '1.2.840.10008.5.1.4.1.1.6.1', 'Yes', 'Yes'],
      ['Modality Worklist Information Model - FIND', '1.2.840.10008.5.1.4.31', 'Yes', 'No'],
    ]),
    { kind: 'heading', level: 4, text: '3.2.1.1 Association Policies' },
    { kind: 'paragraph', text: 'Implementation Class UID: 1.2.826.0.1.3680043.9.9999.42.1 (an invented example). Implementation Version Name: NWSCOPE_42.' },
    { kind: 'paragraph', text: 'NWSCOPE accepts associations from any calling AE title; the calling AE title is not checked against a list of known peers. The called AE title must be NWSCOPE.' },
    { kind: 'paragraph', text: 'Up to 4 simultaneous associations are accepted. The maximum PDU size is 16384 bytes.' },
    { kind: 'heading', level: 2, text: '3.3 Network Interfaces' },
    { kind: 'heading', level: 3, text: '3.3.1 Physical Network Interface' },
    { kind: 'paragraph', text: 'NW-Scope 200 supports one 1 Gbit/s Ethernet interface with IPv4. IPv6 is not supported.' },
    { kind: 'heading', level: 3, text: '3.3.2 Additional Protocols' },
    { kind: 'paragraph', text: 'A web viewer for remote review is served over plain HTTP on port 8080 without user authentication. Remote service uses a permanent outbound tunnel operated by Northwind.' },
    { kind: 'heading', level: 2, text: '3.4 Configuration' },
    { kind: 'heading', level: 3, text: '3.4.1 AE Title/Presentation Address Mapping' },
    { kind: 'table', header: ['Application Entity', 'Default AE Title', 'Default TCP/IP Port', 'TLS'], widths: [140, 120, 120, 103], rows: [
      ['NW-Scope 200 Storage and Worklist', 'NWSCOPE', '104', 'No'],
    ] },
    { kind: 'paragraph', text: 'Only port 104 is used for DICOM. The port cannot be changed by the customer.' },
    { kind: 'heading', level: 3, text: '3.4.2 Parameters' },
    { kind: 'paragraph', text: 'Association timeout 30 s; DIMSE timeout 60 s. The service account uses the factory password "nwservice", which is the same on every unit and cannot be changed on site.' },
    { kind: 'heading', level: 1, text: '4 Media Interchange' },
    { kind: 'paragraph', text: 'NW-Scope 200 does not support media interchange.' },
    { kind: 'heading', level: 1, text: '5 Support of Character Sets' },
    { kind: 'paragraph', text: 'Only the default repertoire ISO_IR 100 is supported.' },
    { kind: 'heading', level: 1, text: '6 Security' },
    { kind: 'heading', level: 2, text: '6.1 Security Profiles' },
    { kind: 'paragraph', text: 'NW-Scope 200 does not support any DICOM security profiles. TLS is not supported; DICOM associations are not encrypted. The product is intended to be operated in a protected network segment.' },
    { kind: 'heading', level: 2, text: '6.2 Association Level Security' },
    { kind: 'paragraph', text: 'None. Any calling AE title is accepted. User Identity Negotiation is not supported.' },
    { kind: 'heading', level: 2, text: '6.3 Audit Trail' },
    { kind: 'paragraph', text: 'Audit messages are sent as plain syslog over UDP (RFC 5426) to port 514 of a configurable host.' },
  ],
};

/** Strong: TLS 1.2/1.3 per BCP 195 (RFC 8996, RFC 9325), port 2762, ATNA over syslog TLS, no fixed passwords. */
export const CONTOSO_CS: ConformanceSample = {
  slug: 'contoso-medical-clarity-pacs-conformance',
  title: 'Contoso Medical Clarity PACS DICOM Conformance Statement',
  footer: 'Contoso Medical Systems (fictional) - Clarity PACS 8.1 - DICOM Conformance Statement - Page {page}',
  blocks: [
    { kind: 'heading', level: 1, text: 'Contoso Medical Clarity PACS DICOM Conformance Statement' },
    { kind: 'paragraph', text: 'Manufacturer: Contoso Medical Systems (fictional)' },
    { kind: 'paragraph', text: 'Product: Clarity PACS image archive and diagnostic viewer' },
    { kind: 'paragraph', text: 'Software Version: 8.1' },
    { kind: 'paragraph', text: 'Document Number: CMS-DCS-CP8-R3, Date: 2025-06-30' },
    { kind: 'heading', level: 1, text: '1 Conformance Statement Overview' },
    { kind: 'paragraph', text: 'Clarity PACS stores, queries and distributes DICOM images inside the hospital network. All DICOM and web traffic is protected with TLS. It is an invented product used to demonstrate dicomsec.' },
    { kind: 'table', header: ['Networking SOP Classes', 'User of Service (SCU)', 'Provider of Service (SCP)'], widths: [243, 120, 120], rows: [
      ['Verification', 'Yes', 'Yes'],
      ['CT Image Storage', 'Yes', 'Yes'],
      ['Study Root Query/Retrieve Information Model - FIND', 'No', 'Yes'],
      ['Study Root Query/Retrieve Information Model - MOVE', 'No', 'Yes'],
      ['Storage Commitment Push Model', 'No', 'Yes'],
    ] },
    { kind: 'heading', level: 1, text: '2 Introduction' },
    { kind: 'heading', level: 2, text: '2.1 Revision History' },
    { kind: 'table', header: ['Document Version', 'Date of Issue', 'Author', 'Description'], widths: [110, 110, 110, 153], rows: [
      ['R3', '2025-06-30', 'Contoso PSIRT and R&D', 'Release 8.1, BCP 195 RFC 8996 profile'],
    ] },
    { kind: 'heading', level: 1, text: '3 Networking' },
    { kind: 'heading', level: 2, text: '3.1 Implementation Model' },
    { kind: 'heading', level: 3, text: '3.1.1 Application Data Flow' },
    { kind: 'paragraph', text: 'The CLARITY_ARC Application Entity receives images from modalities, answers queries and sends images to viewers. The web viewer uses DICOMweb (QIDO-RS, WADO-RS, STOW-RS) over HTTPS.' },
    { kind: 'heading', level: 2, text: '3.2 AE Specifications' },
    { kind: 'heading', level: 3, text: '3.2.1 CLARITY_ARC AE Specification' },
    sopTable([
      ['Verification', '1.2.840.10008.1.1', 'Yes', 'Yes'],
      ['CT Image Storage', '1.2.840.10008.5.1.4.1.1.2', 'Yes', 'Yes'],
      ['Study Root Query/Retrieve Information Model - FIND', '1.2.840.10008.5.1.4.1.2.2.1', 'No', 'Yes'],
      ['Study Root Query/Retrieve Information Model - MOVE', '1.2.840.10008.5.1.4.1.2.2.2', 'No', 'Yes'],
      ['Storage Commitment Push Model', '1.2.840.10008.1.20.1', 'No', 'Yes'],
    ]),
    { kind: 'heading', level: 4, text: '3.2.1.1 Association Policies' },
    { kind: 'paragraph', text: 'Implementation Class UID: 1.2.826.0.1.3680043.9.9999.81.1 (an invented example). Implementation Version Name: CLARITY_81.' },
    { kind: 'paragraph', text: 'CLARITY_ARC accepts associations only from calling AE titles configured as known peers, and only from their configured IP addresses. Associations from unknown calling AE titles are rejected.' },
    { kind: 'heading', level: 2, text: '3.3 Network Interfaces' },
    { kind: 'heading', level: 3, text: '3.3.1 Physical Network Interface' },
    { kind: 'paragraph', text: 'Clarity PACS supports Ethernet 1/10 Gbit/s with IPv4 and IPv6. The same host firewall rules apply to IPv6 as to IPv4, and IPv6 can be disabled by the customer.' },
    { kind: 'heading', level: 2, text: '3.4 Configuration' },
    { kind: 'heading', level: 3, text: '3.4.1 AE Title/Presentation Address Mapping' },
    { kind: 'table', header: ['Application Entity', 'Default AE Title', 'Default TCP/IP Port', 'TLS'], widths: [140, 120, 120, 103], rows: [
      ['Archive (DICOM TLS)', 'CLARITY_ARC', '2762', 'Yes'],
      ['DICOMweb (HTTPS)', '-', '443', 'Yes'],
      ['Audit Record Repository client', '-', '6514', 'Yes'],
    ] },
    { kind: 'paragraph', text: 'Unencrypted DICOM on port 104 is disabled by default and cannot be enabled without a service key. There are no default or fixed passwords: administrator accounts are created at installation and passwords must be changed at first login.' },
    { kind: 'heading', level: 1, text: '4 Media Interchange' },
    { kind: 'paragraph', text: 'Clarity PACS does not support media interchange.' },
    { kind: 'heading', level: 1, text: '5 Support of Character Sets' },
    { kind: 'paragraph', text: 'ISO_IR 100, ISO_IR 192 (UTF-8) and ISO 2022 IR 87 are supported.' },
    { kind: 'heading', level: 1, text: '6 Security' },
    { kind: 'heading', level: 2, text: '6.1 Security Profiles' },
    { kind: 'paragraph', text: 'Clarity PACS supports the BCP 195 RFC 8996 TLS Secure Transport Connection Profile: TLS 1.2 and TLS 1.3 only, as recommended by RFC 9325; TLS 1.0, TLS 1.1 and SSL are disabled (RFC 8996).' },
    { kind: 'table', header: ['Protocol', 'Cipher Suite'], widths: [120, 363], rows: [
      ['TLS 1.3', 'TLS_AES_256_GCM_SHA384'],
      ['TLS 1.3', 'TLS_AES_128_GCM_SHA256'],
      ['TLS 1.2', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
      ['TLS 1.2', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    ] },
    { kind: 'paragraph', text: 'Both peers authenticate with X.509 certificates; the archive rejects TLS peers whose certificate is not trusted. Certificates are issued by the customer\'s certificate authority: the archive creates a certificate signing request, imports the signed certificate and the trusted CA certificates, and checks revocation with OCSP.' },
    { kind: 'heading', level: 2, text: '6.2 Association Level Security' },
    { kind: 'paragraph', text: 'Calling AE titles are checked against the list of configured peers. User Identity Negotiation is supported as SCP (username and password, SAML assertion and JSON Web Token).' },
    { kind: 'heading', level: 2, text: '6.3 Application Level Security' },
    { kind: 'paragraph', text: 'DICOMweb requests require OAuth 2.0 bearer tokens over HTTPS; plain HTTP is not offered.' },
    { kind: 'heading', level: 2, text: '6.4 Audit Trail' },
    { kind: 'paragraph', text: 'Clarity PACS supports the Audit Trail Message Format Profile and the IHE ATNA Secure Node actor. Audit messages are sent with syslog over TLS (RFC 5425) to port 6514 of the Audit Record Repository.' },
    { kind: 'heading', level: 2, text: '6.5 Time Synchronization' },
    { kind: 'paragraph', text: 'Clarity PACS supports the Basic Time Synchronization Profile as an NTP client of the site time servers.' },
    { kind: 'heading', level: 2, text: '6.6 De-identification' },
    { kind: 'paragraph', text: 'Research export de-identifies studies with the Basic Application Level Confidentiality Profile and the Clean Pixel Data and Clean Descriptors options.' },
  ],
};

export const CONFORMANCE_SAMPLES = [NORTHWIND_CS, CONTOSO_CS];

function inlineMd(s: string): string {
  return s.replace(/([|\\*_`])/g, '\\$1');
}

/** The same blocks as Markdown. */
export function toMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${inlineMd(b.text)}`, '');
        break;
      case 'paragraph':
        out.push(inlineMd(b.text), '');
        break;
      case 'bullets':
        out.push(...b.items.map((i) => `- ${inlineMd(i)}`), '');
        break;
      case 'table':
        out.push(`| ${b.header.map(inlineMd).join(' | ')} |`, `|${b.header.map(() => '---|').join('')}`);
        for (const r of b.rows) out.push(`| ${r.map(inlineMd).join(' | ')} |`);
        out.push('');
        break;
      case 'pagebreak':
        break;
    }
  }
  return out.join('\n');
}

/** The PDF rendering of a sample. */
export function conformancePdf(sample: ConformanceSample): Uint8Array {
  return writePdf(layoutDocument(sample.blocks, { footer: sample.footer }), { title: sample.title });
}

/** Writes each sample as .md and .pdf; returns the paths written. */
export async function writeConformanceSamples(dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const sample of CONFORMANCE_SAMPLES) {
    const md = path.join(dir, `${sample.slug}.md`);
    writeFileSync(md, toMarkdown(sample.blocks));
    const pdf = path.join(dir, `${sample.slug}.pdf`);
    writeFileSync(pdf, conformancePdf(sample));
    written.push(md, pdf);
  }
  return written;
}
