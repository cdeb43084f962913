// The security requirement topics an RFP draft can cover (WG-14 "What to put in an RFP"): how a
// requirement sentence is read as demanding each one. Rule packs decide which topics matter
// (`"sbom" in rfp.covered`); this table only says what counts as a mention.
//
// Every pattern is bounded ({0,N} gaps, no nested quantifiers): it runs on one sentence or row.

export interface TopicDef {
  id: string;
  /** Short name for the model, the outline and inspect. */
  title: string;
  /** Wording that demands the topic. A match inside a requirement, not denied, covers it. */
  mention: RegExp;
  /** Wording the same sentence must also contain for a mention to count (validation, for third-party patches). */
  requires?: RegExp;
  /** Wording that only touches the topic (remote support without customer control): cited, never covering. */
  related?: RegExp;
  /** Section headings where the topic belongs: where a finding points when nothing mentions it. */
  section: RegExp;
}

const W = String.raw`[^.;]{0,80}?`;
const PATCH = String.raw`(?:patch(?:es|ed|ing)?|updates?|fix(?:es)?|hotfix(?:es)?|remediat\w*)`;
const WITHIN = String.raw`(?:within|no later than|not later than|in no more than)\s+(?:\w+\s+){0,2}\(?\d{1,3}\)?\s*(?:calendar |business |working )?(?:days?|hours?|weeks?|months?)`;
const THIRD_PARTY = String.raw`(?:third[- ]party|operating[- ]system|OS|Microsoft|Windows|COTS|commercial off[- ]the[- ]shelf|antivirus|anti-malware)`;
const CUSTOMER = String.raw`(?:customer|hospital|purchaser|owner|site|institution|buyer)`;

const re = (source: string) => new RegExp(source, 'gi');

export const TOPICS: readonly TopicDef[] = [
  {
    id: 'mds2',
    title: 'MDS2 form (HN 1-2019), warranted accurate',
    mention: re(String.raw`\bMDS-?2\b|\bManufacturer Disclosure Statement(?: for Medical Device Security)?\b|\bHN 1-2019\b`),
    section: re(String.raw`\bdisclosure|\bdocumentation|\bdeliverables?\b|\bsecurity\b`),
  },
  {
    id: 'sbom',
    title: 'machine-readable SBOM per release',
    mention: re(String.raw`\bSBOMs?\b|\bsoftware bills? of materials?\b|\bCycloneDX\b|\bSPDX\b`),
    section: re(String.raw`\bsoftware\b|\bcomponents?\b|\bsupply chain\b|\bsecurity\b`),
  },
  {
    id: 'vulnerability-disclosure',
    title: 'vulnerability disclosure policy and advisories (CSAF/VEX)',
    mention: re(String.raw`\bvulnerability disclosure\b|\bcoordinated (?:vulnerability )?disclosure\b|\bsecurity advisor(?:y|ies)\b|\bCSAF\b|\bVEX\b|\bvulnerability exploitability\b|\bPSIRT\b`),
    related: re(String.raw`\bvulnerabilit(?:y|ies)\b`),
    section: re(String.raw`\bvulnerabilit|\badvisor|\bsecurity\b`),
  },
  {
    id: 'patch-timelines',
    title: 'patch and notification deadlines',
    mention: re(String.raw`\b${PATCH}\b${W}\b${WITHIN}\b|\b${WITHIN}\b${W}\b${PATCH}\b|\bvulnerabilit(?:y|ies)\b${W}\b${WITHIN}\b`),
    related: re(String.raw`\bsecurity (?:patch(?:es)?|updates?)\b|\bpatch(?:es|ing)?\b`),
    section: re(String.raw`\bpatch|\bupdates?\b|\bmaintenance\b|\bvulnerabilit|\bsecurity\b`),
  },
  {
    id: 'end-of-support',
    title: 'end-of-support dates for product and OS',
    mention: re(String.raw`\bend[- ]of[- ](?:support|life|service|sale)\b|\bEOL\b|\bEOS\b|\bsupport (?:end |lifecycle )?dates?\b|\bsupported (?:until|through)\b|\bsupport lifecycle\b`),
    section: re(String.raw`\bsupport\b|\blifecycle\b|\bmaintenance\b|\bsecurity\b`),
  },
  {
    id: 'third-party-patches',
    title: 'third-party and OS patch validation',
    mention: re(String.raw`\b${THIRD_PARTY}\b${W}\b${PATCH}\b|\b${PATCH}\b${W}\b${THIRD_PARTY}\b`),
    requires: re(String.raw`\b(?:validat|approv|test|qualif|certif)\w*`),
    section: re(String.raw`\bpatch|\bupdates?\b|\bmaintenance\b|\bsecurity\b`),
  },
  {
    id: 'anti-malware',
    title: 'anti-malware or compensating controls',
    mention: re(String.raw`\banti-?malware\b|\banti-?virus\b|\bmalware (?:protection|detection)\b|\bapplication (?:allow|white)[- ]?list\w*|\bendpoint (?:protection|detection)\b|\bEDR\b|\bcompensating controls?\b`),
    section: re(String.raw`\bmalware\b|\bendpoint\b|\bsecurity\b`),
  },
  {
    id: 'ports-protocols',
    title: 'full list of ports and protocols',
    mention: re(String.raw`\b(?:ports?|protocols?|network services)\b${W}\b(?:list|inventory|document|enumerat|identif|declar|disclos)\w*|\b(?:list|inventory|document|enumerat|identif|declar|disclos)\w*\b${W}\b(?:ports?|protocols|network services)\b`),
    section: re(String.raw`\bnetwork\b|\bports?\b|\binterfaces?\b|\bsecurity\b`),
  },
  {
    id: 'data-flow',
    title: 'data-flow diagram',
    mention: re(String.raw`\bdata[- ]flows?(?: diagrams?| maps?)?\b|\bnetwork (?:architecture |topology |connection )?diagrams?\b|\barchitecture diagrams?\b`),
    section: re(String.raw`\bnetwork\b|\barchitecture\b|\bdocumentation\b|\bsecurity\b`),
  },
  {
    id: 'tls',
    title: 'TLS, including DICOM TLS (PS3.15)',
    mention: re(String.raw`\bTLS\b|\bTransport Layer Security\b|\bPS ?3\.15\b|\bBCP ?195\b|\bencrypt\w*\b[^.;]{0,30}?\bin transit\b|\bsecure transport connection\b`),
    section: re(String.raw`\bencrypt|\btransport\b|\bnetwork\b|\bsecurity\b`),
  },
  {
    id: 'encryption-at-rest',
    title: 'encryption at rest',
    mention: re(String.raw`\bat rest\b|\bencrypt\w*\b[^.;]{0,40}?\b(?:stored|storage|disks?|drives?|databases?|archives?)\b|\bfull[- ]disk encryption\b|\bdisk encryption\b`),
    section: re(String.raw`\bencrypt|\bstorage\b|\bdata protection\b|\bsecurity\b`),
  },
  {
    id: 'unique-accounts',
    title: 'unique accounts, no undocumented default or hard-coded accounts',
    mention: re(
      String.raw`\bunique (?:user )?(?:accounts?|user ?ids?|identifiers|credentials|logins?)\b|\bindividual (?:user )?accounts\b|\b(?:no|without|never|free of|not (?:contain|include|ship with|use|have|rely on))\s+(?:\w+\s+){0,3}?(?:shared|generic|default|hard-?coded|undocumented|built-in|backdoor|fixed)\s+(?:user\s+|administrator\s+|service\s+)?(?:accounts?|passwords?|credentials?|logins?)\b|\b(?:shared|generic|default|hard-?coded|undocumented|backdoor|fixed)\s+(?:user\s+|administrator\s+|service\s+)?(?:accounts?|passwords?|credentials?|logins?)\b[^.;]{0,60}?\b(?:(?:are|is|be) (?:prohibited|forbidden|not (?:permitted|allowed|acceptable))|(?:must|shall) (?:be (?:changed|disabled|removed|documented)|not (?:be )?(?:present|exist|used)))\b`,
    ),
    related: re(String.raw`\b(?:default|hard-?coded|shared) (?:accounts?|passwords?|credentials?)\b`),
    section: re(String.raw`\baccounts?\b|\baccess\b|\bauthenticat|\bidentity\b|\bsecurity\b`),
  },
  {
    id: 'central-authentication',
    title: 'central authentication (LDAP/AD)',
    mention: re(String.raw`\bLDAPS?\b|\bActive Directory\b|\bcentral(?:i[sz]ed)? (?:authentication|identity|directory|user management|account management)\b|\bSAML\b|\bOpenID Connect\b|\bKerberos\b|\bsingle sign-on\b|\bSSO\b|\benterprise (?:identity|directory)\b`),
    section: re(String.raw`\baccounts?\b|\baccess\b|\bauthenticat|\bidentity\b|\bsecurity\b`),
  },
  {
    id: 'mfa',
    title: 'multi-factor authentication',
    mention: re(String.raw`\bmulti-?factor\b|\bMFA\b|\btwo-?factor\b|\b2FA\b`),
    section: re(String.raw`\baccounts?\b|\baccess\b|\bauthenticat|\bremote\b|\bsecurity\b`),
  },
  {
    id: 'audit-logging',
    title: 'audit logging to a SIEM (ATNA, syslog)',
    mention: re(String.raw`\bSIEM\b|\bsyslog\b|\bATNA\b|\baudit (?:logs?|trails?|records?|events?|messages)\b${W}\b(?:forward|send|transmi|export|collector|central|stream)\w*|\b(?:forward|send|transmi|export|stream)\w*\b${W}\baudit (?:logs?|trails?|records?|events?|messages)\b`),
    related: re(String.raw`\baudit (?:logs?|trails?|records?|logging)\b|\blogging\b`),
    section: re(String.raw`\baudit\b|\blogging\b|\bmonitoring\b|\bsecurity\b`),
  },
  {
    id: 'remote-service',
    title: 'customer-initiated, customer-controlled remote service',
    mention: re(String.raw`\b${CUSTOMER}[- ](?:initiated|controlled|approved|authori[sz]ed|enabled|managed)\b${W}\bremote\b|\bremote\b${W}\b(?:initiated|enabled|approved|authori[sz]ed|controlled|granted)\s+(?:\w+\s+){0,2}by (?:the )?${CUSTOMER}\b|\bremote\b${W}\b${CUSTOMER}(?:'s)? (?:prior )?(?:consent|approval|control|authori[sz]ation)\b`),
    related: re(String.raw`\bremote (?:service|support|access|maintenance|connectivity|diagnostics)\b`),
    section: re(String.raw`\bremote\b|\bservice\b|\bsupport\b|\bsecurity\b`),
  },
  {
    id: 'backup-restore',
    title: 'backup and restore',
    mention: re(String.raw`\bback ?ups?\b|\bbacked up\b|\brestor(?:e|ation|ing)\b${W}\b(?:data|system|configuration|images|service|backups?)\b|\bdisaster recovery\b`),
    section: re(String.raw`\bbackup|\brecovery\b|\bcontinuity\b|\bsecurity\b`),
  },
  {
    id: 'hardening-guide',
    title: 'hardening guide',
    mention: re(String.raw`\bhardening\b|\bsecur(?:e|ity) configuration (?:guide|guidance|baseline)\b|\bCIS benchmarks?\b|\bSTIGs?\b`),
    section: re(String.raw`\bhardening\b|\bconfiguration\b|\bdocumentation\b|\bsecurity\b`),
  },
  {
    id: 'decommissioning',
    title: 'decommissioning and secure disposal',
    mention: re(String.raw`\bdecommission\w*|\bsecure (?:disposal|deletion|erasure|wip(?:e|ing))\b|\b(?:data |media )?saniti[sz]\w*|\bSP 800-88\b|\bdisposal\b|\bend[- ]of[- ]life (?:disposal|return)\b`),
    section: re(String.raw`\bdecommission|\bdisposal\b|\bend of life\b|\bsecurity\b`),
  },
  {
    id: 'breach-notification',
    title: 'breach and incident notification',
    mention: re(String.raw`\b(?:security )?(?:incidents?|breach(?:es)?)\b${W}\bnotif\w*|\bnotif\w*\b${W}\b(?:security )?(?:incidents?|breach(?:es)?)\b|\bbreach notification\b`),
    section: re(String.raw`\bincident|\bbreach\b|\bnotification\b|\bsecurity\b`),
  },
];

export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

export function topicDef(id: string): TopicDef | undefined {
  return TOPICS.find((t) => t.id === id);
}
