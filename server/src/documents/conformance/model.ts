// The typed model of a DICOM Conformance Statement (PS3.2), built from heading text, not numbers.
// Facts the statement does not speak to are null: silence is itself a finding where PS3.2
// requires the statement to speak.
import type { Evidence } from '../../core/findings.js';

export interface CsLocation {
  page?: number;
  line: number;
}

export interface CsSection {
  /** Heading text as written, without its number. */
  title: string;
  /** Section number as written ('7.1', 'A.6.2'), when present. */
  number?: string;
  level: number;
  location: CsLocation;
  /** Index range into the source lines: [start, end). */
  startLine: number;
  endLine: number;
}

export interface CsPort {
  port: number;
  protocol: string;
  tls: boolean | null;
  location?: CsLocation;
}

export interface ConformanceStatement {
  kind: 'conformance-statement';
  product: string | null;
  version: string | null;
  manufacturer: string | null;
  date: string | null;
  sections: CsSection[];
  applicationEntities: { aeTitle: string | null; name: string; location?: CsLocation }[];
  sopClasses: { name: string; uid: string; roles: ('SCU' | 'SCP')[]; location?: CsLocation }[];
  implementationClassUid: string | null;
  implementationVersionName: string | null;
  securitySection: { present: boolean; empty: boolean; title: string | null } ;
  securityProfiles: string[];
  tls: {
    supported: boolean | null;
    versions: string[];
    profiles: string[];
    cipherSuites: string[];
  };
  ports: CsPort[];
  aeTitlePolicy: { acceptsAnyCallingAeTitle: boolean | null };
  audit: { supported: boolean | null; profiles: string[]; transports: ('syslog-tls' | 'syslog-udp' | 'other')[] };
  userIdentity: { supported: boolean | null; profiles: string[] };
  web: { exposed: boolean; services: string[]; plainHttp: boolean | null; authentication: boolean | null };
  credentials: { defaultOrFixed: boolean | null };
  signatures: { profiles: string[]; weakHashes: string[] };
  deidentification: { claimed: boolean; profiles: string[] };
  /**
   * Where each fact was found, keyed by fact path ('tls.versions', 'ports', 'securitySection',
   * 'aeTitlePolicy.acceptsAnyCallingAeTitle', …). Rules name these keys in their `evidence` list;
   * the first item is the sentence or table row that shows the gap. When a fact is silent, the
   * parser may point at the section where the statement should have spoken.
   */
  evidence: Record<string, Evidence[]>;
}
