// Time synchronisation: NTP / SNTP / the Basic Time Synchronization Profile claimed (from claims),
// denied, or silent; which protocols are named.
import type { ConformanceStatement } from '../model.js';
import { of, verdict } from '../claims.js';
import { type FactContext, isSecuritySection, silentAt, uniq } from './context.js';

const TIME_PROTOCOL = /\b(sntp|ntp|ptp|basic time sync(?:hroni[sz]ation)?)\b/gi;
const STRONG = /time synchroni|ntp client|sntp|basic time sync/i;

export function extractTime(ctx: FactContext): NonNullable<ConformanceStatement['time']> {
  const { ev, claims } = ctx;
  const v = verdict(claims, of('time-sync', undefined, { withAbout: true }));
  let synchronized = v.value;
  const protocols: string[] = [];
  if (synchronized === true) {
    for (const c of v.claims) {
      TIME_PROTOCOL.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = TIME_PROTOCOL.exec(c.unit.text))) protocols.push(/time/i.test(m[1]!) ? 'Basic Time Synchronization Profile' : m[1]!.toUpperCase());
    }
    // The profile claim or the NTP client sentence first; passing mentions after.
    const sorted = [...v.claims].sort((a, b) => Number(STRONG.test(b.unit.text)) - Number(STRONG.test(a.unit.text)));
    ev.pushClaims('time.synchronized', sorted);
  } else if (synchronized === false) ev.pushClaims('time.synchronized', v.claims);
  if (synchronized === null && ctx.ports.some((p) => p.protocol === 'ntp')) {
    synchronized = true;
    protocols.push('NTP');
  }
  const networkSection = (s: { kind?: string; title: string }) => s.kind === 'network-interfaces' || /\badditional protocols\b|\bnetwork interfaces?\b/i.test(s.title);
  ev.fallback('time.synchronized', silentAt(ctx, networkSection, isSecuritySection));
  ev.set('time.protocols', ev.get('time.synchronized')!);
  return { synchronized, protocols: uniq(protocols) };
}
