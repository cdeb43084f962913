// Association limits and open C-ECHO: 'no maximum' simultaneous associations, a number stated, and
// Verification answered for any peer.
import type { ConformanceStatement } from '../model.js';
import { type FactContext, isSecuritySection, silentAt } from './context.js';

const UNBOUNDED_ASSOC = [
  /\bno\s+(?:artificial\s+|fixed\s+|configured\s+)?(?:maximum|limit|upper limit)\b[^.;]{0,60}\b(?:simultaneous|concurrent|parallel)?\s*associations\b/i,
  /\bunlimited\b[^.;]{0,30}\b(?:simultaneous|concurrent|parallel)?\s*associations\b/i,
  /\b(?:simultaneous|concurrent)\s+associations\b[^.;]{0,30}\b(?:is|are)\s+(?:unlimited|not limited)\b/i,
];
const BOUNDED_ASSOC = /\b(?:up to|maximum of|max(?:imum)?\.?|at most|limited to)\s+\d{1,6}\b[^.;]{0,40}\bassociations\b|\bassociations\b[^.;]{0,30}\b(?:limited to|up to|maximum of)\s+\d{1,6}\b/i;
const ASSOC_COUNT_ROW = /\b(?:number of|max(?:imum)?(?: number of)?)\s+(?:simultaneous\s+|concurrent\s+)?associations\b/i;
const UNLIMITED_CELL = /^\s*(?:unlimited|no (?:maximum|limit)(?: limit)?|not limited|unbounded|∞)\s*\.?$/i;
const ECHO_ANY = [
  /\b(?:c-echo|verification)\b[^.;]{0,60}\b(?:from|for|to)\s+any\s+(?:calling\s+|remote\s+)?(?:ae|aes|ae titles?|aets?|application entit(?:y|ies)|peers?|nodes?|hosts?|systems?|callers?|clients?|scus?)\b/i,
  /\b(?:responds?|answers?|replies)\s+to\s+(?:c-echo|verification)\b[^.;]{0,40}\b(?:regardless of|without checking)\b/i,
  /\b(?:c-echo|verification)\b[^.;]{0,40}\b(?:is|are)\s+(?:accepted|answered)\s+(?:from|for)\s+(?:all|any|unknown)\b/i,
];

export function extractAssociations(ctx: FactContext): NonNullable<ConformanceStatement['associations']> {
  const { ev } = ctx;
  let unbounded: boolean | null = null;
  let echoFromAnyPeer: boolean | null = null;
  for (const u of ctx.claimUnits) {
    if (u.enumeration) continue;
    const t = u.text;
    const rowUnlimited = u.kind === 'row' && !!u.cells && ASSOC_COUNT_ROW.test(u.cells[0] ?? '') && u.cells.slice(1).some((c) => UNLIMITED_CELL.test(c));
    if (rowUnlimited || UNBOUNDED_ASSOC.some((re) => re.test(t))) {
      unbounded = true;
      ev.push('associations.unbounded', u);
    } else if (unbounded === null && (BOUNDED_ASSOC.test(t) || (u.kind === 'row' && !!u.cells && ASSOC_COUNT_ROW.test(u.cells[0] ?? '') && u.cells.slice(1).some((c) => /^\s*\d{1,6}\b/.test(c))))) {
      unbounded = false;
      ev.push('associations.unbounded', u);
    }
    if (ECHO_ANY.some((re) => re.test(t)) && !/\bonly\b|\bnot\b/i.test(t)) {
      echoFromAnyPeer = true;
      ev.push('associations.echoFromAnyPeer', u);
    }
  }
  if (unbounded === true) ev.set('associations.unbounded', ev.get('associations.unbounded')!.filter((e) => UNBOUNDED_ASSOC.some((re) => re.test(e.quote ?? '')) || /\bunlimited\b|\bno (?:maximum|limit)\b|\bnot limited\b/i.test(e.quote ?? '')));
  ev.fallback('associations.unbounded', silentAt(ctx, (s) => /\bnumber of associations\b/i.test(s.title), (s) => s.kind === 'association-acceptance', isSecuritySection));
  ev.fallback('associations.echoFromAnyPeer', silentAt(ctx, (s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance', isSecuritySection));
  return { unbounded, echoFromAnyPeer };
}
