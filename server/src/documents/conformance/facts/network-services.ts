// Networking at all: does the product speak DIMSE (SOP classes, AEs, DICOM ports, C-STORE/C-ECHO,
// associations), and — when it speaks IPv6 — are IPv6 security features or a way to disable it described.
import type { ConformanceStatement } from '../model.js';
import { type FactContext, silentAt } from './context.js';
import { evidenceOf } from '../units.js';

const DIMSE_CLAIM = /\bc-(?:store|find|move|get|echo)\b|\bdimse services\b|\bstorage (?:scp|scu)\b|\b(?:accepts?|initiates?|opens?)\b[^.;]{0,20}\bassociations?\b/i;
const IPV6_SECURITY_USED = /\bipv6\b[^.;]{0,80}\b(?:ipsec|security features?|can be disabled|may be disabled|is disabled|disabled by default|turned off)\b|\b(?:ipsec|disable)\b[^.;]{0,40}\bipv6\b/i;
const IPV6_SECURITY_NONE = /\b(?:does|do)\s+not\s+(?:utili[sz]e|use|support|implement)\b[^.;]{0,80}\bsecurity features of ipv6\b|\bno\s+ipv6 security\b/i;

export function extractNetworkServices(
  ctx: FactContext,
  facts: { sopClasses: unknown[]; applicationEntities: unknown[]; ipv6: boolean | null },
): { dimse: boolean; ipv6Security: boolean | null } {
  const { ev } = ctx;
  let dimse = facts.sopClasses.length > 0 || facts.applicationEntities.length > 0 || ctx.ports.some((p) => p.protocol === 'dicom' || p.protocol === 'dicom-tls');
  let fromText = 0;
  for (const u of ctx.claimUnits) {
    if (u.enumeration) continue;
    if (fromText >= 2) break;
    if (DIMSE_CLAIM.test(u.text)) {
      dimse = true;
      ev.push('dimse', u);
      fromText++;
    }
  }
  if (!fromText) ev.set('dimse', [ctx.docStart]);

  let ipv6Security: boolean | null = null;
  for (const u of ctx.claimUnits) {
    if (u.enumeration || !/\bipv6\b/i.test(u.text)) continue;
    if (IPV6_SECURITY_NONE.test(u.text)) {
      ipv6Security ??= false;
      ev.push('networkInterfaces.ipv6Security', u);
    } else if (IPV6_SECURITY_USED.test(u.text)) {
      ipv6Security = true;
      ev.push('networkInterfaces.ipv6Security', u);
    }
  }
  if (!ev.get('networkInterfaces.ipv6Security')) {
    const ipv6Unit = ctx.claimUnits.find((u) => !u.enumeration && /\bipv6\b/i.test(u.text));
    ev.set('networkInterfaces.ipv6Security', [ipv6Unit ? evidenceOf(ipv6Unit) : silentAt(ctx, (s) => s.kind === 'network-interfaces' || /\badditional protocols\b|\bnetwork interfaces?\b/i.test(s.title))]);
  }
  return { dimse, ipv6Security: facts.ipv6 === true ? ipv6Security : null };
}
