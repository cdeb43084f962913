// The fact keys a rule can read from a conformance statement (CEL `cs.<key>`) and cite as evidence
// (`fact: <key>`), with their type and meaning. The rules' documentation and the rule-case suite read
// this table; a rule that names a key not listed here fails its pack's tests.
//
// Booleans are three-valued: true, false, or null when the statement is silent. Booleans about a
// capability are derived from claims (claims.ts): "does not support TLS" makes tls.supported false,
// never true; "TLS is optional" keeps it true and sets tls.optional.
export interface FactEntry {
  key: string;
  type: string;
  meaning: string;
}

export const FACT_GLOSSARY: readonly FactEntry[] = [
  // ---- identity ----
  { key: 'product', type: 'string | null', meaning: 'Product name from the cover page, title or front matter.' },
  { key: 'version', type: 'string | null', meaning: 'Product version or release the statement covers.' },
  { key: 'manufacturer', type: 'string | null', meaning: 'Manufacturer or vendor.' },
  { key: 'date', type: 'string | null', meaning: 'The statement date as written.' },
  { key: 'dateIso', type: 'string | null', meaning: 'The date as yyyy-mm-dd (or yyyy-mm) when it reads unambiguously.' },
  { key: 'dateTimestamp', type: 'timestamp | null', meaning: 'dateIso as a CEL timestamp (for age rules with `now`).' },
  { key: 'template', type: 'bool', meaning: "PS3.2's own template (placeholders, instructions) rather than a product's statement." },
  // ---- claims ----
  { key: 'claims', type: 'list<{feature, polarity, scope, evidence, trigger?, source, required?, about?, profile?}>', meaning: "Every claim about a security-relevant feature, with polarity (supported | not-supported | optional | configurable | planned | unknown) and scope (dimse | dicomweb | hl7 | web-ui | remote-service | media | general). `about` names a non-DICOM subject ('syslog', 'ldap')." },
  // ---- security section and profiles ----
  { key: 'securitySection', type: '{present, empty, notApplicable, title}', meaning: 'A heading titled Security / Security Profiles; empty when every such section says nothing (blank, "Not applicable", "None", template text).' },
  { key: 'securityProfiles', type: 'list<string>', meaning: 'PS3.15 profiles claimed (any group), by name, abbreviation or annex; denied or planned ones excluded.' },
  { key: 'securityProfilesNone', type: 'bool', meaning: 'The statement says it conforms to no security profile or supports no security measure.' },
  // ---- TLS ----
  { key: 'tls.supported', type: 'bool | null', meaning: 'TLS offered for DICOM traffic (DIMSE, or DICOMweb named as TLS); false when denied, planned or no profile at all; TLS for HL7, LDAP, syslog, a web UI or remote service does not count.' },
  { key: 'tls.optional', type: 'bool | null', meaning: 'TLS offered but optional, off by default or not enforced (true); required or unqualified (false); null without TLS.' },
  { key: 'tls.versions', type: 'list<string>', meaning: "Versions stated as supported ('TLS 1.2', 'SSL 3.0')." },
  { key: 'tls.weakVersions', type: 'list<string>', meaning: 'The subset of tls.versions that are TLS 1.0/1.1 or SSL.' },
  { key: 'tls.disabledVersions', type: 'list<string>', meaning: 'Versions stated as disabled or not supported.' },
  { key: 'tls.profiles', type: 'list<string>', meaning: 'PS3.15 TLS profile names claimed.' },
  { key: 'tls.retiredProfiles', type: 'list<string>', meaning: 'Claimed retired profiles: Basic TLS (B.1), ISCL (B.2), AES TLS (B.3), the downgrading BCP 195 TLS (B.9).' },
  { key: 'tls.supersededProfiles', type: 'list<string>', meaning: 'Non-downgrading (B.10) / Extended (B.11) BCP 195.' },
  { key: 'tls.cipherSuites', type: 'list<string>', meaning: 'Cipher suite names listed (IANA or OpenSSL spelling).' },
  { key: 'tls.weakCipherSuites', type: 'list<string>', meaning: 'Suites with 3DES, DES, RC4, NULL, anon, EXPORT, MD5 or a SHA-1 MAC.' },
  { key: 'tls.weakAlgorithms', type: 'list<string>', meaning: "Weak algorithms named outside suite names ('3DES', 'RC4')." },
  { key: 'tls.clearTextPortAlongside', type: 'bool | null', meaning: 'A DICOM port with TLS and one without are both listed; null when unknown.' },
  { key: 'clearTextPorts', type: 'list<int>', meaning: 'HL7, LDAP and syslog ports stated to carry traffic without TLS; evidence cites each port\'s row or sentence.' },
  { key: 'tls.ports', type: 'list<int>', meaning: 'Port numbers with tls == true; evidence also cites sentences about TLS ports.' },
  { key: 'tls.certificateManagement', type: 'bool | null', meaning: 'Certificates, key or trust stores, CSRs, PKCS#12 or revocation described (never false).' },
  { key: 'tls.peerVerification', type: 'bool | null', meaning: 'Peer certificates verified / mutual TLS required (true); not verified, any certificate or anonymous TLS (false).' },
  // ---- network ----
  { key: 'ports', type: 'list<{port, protocol, tls, transport, service}>', meaning: 'Ports stated; protocol dicom | dicom-tls | dicomweb | http | https | hl7 | ldap | syslog | ntp | other.' },
  { key: 'dimse', type: 'bool', meaning: 'The statement describes DIMSE networking (SOP classes, AEs, DICOM ports, C-STORE/C-ECHO, associations); false for DICOMweb-only services and web clients.' },
  { key: 'applicationEntities', type: 'list<{aeTitle, name, port?}>', meaning: 'Application entities and their AE titles.' },
  { key: 'sopClasses', type: 'list<{name, uid, roles}>', meaning: 'SOP classes with SCU / SCP roles.' },
  { key: 'implementationClassUid', type: 'string | null', meaning: 'Implementation Class UID.' },
  { key: 'implementationVersionName', type: 'string | null', meaning: 'Implementation Version Name.' },
  { key: 'networkInterfaces', type: '{physical, ipv4, ipv6, ipv6Security}', meaning: 'Physical network and IP versions.' },
  { key: 'networkInterfaces.ipv6Security', type: 'bool | null', meaning: 'IPv6 security features or a way to disable IPv6 described (true); says none are used (false).' },
  { key: 'associations.unbounded', type: 'bool | null', meaning: "'No maximum' / 'unlimited' simultaneous associations (true); a number stated (false)." },
  { key: 'associations.echoFromAnyPeer', type: 'bool | null', meaning: 'C-ECHO / Verification answered for any peer (true); else null.' },
  { key: 'networkRole', type: '{offline, listener, initiator, webServer, webClient, assumed, basis}', meaning: "The product's network role (network-role.ts): no network service; accepts / opens DICOM associations; serves / calls web services; roles assumed for lack of grounds; one line of why per role. Evidence under networkRole.<role>." },
  // ---- association policy ----
  { key: 'aeTitlePolicy.acceptsAnyCallingAeTitle', type: 'bool | null', meaning: 'Accepts any calling AE title by default (true); restricts to known AEs, or can be configured to (false).' },
  { key: 'aeTitlePolicy.restrictionConfigurable', type: 'bool | null', meaning: 'The restriction is an option, not the default.' },
  { key: 'aeTitlePolicy.calledAeTitleChecked', type: 'bool | null', meaning: 'Called AE title checked.' },
  { key: 'aeTitlePolicy.ipAddressChecked', type: 'bool | null', meaning: "The requestor's IP address can be checked." },
  { key: 'aeTitlePolicy.moveDestinationsRestricted', type: 'bool | null', meaning: 'C-MOVE destinations limited.' },
  // ---- audit, identity ----
  { key: 'audit.supported', type: 'bool | null', meaning: 'Security audit records produced (from claims or an audit profile); false when denied or planned.' },
  { key: 'audit.profiles', type: 'list<string>', meaning: 'Audit profiles claimed (A.5, A.6 SYSLOG-TLS, A.7 SYSLOG-UDP, IHE ATNA).' },
  { key: 'audit.transports', type: "list<'syslog-tls' | 'syslog-udp' | 'other'>", meaning: 'How audit records leave the device.' },
  { key: 'audit.localOnly', type: 'bool | null', meaning: 'Audit records kept only on the device (local file, database, event log): true; sent off the device: false; null when not said.' },
  { key: 'userIdentity.supported', type: 'bool | null', meaning: 'DICOM User Identity Negotiation supported (claims or a B.4–B.7 profile).' },
  { key: 'userIdentity.profiles', type: 'list<string>', meaning: 'User identity profiles claimed.' },
  // ---- web ----
  { key: 'web.exposed', type: 'bool', meaning: 'DICOMweb services offered by the product (a client calling them does not count).' },
  { key: 'web.services', type: 'list<string>', meaning: "DICOMweb services claimed ('WADO-RS', 'QIDO-RS', 'STOW-RS', 'UPS-RS', 'WADO-URI', 'DICOMweb')." },
  { key: 'web.plainHttp', type: 'bool | null', meaning: 'The DICOMweb API is served over plain HTTP (true), else null.' },
  { key: 'web.https', type: 'bool | null', meaning: 'The DICOMweb API is served over HTTPS/TLS (true), else null.' },
  { key: 'web.authentication', type: 'bool | null', meaning: 'DICOMweb requests authenticated (true); said to need none (false); silent (null).' },
  { key: 'web.authenticationOptional', type: 'bool | null', meaning: 'Authentication of DICOMweb requests is optional or can be switched off.' },
  { key: 'webUi.exposed', type: 'bool', meaning: 'A web user interface or administration console is served.' },
  { key: 'webUi.plainHttp', type: 'bool | null', meaning: 'The web UI is served over plain HTTP (true), else null.' },
  { key: 'authentication.unauthenticatedEndpoints', type: 'list<string>', meaning: "Scopes of interfaces said to take no authentication or only optionally ('dicomweb', 'web-ui', 'remote-service', 'general', 'dimse')." },
  // ---- credentials, signatures, de-identification ----
  { key: 'credentials.defaultOrFixed', type: 'bool | null', meaning: 'A default or fixed password is documented (true); denied (false); silent (null).' },
  { key: 'credentials.defaultPassword', type: 'bool | null', meaning: 'A default password is documented (true); denied (false); silent (null).' },
  { key: 'credentials.fixedPassword', type: 'bool | null', meaning: 'A fixed, hard-coded or unchangeable password is documented (true); denied (false); silent (null).' },
  { key: 'signatures.profiles', type: 'list<string>', meaning: 'Digital signature profiles claimed.' },
  { key: 'signatures.weakHashes', type: 'list<string>', meaning: 'MD5 / SHA-1 / RIPEMD-160 named in a signature or MAC context.' },
  { key: 'deidentification.claimed', type: 'bool', meaning: 'De-identification offered (an audit-schema field named "Anonymized" is not a claim).' },
  { key: 'deidentification.profiles', type: 'list<string>', meaning: 'Basic Application Level Confidentiality Profile when claimed.' },
  { key: 'deidentification.options', type: 'list<string>', meaning: "PS3.15 E.3 options claimed ('Clean Pixel Data', 'Retain UIDs', …)." },
  // ---- time, media ----
  { key: 'time.synchronized', type: 'bool | null', meaning: 'NTP / SNTP / Basic Time Synchronization claimed (true), denied or planned (false), silent (null).' },
  { key: 'time.protocols', type: 'list<string>', meaning: 'Time protocols named.' },
  { key: 'media.exported', type: 'bool', meaning: 'Export to CD/DVD/USB/removable media or DICOMDIR described.' },
  { key: 'media.encrypted', type: 'bool | null', meaning: 'Media encrypted (true), said to be unencrypted or not encrypted (false), silent (null).' },
  { key: 'media.weakAlgorithms', type: 'list<string>', meaning: '3DES / SHA-1 named for media protection without AES / SHA-2.' },
  { key: 'media.securityProfile', type: 'bool', meaning: 'Basic DICOM Media Security Profile claimed.' },
];

const KEYS = new Set(FACT_GLOSSARY.map((f) => f.key));
/** Groups ('tls', 'time', 'webUi'): a rule may test them with has(cs.time). */
const GROUPS = new Set(FACT_GLOSSARY.flatMap((f) => f.key.split('.').slice(0, -1).map((_p, i, a) => a.slice(0, i + 1).join('.'))));

/** Is `path` (e.g. 'tls.supported', 'ports', 'networkInterfaces.ipv6', 'time') a documented fact, inside one, or a group of them? */
export function isDocumentedFact(path: string): boolean {
  if (GROUPS.has(path)) return true;
  const parts = path.split('.');
  for (let n = parts.length; n >= 1; n--) if (KEYS.has(parts.slice(0, n).join('.'))) return true;
  return false;
}
