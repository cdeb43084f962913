// Recognition names what a document is, with a reason and a confidence; documents dicomsec does not
// review are declined the same way every time (reason not-a-document, naming what they are).
// Every document here is fictional, written for the test.
import { describe, expect, it } from 'vitest';
import { NotReviewableError, parseDocument } from '../../server/src/documents/parse.js';

const enc = new TextEncoder();

async function declined(name: string, body: string): Promise<NotReviewableError> {
  try {
    await parseDocument(`/vendors/x/${name}`, enc.encode(body));
  } catch (err) {
    expect(err).toBeInstanceOf(NotReviewableError);
    return err as NotReviewableError;
  }
  throw new Error(`${name} was reviewed, not declined`);
}

const DICOM_CS = `# Pine Archive DICOM Conformance Statement

Manufacturer: Acme Imaging GmbH

## 1 Networking

The Storage SCP accepts associations from the AE titles configured by the administrator.

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | No | Yes |

The archive also receives HL7 ADT^A08 messages over MLLP to update patient demographics.
`;

const HL7_CS = `# Pine Archive HL7 Conformance Statement

## 1 Introduction

This document describes the HL7 v2.5.1 interface of Pine Archive.

## 2 Supported Messages

| Message | Trigger | Direction |
|---|---|---|
| ADT^A01 | Admit | Inbound |
| ADT^A08 | Update patient information | Inbound |
| ORM^O01 | Order | Inbound |
| ORU^R01 | Result | Outbound |

## 3 Segments

MSH, EVN, PID, PV1, ORC and OBR segments are processed. PID-3 carries the patient identifier.
Acknowledgements are returned as ACK messages over MLLP on port 2575.
`;

const GUIDE = `# Pine Archive Product Security White Paper

## 1 Overview

Pine Archive stores DICOM images. This white paper describes the security controls of the product.
See the DICOM Conformance Statement for the SOP classes and the AE titles.

## 2 Transport security

DICOM associations can be protected with TLS 1.2 (BCP 195). The archive accepts associations only from configured AE titles.
`;

const MANIFEST = `# Corpus manifest

| File | Vendor | Kind |
|---|---|---|
| acme-pine-cs.pdf | Acme | DICOM Conformance Statement (SOP classes, AE titles, associations) |
| acme-pine-mds2.xlsx | Acme | MDS2 |
| zeta-elm-cs.md | Zeta | DICOM Conformance Statement |
`;

const NOTES = `# Reviewer notes on the Acme documents

The Acme DICOM Conformance Statement lists SOP classes as SCP and names its AE titles. Associations
are accepted from any calling AE title, per section 4. The conformance statement says TLS is optional.
`;

describe('document recognition', () => {
  it('a DICOM Conformance Statement that mentions HL7 is still a DICOM statement, with a reason', async () => {
    const doc = await parseDocument('/vendors/x/cs.md', enc.encode(DICOM_CS));
    expect(doc.kind).toBe('conformance-statement');
    expect(doc.recognition).toMatchObject({ kind: 'dicom-conformance-statement' });
    expect(doc.recognition!.reason).toMatch(/sop-class/);
    expect(['high', 'medium', 'low']).toContain(doc.recognition!.confidence);
  });

  it('an HL7 conformance statement is declined as what it is', async () => {
    const err = await declined('hl7.md', HL7_CS);
    expect(err.reason).toBe('not-a-document');
    expect(err.recognition).toMatchObject({ kind: 'hl7-conformance-statement', confidence: 'high' });
    expect(err.message).toMatch(/HL7 interface document/);
  });

  it('an HL7 document without a telling title is recognised by its segments and messages', async () => {
    const err = await declined('interface.md', HL7_CS.replace('# Pine Archive HL7 Conformance Statement', '# Pine Archive Interfaces'));
    expect(err.recognition.kind).toBe('hl7-conformance-statement');
    expect(err.recognition.confidence).toBe('medium');
  });

  it('a vendor security white paper is declined as a security guide, not reviewed as a statement', async () => {
    const err = await declined('security.md', GUIDE);
    expect(err.recognition.kind).toBe('security-guide');
    expect(err.message).toMatch(/security guide or white paper/);
  });

  it('a manifest and reviewer notes are not vendor documents', async () => {
    expect((await declined('MANIFEST.md', MANIFEST)).recognition.kind).toBe('not-a-vendor-document');
    expect((await declined('notes.md', NOTES)).recognition.kind).toBe('not-a-vendor-document');
  });

  it('a JSON file is not a vendor document, whatever its keys say', async () => {
    const json = JSON.stringify({ product: 'Pine Archive', conformanceStatement: 'DICOM Conformance Statement', sopClasses: ['1.2.840.10008.5.1.4.1.1.2'], aeTitles: ['PINE'], associations: 'accepted' });
    const err = await declined('facts.json', json);
    expect(err.recognition).toMatchObject({ kind: 'not-a-vendor-document', confidence: 'high' });
    expect(err.message).toMatch(/JSON/);
  });

  it('declines the same document the same way every time', async () => {
    const a = await declined('hl7.md', HL7_CS);
    const b = await declined('copy/hl7.md', HL7_CS);
    expect(b.recognition).toEqual(a.recognition);
  });
});
