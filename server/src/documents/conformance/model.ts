// The typed model of a DICOM Conformance Statement (PS3.2), built from heading text, not numbers.
// Facts the statement does not speak to are null: silence is itself a finding where PS3.2
// requires the statement to speak.
//
// Fact keys for rule authors (CEL sees the model as `cs`): the typed table in fact-glossary.ts,
// rendered into docs/rules.md. Every key also names an `evidence[key]` list: the sentence or table
// row that shows the fact ({ section, page?, line, quote }), or — when the fact is null/empty because
// the statement is silent — the heading of the section where it should have spoken (the Security
// section, the Association Level Security section, …) or the document's first line when there is none.
import type { Evidence } from '../../core/findings.js';
import type { NetworkRole } from './network-role.js';
import type { Claim } from './claims.js';

export interface CsLocation {
  page?: number;
  line: number;
}

export type CsSectionKind =
  | 'security'
  | 'security-profiles'
  | 'association-level-security'
  | 'application-level-security'
  | 'security-other'
  | 'association-acceptance'
  | 'audit'
  | 'network-interfaces'
  | 'ae-mapping'
  | 'configuration'
  | 'web'
  | 'front-matter'
  | 'other';

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
  /** What the heading says the section is about (from its text). */
  kind?: CsSectionKind;
}

export type CsPortProtocol = 'dicom' | 'dicom-tls' | 'dicomweb' | 'http' | 'https' | 'hl7' | 'ldap' | 'syslog' | 'ntp' | 'other';

export interface CsPort {
  port: number;
  protocol: CsPortProtocol | string;
  tls: boolean | null;
  /** 'tcp' unless the statement says UDP. */
  transport?: 'tcp' | 'udp';
  /** The label the statement gives the port ('DICOM Listen Port', 'HL7 MLLP Listener'). */
  service?: string;
  location?: CsLocation;
  /** The statement says this port is disabled or closed by default. */
  disabledByDefault?: boolean;
}

export interface ConformanceStatement {
  kind: 'conformance-statement';
  product: string | null;
  version: string | null;
  manufacturer: string | null;
  date: string | null;
  /** PS3.2's own template rather than a product's statement. */
  template?: boolean;
  sections: CsSection[];
  applicationEntities: { aeTitle: string | null; name: string; port?: number; location?: CsLocation }[];
  sopClasses: { name: string; uid: string; roles: ('SCU' | 'SCP')[]; location?: CsLocation }[];
  implementationClassUid: string | null;
  implementationVersionName: string | null;
  networkInterfaces?: {
    physical: string | null;
    ipv4: boolean | null;
    ipv6: boolean | null;
    /** true: IPv6 security features or a way to turn IPv6 off are described; false: states none are used; null: silent. */
    ipv6Security?: boolean | null;
  };
  /** The statement's date as ISO (yyyy-mm-dd, or yyyy-mm when no day is given) when it reads unambiguously. */
  dateIso?: string | null;
  /** The product speaks DIMSE (SOP classes, AEs, DICOM ports, C-STORE/C-ECHO, associations), not only DICOMweb. */
  dimse?: boolean;
  time?: { synchronized: boolean | null; protocols: string[] };
  associations?: { unbounded: boolean | null; echoFromAnyPeer: boolean | null };
  media?: { exported: boolean; encrypted: boolean | null; weakAlgorithms: string[]; securityProfile: boolean };
  securitySection: { present: boolean; empty: boolean; title: string | null; notApplicable?: boolean };
  securityProfiles: string[];
  securityProfilesNone?: boolean;
  tls: {
    supported: boolean | null;
    /** TLS offered but optional, off by default or not enforced (true); required/enforced or not qualified (false); null when no TLS. */
    optional?: boolean | null;
    versions: string[];
    profiles: string[];
    cipherSuites: string[];
    weakVersions?: string[];
    disabledVersions?: string[];
    retiredProfiles?: string[];
    supersededProfiles?: string[];
    weakCipherSuites?: string[];
    weakAlgorithms?: string[];
    clearTextPortAlongside?: boolean | null;
    /** Port numbers stated as TLS listeners (from `ports`); evidence also cites sentences that speak of TLS ports. */
    ports?: number[];
    /** Certificates, key stores, trust stores, CSRs or revocation described (true) or not (null). */
    certificateManagement?: boolean | null;
    /** Peer certificates verified / mutual TLS required (true), explicitly not verified or anonymous TLS (false), silent (null). */
    peerVerification?: boolean | null;
  };
  ports: CsPort[];
  /** Numbers of the HL7, LDAP and syslog ports stated to carry traffic without TLS. */
  clearTextPorts?: number[];
  aeTitlePolicy: {
    acceptsAnyCallingAeTitle: boolean | null;
    restrictionConfigurable?: boolean | null;
    calledAeTitleChecked?: boolean | null;
    ipAddressChecked?: boolean | null;
    moveDestinationsRestricted?: boolean | null;
  };
  audit: {
    supported: boolean | null;
    profiles: string[];
    transports: ('syslog-tls' | 'syslog-udp' | 'other')[];
    /** Audit records kept only on the device (a local file, database, event log): true; sent off the device: false; null: unknown. */
    localOnly?: boolean | null;
  };
  userIdentity: { supported: boolean | null; profiles: string[] };
  web: {
    exposed: boolean;
    services: string[];
    plainHttp: boolean | null;
    authentication: boolean | null;
    https?: boolean | null;
    authenticationOptional?: boolean | null;
  };
  credentials: {
    defaultOrFixed: boolean | null;
    /** A default password is documented (true), denied (false), silent (null). */
    defaultPassword?: boolean | null;
    /** A fixed, hard-coded or unchangeable password is documented (true), denied (false), silent (null). */
    fixedPassword?: boolean | null;
  };
  /** A web user interface or admin console, and whether it is served over plain HTTP. */
  webUi?: { exposed: boolean; plainHttp: boolean | null };
  /** Interfaces the statement says take no authentication (or only optionally): their scopes. */
  authentication?: { unauthenticatedEndpoints: string[] };
  signatures: { profiles: string[]; weakHashes: string[] };
  deidentification: { claimed: boolean; profiles: string[]; options?: string[] };
  /** What the product does on the network (network-role.ts); rules declare the roles they presuppose with `requires:`. */
  networkRole?: NetworkRole;
  /**
   * Every claim the statement makes about a security-relevant feature, with polarity, scope and the
   * sentence that states it (claims.ts). Optional so hand-built models in rule cases stay valid.
   */
  claims?: Claim[];
  /**
   * Where each fact was found, keyed by fact path ('tls.versions', 'ports', 'securitySection',
   * 'aeTitlePolicy.acceptsAnyCallingAeTitle', …). Rules name these keys in their `evidence` list;
   * the first item is the sentence or table row that shows the gap. When a fact is silent, the
   * parser may point at the section where the statement should have spoken.
   */
  evidence: Record<string, Evidence[]>;
}
