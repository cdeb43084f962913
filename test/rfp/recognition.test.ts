// An RFP draft is recognised by its content (named a request for proposal, and shaped like one:
// due date, offeror obligations, scope of work, evaluation criteria), ahead of the conformance
// kind, because a draft asks for conformance statements, TLS and AE titles without being one.
// Vendor documents that mention RFPs are not drafts. Every document here is fictional.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/documents/parse.js';
import { conformanceKind } from '../../server/src/documents/conformance/kind.js';
import { rfpSignals } from '../../server/src/documents/rfp/recognise.js';
import { recogniseText } from '../../server/src/documents/recognition.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';
import { readSource } from '../../server/src/readers/read.js';
import { repoRoot } from '../helpers/paths.js';

const enc = new TextEncoder();

/** An RFP that talks like a conformance statement: DICOM, SOP classes, SCU/SCP, AE titles, TLS, UIDs. */
const DICOM_HEAVY_RFP = `# Request for Proposal: Cardiology PACS

Proposals are due on 2 May 2027.

## 1 Scope of work

The Offeror shall supply a PACS that acts as Storage SCP and Query/Retrieve SCP (CT Image Storage,
1.2.840.10008.5.1.4.1.1.2) and as Storage Commitment SCU, with configurable AE titles.
The Offeror shall provide its DICOM Conformance Statement, listing SOP classes, transfer syntaxes,
the implementation class UID and association policies.

## 2 Security requirements

All DICOM associations shall use the BCP 195 TLS Secure Transport Connection Profile.
`;

const GUIDE_MENTIONING_RFP = `# Pine Archive Product Security White Paper

Customers often ask what to put in an RFP. This guide describes the security controls of Pine Archive:
TLS 1.2 for DICOM associations, audit messages over syslog, and role-based access.
`;

const STATEMENT_MENTIONING_RFP = `# Pine Archive DICOM Conformance Statement

This statement answers the RFP questions customers ask most often.

## 1 Networking

The Storage SCP accepts associations from configured AE titles.

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | No | Yes |
`;

describe('RFP recognition', () => {
  it('a draft that reads like a conformance statement is an RFP, with its signals as the reason', async () => {
    const doc = await parseDocument('/procurement/pacs.md', enc.encode(DICOM_HEAVY_RFP));
    expect(doc.kind).toBe('rfp');
    expect(doc.recognition).toMatchObject({ kind: 'rfp' });
    expect(doc.recognition!.reason).toMatch(/title/);
    expect(doc.recognition!.reason).toMatch(/due-date/);
  });

  it('the conformance kind declines an RFP draft even when asked directly', () => {
    const source = readMarkdown(DICOM_HEAVY_RFP);
    expect(conformanceKind.recognise(source)).toBeNull();
    expect(recogniseText(source).kind).toBe('rfp');
  });

  it('a security guide or a statement that mentions an RFP is not a draft', async () => {
    expect(rfpSignals(readMarkdown(GUIDE_MENTIONING_RFP)).isRfp).toBe(false);
    expect(rfpSignals(readMarkdown(STATEMENT_MENTIONING_RFP)).isRfp).toBe(false);
    expect((await parseDocument('/v/cs.md', enc.encode(STATEMENT_MENTIONING_RFP))).kind).toBe('conformance-statement');
  });

  it('a body that only says RFP needs two more signals; a titled draft needs one', () => {
    const body = (s: string) => readMarkdown(`# Imaging archive procurement\n\n${s}\n`);
    expect(rfpSignals(body('This RFP covers an archive. Proposals are due on 1 May.')).isRfp).toBe(false);
    expect(rfpSignals(body('This RFP covers an archive. Proposals are due on 1 May. Bidders shall include prices.')).isRfp).toBe(true);
    expect(rfpSignals(readMarkdown('# Request for Proposal 12\n\nThe scope of work is an archive.\n')).isRfp).toBe(true);
    expect(rfpSignals(readMarkdown('# Request for Proposal 12\n\nAn archive.\n')).isRfp).toBe(false);
  });

  it('samples/: the two RFP drafts are RFPs and no other sample is', async () => {
    const dir = path.join(repoRoot, 'samples');
    const kinds: Record<string, string> = {};
    for (const name of readdirSync(dir).sort()) kinds[name] = (await parseDocument(path.join(dir, name), new Uint8Array(readFileSync(path.join(dir, name))))).kind;
    const rfps = Object.entries(kinds).filter(([, k]) => k === 'rfp').map(([n]) => n);
    expect(rfps).toEqual(['fabrikam-regional-hospital-imaging-archive-rfp.docx', 'fabrikam-regional-hospital-imaging-archive-rfp.md']);
    expect(Object.values(kinds).filter((k) => k === 'conformance-statement').length).toBe(4);
    expect(Object.values(kinds).filter((k) => k === 'mds2').length).toBe(3);
    // The text readers agree: no sample other than the drafts gives an RFP signal set.
    for (const name of Object.keys(kinds).filter((n) => !rfps.includes(n))) {
      const source = await readSource(name, new Uint8Array(readFileSync(path.join(dir, name))));
      if (source.kind === 'text') expect(rfpSignals(source).isRfp, name).toBe(false);
    }
  });
});
