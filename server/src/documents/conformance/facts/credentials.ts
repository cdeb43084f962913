// Credentials: a documented default password, a fixed / hard-coded / unchangeable one (both from
// claims: "there are no default passwords" makes them false, never true).
import type { ConformanceStatement } from '../model.js';
import { of, verdict } from '../claims.js';
import { type FactContext, silentInSecurity } from './context.js';

export function extractCredentials(ctx: FactContext): ConformanceStatement['credentials'] {
  const { ev, claims } = ctx;
  const def = verdict(claims, of('default-password', undefined, { withAbout: true }));
  const fixed = verdict(claims, of('fixed-password', undefined, { withAbout: true }));
  const either = def.value === true || fixed.value === true ? true : def.value === false || fixed.value === false ? false : null;
  ev.pushClaims('credentials.defaultPassword', def.claims);
  ev.pushClaims('credentials.fixedPassword', fixed.claims);
  if (either === true) ev.pushClaims('credentials.defaultOrFixed', [...(fixed.value ? fixed.claims : []), ...(def.value ? def.claims : [])]);
  else ev.pushClaims('credentials.defaultOrFixed', [...def.claims, ...fixed.claims]);
  const silent = silentInSecurity(ctx, (s) => s.kind === 'application-level-security' || s.kind === 'security');
  for (const k of ['credentials.defaultOrFixed', 'credentials.defaultPassword', 'credentials.fixedPassword']) ev.fallback(k, silent);
  return { defaultOrFixed: either, defaultPassword: def.value, fixedPassword: fixed.value };
}
