// The exposure plan on the sample products, a statement or a form alone, merged rows and
// contradictions between the two documents.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildExposurePlan } from '../../server/src/engine/exposure.js';
import { unknownsOf } from '../../server/src/engine/exposure-model.js';
import { makeForm } from '../helpers/models.js';
import { CT_CS, CT_MDS2, NW_CS, NW_CS_PDF, NW_MDS2, flow, formReview, planOf, reviewed, rows } from './helpers.js';

describe('exposure plan: Northwind (weak sample), statement and MDS2 together', async () => {
  const plan = await planOf([NW_CS, NW_MDS2]);
  const p = plan.products[0]!;

  it('is one product, paired by name, with both documents', () => {
    expect(plan.products).toHaveLength(1);
    expect(p.documents.map((d) => [path.basename(d.path), d.kind])).toEqual([
      ['northwind-imaging-nw-scope-200-conformance.md', 'conformance-statement'],
      ['northwind-imaging-nw-scope-200-mds2.csv', 'mds2'],
    ]);
    expect(p.pairing).toMatch(/same manufacturer and product/);
    expect(p.internetNeeded).toBe(true);
  });

  it('lists exact ports, directions, transports and TLS', () => {
    expect(rows(p)).toEqual([
      ['listens', 'dicom', 104, 'tcp', false],
      ['listens', 'http', 8080, 'tcp', false],
      ['initiates', 'syslog', 514, 'udp', false],
      ['initiates', 'dicom', null, 'tcp', false],
      ['initiates', 'remote-service', null, null, null],
      [null, 'api', null, null, null],
      [null, 'external', null, null, null],
    ]);
  });

  it('cites the statement line and quote, and the AE title of the listening port', () => {
    const dicom = flow(p, 'dicom', 104)!;
    expect(dicom.aeTitles).toEqual(['NWSCOPE']);
    expect(dicom.evidence[0]).toMatchObject({ line: 43, section: '3.1.2 Functional Definition of AEs', quote: expect.stringContaining('listens for incoming associations on port 104') });
    expect(dicom.evidence[0]!.path).toBe(NW_CS);
    expect(flow(p, 'syslog', 514)!.evidence[0]).toMatchObject({ line: 107, quote: expect.stringContaining('plain syslog over UDP') });
  });

  it('merges remote service from both documents, keeping both evidences', () => {
    const remote = flow(p, 'remote-service', null)!;
    expect(remote.from).toEqual(['conformance-statement', 'mds2']);
    expect(remote.evidence[0]).toMatchObject({ path: NW_CS, line: 71, quote: expect.stringContaining('permanent outbound tunnel') });
    expect(remote.evidence.find((e) => e.questionId === 'RMOT-1')).toMatchObject({ path: NW_MDS2, answer: 'yes', quote: expect.stringContaining('outbound tunnel') });
    expect(remote.notes).toContain('the customer does not control remote sessions (RMOT-1.1: No)');
    expect(remote.peer).toBe('the vendor');
  });

  it('names the Internet need and the form-level unknowns with their answers', () => {
    const external = flow(p, 'external', null)!;
    expect(external.evidence.map((e) => e.questionId)).toEqual(['CONN-4', 'CONN-6', 'MPII-3.7']);
    expect(p.notes.map((n) => n.message)).toEqual(expect.arrayContaining(['the form gives no port numbers (CONN-2)', 'the form says the device does not support TLS (CONN-7: No)']));
    expect(p.notes.find((n) => /CONN-2/.test(n.message))!.evidence[0]!.quote).toMatch(/available from Northwind service on request/);
  });

  it('marks what the documents leave unknown', () => {
    expect(unknownsOf(flow(p, 'dicom', null)!)).toEqual(['port']);
    expect(unknownsOf(flow(p, 'api', null)!)).toEqual(['port', 'transport', 'direction', 'tls']);
    expect(unknownsOf(flow(p, 'dicom', 104)!)).toEqual([]);
  });

  it('has no conflicts: both documents deny TLS', () => {
    expect(p.conflicts).toEqual([]);
    expect(p.flows.flatMap((f) => f.conflicts)).toEqual([]);
  });
});

describe('exposure plan: Contoso (sound sample)', async () => {
  const plan = await planOf([CT_CS, CT_MDS2]);
  const p = plan.products[0]!;

  it('lists the TLS ports, the disabled clear-text port and the portless clients', () => {
    expect(rows(p)).toEqual([
      ['listens', 'dicom', 104, 'tcp', false],
      ['listens', 'dicomweb', 443, 'tcp', true],
      ['listens', 'dicom-tls', 2762, 'tcp', true],
      ['initiates', 'syslog', 6514, 'tcp', true],
      ['initiates', 'dicom-tls', null, 'tcp', true],
      ['initiates', 'ntp', null, 'udp', null],
      [null, 'api', null, null, null],
      [null, 'remote-service', null, null, null],
    ]);
    expect(flow(p, 'dicom', 104)!.disabledByDefault).toBe(true);
    expect(flow(p, 'dicom-tls', 2762)!).toMatchObject({ aeTitles: ['CLARITY_ARC'], name: 'Archive (DICOM TLS)' });
    expect(flow(p, 'dicom-tls', 2762)!.evidence[0]).toMatchObject({ line: 69, quote: 'Archive (DICOM TLS) | CLARITY_ARC | 2762 | Yes' });
    expect(p.internetNeeded).toBe(false);
  });

  it('reads remote service from the form alone, with its note', () => {
    const remote = flow(p, 'remote-service', null)!;
    expect(remote.from).toEqual(['mds2']);
    expect(remote.evidence[0]).toMatchObject({ questionId: 'RMOT-1', sheet: 'mds2-form', quote: expect.stringContaining('customer-initiated, logged VPN session') });
    expect(remote.notes).toContain('the customer starts (controls) remote sessions (RMOT-1.1: Yes)');
  });
});

describe('exposure plan: one document alone', () => {
  it('a PDF statement alone: its ports with page and line', async () => {
    const plan = await planOf([NW_CS_PDF]);
    expect(plan.products).toHaveLength(1);
    const p = plan.products[0]!;
    expect(p.documents.map((d) => d.kind)).toEqual(['conformance-statement']);
    expect(p.internetNeeded).toBeNull();
    const dicom = flow(p, 'dicom', 104, 'listens')!;
    expect(dicom.evidence[0]).toMatchObject({ page: 2, path: NW_CS_PDF, quote: expect.stringContaining('port 104') });
    expect(flow(p, 'syslog', 514)!.evidence[0]!.page).toBe(3);
  });

  it('an MDS2 form alone: CONN-2 ports with their question and cell, TLS from the protocol', () => {
    const form = makeForm({
      'CONN-2': { value: 'see-note', raw: 'See Note 1', note: 'Ports: 104/tcp DICOM, 2762/tcp DICOM TLS, 443/tcp HTTPS, 514/udp syslog' },
      'CONN-6': 'no',
      'RMOT-1': 'no',
    });
    const plan = buildExposurePlan([formReview(form)]);
    const p = plan.products[0]!;
    expect(rows(p)).toEqual([
      ['initiates', 'syslog', 514, 'udp', null],
      [null, 'dicom', 104, 'tcp', null],
      [null, 'https', 443, 'tcp', true],
      [null, 'dicom-tls', 2762, 'tcp', true],
    ]);
    expect(flow(p, 'dicom', 104)!.evidence[0]).toMatchObject({ questionId: 'CONN-2', cell: 'C6', sheet: 'mds2-form', path: '/v/form.xlsx' });
    expect(p.internetNeeded).toBe(false);
    expect(p.notes.map((n) => n.message)).toContain('the form says remote service connections are not allowed (RMOT-1: No)');
  });

  it('a form that says the device has no TLS marks its ports clear text, citing CONN-7', () => {
    const form = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'DICOM on port 104.' }, 'CONN-7': 'no' });
    const p = buildExposurePlan([formReview(form)]).products[0]!;
    const dicom = flow(p, 'dicom', 104)!;
    expect(dicom.tls).toBe(false);
    expect(dicom.evidence.map((e) => e.questionId)).toEqual(['CONN-2', 'CONN-7']);
  });

  it('a form that says no port list is supplied says so', () => {
    const p = buildExposurePlan([formReview(makeForm({ 'CONN-2': 'no' }))]).products[0]!;
    expect(p.flows).toEqual([]);
    expect(p.notes[0]).toMatchObject({ message: 'the form says no list of network ports and protocols is supplied (CONN-2: No)', evidence: [{ questionId: 'CONN-2' }] });
  });
});

describe('exposure plan: statement and form together', async () => {
  const [contoso] = await reviewed([CT_CS]);
  const [northwind] = await reviewed([NW_CS]);

  it('merges a port both documents name into one row with both evidences', () => {
    const form = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'Ports: 2762/tcp DICOM TLS, 11112/tcp DICOM' } }, { manufacturer: 'Contoso Medical Systems', model: 'Clarity PACS 8.1' });
    const p = buildExposurePlan([contoso!, formReview(form)]).products;
    expect(p).toHaveLength(1);
    const tls = flow(p[0]!, 'dicom-tls', 2762)!;
    expect(tls.from).toEqual(['conformance-statement', 'mds2']);
    expect(tls.evidence.map((e) => e.questionId ?? e.line)).toEqual([69, 'CONN-2']);
    expect(tls.conflicts).toEqual([]);
    // The port only the form names is its own row.
    expect(flow(p[0]!, 'dicom', 11112)!.from).toEqual(['mds2']);
  });

  it('shows a contradiction on a port: the statement says TLS, the form says the device has none', () => {
    const form = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'Ports: 2762/tcp DICOM' }, 'CONN-7': 'no' }, { manufacturer: 'Contoso Medical Systems', model: 'Clarity PACS 8.1' });
    const p = buildExposurePlan([contoso!, formReview(form)]).products[0]!;
    const row = flow(p, 'dicom-tls', 2762)!;
    expect(row.tls).toBe(true);
    expect(row.conflicts).toHaveLength(1);
    expect(row.conflicts[0]!.message).toBe('the statement says TLS on this flow, the MDS2 form says the device does not support TLS (CONN-7: No)');
    expect(row.conflicts[0]!.evidence.map((e) => e.questionId ?? e.line)).toEqual([69, 'CONN-7']);
  });

  it('shows a contradiction on a clear-text port the form calls DICOM TLS', () => {
    const form = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'Ports: 104/tcp DICOM TLS' } }, { manufacturer: 'Northwind Imaging Ltd.', model: 'NW-Scope 200' });
    const p = buildExposurePlan([northwind!, formReview(form)]).products[0]!;
    const row = flow(p, 'dicom', 104)!;
    expect(row.conflicts).toHaveLength(1);
    expect(row.conflicts[0]).toMatchObject({ field: 'tls', message: 'the statement says no TLS on this flow, the MDS2 form says TLS' });
  });

  it('shows product-level contradictions: remote service and TLS support', () => {
    const form = makeForm({ 'RMOT-1': 'no', 'CONN-7': 'yes' }, { manufacturer: 'Northwind Imaging Ltd.', model: 'NW-Scope 200' });
    const p = buildExposurePlan([northwind!, formReview(form)]).products[0]!;
    expect(p.conflicts.map((c) => c.message)).toEqual([
      'the MDS2 form says the device supports TLS (CONN-7: Yes), the statement says DICOM TLS is not supported',
      'the statement describes remote service, the MDS2 form says remote service connections are not allowed (RMOT-1: No)',
    ]);
    expect(p.conflicts[1]!.evidence.map((e) => e.questionId ?? e.line)).toEqual(['RMOT-1', 71]);
  });

  it('keeps products apart: two products make two tables, a second export of one is read once', async () => {
    const plan = await planOf([NW_CS, NW_CS_PDF, NW_MDS2, CT_CS]);
    expect(plan.products.map((p) => p.documents.map((d) => path.basename(d.path)))).toEqual([
      ['northwind-imaging-nw-scope-200-conformance.md', 'northwind-imaging-nw-scope-200-mds2.csv'],
      ['contoso-medical-clarity-pacs-conformance.md'],
    ]);
    expect(plan.products[0]!.notes.map((n) => n.message)).toContain('northwind-imaging-nw-scope-200-conformance.pdf is another copy of a document of this product; read once');
  });
});

describe('exposure plan: directions a form states', () => {
  it('takes the direction from the clause around each port of a CONN-2 note, the transport from the protocol', () => {
    const form = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'The device listens for DICOM on port 104; HL7 results are sent to the RIS on port 2575; port 443 HTTPS.' } });
    const p = buildExposurePlan([formReview(form)]).products[0]!;
    expect(rows(p)).toEqual([
      ['listens', 'dicom', 104, 'tcp', null],
      ['initiates', 'hl7', 2575, 'tcp', null],
      [null, 'https', 443, 'tcp', true],
    ]);
    // The transport its protocol is defined on; a syslog port without one stays unknown.
    const syslog = makeForm({ 'CONN-2': { value: 'yes', raw: 'Yes', note: 'Audit records to the collector on port 514 (syslog).' } });
    expect(rows(buildExposurePlan([formReview(syslog)]).products[0]!)).toEqual([['initiates', 'syslog', 514, null, null]]);
  });
});
