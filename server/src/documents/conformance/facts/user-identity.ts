// DICOM User Identity Negotiation: supported (from claims or a B.4-B.7 profile), denied, silent.
import type { ConformanceStatement } from '../model.js';
import { of, verdict, type ClaimRecord } from '../claims.js';
import { type FactContext, silentInSecurity, uniq } from './context.js';

export function extractUserIdentity(ctx: FactContext, profileClaims: ClaimRecord[]): ConformanceStatement['userIdentity'] {
  const { ev } = ctx;
  const identity = profileClaims.filter((c) => c.def!.group === 'identity');
  const v = verdict(ctx.claims, of('user-identity', undefined, { withAbout: true }));
  const supported = identity.length ? true : v.value;
  ev.pushClaims('userIdentity.supported', v.value === true || !identity.length ? v.claims : identity);
  ev.fallback('userIdentity.supported', silentInSecurity(ctx, (s) => s.kind === 'association-level-security' || s.kind === 'security'));
  ev.set('userIdentity.profiles', ev.get('userIdentity.supported')!);
  return { supported, profiles: uniq(identity.map((c) => c.def!.name)) };
}
