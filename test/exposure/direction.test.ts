// Which way a connection goes, as vendor sentences say it (documents/network-direction.ts).
import { describe, expect, it } from 'vitest';
import { clientByNature, directionIn } from '../../server/src/documents/network-direction.js';

describe('direction of a flow in vendor words', () => {
  const cases: [string, 'listens' | 'initiates' | null][] = [
    ['It starts when the workstation starts and listens for incoming associations on port 104.', 'listens'],
    ['A web viewer for remote review is served over plain HTTP on port 8080 without user authentication.', 'listens'],
    ['Audit messages are sent as plain syslog over UDP (RFC 5426) to port 514 of a configurable host.', 'initiates'],
    ['Audit Record Repository client | - | 6514 | Yes', 'initiates'],
    ['Remote service uses a permanent outbound tunnel operated by Northwind.', 'initiates'],
    ['The archive accepts associations from configured modalities.', 'listens'],
    ['Default Connection Listeners', 'listens'],
    ['Clarity PACS synchronises its clock as an NTP client of the site time servers.', 'initiates'],
    // Says nothing, or both: unknown, never a guess.
    ['Archive (DICOM TLS) | CLARITY_ARC | 2762 | Yes', null],
    ['The SCP accepts associations and the SCU sends images to the archive.', null],
    ['LDAP / LDAPS Directory (Ports 1389 / 1636): read-only authentication directory.', null],
  ];
  for (const [text, want] of cases) it(`${want ?? 'unknown'}: ${text}`, () => expect(directionIn(text)).toBe(want));

  it('takes only audit, time and name lookups as client services by nature', () => {
    expect(['syslog', 'ntp', 'dns'].every(clientByNature)).toBe(true);
    expect(['ldap', 'dicom', 'hl7', 'https'].some(clientByNature)).toBe(false);
  });
});
