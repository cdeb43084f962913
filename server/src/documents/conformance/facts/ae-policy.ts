// Association-level policy: does the product accept any calling AE title or only known ones (and is
// that restriction the default or an option), is the called AE title checked, the requestor's IP
// address, and are C-MOVE destinations limited.
import type { ConformanceStatement } from '../model.js';
import { negated } from '../negation.js';
import type { Unit } from '../units.js';
import { type FactContext, silentInSecurity } from './context.js';

/** Any AE (title / node / system) accepted. */
const ACCEPT_ANY = [
  /\baccepts?\b[^.;]{0,50}\b(?:associations?|association requests?|requests?|connections?)\b[^.;]{0,20}\bfrom any\b[^.;]{0,30}\b(?:calling\s+|remote\s+)?(?:ae|aes|ae titles?|aets?|application entit(?:y|ies)|systems?|nodes?|hosts?|scus?|peers?|devices?|clients?)\b/i,
  /\b(?:accepts?|accepted)\b[^.;]{0,40}\b(?:any|all)\s+(?:calling\s+|remote\s+)?(?:ae titles?|aets?|aes|ae|application entit(?:y|ies))\b/i,
  /\b(?:calling|remote)\s+ae[- ]?titles?\s+(?:is|are)\s+not\s+(?:checked|verified|validated|restricted|used)\b/i,
  /\b(?:does|do)\s+not\s+(?:check|verify|validate|restrict)\b[^.;]{0,20}\bcalling ae\b/i,
  /\bno\s+(?:restrictions?|checks?|checking|validation)\s+(?:is\s+|are\s+)?(?:made\s+|performed\s+|applied\s+)?(?:on|of|based on|for)\s+(?:the\s+)?(?:calling\s+)?(?:ae|ae titles?|aets?)\b/i,
  /\bpromiscuous\b/i,
  /\b(?:any|all) (?:calling |remote )?(?:ae[- ]titles?|aets?|aes|application entit(?:y|ies))\b[^.;]{0,30}\b(?:is|are|will be) accepted\b/i,
];
/** Restrictions on who may open an association. */
const RESTRICT = [
  /\bonly\b[^.;]{0,60}\b(?:calling ae[- ]?titles?|ae[- ]?titles?|aets?|ip[- ]addresses|known (?:aes|nodes|hosts|systems|peers)|configured (?:aes|nodes|hosts|systems|peers|remote)|registered (?:aes|nodes|systems))\b/i,
  /\b(?:unknown|unregistered|unconfigured|unlisted|unauthori[sz]ed)\s+(?:calling\s+|remote\s+)?(?:aes|ae titles?|aets?|nodes|peers|hosts|systems|application entities)\b[^.;]{0,30}\b(?:are|is|will be)\s+(?:rejected|refused|denied)\b/i,
  /\brejects?\b[^.;]{0,50}\b(?:unknown|unregistered|unconfigured|unlisted)\b/i,
  /\bwhose\s+ae[- ]?title\s+is\s+(?:registered|configured|known|listed)\b/i,
  /\b(?:white|allow)[- ]?list(?:ing|ed)?\b[^.;]{0,40}\b(?:ae|aes|ae titles?|aets?|ip)\b|\b(?:ae|ae titles?|aets?)\b[^.;]{0,40}\b(?:white|allow)[- ]?list/i,
  /\bae[- ]?title validation\b|\bvalidat(?:es?|ion of) the calling ae/i,
  /\bchecks?\b[^.;]{0,40}\bcalling ae[- ]?titles?\b/i,
  /\brestrict(?:s|ed|ing)?\b[^.;]{0,40}\b(?:known|configured|registered|listed) (?:calling )?(?:ae[- ]titles?|aets?|aes|application entities|nodes|peers|systems)\b/i,
];
const CALLED_CHECKED = /\b(?:checks?|verif(?:y|ies)|validates?)\b[^.;]{0,60}\bcalled ae[- ]?title\b|\bcorrect called ae[- ]?title\b/i;
const CALLED_NOT_CHECKED = /\bcalled ae[- ]?title\s+(?:is|are)\s+(?:ignored|not checked|not verified|not validated)\b/i;
const IP_CHECKED = /\b(?:ip[- ]address(?:es)?|host ?names?)\b[^.;]{0,50}\b(?:checked|verified|validated|restricted|configured list)\b|\b(?:checks?|verif(?:y|ies)|restrict)\b[^.;]{0,40}\bip[- ]address/i;
const MOVE_RESTRICTED = /\b(?:limited|restricted|configured|known)\b[^.;]{0,40}\bmove destinations?\b|\bmove destinations?\b[^.;]{0,40}\b(?:limited|restricted|must be (?:configured|known))\b/i;
const MOVE_OPEN = /\b(?:any|arbitrary|unrestricted)\s+(?:c-move\s+)?(?:move\s+)?destinations?\b|\bmove destinations?\s+(?:are|is)\s+not\s+restricted\b/i;
/** "can be configured", "optionally": a possibility, not the default. */
const OPTIONAL_CUE = /\b(?:users?|administrators?|sites?)\s+(?:can|may)\s+configure\b|\b(?:can|may|could)\s+(?:be\s+)?(?:changed|configured|constrained|restricted|limited|set|enabled|switched)\b|\boptional(?:ly)?\b|\bif configured\b|\bwhen configured\b/i;
const DENIED_BEFORE = /\b(?:does|do|will|can|is|are|has|have)\s?n(?:o|')t\b[^.;,]{0,40}$|\b(?:never|cannot|no)\b[^.;,]{0,30}$/i;
const DEFAULT_CUE = /\bby default\b|\bdefault(?:s)?\s+(?:is|are|to|setting|configuration)\b|\bout of the box\b/i;

export function extractAePolicy(ctx: FactContext): ConformanceStatement['aeTitlePolicy'] {
  const { ev } = ctx;
  const claims = ctx.claimUnits;
  const assocCtx = (u: Unit) =>
    u.sections.some((s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance' || s.kind === 'security' || s.kind === 'security-profiles') ||
    /\bassociations?\b|\bae[- ]?titles?\b|\baets?\b|\bcalling\b/i.test(u.text);
  const anyUnits: Unit[] = [];
  const anyDefault: Unit[] = [];
  const restrictUnits: Unit[] = [];
  let restrictionConfigurable: boolean | null = null;
  let calledChecked: boolean | null = null;
  let ipChecked: boolean | null = null;
  let moveRestricted: boolean | null = null;
  for (let k = 0; k < claims.length; k++) {
    const u = claims[k]!;
    if (!assocCtx(u)) continue;
    const t = u.text;
    const restrictMatch = RESTRICT.map((re) => re.exec(t)).find((m) => m !== null) ?? null;
    // 'does not restrict to known AE titles' denies the restriction it names.
    // Only a negation before it denies it ('does not restrict to known AEs'); 'unknown AEs will be rejected' affirms it.
    const restrictDenied = restrictMatch !== null && DENIED_BEFORE.test(t.slice(Math.max(0, restrictMatch.index - 50), restrictMatch.index)) && !/\bnot\b[^.;]{0,15}\bonly\b/i.test(t.slice(Math.max(0, restrictMatch.index - 20), restrictMatch.index + 5));
    const restrict =
      (restrictMatch !== null && !restrictDenied && !/\bmove destinations?\b/i.test(t.replace(/\bcalling ae[- ]?titles?\b.*/i, ''))) ||
      (/\b(?:to|can|may|will)?\s*checks? the following\b/i.test(t) && claims.slice(k + 1, k + 3).some((n) => /\bcalling\b[^.;|]{0,20}\bae[- ]?title\b/i.test(n.text)));
    const any = ACCEPT_ANY.some((re) => re.test(t)) || restrictDenied;
    if (any && !restrict) {
      const optional = OPTIONAL_CUE.test(t) && !DEFAULT_CUE.test(t);
      if (!optional) {
        anyUnits.push(u);
        if (DEFAULT_CUE.test(t)) anyDefault.push(u);
      }
    } else if (restrict) {
      restrictUnits.push(u);
      if (OPTIONAL_CUE.test(t) && !/\bby default\b/i.test(t)) restrictionConfigurable ??= true;
      else if (!/\bcan\b|\bmay\b/i.test(t)) restrictionConfigurable = false;
    }
    if (CALLED_NOT_CHECKED.test(t)) calledChecked = false;
    else if (CALLED_CHECKED.test(t) && calledChecked === null) calledChecked = true;
    if (calledChecked !== null && (CALLED_CHECKED.test(t) || CALLED_NOT_CHECKED.test(t))) ev.push('aeTitlePolicy.calledAeTitleChecked', u);
    const ip = IP_CHECKED.exec(t);
    if (ip && !negated(t, ip.index, ip.index + ip[0].length)) {
      ipChecked = true;
      ev.push('aeTitlePolicy.ipAddressChecked', u);
    }
    if (MOVE_OPEN.test(t)) {
      moveRestricted = false;
      ev.push('aeTitlePolicy.moveDestinationsRestricted', u);
    } else if (MOVE_RESTRICTED.test(t) && moveRestricted === null) {
      moveRestricted = true;
      ev.push('aeTitlePolicy.moveDestinationsRestricted', u);
    }
  }
  let acceptsAny: boolean | null = null;
  if (anyDefault.length) acceptsAny = true;
  else if (restrictUnits.length) acceptsAny = false;
  else if (anyUnits.length) acceptsAny = true;
  const aeKey = 'aeTitlePolicy.acceptsAnyCallingAeTitle';
  if (acceptsAny === true) for (const u of anyDefault.length ? anyDefault : anyUnits) ev.push(aeKey, u);
  else if (acceptsAny === false) for (const u of restrictUnits) ev.push(aeKey, u);
  else ev.set(aeKey, [silentInSecurity(ctx, (s) => s.kind === 'association-level-security' || s.kind === 'association-acceptance')]);
  const silentAssoc = ev.first(aeKey)!;
  for (const k of ['aeTitlePolicy.calledAeTitleChecked', 'aeTitlePolicy.ipAddressChecked', 'aeTitlePolicy.moveDestinationsRestricted']) ev.fallback(k, silentAssoc);
  return {
    acceptsAnyCallingAeTitle: acceptsAny,
    restrictionConfigurable: acceptsAny === false ? restrictionConfigurable : null,
    calledAeTitleChecked: calledChecked,
    ipAddressChecked: ipChecked,
    moveDestinationsRestricted: moveRestricted,
  };
}
