// The product's network role from what a statement says, and the rules that therefore do not apply.
// Every statement here is fictional, written for the test.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import { deriveNetworkRole, networkRoleOf } from '../../server/src/documents/conformance/network-role.js';
import { buildStatement } from '../rules/harness.js';
import { evaluateDocument } from '../../server/src/engine/document-review.js';
import { fullCatalog } from '../../server/src/rules/catalog.js';
import { defaultConfig, type ResolvedConfig } from '../../server/src/config/config.js';

const enc = new TextEncoder();
const config: ResolvedConfig = defaultConfig('/tmp');

async function statement(body: string, name = 'cs.md'): Promise<{ cs: ConformanceStatement; review: ReturnType<typeof evaluateDocument> }> {
  const doc = await parseDocument(`/vendors/example/${name}`, enc.encode(body));
  expect(doc.kind).toBe('conformance-statement');
  return { cs: doc.model as ConformanceStatement, review: evaluateDocument(doc, fullCatalog(), config) };
}

const HEAD = (product: string) => `# ${product} DICOM Conformance Statement

Manufacturer: Example Vision Ltd.

Product: ${product}

Version: 2.1

This document is the DICOM Conformance Statement of ${product}.
`;

const OFFLINE_VIEWER = `${HEAD('Lumen Desk Viewer')}
## 1 Introduction

${'Lumen Desk Viewer'} displays DICOM images read from CD, DVD and USB media. It is a standalone viewer application.
The viewer does not support any DICOM network services. It neither accepts nor initiates associations.

## 2 Networking

Not applicable.

## 3 Media Interchange

The viewer reads media created according to the General Purpose CD-R Interchange profile (STD-GEN-CD). It reads the DICOMDIR.

| SOP Class Name | SOP Class UID | Role |
|---|---|---|
| Media Storage Directory Storage | 1.2.840.10008.1.3.10 | FSR |
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | FSR |

## 4 Security

The viewer supports no security profiles. Media are not encrypted.
`;

const SEND_ONLY = `${HEAD('Quill Capture')}
## 1 Networking

### 1.1 Application Data Flow

Quill Capture sends the images it acquires to a remote storage AE. It only initiates associations; it does not accept association requests from remote applications.

### 1.2 SOP Classes

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| Secondary Capture Image Storage | 1.2.840.10008.5.1.4.1.1.7 | Yes | No |
| Verification | 1.2.840.10008.1.1 | Yes | No |

### 1.3 AE Title

The AE title of the storage SCU is QUILL and is configurable.

## 2 Security

Quill Capture does not support TLS. There is no audit trail.
`;

const WEB_ONLY = `${HEAD('Atlas Web Archive')}
## 1 Introduction

Atlas Web Archive provides DICOMweb services only: WADO-RS, QIDO-RS and STOW-RS over HTTPS on port 443. It does not support DIMSE services or DICOM associations.

## 2 Network Services

| Service | Port | Protocol |
|---|---|---|
| DICOMweb | 443 | HTTPS |

## 3 Security

All DICOMweb requests must carry an OAuth 2.0 bearer token. TLS 1.2 and TLS 1.3 are supported.
`;

const ARCHIVE = `${HEAD('Harbor PACS')}
## 1 Networking

### 1.1 SOP Classes

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | Yes | Yes |
| Verification | 1.2.840.10008.1.1 | Yes | Yes |

### 1.2 Association Acceptance

Harbor PACS accepts associations from any calling AE title on port 104.

## 2 Security

Harbor PACS does not support TLS.
`;

const ids = (list: { ruleId: string }[]) => list.map((n) => n.ruleId);

describe('network role from the statement', () => {
  it('an offline viewer: no role at all, said in so many words', async () => {
    const { cs } = await statement(OFFLINE_VIEWER);
    const role = networkRoleOf(cs);
    expect(role).toMatchObject({ offline: true, listener: false, initiator: false, webServer: false, webClient: false });
    expect(role.basis.offline).toMatch(/no network service/);
    expect(cs.evidence['networkRole.offline']?.[0]?.quote).toMatch(/does not support any DICOM network services|standalone viewer/);
  });

  it('a send-only application: initiator, not listener', async () => {
    const { cs } = await statement(SEND_ONLY);
    const role = networkRoleOf(cs);
    expect(role).toMatchObject({ offline: false, listener: false, initiator: true });
    expect(role.basis.listener).toMatch(/does not accept|SCU only/);
  });

  it('a DICOMweb-only service: web server, no DIMSE role', async () => {
    const { cs } = await statement(WEB_ONLY);
    const role = networkRoleOf(cs);
    expect(role).toMatchObject({ offline: false, listener: false, initiator: false, webServer: true });
  });

  it('an archive with SCP roles and a listen port: listener and initiator, no role assumed', async () => {
    const { cs } = await statement(ARCHIVE);
    const role = networkRoleOf(cs);
    expect(role).toMatchObject({ offline: false, listener: true, initiator: true, webServer: false, assumed: [] });
  });

  it('a service web UI on an HTTP port is a web server even when the statement denies DICOMweb', async () => {
    const { cs } = await statement(`${ARCHIVE}\nHarbor PACS does not support DICOMweb.\n\n### 2.1 Service\n\nThe service user interface is accessible over HTTP on port 8080 for service engineers.\n`);
    const role = networkRoleOf(cs);
    expect(role).toMatchObject({ webServer: true });
    expect(role.basis.webServer).toMatch(/web interface|8080/);
    expect(cs.webUi).toMatchObject({ exposed: true, plainHttp: true });
  });

  it('a statement silent about roles is assumed to listen and initiate (fail closed)', async () => {
    const { cs } = await statement(`${HEAD('Quiet Node')}\n## 1 Networking\n\nQuiet Node exchanges DICOM objects with other systems over associations. Its AE title is QUIET.\n\n## 2 Security\n\nNo security profiles are supported.\n`);
    const role = networkRoleOf(cs);
    expect(role.listener && role.initiator).toBe(true);
    expect(role.assumed).toEqual(expect.arrayContaining(['listener', 'initiator']));
  });

  it('"no network services" next to SCP roles and ports is not believed: the product is treated as networked', async () => {
    const { cs } = await statement(ARCHIVE.replace('## 2 Security', 'The product does not support any network services.\n\n## 2 Security'));
    const role = networkRoleOf(cs);
    expect(role.offline).toBe(false);
    expect(role.listener).toBe(true);
    expect(role.basis.offline).toMatch(/treated as networked/);
  });
});

describe('rules that do not apply are reported as not applicable, never as findings', () => {
  it('an offline viewer gets no TLS, AE-title or web finding; they are listed with the reason', async () => {
    const { review } = await statement(OFFLINE_VIEWER);
    const fired = ids(review.findings);
    for (const id of ['CS-TLS-001', 'CS-ASSOC-007', 'CS-UID-001', 'CS-SEC-002', 'CS-NET-006', 'CS-TIME-001']) {
      expect(fired).not.toContain(id);
      expect(ids(review.notApplicable)).toContain(id);
    }
    const tls = review.notApplicable.find((n) => n.ruleId === 'CS-TLS-001')!;
    expect(tls.reason).toMatch(/presupposes DICOM network services/);
    expect(tls.reason).toMatch(/no network service/);
    // Rules about the document itself still apply.
    expect(ids(review.notApplicable)).not.toContain('CS-AUD-001');
  });

  it('a send-only application gets the TLS finding but no AE-title-acceptance finding', async () => {
    const { review } = await statement(SEND_ONLY);
    expect(ids(review.findings)).toContain('CS-TLS-001');
    expect(ids(review.findings)).not.toContain('CS-ASSOC-007');
    expect(ids(review.notApplicable)).toEqual(expect.arrayContaining(['CS-ASSOC-001', 'CS-ASSOC-007', 'CS-ASSOC-005', 'CS-ASSOC-006']));
    expect(ids(review.notApplicable)).not.toContain('CS-TLS-001');
  });

  it('a DICOMweb-only service gets no DIMSE rule', async () => {
    const { review } = await statement(WEB_ONLY);
    for (const id of ['CS-TLS-001', 'CS-UID-001', 'CS-ASSOC-007']) {
      expect(ids(review.findings)).not.toContain(id);
      expect(ids(review.notApplicable)).toContain(id);
    }
    expect(ids(review.notApplicable)).not.toContain('CS-NET-007');
  });

  it('an archive that accepts any caller gets the finding; nothing about it is n/a but the web rules', async () => {
    const { review } = await statement(ARCHIVE);
    expect(ids(review.findings)).toEqual(expect.arrayContaining(['CS-TLS-001', 'CS-ASSOC-001']));
    expect(ids(review.notApplicable).sort()).toEqual(['CS-NET-002', 'CS-NET-005', 'CS-NET-007']);
  });
});

describe('network-role phrases, as vendors write them', () => {
  // A statement with no SOP class table, port or web service: only the sentence decides.
  const bare = () => buildStatement({ sopClasses: [], applicationEntities: [], ports: [], dimse: false, web: { exposed: false, services: [] }, media: { exported: false, encrypted: null, weakAlgorithms: [], securityProfile: false } });
  const roleFor = (text: string, section?: string) => deriveNetworkRole(bare(), [{ text, evidence: { line: 7, quote: text }, ...(section ? { section } : {}) }]).role;
  const OFFLINE = [
    'The viewer does not support any DICOM network services.',
    'The product does not provide any DICOM network functionality.',
    'No DICOM network services are supported by this release.',
    'The application has no network interface.',
    'DICOM network communication is not supported.',
    'The software does not communicate over a network.',
    'The workstation is not connected to any hospital network.',
    'Networking: not supported',
    'It is a standalone viewer application.',
    'The viewer only reads DICOM media created by other systems.',
  ];
  for (const text of OFFLINE) it(`offline: "${text}"`, () => expect(roleFor(text).offline).toBe(true));
  it('offline: a Networking section that reads "Not applicable."', () => expect(roleFor('Not applicable.', 'Networking').offline).toBe(true));

  const NOT_OFFLINE = [
    'It is a standalone workstation that connects to the PACS over DICOM.',
    'Network services are configured by the administrator.',
    'The archive does not support TLS 1.0.',
    'It cannot be used without a network connection to the archive.',
  ];
  for (const text of NOT_OFFLINE) it(`not offline: "${text}"`, () => expect(roleFor(text).offline).toBe(false));

  it('not a listener: an AE "never accepts an association"', () => {
    const cs = buildStatement({ sopClasses: [{ name: 'CT Image Storage', uid: '1.2.840.10008.5.1.4.1.1.2', roles: ['SCU'] }], applicationEntities: [], ports: [] });
    expect(deriveNetworkRole(cs, [{ text: 'The Storage SCU never accepts an association.', evidence: { line: 3 } }]).role.listener).toBe(false);
  });

  it('a listener when one AE says it does not accept associations and another says it does', () => {
    const cs = bare();
    const role = deriveNetworkRole(cs, [
      { text: 'The Storage SCU initiates associations but does not accept associations.', evidence: { line: 3 } },
      { text: 'The Storage SCP accepts associations but does not initiate associations.', evidence: { line: 9 } },
    ]).role;
    expect(role.listener && role.initiator).toBe(true);
  });

  it('an Association Acceptance Policy section that reads "Not applicable" rules the listener out', () => {
    const cs = buildStatement({ sopClasses: [], applicationEntities: [], ports: [], dimse: true });
    expect(deriveNetworkRole(cs, [{ text: 'Not applicable.', evidence: { line: 3 }, section: 'Association Acceptance Policy' }]).role.listener).toBe(false);
  });

  it('a DICOMweb client (a web viewer) has no DIMSE role and no web server', () => {
    const role = roleFor('The viewer acts as a DICOMweb client of the archive.');
    expect(role).toMatchObject({ listener: false, initiator: false, webServer: false, webClient: true, offline: false });
  });
});
