// The typed model of a DICOM Conformance Statement (PS3.2), built from heading text, not numbers.
// Facts the statement does not speak to are null: silence is itself a finding where PS3.2
// requires the statement to speak.
//
// ── Fact keys for rule authors (CEL sees the model as `cs`) ─────────────────────────────────────
// Every key below also names an `evidence[key]` list: the sentence or table row that shows the
// fact ({ section, page?, line, quote }), or — when the fact is null/empty because the statement
// is silent — the heading of the section where it should have spoken (the Security section, the
// Association Level Security section, …) or the document's first line when there is none.
//
//   product, version, manufacturer, date          identity from cover page, title, front matter
//   securitySection                               { present, empty, notApplicable, title }
//                                                 present: a heading titled Security / Security Profiles
//                                                 empty: every such section says nothing (blank,
//                                                 "Not applicable", "None", or only template instructions)
//   securityProfiles                              names of PS3.15 profiles claimed (any group)
//   securityProfilesNone                          true when the statement says it conforms to no profile
//   tls.supported                                 true: TLS offered for DICOM traffic (DIMSE or DICOMweb);
//                                                 false: statement says no TLS / no security profiles;
//                                                 null: silent. HL7/LDAP/syslog/admin-UI TLS does not count.
//   tls.versions                                  versions stated as supported ('TLS 1.2', 'SSL 3.0')
//   tls.weakVersions                              the subset of those that are TLS 1.0/1.1 or SSL
//   tls.disabledVersions                          versions stated as disabled / not supported
//   tls.profiles                                  PS3.15 TLS profile names claimed
//   tls.retiredProfiles                           claimed retired ones: Basic TLS (B.1), ISCL (B.2),
//                                                 AES TLS (B.3), the downgrading BCP 195 TLS (B.9)
//   tls.supersededProfiles                        Non-downgrading (B.10) / Extended (B.11) BCP 195
//   tls.cipherSuites, tls.weakCipherSuites        suite names listed; weak = 3DES, DES, RC4, NULL,
//                                                 anon, EXPORT, MD5 or a SHA-1 MAC (…_SHA, …-SHA)
//   tls.weakAlgorithms                            weak algorithms named outside suite names ('3DES', 'RC4')
//   tls.clearTextPortAlongside                    true when a DICOM port with TLS and a DICOM port
//                                                 without TLS are both listed; null when unknown
//   ports                                         [{ port, protocol, tls, transport, service }] — protocol:
//                                                 dicom | dicom-tls | dicomweb | http | https | hl7 | ldap |
//                                                 syslog | ntp | other; tls: true/false/null.
//                                                 size(cs.ports) == 0 means no port is stated.
//   aeTitlePolicy.acceptsAnyCallingAeTitle        true: accepts any calling AE (by default);
//                                                 false: restricts to known/listed AEs (or can be configured to)
//   aeTitlePolicy.restrictionConfigurable         true when the restriction is an option, not the default
//   aeTitlePolicy.calledAeTitleChecked            called AE title checked (true/false/null)
//   aeTitlePolicy.ipAddressChecked                requestor IP can be checked (true/null)
//   aeTitlePolicy.moveDestinationsRestricted      C-MOVE destinations limited (true/false/null)
//   audit.supported, audit.profiles, audit.transports   ('syslog-tls' | 'syslog-udp' | 'other')
//   userIdentity.supported, userIdentity.profiles
//   web.exposed, web.services, web.plainHttp, web.https, web.authentication, web.authenticationOptional
//   credentials.defaultOrFixed                    default / fixed / hard-coded password mentioned (true),
//                                                 explicitly denied (false), silent (null)
//   signatures.profiles, signatures.weakHashes    digital signature profiles; MD5 / SHA-1 / RIPEMD-160
//                                                 named in a signature or MAC context
//   deidentification.claimed, deidentification.profiles, deidentification.options
//   tls.certificateManagement                     true: certificates / key or trust stores / CSR / PKCS#12 /
//                                                 revocation described; null: silent (never false)
//   tls.peerVerification                          true: peer certificates verified or mutual TLS required;
//                                                 false: says certificates are not verified, accepts any
//                                                 certificate, or anonymous TLS; null: silent or optional
//   tls.ports                                     numbers of the ports with tls == true; its evidence is the sentence
//                                                 that speaks of TLS ports ('configurable') before the port table
//   time.synchronized, time.protocols             NTP / SNTP / Basic Time Synchronization Profile claimed (true),
//                                                 denied (false), silent (null); protocols named
//   associations.unbounded                        true: 'no maximum' / 'unlimited' simultaneous associations;
//                                                 false: a number is stated; null: silent
//   associations.echoFromAnyPeer                  true: C-ECHO / Verification answered for any peer; else null
//   networkInterfaces.ipv6Security                true: IPv6 security features or a way to disable IPv6 described;
//                                                 false: says no IPv6 security feature is used; null: silent
//   media.exported, media.encrypted,              export to CD/DVD/USB/removable media or DICOMDIR described;
//   media.weakAlgorithms, media.securityProfile   encrypted true/false/null; 3DES / SHA-1 named for media
//                                                 protection without AES / SHA-2; Basic DICOM Media Security claimed
//   dateIso                                       the statement's date as yyyy-mm-dd (or yyyy-mm) when unambiguous
//   dimse                                         true when the statement describes DIMSE networking (SOP classes,
//                                                 AEs, DICOM ports, C-STORE/C-ECHO, associations); false for
//                                                 DICOMweb-only services and web clients
//   implementationClassUid, implementationVersionName, applicationEntities, sopClasses,
//   networkInterfaces                             network facts; evidence under the same keys
//   template                                      true for PS3.2's own template (placeholders, instructions)
//   networkRole.offline, .listener, .initiator,   the product's network role (network-role.ts): no network service;
//   .webServer, .webClient, .assumed, .basis      accepts / opens DICOM associations; serves / calls web services;
//                                                 roles assumed for lack of grounds; one line of why per role.
//                                                 Evidence under networkRole.<role>.
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
