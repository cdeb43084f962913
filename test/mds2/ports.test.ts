// The MDS2 `ports` fact: port numbers from CONN-2 / CONN-3 answers, comments and notes.
import { describe, expect, it } from 'vitest';
import { formPorts, portsInText } from '../../server/src/documents/mds2/ports.js';
import { makeForm } from '../helpers/models.js';
import { parseCsvText } from './helpers.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/corpus.js';

describe('MDS2 ports', () => {
  it('reads numbers with protocol and transport from a port list', () => {
    expect(portsInText('Ports: 2762/tcp DICOM TLS, 443/tcp HTTPS (DICOMweb and web UI), 514/udp syslog')).toEqual([
      { port: 2762, protocol: 'dicom-tls', transport: 'tcp' },
      { port: 443, protocol: 'https', transport: 'tcp' },
      { port: 514, protocol: 'syslog', transport: 'udp' },
    ]);
  });
  it('reads "port N" in prose and ignores versions, sizes and years', () => {
    expect(portsInText('Port 3333 is used for HTTP, and port 3334 is used for HTTPS. Firmware 5.2 (2024) keeps 512 MB of cache.')).toEqual([
      { port: 3333, protocol: 'http' },
      { port: 3334, protocol: 'https' },
    ]);
    expect(portsInText('A list of network ports is available from Northwind service on request.')).toEqual([]);
  });
  it('collects CONN-2 and CONN-3 answers and notes, naming the question', () => {
    const form = makeForm({
      'CONN-2': { value: 'see-note', raw: 'See Note 1', note: 'DICOM on port 104; DICOM TLS on port 2762.' },
      'CONN-3': { value: 'yes', raw: 'Yes', note: 'HL7 results to the RIS on port 2575; DICOM on port 104.' },
    });
    expect(formPorts(form)).toEqual([
      { port: 104, protocol: 'dicom', questionId: 'CONN-2' },
      { port: 2762, protocol: 'dicom-tls', questionId: 'CONN-2' },
      { port: 2575, protocol: 'hl7', questionId: 'CONN-3' },
    ]);
  });
  it('is part of the parsed form (empty when the note gives no number)', () => {
    const form = parseCsvText(readFileSync(path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.csv'), 'utf8'));
    expect(form!.answers['CONN-2']!.note).toMatch(/list of network ports is available/);
    expect(form!.ports).toEqual([]);
  });
});
