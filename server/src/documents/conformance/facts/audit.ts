// Audit trail: are security audit records produced (from claims), which PS3.15 / IHE profiles, over
// which transports (SYSLOG-TLS, SYSLOG-UDP, other), and are they kept only on the device.
import type { ConformanceStatement } from '../model.js';
import { of, POSITIVE, verdict, type ClaimRecord } from '../claims.js';
import { type FactContext, silentInSecurity, uniq } from './context.js';

const AUDIT_MENTION = /\baudit trail\b|\baudit (?:messages?|records?|record repository|events?|logging|logs?)\b|\batna\b|\bsyslog\b|\brfc ?(?:3881|5424|5425|5426)\b|\baudit message schema\b/i;
const SYSLOG_TLS = /\bsyslog-tls\b|\brfc ?5425\b|\bsyslog over tls\b|\btls[- ]secured tcp\b|\btls\b[^.;|]{0,30}\bsyslog\b|\bsyslog\b[^.;|]{0,30}\btls\b|\b6514\b/i;
const SYSLOG_UDP = /\bsyslog-udp\b|\brfc ?5426\b|\budp\b/i;
const SYSLOG_OTHER = /\brfc ?6587\b|\bplain tcp\b|\bsyslog over tcp\b/i;
/** Audit records that stay on the device: a local file, database or event log, or cannot be exported. */
const LOCAL_ONLY =
  /\b(?:stored|kept|written|saved|logged|logs|recorded|records|maintained|retained)\b[^.;|]{0,40}\b(?:locally|local(?:ly)? (?:log )?files?|(?:a |the )?local (?:database|disk|log|file ?system|folder|drive)|on the (?:device|workstation|local disk|hard (?:disk|drive)|system disk)|(?:a |the )?(?:text |log )files?|windows event log)\b|\blocal (?:audit )?log(?: files?)? only\b|\bonly (?:stored |kept |written )?locally\b|\b(?:cannot|can ?not|are not|is not) (?:be )?(?:exported|forwarded|sent|transmitted)\b/i;

type Audit = ConformanceStatement['audit'];

const auditClaim = (c: ClaimRecord) => c.feature === 'audit-trail' || c.feature === 'audit-remote';

export function extractAudit(ctx: FactContext, profileClaims: ClaimRecord[]): Audit {
  const { ev, claims } = ctx;
  const auditProfiles = uniq(profileClaims.filter((c) => c.def!.group === 'audit').map((c) => c.def!.name));
  const v = verdict(claims, auditClaim);
  let supported = v.value;
  ev.pushClaims('audit.supported', v.claims);
  if (auditProfiles.length) supported = true;

  const transports = new Set<'syslog-tls' | 'syslog-udp' | 'other'>();
  for (const u of ctx.claimUnits) {
    const t = u.text;
    const m = AUDIT_MENTION.test(t);
    const inAudit = u.sections.some((s) => s.kind === 'audit');
    if (!m && !inAudit) continue;
    const denied = claims.some((c) => c.unit === u && auditClaim(c) && !POSITIVE.has(c.polarity)) && !claims.some((c) => c.unit === u && auditClaim(c) && POSITIVE.has(c.polarity));
    if (denied) continue;
    if (SYSLOG_TLS.test(t)) transports.add('syslog-tls');
    if (SYSLOG_UDP.test(t) && /\bsyslog\b|\brfc ?5426\b|\budp\b/i.test(t) && (inAudit || /\bsyslog|audit/i.test(t))) transports.add('syslog-udp');
    if (SYSLOG_OTHER.test(t)) transports.add('other');
    if (SYSLOG_TLS.test(t) || SYSLOG_UDP.test(t) || SYSLOG_OTHER.test(t)) ev.push('audit.transports', u);
  }
  if (auditProfiles.some((p) => /SYSLOG-TLS/.test(p))) transports.add('syslog-tls');
  if (auditProfiles.some((p) => /SYSLOG-UDP/.test(p))) transports.add('syslog-udp');

  // Kept only on the device: produced, no remote transport claimed, and a sentence says where it stays.
  const remote = verdict(claims, of('audit-remote', undefined, { withAbout: true }));
  let localOnly: boolean | null = null;
  if (supported === true) {
    if (remote.value === true || transports.size > 0) localOnly = false;
    else {
      const local = ctx.claimUnits.filter((u) => LOCAL_ONLY.test(u.text) && (AUDIT_MENTION.test(u.text) || /\baudit|\blog/i.test(u.text) || u.sections.some((s) => s.kind === 'audit')));
      if (local.length) {
        localOnly = true;
        for (const u of local) ev.push('audit.localOnly', u);
        for (const c of remote.claims) ev.push('audit.localOnly', c.evidence);
      }
    }
  }
  ev.fallback('audit.supported', silentInSecurity(ctx, (s) => s.kind === 'audit' || s.kind === 'security' || s.kind === 'security-profiles'));
  ev.set('audit.profiles', ev.get('audit.supported')!);
  ev.fallback('audit.transports', ev.get('audit.supported')!);
  ev.fallback('audit.localOnly', ev.get('audit.supported')!);
  return { supported, profiles: auditProfiles, transports: [...transports], localOnly };
}
