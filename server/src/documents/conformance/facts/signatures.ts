// Digital signatures: PS3.15 signature profiles claimed, and weak hashes (MD5, SHA-1, RIPEMD-160)
// named in a signature or MAC context.
import type { ConformanceStatement } from '../model.js';
import type { ClaimRecord } from '../claims.js';
import { negated } from '../negation.js';
import { type FactContext, silentInSecurity, uniq } from './context.js';

const WEAK_HASH = /\b(md5|sha-?1(?![\d-])|sha1(?!\d)|ripemd-?160)\b/gi;
const SIGNATURE_CONTEXT = /\bdigital signatures?\b|\bsignatures?\b|\bmac algorithm\b|\bsigned\b|\bsigning\b/i;

export function extractSignatures(ctx: FactContext, profileClaims: ClaimRecord[]): ConformanceStatement['signatures'] {
  const { ev } = ctx;
  const sig = profileClaims.filter((c) => c.def!.group === 'signature');
  ev.pushClaims('signatures.profiles', sig);
  const weakHashes: string[] = [];
  for (const u of ctx.claimUnits) {
    if (u.enumeration || !SIGNATURE_CONTEXT.test(u.text)) continue;
    WEAK_HASH.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WEAK_HASH.exec(u.text))) {
      if (negated(u.text, m.index, m.index + m[0].length)) continue;
      const h = m[1]!.toUpperCase();
      weakHashes.push(h.startsWith('MD5') ? 'MD5' : h.startsWith('RIPEMD') ? 'RIPEMD-160' : 'SHA-1');
      ev.push('signatures.weakHashes', u);
    }
  }
  ev.fallback('signatures.profiles', silentInSecurity(ctx, (s) => s.kind === 'security-profiles' || s.kind === 'security'));
  ev.fallback('signatures.weakHashes', ev.get('signatures.profiles')!);
  return { profiles: uniq(sig.map((c) => c.def!.name)), weakHashes: uniq(weakHashes) };
}
