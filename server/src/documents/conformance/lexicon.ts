// Trigger phrases for reading conformance statements. Each pattern is written for one job and kept
// linear: no nested quantifiers, every gap bounded ({0,N}), so a 100k-character line costs little.
// Patterns run against the cleaned text of one sentence or one table row (see units.ts).

/** A PS3.15 profile the statement may claim, with where it lives in PS3.15 and whether it is retired. */
export interface ProfileDef {
  id: string;
  name: string;
  group: 'tls' | 'audit' | 'identity' | 'signature' | 'confidentiality' | 'media' | 'network' | 'time' | 'config' | 'email';
  /** 'retired': withdrawn and weak; 'superseded': withdrawn in the newest editions but cryptographically acceptable. */
  status: 'current' | 'retired' | 'superseded';
  pattern: RegExp;
}

// Order matters: longer, more specific names first; a match blanks its span before later patterns run.
export const PROFILES: ProfileDef[] = [
  { id: 'B.13', name: 'Modified BCP 195 RFC 8996 TLS Profile', group: 'tls', status: 'current', pattern: /\bmodified bcp ?195\b/gi },
  { id: 'B.12', name: 'BCP 195 RFC 8996 TLS Profile', group: 'tls', status: 'current', pattern: /\bbcp ?195,? (?:rfc ?8996|rfc ?9325)\b/gi },
  { id: 'B.10', name: 'Non-Downgrading BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'superseded', pattern: /\bnon-? ?downgrading bcp ?195\b/gi },
  { id: 'B.11', name: 'Extended BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'superseded', pattern: /\bextended bcp ?195\b/gi },
  { id: 'B.9', name: 'BCP 195 TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\bbcp ?195\b/gi },
  { id: 'B.1', name: 'Basic TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\bbasic tls (?:secure )?transport\b/gi },
  { id: 'B.3', name: 'AES TLS Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\baes tls (?:secure )?transport\b/gi },
  { id: 'B.2', name: 'ISCL Secure Transport Connection Profile', group: 'tls', status: 'retired', pattern: /\biscl\b|\bintegrated secure communication layer\b/gi },
  { id: 'A.5', name: 'Audit Trail Message Format Profile', group: 'audit', status: 'current', pattern: /\baudit trail message format\b/gi },
  { id: 'A.6', name: 'Audit Trail Message Transmission Profile - SYSLOG-TLS', group: 'audit', status: 'current', pattern: /\bsyslog-tls\b/gi },
  { id: 'A.7', name: 'Audit Trail Message Transmission Profile - SYSLOG-UDP', group: 'audit', status: 'current', pattern: /\bsyslog-udp\b/gi },
  { id: 'B.5', name: 'User Identity plus Passcode Association Profile', group: 'identity', status: 'current', pattern: /\buser identity (?:plus|\+|and) passcode\b/gi },
  { id: 'B.4', name: 'Basic User Identity Association Profile', group: 'identity', status: 'current', pattern: /\bbasic user identity\b/gi },
  { id: 'B.6', name: 'Kerberos Identity Negotiation Association Profile', group: 'identity', status: 'current', pattern: /\bkerberos identity negotiation\b/gi },
  { id: 'B.7', name: 'Generic SAML Assertion Identity Negotiation Association Profile', group: 'identity', status: 'current', pattern: /\bsaml assertion identity\b/gi },
  { id: 'JWT', name: 'JSON Web Token Identity Negotiation', group: 'identity', status: 'current', pattern: /\b(?:json web token|jwt) (?:assertion )?identity\b/gi },
  { id: 'B.8', name: 'Secure Use of Email Transport', group: 'email', status: 'current', pattern: /\bsecure use of e-?mail transport\b/gi },
  { id: 'C.2', name: 'Creator RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bcreator rsa digital signature\b/gi },
  { id: 'C.3', name: 'Authorization RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bauthori[sz]ation rsa digital signature\b/gi },
  { id: 'C.4', name: 'Structured Report RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\b(?:structured report|sr) rsa digital signature\b/gi },
  { id: 'C.1', name: 'Base RSA Digital Signature Profile', group: 'signature', status: 'current', pattern: /\bbase rsa digital signature\b/gi },
  { id: 'A.3', name: 'Bit-preserving Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbit[- ]?preserving digital signatures?\b/gi },
  { id: 'A.4', name: 'Basic SR Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbasic (?:sr|structured report) digital signatures?\b/gi },
  { id: 'A.2', name: 'Basic Digital Signatures Secure Use Profile', group: 'signature', status: 'current', pattern: /\bbasic digital signatures? (?:secure use )?profile\b/gi },
  { id: 'E.1', name: 'Basic Application Level Confidentiality Profile', group: 'confidentiality', status: 'current', pattern: /\bbasic application level confidentiality\b/gi },
  { id: 'D.1', name: 'Basic DICOM Media Security Profile', group: 'media', status: 'current', pattern: /\bbasic dicom media security\b/gi },
  { id: 'F.1', name: 'Basic Network Address Management Profile', group: 'network', status: 'current', pattern: /\bbasic network address management\b/gi },
  { id: 'G.1', name: 'Basic Time Synchronization Profile', group: 'time', status: 'current', pattern: /\bbasic time synchroni[sz]ation\b/gi },
  { id: 'H.1', name: 'Application Configuration Management Profile', group: 'config', status: 'current', pattern: /\bapplication configuration management\b/gi },
  { id: 'H.2', name: 'DNS Service Discovery Profile', group: 'config', status: 'current', pattern: /\bdns service discovery\b/gi },
];

/** Options of the Basic Application Level Confidentiality Profile (E.3), as written in PS3.15. */
export const DEID_OPTIONS =
  /\b(clean pixel data|clean recogni[sz]able visual features|clean graphics|clean structured content|clean descriptors|retain (?:longitudinal(?: temporal information)?(?: with)?(?: full| modified)? dates|long(?:itudinal)? full dates|longitudinal|patient characteristics|device identity|institution identity|uids|safe private))\b/gi;

// --- negation -------------------------------------------------------------------------------
/** Words that turn a claim round when they share its clause. */
export const NEGATION =
  /\b(?:not|no|never|none|cannot|can't|won't|doesn't|don't|isn't|aren't|without|neither|nor|unsupported|disabled|disable|prohibited|refused|refuses|rejected|rejects|deprecated|forbidden|n\/a|no longer)\b/i;

/** A table cell that answers "no". */
export const NO_CELL = /^\s*(?:no|none|n\/a|na|-|–|—|not (?:supported|applicable|available)|unsupported|disabled|false|x? ?no)\s*\.?\s*$/i;
/** A table cell that answers "yes". */
export const YES_CELL = /^\s*(?:yes|y|supported|optional|enabled|true|x|✓|✔|available)\b/i;

// --- template text ----------------------------------------------------------------------------
/** Instructions to the author in PS3.2's template, not claims about a product. */
export const TEMPLATE_INSTRUCTION =
  /\b(?:shall|should|must) be (?:described|specified|listed|declared|documented|stated|provided|given)\b|\b(?:shall|should) (?:declare|describe|specify|list|state)\b|\b(?:can|may) be (?:described|specified) here\b|\bdescribed here\b|\bspecified here\b/i;
/** A placeholder such as <Product Name>, [vendor], YYYYMMDD, |product|, xxx. */
export const PLACEHOLDER = /<(?!https?:|mailto:|ftp:)[a-z][^<>:]{0,60}>|\[(?:insert|vendor|product|company|name|version|date|tbd)\b[^\]]{0,60}\]|\byyyy-?mm-?dd\b|\bx{3,}\b|^\s*(?:tbd|tba|n\/a|-|–)\s*$/i;

// --- TLS --------------------------------------------------------------------------------------
/** Any mention of TLS-like transport protection. */
export const TLS_MENTION =
  /\btls\b|\btlsv1|\bssl\b|\bsslv[23]\b|\btransport layer security\b|\bsecure transport connection\b|\bsecure transport\b|\bdicom-tls\b|\btls[- ](?:secured|protected|enabled|encrypted)\b|\bmutual tls\b|\bmtls\b/i;
/** Positive support verbs near a TLS mention. */
export const SUPPORT_VERB =
  /\b(?:supports?|supported|conforms? to|implements?|implemented|provides?|offers?|uses?|enabled|enable|available|can be (?:secured|encrypted|configured)|secured|encrypted|protected|optional|requires?|required|accepts?|negotiates?|allows?)\b/i;
/** Statements that the product has no TLS / no transport security. */
export const NO_TLS = [
  /\b(?:tls|ssl|secure transport|transport layer security|encryption)\b[^.;]{0,40}\b(?:is|are)\s+not\s+(?:supported|available|implemented|provided|used)\b/i,
  /\b(?:does|do|did)\s+not\s+(?:support|implement|provide|use|offer)\s+(?:any\s+)?(?:tls|ssl|secure transport|transport layer security|encryption|encrypted (?:communication|transport|connections?))\b/i,
  /\bno\s+(?:support\s+(?:for|of)\s+)?(?:dicom\s+)?(?:tls|ssl|secure transport|transport layer security|encryption)\b/i,
  /\b(?:communication|traffic|transfers?|connections?|associations?)\b[^.;]{0,30}\b(?:is|are)\s+(?:not encrypted|unencrypted|sent in (?:the )?clear)\b/i,
];
/** Statements that no PS3.15 security profile is supported (implies no TLS profile either). */
export const NO_PROFILES = [
  /\b(?:does|do)\s+not\s+(?:conform|comply)\s+to\s+any\b[^.;]{0,30}\bsecurity profiles?\b/i,
  /\bno\s+(?:dicom\s+)?security profiles?\s+(?:are\s+|is\s+)?(?:supported|implemented)\b/i,
  /\b(?:does|do)\s+not\s+support\s+any\b[^.;]{0,30}\b(?:security profiles?|security measures|security features)\b/i,
  /\bsecurity profiles?\s*[:|]\s*(?:none|n\/a|not supported|not applicable)\b/i,
];
/** The body of a section that says nothing. */
export const EMPTY_BODY = /^\s*(?:not applicable|n\/a|none|not supported|tbd|-|–)\s*\.?\s*$/i;

/** TLS versions: the first token; enumerations ('TLS 1.0, 1.1 and 1.2') are followed up in code. */
export const TLS_VERSION = /\b(?:tls ?v?|tlsv)(1\.[0-3]|1)(?![.\d])|\bssl ?v?([23])(?:\.0)?\b/gi;
export const VERSION_CONTINUATION = /^\s*(?:,|\/|&|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*(?:tls ?v?)?(1\.[0-3])(?![.\d])/i;
/** IANA cipher suite names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256). */
export const IANA_SUITE = /\b(?:TLS|SSL)_[A-Z0-9]+(?:_[A-Z0-9]+){1,10}\b/g;
/** OpenSSL cipher names (ECDHE-RSA-AES128-GCM-SHA256, DES-CBC3-SHA). */
export const OPENSSL_SUITE = /\b(?:ECDHE|DHE|EDH|ADH|AECDH|AES128|AES256|DES|RC4|NULL|EXP|CAMELLIA128|CAMELLIA256|PSK|SRP)(?:-[A-Z0-9]+){1,6}\b/g;
/** Parts of a suite name that make it weak. */
export const WEAK_SUITE_PART = /3DES|DES_CBC|DES-CBC|_DES_|DES40|RC4|RC2|NULL|_anon_|ADH|AECDH|EXPORT|EXP-|MD5|IDEA/i;
/** Weak algorithms named outside suite names. */
export const WEAK_ALGORITHM = /\b(3des|triple[- ]des|rc4|arcfour|export(?:-grade)? (?:ciphers?|suites?)|null (?:ciphers?|encryption)|anonymous (?:tls|cipher suites?|diffie))\b/gi;

// --- association level --------------------------------------------------------------------------
/** Any AE (title / node / system) accepted. */
export const ACCEPT_ANY = [
  /\baccepts?\b[^.;]{0,50}\b(?:associations?|association requests?|requests?|connections?)\b[^.;]{0,20}\bfrom any\b[^.;]{0,30}\b(?:calling\s+|remote\s+)?(?:ae|aes|ae titles?|aets?|application entit(?:y|ies)|systems?|nodes?|hosts?|scus?|peers?|devices?|clients?)\b/i,
  /\b(?:accepts?|accepted)\b[^.;]{0,40}\b(?:any|all)\s+(?:calling\s+|remote\s+)?(?:ae titles?|aets?|aes|application entit(?:y|ies))\b/i,
  /\b(?:calling|remote)\s+ae[- ]?titles?\s+(?:is|are)\s+not\s+(?:checked|verified|validated|restricted|used)\b/i,
  /\b(?:does|do)\s+not\s+(?:check|verify|validate|restrict)\b[^.;]{0,20}\bcalling ae\b/i,
  /\bno\s+(?:restrictions?|checks?|checking|validation)\s+(?:is\s+|are\s+)?(?:made\s+|performed\s+|applied\s+)?(?:on|of|based on|for)\s+(?:the\s+)?(?:calling\s+)?(?:ae|ae titles?|aets?)\b/i,
  /\bpromiscuous\b/i,
];
/** Restrictions on who may open an association. */
export const RESTRICT = [
  /\bonly\b[^.;]{0,60}\b(?:calling ae[- ]?titles?|ae[- ]?titles?|aets?|ip[- ]addresses|known (?:aes|nodes|hosts|systems|peers)|configured (?:aes|nodes|hosts|systems|peers|remote)|registered (?:aes|nodes|systems))\b/i,
  /\b(?:unknown|unregistered|unconfigured|unlisted|unauthori[sz]ed)\s+(?:calling\s+|remote\s+)?(?:aes|ae titles?|aets?|nodes|peers|hosts|systems|application entities)\b[^.;]{0,30}\b(?:are|is|will be)\s+(?:rejected|refused|denied)\b/i,
  /\brejects?\b[^.;]{0,50}\b(?:unknown|unregistered|unconfigured|unlisted)\b/i,
  /\bwhose\s+ae[- ]?title\s+is\s+(?:registered|configured|known|listed)\b/i,
  /\b(?:white|allow)[- ]?list(?:ing|ed)?\b[^.;]{0,40}\b(?:ae|aes|ae titles?|aets?|ip)\b|\b(?:ae|ae titles?|aets?)\b[^.;]{0,40}\b(?:white|allow)[- ]?list/i,
  /\bae[- ]?title validation\b|\bvalidat(?:es?|ion of) the calling ae/i,
  /\bchecks?\b[^.;]{0,40}\bcalling ae[- ]?titles?\b/i,
];
export const CALLED_CHECKED = /\b(?:checks?|verif(?:y|ies)|validates?)\b[^.;]{0,60}\bcalled ae[- ]?title\b|\bcorrect called ae[- ]?title\b/i;
export const CALLED_NOT_CHECKED = /\bcalled ae[- ]?title\s+(?:is|are)\s+(?:ignored|not checked|not verified|not validated)\b/i;
export const IP_CHECKED = /\b(?:ip[- ]address(?:es)?|host ?names?)\b[^.;]{0,50}\b(?:checked|verified|validated|restricted|configured list)\b|\b(?:checks?|verif(?:y|ies)|restrict)\b[^.;]{0,40}\bip[- ]address/i;
export const MOVE_RESTRICTED = /\b(?:limited|restricted|configured|known)\b[^.;]{0,40}\bmove destinations?\b|\bmove destinations?\b[^.;]{0,40}\b(?:limited|restricted|must be (?:configured|known))\b/i;
export const MOVE_OPEN = /\b(?:any|arbitrary|unrestricted)\s+(?:c-move\s+)?(?:move\s+)?destinations?\b|\bmove destinations?\s+(?:are|is)\s+not\s+restricted\b/i;
/** "can be configured", "optionally": a possibility, not the default. */
export const OPTIONAL_CUE = /\b(?:users?|administrators?|sites?)\s+(?:can|may)\s+configure\b|\b(?:can|may|could)\s+(?:be\s+)?(?:changed|configured|constrained|restricted|limited|set|enabled|switched)\b|\boptional(?:ly)?\b|\bif configured\b|\bwhen configured\b/i;
export const DEFAULT_CUE = /\bby default\b|\bdefault(?:s)?\s+(?:is|are|to|setting|configuration)\b|\bout of the box\b/i;

// --- audit, identity, web, credentials, signatures, de-identification -----------------------------
export const AUDIT_MENTION =
  /\baudit trail\b|\baudit (?:messages?|records?|record repository|events?|logging)\b|\batna\b|\bsyslog\b|\brfc ?(?:3881|5424|5425|5426)\b|\baudit message schema\b/i;
export const NO_AUDIT = /\b(?:audit(?:ing| trail| logging| messages)?|atna)\b[^.;]{0,30}\b(?:is|are)\s+not\s+(?:supported|implemented|available|generated)\b|\b(?:does|do)\s+not\s+(?:support|generate|send|produce|implement)\b[^.;]{0,20}\b(?:audit|atna)\b/i;
export const SYSLOG_TLS = /\bsyslog-tls\b|\brfc ?5425\b|\bsyslog over tls\b|\btls[- ]secured tcp\b|\btls\b[^.;|]{0,30}\bsyslog\b|\bsyslog\b[^.;|]{0,30}\btls\b|\b6514\b/i;
export const SYSLOG_UDP = /\bsyslog-udp\b|\brfc ?5426\b|\budp\b/i;
export const SYSLOG_OTHER = /\brfc ?6587\b|\bplain tcp\b|\bsyslog over tcp\b/i;

export const USER_IDENTITY = /\buser[- ]identity\b|\buser-identity-type\b/i;
export const NO_USER_IDENTITY = /\buser[- ]identity\b[^.;]{0,40}\b(?:is|are)\s+not\s+supported\b|\b(?:does|do)\s+not\s+support\b[^.;]{0,20}\buser[- ]identity\b/i;

export const WEB_SERVICE = /\b(wado-rs|wado-uri|wado-ws|wado|qido-rs|qido|stow-rs|stow|ups-rs|dicomweb|restful services?)\b/gi;
export const WEB_CLIENT_ONLY = /\buser agent\b|\bdicom ?web client\b/i;
export const WEB_SERVER = /\b(?:implements?|provides?|offers?|exposes?|hosts?)\b[^.;]{0,40}\b(?:dicomweb|wado|qido|stow|ups-rs|web services?|restful)\b|\borigin server\b[^|]{0,10}\|\s*yes\b|\bresponds? on\b/i;
export const PLAIN_HTTP = /\bunprotected http\b|\bplain http\b|\bhttp (?:traffic|port|only)\b|\bbase url\b[^|.;]{0,20}\|?\s*`?http:\/\/|\bhttp:\/\/[^\s/]{1,60}:\d{2,5}\b/i;
export const HTTPS = /\bhttps\b|\bover (?:tls|ssl)\b|\btls protected traffic\b/i;
export const WEB_AUTH = /\b(?:authenticat\w*|authori[sz]ation|oauth ?2?|openid|oidc|bearer tokens?|basic auth\w*|digest auth\w*|client certificates?|keycloak|saml|kerberos)\b/i;
export const NO_AUTH = /\bno authentication\b|\bwithout (?:any )?authentication\b|\b(?:does|do)\s+not\s+require\s+(?:any\s+)?authentication\b|\bauthentication\s+(?:is|are)\s+not\s+(?:required|supported|enforced)\b|\banonymous access\b/i;

export const DEFAULT_CREDENTIAL = [
  /\bdefault\s+(?:admin(?:istrator)?\s+|user\s+|service\s+|root\s+)?(?:passwords?|credentials?|accounts?|passcodes?|logins?)\b/i,
  /\bhard-?coded\s+(?:passwords?|credentials?|keys?|accounts?)\b/i,
  /\b(?:fixed|built-in|factory|shared|well-known)\s+(?:passwords?|credentials?|service accounts?|accounts?)\b/i,
  /\b\w*password\s*=\s*\S{1,40}/i,
];

export const WEAK_HASH = /\b(md5|sha-?1(?![\d-])|sha1(?!\d)|ripemd-?160)\b/gi;
export const SIGNATURE_CONTEXT = /\bdigital signatures?\b|\bsignatures?\b|\bmac algorithm\b|\bsigned\b|\bsigning\b/i;
export const DEID = /\bde-?identif\w*|\banonymi[sz]\w*|\bpseudonymi[sz]\w*|\bbasic application level confidentiality\b/i;

// --- section titles ----------------------------------------------------------------------------
export const TITLE = {
  security: /^(?:dicom |network |system )?security(?: profiles?| features| measures| considerations| overview| and privacy| support)?$|^cyber ?security$|^security$/i,
  securityAny: /\bsecurity\b/i,
  securityProfiles: /\bsecurity profiles?\b/i,
  associationLevel: /\bassociation[- ]level security\b/i,
  applicationLevel: /\bapplication[- ]level security\b/i,
  acceptance: /\bassociation acceptance\b|\baccepting associations?\b/i,
  aeMapping: /\bae title\b|\bpresentation address\b|\bapplication entit(?:y|ies)\b|\baets?\b/i,
  networkInterfaces: /\bnetwork interfaces?\b|\bphysical network\b|\bcommunication profiles?\b|\btcp\/ip\b/i,
  configuration: /\bconfiguration\b|\bparameters\b|\blisteners?\b|\bports?\b/i,
  web: /\bdicom ?web\b|\bwado\b|\bqido\b|\bstow\b|\bweb services?\b|\brest(?:ful)?\b|\bhttp\b/i,
  audit: /\baudit\b|\batna\b|\bsyslog\b|\blogging\b/i,
  /** Sections whose sentences define or cite, rather than claim. */
  skip: /\b(?:terms and definitions|definitions|glossary|abbreviations|acronyms|references|basics of dicom communication|revision history|document history|change history|change log|table of contents|contents|audience|remarks|disclaimer|trademarks?|copyright|legal notice)\b/i,
};

/** Words that tie a sentence to something other than DICOM traffic (HL7, LDAP, admin UI, syslog). */
export const NON_DICOM_CONTEXT =
  /\b(?:hl7|mllp|ldaps?|syslog|audit|smtp|e-?mail|web ?ui|portal|admin(?:istrat\w*)? (?:console|portal|interface|ui|dashboard)|vpn|backups?|rdp|ssh|remote service|remote access)\b/i;
export const DICOM_CONTEXT =
  /\b(?:dicom|dimse|associations?|ae titles?|aets?|dicomweb|wado|qido|stow|scu|scp|c-store|c-find|c-move|c-echo|all (?:network )?interfaces|storage|query\/retrieve|worklist)\b/i;
