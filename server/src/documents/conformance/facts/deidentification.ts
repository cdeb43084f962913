// De-identification: offered (from claims — a field named "Anonymized" in an audit schema is not a
// claim), the Basic Application Level Confidentiality Profile, and its PS3.15 E.3 options.
import type { ConformanceStatement } from '../model.js';
import { of, POSITIVE, type ClaimRecord } from '../claims.js';
import { findDeidOptions } from '../profiles.js';
import { negated } from '../negation.js';
import { NO_VALUE } from '../structure.js';
import { type FactContext, silentInSecurity, uniq } from './context.js';

const DEID_TITLE = /\bde-?identif\w*|\banonymi[sz]\w*|\bpseudonymi[sz]\w*|\bconfidentiality\b/i;

export function extractDeidentification(ctx: FactContext, profileClaims: ClaimRecord[]): ConformanceStatement['deidentification'] {
  const { ev, claims } = ctx;
  // A mention inside an audit section ('Data exported (anonymised or identifiable)') describes an event, not a feature.
  const mine = claims.filter(of('deidentification', undefined, { withAbout: true })).filter((c) => c.def || !c.unit.sections.some((s) => s.kind === 'audit'));
  const positive = mine.filter((c) => POSITIVE.has(c.polarity));
  const profiles = profileClaims.filter((c) => c.def!.group === 'confidentiality');
  const options: string[] = [];
  for (const u of ctx.claimUnits) {
    if (!positive.some((c) => c.unit === u) && !u.sections.some((s) => DEID_TITLE.test(s.title))) continue;
    // 'Clean Pixel Data Option | No', 'does not support the Clean Graphics Option': not offered.
    if (u.kind === 'row' && u.cells?.some((c) => NO_VALUE.test(c))) continue;
    for (const o of findDeidOptions(u.text)) if (!negated(u.text, o.start, o.end)) options.push(o.name);
  }
  const inDeidSection = ctx.claimUnits.filter((u) => u.sections.some((s) => DEID_TITLE.test(s.title)) && /\bbasic profile\b/i.test(u.text));
  const claimed = positive.length > 0 || profiles.length > 0 || inDeidSection.length > 0;
  ev.pushClaims('deidentification.claimed', positive.filter((c) => !c.def));
  ev.pushClaims('deidentification.claimed', profiles);
  for (const u of inDeidSection) ev.push('deidentification.claimed', u);
  ev.pushClaims('deidentification.profiles', profiles);
  const silent = silentInSecurity(ctx, (s) => s.kind === 'security' || s.kind === 'security-profiles');
  ev.fallback('deidentification.profiles', ev.first('deidentification.claimed') ?? silent);
  ev.fallback('deidentification.claimed', mine.find((c) => !POSITIVE.has(c.polarity))?.evidence ?? silent);
  return { claimed, profiles: uniq(profiles.map((c) => c.def!.name)), options: uniq(options) };
}
