// Media: export to CD/DVD/USB/removable media or DICOMDIR (from claims), whether media are encrypted
// (Basic DICOM Media Security, "encrypted", or said to be unencrypted), and weak media algorithms.
import type { ConformanceStatement } from '../model.js';
import { of, POSITIVE, verdict } from '../claims.js';
import { type FactContext, isSecuritySection, silentAt, uniq } from './context.js';

const MEDIA_SECTION = /\bmedia (?:interchange|storage|export|services?)\b|\boffline media\b/i;
const MEDIA_UNENCRYPTED = /\bunencrypted\b|\bnot encrypted\b|\bwithout encryption\b|\bin (?:the )?clear\b|\bno encryption\b/i;
const MEDIA_WEAK = /\b(3des|triple[- ]des|sha-?1(?![\d-])|sha1(?!\d))\b/gi;
const MEDIA_AES = /\baes\b|\baes-?(?:128|256)\b|\bsha-?(?:256|384|512)\b/i;
/** Backups, audit logs and configuration files exported are not image media. */
const NOT_MEDIA = /\baudit logs?\b|\blog files?\b|\bservice (?:logs?|files?|data)\b|\bbackups?\b|\bconfiguration\b/i;

export function extractMedia(ctx: FactContext): NonNullable<ConformanceStatement['media']> {
  const { ev, claims } = ctx;
  const exp = verdict(claims, (c) => of('media-export')(c) && !NOT_MEDIA.test(c.unit.text));
  const exported = exp.value === true;
  // A sentence saying so reads better than an overview table row.
  if (exported) ev.pushClaims('media.exported', [...exp.claims].sort((a, b) => Number(a.unit.kind === 'row') - Number(b.unit.kind === 'row')));
  const enc = verdict(claims, of('media-encryption'));
  let encrypted: boolean | null = enc.value;
  // 'Exported studies are not encrypted': an export sentence that says so.
  const clear = claims.filter((c) => c.feature === 'media-export' && POSITIVE.has(c.polarity) && MEDIA_UNENCRYPTED.test(c.unit.text));
  if (clear.length) encrypted = false;
  ev.pushClaims('media.encrypted', clear.length ? clear : enc.claims);
  const securityProfile = claims.some((c) => c.def?.id === 'D.1' && POSITIVE.has(c.polarity));
  const weak: string[] = [];
  let aes = false;
  for (const u of ctx.claimUnits) {
    const mediaish = u.sections.some((s) => MEDIA_SECTION.test(s.title)) || claims.some((c) => c.unit === u && (c.feature === 'media-export' || c.feature === 'media-encryption'));
    if (!mediaish || !/\bmedia security\b|\bencrypt/i.test(u.text)) continue;
    MEDIA_WEAK.lastIndex = 0;
    let w: RegExpExecArray | null;
    while ((w = MEDIA_WEAK.exec(u.text))) {
      weak.push(/des/i.test(w[1]!) ? '3DES' : 'SHA-1');
      ev.push('media.weakAlgorithms', u);
    }
    if (MEDIA_AES.test(u.text)) aes = true;
  }
  const mediaSilent = silentAt(ctx, (s) => MEDIA_SECTION.test(s.title) || /^media\b/i.test(s.title), isSecuritySection);
  ev.fallback('media.exported', mediaSilent);
  ev.fallback('media.encrypted', ev.first('media.exported')!);
  ev.fallback('media.weakAlgorithms', ev.first('media.encrypted')!);
  return { exported, encrypted, weakAlgorithms: aes ? [] : uniq(weak), securityProfile };
}
