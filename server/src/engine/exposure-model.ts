// The network exposure plan of one or more products: every flow (service, port, transport,
// direction, TLS, AE titles) their statement and MDS2 form disclose, what they leave unknown (null),
// where the two documents disagree, and the evidence of each. What `dicomsec exposure` and the
// editor's "Show Network Exposure" present; presenters/exposure-*.ts only format it.
import type { Evidence } from '../core/findings.js';
import type { FlowDirection } from '../documents/network-direction.js';

export type { FlowDirection } from '../documents/network-direction.js';

/**
 * Services by key: the name a reader sees, the port the protocol registers (a hint for an unknown
 * port, never a rule) and the transport the protocol itself is defined on (DICOM upper layer, HTTP,
 * MLLP, SSH, SMB and LDAP run over TCP; NTP over UDP), which fills a form's port given without one.
 */
export const SERVICES: Record<string, { label: string; standardPort?: number; transport?: 'tcp' | 'udp' }> = {
  dicom: { label: 'DICOM', standardPort: 104, transport: 'tcp' },
  'dicom-tls': { label: 'DICOM TLS', standardPort: 2762, transport: 'tcp' },
  dicomweb: { label: 'DICOMweb', standardPort: 443, transport: 'tcp' },
  https: { label: 'HTTPS', standardPort: 443, transport: 'tcp' },
  http: { label: 'HTTP', standardPort: 80, transport: 'tcp' },
  hl7: { label: 'HL7 (MLLP)', standardPort: 2575, transport: 'tcp' },
  ssh: { label: 'SSH', standardPort: 22, transport: 'tcp' },
  rdp: { label: 'RDP', standardPort: 3389 },
  smb: { label: 'SMB', standardPort: 445, transport: 'tcp' },
  ntp: { label: 'NTP', standardPort: 123, transport: 'udp' },
  dns: { label: 'DNS', standardPort: 53 },
  syslog: { label: 'Syslog', standardPort: 514 },
  ldap: { label: 'LDAP', standardPort: 389, transport: 'tcp' },
  'remote-service': { label: 'Remote service' },
  external: { label: 'Outside the customer network' },
  api: { label: 'API calls' },
  other: { label: 'Other' },
};

export const serviceLabel = (service: string): string => SERVICES[service]?.label ?? service;

export type ExposureSource = 'conformance-statement' | 'mds2';

/** Two documents (or two answers) that say different things about one flow or the product. */
export interface ExposureConflict {
  /** What they disagree on. */
  field: 'tls' | 'protocol' | 'direction' | 'presence';
  /** One line naming both sides. */
  message: string;
  evidence: Evidence[];
}

export interface ExposureFlow {
  /** A key of SERVICES. */
  service: string;
  /** The vendor's own label for it ('DICOM Listen Port', 'Audit Record Repository client'): untrusted text. */
  name?: string;
  /** null: the documents do not state it. */
  port: number | null;
  transport: 'tcp' | 'udp' | null;
  direction: FlowDirection | null;
  tls: boolean | null;
  /** The product's own AE titles on this flow: untrusted text. */
  aeTitles: string[];
  /** Where the other end is, when the documents say: 'the vendor', 'outside the customer network'. */
  peer?: string;
  /** Listed, but disabled or closed by default. */
  disabledByDefault?: boolean;
  /** What else the documents say about the flow (one line each, our words around quoted values). */
  notes: string[];
  conflicts: ExposureConflict[];
  /** Every statement row, sentence or MDS2 answer that shows the flow, each with its document's path. Never empty. */
  evidence: Evidence[];
  from: ExposureSource[];
}

/** Something about the product as a whole: what is missing, what a form says it does not do. */
export interface ExposureNote {
  message: string;
  evidence: Evidence[];
}

export interface ProductExposure {
  /** Manufacturer — product version, as compare and report name it (engine/products.ts). */
  name: string;
  product: string | null;
  manufacturer: string | null;
  documents: { path: string; kind: ExposureSource }[];
  /** Why the documents were taken to describe one product (pairing.ts), when there are two. */
  pairing?: string;
  flows: ExposureFlow[];
  /** CONN-6: the product needs an Internet connection (true), does not (false), or the documents do not say (null). */
  internetNeeded: boolean | null;
  notes: ExposureNote[];
  conflicts: ExposureConflict[];
}

export interface ExposurePlan {
  version: 1;
  products: ProductExposure[];
  /** Inputs that could not be read: the plan is incomplete without them. */
  unreadable: { path: string; error: string }[];
  /** Documents of other kinds that the plan does not read (an RFP draft, an SBOM). */
  ignored: { path: string; kind: string }[];
}

/** The fields a flow leaves unknown, for 'not stated' cells and the comments of an allow-list. */
export function unknownsOf(flow: ExposureFlow): ('port' | 'transport' | 'direction' | 'tls')[] {
  const out: ('port' | 'transport' | 'direction' | 'tls')[] = [];
  if (flow.port === null) out.push('port');
  if (flow.transport === null) out.push('transport');
  if (flow.direction === null) out.push('direction');
  if (flow.tls === null) out.push('tls');
  return out;
}
