// TLS certificate handling and peer verification: are certificates, key or trust stores, CSRs or
// revocation described; are peers' certificates checked (mutual TLS) or explicitly not.
import { negated } from '../negation.js';
import { type FactContext, isSecuritySection, silentAt } from './context.js';
import { TLS_MENTION } from './tls.js';

const CERTIFICATES = /\bcertificates?\b|\bkey ?stores?\b|\btrust ?stores?\b|\bpkcs ?#? ?12\b|\bpkcs12\b|\bjks\b|\bcsr\b|\bcertificate signing request\b|\bcertificate authorit(?:y|ies)\b|\bprivate keys?\b|\bx\.509\b|\bacme protocol\b|\brevocation\b|\bocsp\b|\bcrl\b/i;

/** Explicit statements that the peer's identity is not checked. */
const NO_PEER_VERIFY = [
  /\b(?:does|do|will)\s+not\s+(?:validate|verify|check|authenticate)\b[^.;]{0,30}\b(?:peer|client|server|remote)?\s*certificates?\b/i,
  /\bcertificates?\b[^.;]{0,40}\b(?:is|are)\s+not\s+(?:validated|verified|checked)\b/i,
  /\b(?:certificate (?:validation|verification)|peer verification)\b[^.;]{0,20}\b(?:is|are)\s+(?:disabled|turned off|not performed)\b/i,
  /\b(?:any|all)\s+(?:self-signed\s+)?certificates?\s+(?:is|are)\s+accepted\b|\baccepts?\s+(?:any|all)\s+(?:self-signed\s+)?certificates?\b/i,
  /\banonymous\s+(?:tls|cipher suites?|diffie[- ]hellman|key exchange)\b|\b(?:TLS|SSL)_(?:DH|ECDH)_anon_/i,
];
/** Statements that peers are authenticated by certificate. */
const PEER_VERIFY = [
  /\b(?:mutual(?:ly authenticated)? tls|mtls|two-way tls)\b[^.;]{0,30}\b(?:is\s+)?(?:required|enforced|mandatory|always)\b/i,
  /\b(?:requires?|required|enforces?)\b[^.;]{0,30}\b(?:client|peer|remote)\s+certificates?\b/i,
  /\b(?:validates?|verif(?:y|ies)|checks?)\b[^.;]{0,20}\b(?:the\s+)?(?:peer|client|server|remote)(?:'s)?\s+certificates?\b/i,
  /\bunknown\b[^.;]{0,40}\bcertificates?\b[^.;]{0,30}\b(?:will not be|are not|is not)\s+accepted\b/i,
];

export function extractCertificates(ctx: FactContext): { certificateManagement: boolean | null; peerVerification: boolean | null } {
  const { ev } = ctx;
  let certificateManagement: boolean | null = null;
  let peerVerification: boolean | null = null;
  for (const u of ctx.claimUnits) {
    if (u.enumeration) continue;
    const t = u.text;
    const c = CERTIFICATES.exec(t);
    if (c && !negated(t, c.index, c.index + c[0].length) && (TLS_MENTION.test(t) || /\bcertificate|\bkey ?store|\btrust ?store|\bpkcs/i.test(t))) {
      // Certificates for signatures or a CA download page still describe key handling; web-UI ones too.
      certificateManagement = true;
      ev.push('tls.certificateManagement', u);
    }
    if (NO_PEER_VERIFY.some((re) => re.test(t))) {
      peerVerification = false;
      ev.push('tls.peerVerification', u);
    } else if (PEER_VERIFY.some((re) => re.test(t)) && peerVerification !== false) {
      peerVerification = true;
      ev.push('tls.peerVerification', u);
    }
  }
  if (peerVerification === false) ev.set('tls.peerVerification', ev.get('tls.peerVerification')!.filter((e) => NO_PEER_VERIFY.some((re) => re.test(e.quote ?? ''))));
  const tlsSilent = silentAt(ctx, (s) => /\btls\b|\bsecure transport\b|\btransport layer security\b/i.test(s.title), isSecuritySection);
  ev.fallback('tls.certificateManagement', tlsSilent);
  ev.fallback('tls.peerVerification', tlsSilent);
  return { certificateManagement, peerVerification };
}
