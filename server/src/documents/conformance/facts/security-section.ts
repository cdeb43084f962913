// The Security section itself and the PS3.15 profiles claimed: is there a section, does it say
// anything, does the statement say it conforms to no profile at all.
import type { ConformanceStatement } from '../model.js';
import type { ClaimRecord } from '../claims.js';
import { POSITIVE } from '../claims.js';
import { sectionEvidence } from '../units.js';
import { type FactContext, isSecuritySection, silentInSecurity, uniq } from './context.js';

/** The body of a section that says nothing. */
export const EMPTY_BODY = /^\s*(?:not applicable|n\/a|none|not supported|tbd|-|–)\s*\.?\s*$/i;

/** Statements that no PS3.15 security profile (or no security measure at all) is supported. */
const NO_PROFILES = [
  /\b(?:does|do)\s+not\s+(?:conform|comply)\s+to\s+any\b[^.;]{0,30}\bsecurity profiles?\b/i,
  /\bconforms?\s+to\s+no\b[^.;]{0,20}\bsecurity profiles?\b/i,
  /\bno\s+(?:dicom\s+|ps\s?3\.15\s+)?security (?:profiles?|measures|features|mechanisms)\s+(?:are\s+|is\s+)?(?:supported|implemented|provided|offered|available)\b/i,
  /\b(?:does|do)\s+not\s+(?:support|implement|provide|offer)\s+any\b[^.;]{0,30}\b(?:security profiles?|security measures|security features|security mechanisms)\b/i,
  /\bnone of the\b[^.;]{0,30}\bsecurity profiles?\b[^.;]{0,20}\b(?:is|are)\s+(?:supported|implemented)\b/i,
  /\bsecurity(?: profiles?| measures| features)?\s*[:|]\s*(?:none|n\/a|not supported|not applicable|not implemented|no)\s*\.?\s*(?:\||$)/i,
  /\b(?:security profiles?|security measures)\b[^.;]{0,20}\b(?:is|are)\s+not\s+(?:supported|implemented|provided)\b/i,
];

export type SecuritySectionFacts = Pick<ConformanceStatement, 'securitySection' | 'securityProfiles' | 'securityProfilesNone'> & {
  /** Positive profile claims (for the groups that read them). */
  profileClaims: ClaimRecord[];
};

export function extractSecuritySection(ctx: FactContext): SecuritySectionFacts {
  const { units, sections, ev } = ctx;
  const secSections = sections.filter(isSecuritySection);
  const topSecurity = secSections.find((s) => s.kind === 'security') ?? secSections[0] ?? null;
  let empty = true;
  let notApplicable = false;
  for (const s of secSections) {
    const body = units.filter((u) => u.kind !== 'heading' && u.index > s.startLine && u.index < s.endLine);
    const real = body.filter((u) => !u.template && !EMPTY_BODY.test(u.text));
    if (body.some((u) => EMPTY_BODY.test(u.text))) notApplicable = true;
    if (real.length) empty = false;
  }
  const securitySection = {
    present: secSections.length > 0,
    empty: secSections.length > 0 ? empty : true,
    title: topSecurity ? topSecurity.title : null,
    notApplicable: secSections.length > 0 && empty && notApplicable,
  };
  ev.set('securitySection', [topSecurity ? sectionEvidence(topSecurity) : ctx.docStart]);

  const profileClaims = ctx.claims.filter((c) => c.def && POSITIVE.has(c.polarity));
  const securityProfiles = uniq(profileClaims.map((c) => c.def!.name));
  ev.pushClaims('securityProfiles', profileClaims);

  let securityProfilesNone = false;
  for (const u of ctx.claimUnits) {
    if (NO_PROFILES.some((re) => re.test(u.text))) {
      securityProfilesNone = true;
      ev.push('securityProfilesNone', u);
    }
  }
  // A Security (Profiles) section whose whole body is 'Not applicable' / 'None'.
  for (const s of secSections) {
    const body = units.filter((u) => u.kind !== 'heading' && u.index > s.startLine && u.index < s.endLine);
    if (body.length > 0 && body.every((u) => EMPTY_BODY.test(u.text))) {
      securityProfilesNone = true;
      ev.push('securityProfilesNone', body[0]!);
    }
  }
  // Claiming a security profile (not merely LDAP configuration or time sync) contradicts 'none'.
  if (profileClaims.some((c) => !['network', 'time', 'config'].includes(c.def!.group))) securityProfilesNone = false;
  if (!ev.get('securityProfiles')) ev.set('securityProfiles', [ev.first('securityProfilesNone') ?? silentInSecurity(ctx, (s) => s.kind === 'security-profiles')]);
  // 'Supports no security measures' is the sentence that shows the gap, not an LDAP or NTP profile named elsewhere.
  else if (securityProfilesNone) ev.set('securityProfiles', [...(ev.get('securityProfilesNone') ?? []), ...ev.get('securityProfiles')!]);
  return { securitySection, securityProfiles, securityProfilesNone, profileClaims };
}
