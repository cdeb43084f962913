// Product identity from the body of a statement, and the pairing of an MDS2 form with a statement.
// All documents are fictional, written for the test.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import { normaliseName, pairingDecision, unpairedNotices } from '../../server/src/engine/pairing.js';
import { makeForm } from '../helpers/models.js';

const enc = new TextEncoder();

async function cs(body: string): Promise<ConformanceStatement> {
  const doc = await parseDocument('/vendors/x/cs.md', enc.encode(body));
  return doc.model as ConformanceStatement;
}

const NETWORK = `
## 2 Networking

The Storage SCP accepts associations on port 104. Its AE title is configurable.

| SOP Class Name | SOP Class UID | SCU | SCP |
|---|---|---|---|
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | No | Yes |
`;

describe('product identity from the body', () => {
  it('reads "Software versions covered: 0.6.x"', async () => {
    const m = await cs(`# Orchid Router DICOM Conformance Statement\n\n## 1 Overview\n\nSoftware versions covered: 0.6.x\n${NETWORK}`);
    expect(m.product).toBe('Orchid Router');
    expect(m.version).toBe('0.6.x');
    expect(m.evidence['version']?.[0]?.quote).toContain('0.6.x');
  });

  it('reads a cover line naming the product beside its version, and never an AE as the product', async () => {
    const m = await cs(`# DICOM Conformance Statement\n\nAcme Imaging Ltd. — Heron Workstation, Software version 3.2\n\n## 1 Overview\n\nApplication Entity HERON supports the following SOP Classes.\n${NETWORK}`);
    expect(m.product).toBe('Heron Workstation');
    expect(m.version).toBe('3.2');
    const n = await cs(`# DICOM Conformance Statement\n\n## 1 Overview\n\nApplication Entity HERON supports the following SOP Classes.\n${NETWORK}`);
    expect(n.product ?? '').not.toMatch(/^Application Entity/);
  });

  it('reads the version that follows the product name in an opening sentence ("The Falcon CT 8.1 implements…")', async () => {
    const m = await cs(`# Falcon CT Scanner DICOM Conformance Statement\n\n## 1 Overview\n\nThe Falcon CT 8.1 implements the Storage SCU service.\n${NETWORK}`);
    expect(m.product).toBe('Falcon CT Scanner');
    expect(m.version).toBe('8.1');
    expect(m.evidence['version']?.[0]?.quote).toContain('Falcon CT 8.1');
  });

  it('never keeps the words "DICOM Conformance Statement" in the product name of a plain-text title page', async () => {
    const doc = await parseDocument('/vendors/x/cs.txt', enc.encode(`DICOM CONFORMANCE STATEMENT\nKestrel Ultrasound System, Software Release 5.0\n\n1. INTRODUCTION\n\nThe Kestrel Ultrasound System supports CT Image Storage (1.2.840.10008.5.1.4.1.1.2) as SCU. Its AE title is KESTREL, port 104, transfer syntax Implicit VR Little Endian.\n`));
    const m = doc.model as ConformanceStatement;
    expect(m.product).toBe('Kestrel Ultrasound System');
    expect(m.version).toBe('5.0');
  });

  it('reads the company signing the title page ("Document …, March 2025. Acme Medical Ltd.")', async () => {
    const m = await cs(`# Pine Archive DICOM Conformance Statement\n\nDocument PA-CS-0042, March 2025. Acme Medical Ltd.\n${NETWORK}`);
    expect(m.manufacturer).toMatch(/^Acme Medical Ltd\.?$/);
  });

  it('reads a copyright line at the end ("© 2024 Acme Imaging GmbH")', async () => {
    const m = await cs(`# Pine Archive DICOM Conformance Statement\n${NETWORK}\n## 9 Legal\n\n© 2024 Acme Imaging GmbH. All rights reserved.\n`);
    expect(m.manufacturer).toMatch(/^Acme Imaging GmbH/);
  });

  it('reads "Product: X, Version: Y" written on one line', async () => {
    const m = await cs(`# DICOM Conformance Statement\n\nProduct: Fjord Viewer, Version: 4.2.1\n${NETWORK}`);
    expect(m.product).toBe('Fjord Viewer');
    expect(m.version).toBe('4.2.1');
  });

  it('reads a table whose header row holds the labels (Product | Version | Manufacturer)', async () => {
    const m = await cs(`# DICOM Conformance Statement\n\n| Product | Version | Manufacturer |\n|---|---|---|\n| Fjord Viewer | 4.2 | Fjord Medical AS |\n${NETWORK}`);
    expect([m.product, m.version, m.manufacturer]).toEqual(['Fjord Viewer', '4.2', 'Fjord Medical AS']);
  });

  it('reads a two-column table of labels and values', async () => {
    const m = await cs(`# DICOM Conformance Statement\n\n| Product Name | Fjord Viewer |\n|---|---|\n| Software Version | 4.2.0 |\n| Manufacturer | Fjord Medical AS |\n${NETWORK}`);
    expect([m.product, m.version, m.manufacturer]).toEqual(['Fjord Viewer', '4.2.0', 'Fjord Medical AS']);
  });

  it('reads front-matter fields (manufacturer, product, version)', async () => {
    const m = await cs(`---\ntitle: DICOM Conformance Statement\nmanufacturer: Birch Diagnostics Inc.\nproduct: Birch Node\nversion: 7.1\n---\n\n# DICOM Conformance Statement\n${NETWORK}`);
    expect(m.manufacturer).toMatch(/^Birch Diagnostics Inc/);
    expect(m.product).toBe('Birch Node');
    expect(m.version).toBe('7.1');
  });

  it('reads a hostile title page (one 100k-character capitalised word) without backtracking', async () => {
    const m = await cs(`# Pine Archive DICOM Conformance Statement\n\n${'Acme'.repeat(24_000)} Ltd\n${NETWORK}`);
    expect(m.product).toBe('Pine Archive');
    expect(m.manufacturer).toBeNull();
  });

  it('does not take a standards body or a lower-case phrase for the manufacturer', async () => {
    const m = await cs(`# Pine Archive DICOM Conformance Statement\n\nDICOM is the standard of NEMA, the National Electrical Manufacturers Association.\n${NETWORK}`);
    expect(m.manufacturer).toBeNull();
  });
});

describe('pairing an MDS2 form with a statement', () => {
  const statement = (over: Partial<ConformanceStatement>) => ({ kind: 'conformance-statement', product: null, manufacturer: null, ...over }) as ConformanceStatement;

  it('normalises names: case, punctuation, ™ and ®', () => {
    expect(normaliseName('PINE™ Archive®  (v2)')).toBe('pine archive v2');
  });

  it('pairs when the manufacturers and products share a word', () => {
    const d = pairingDecision(makeForm({}, { manufacturer: 'Acme Imaging GmbH', model: 'Pine Archive 2.1' }), statement({ manufacturer: 'ACME Imaging', product: 'PINE™ Archive' }));
    expect(d.paired).toBe(true);
  });

  it('pairs when the statement names no manufacturer but the product names match', () => {
    const d = pairingDecision(makeForm({}, { manufacturer: 'Acme Imaging GmbH', model: 'Pine Archive 2.1' }), statement({ product: 'Pine Archive DICOM Conformance Statement' }));
    expect(d).toMatchObject({ paired: true });
    expect(d.reason).toMatch(/names no manufacturer, but the product names match/);
  });

  it('pairs when the form names no manufacturer but the product names match', () => {
    const d = pairingDecision(makeForm({}, { manufacturer: undefined, model: 'Pine® Archive' }), statement({ manufacturer: 'Acme Imaging', product: 'Pine Archive' }));
    expect(d.paired).toBe(true);
  });

  it('does not pair on a manufacturer alone or on a single shared word without a manufacturer', () => {
    expect(pairingDecision(makeForm({}, { manufacturer: undefined, model: 'Pine Viewer' }), statement({ manufacturer: 'Acme', product: 'Pine Archive' })).paired).toBe(false);
    const d = pairingDecision(makeForm({}, { manufacturer: 'Zeta Health', model: 'Pine Archive' }), statement({ manufacturer: 'Acme Imaging', product: 'Pine Archive' }));
    expect(d).toMatchObject({ paired: false });
    expect(d.reason).toMatch(/manufacturers differ/);
  });

  it('says why a form and a statement of one folder were not paired', () => {
    const form = { path: '/v/acme/mds2.xlsx', status: 'reviewed', model: makeForm({}, { manufacturer: 'Acme', model: 'Pine Archive' }) };
    const other = { path: '/v/acme/cs.pdf', status: 'reviewed', model: statement({ manufacturer: 'Acme', product: 'Oak Router' }) };
    const elsewhere = { path: '/v/zeta/cs.pdf', status: 'reviewed', model: statement({ manufacturer: 'Zeta', product: 'Elm' }) };
    const notices = unpairedNotices([form, other, elsewhere], () => false);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'unpaired', documents: [form.path, other.path], mds2: form.path, conformance: other.path });
    expect(notices[0]!.message).toMatch(/product names share no word.*Pine Archive.*Oak Router/);
    // A paired form gets no notice.
    expect(unpairedNotices([form, other], () => true)).toEqual([]);
  });
});
