// Claims: every statement a conformance statement makes about a security-relevant feature, with a
// polarity (supported, not supported, optional, configurable, planned, unknown), a scope (DIMSE,
// DICOMweb, HL7, web UI, remote service, media, general) and the sentence or table row that states
// it. Fact keys (facts/*.ts) are derived from these, so "does not support TLS" can only ever make
// tls.supported false. See features.ts for the vocabulary, negation.ts and structure.ts for polarity.
import type { Evidence } from '../../core/findings.js';
import { FEATURE_DEFS, scopeAt, type Feature, type FeatureDef, type Scope } from './features.js';
import { incidentalMention, incidentalUnit } from './incidental.js';
import { polarityAt, type Polarity } from './negation.js';
import { findProfiles, PROFILE_FEATURE, type ProfileDef } from './profiles.js';
import { cellPolarity, structuralCues, type StructuralCue } from './structure.js';
import { evidenceOf, type Unit } from './units.js';

export type { Feature, Scope } from './features.js';
export type { Polarity } from './negation.js';

/** What CEL sees in `cs.claims`. */
export interface Claim {
  feature: Feature;
  polarity: Polarity;
  scope: Scope;
  evidence: Evidence;
  /** The phrase or structure that decided the polarity ('does not', 'Not implemented', 'Supported: No'). */
  trigger?: string;
  /** How the polarity was read. */
  source: 'sentence' | 'structure' | 'table' | 'profile';
  /** The clause says it is required / enforced / cannot be switched off. */
  required?: boolean;
  /** A non-DICOM subject the claim is about (TLS for 'syslog', 'ldap', …): not DICOM transport. */
  about?: string;
  /** The PS3.15 profile named, for profile claims. */
  profile?: string;
}

/** A claim with the unit and span it came from, for fact extraction. */
export interface ClaimRecord extends Claim {
  unit: Unit;
  start: number;
  end: number;
  match: string;
  def?: ProfileDef;
}

/** Words that make a bare mention an assertion rather than a passing reference. */
const ASSERTING =
  /\b(?:supports?|supported|support for|synchroni[sz]es?|synchroni[sz]ed|acts?|operates?|runs?|functions? as|works? as|writes?|written|burns?|stores?|stored|logs?|logged|records?|recorded|encrypts?|signs?|signed|generates?|generated|produces?|creates?|maintains?|keeps?|exports?|exported|transmits?|forwards?|enables?|lets|client|server|conforms? to|complies with|compliant|implements?|implemented|provides?|provided|offers?|offered|uses?|used|using|enabled?|available|secured|encrypted|protected|requires?|required|accepts?|accepted|negotiates?|allows?|allowed|permits?|listens?|sends?|sent|receives?|initiates?|responds?|exposes?|serves?|hosts?|includes?|comes with|ships? with|has|have|is|are|via|over|through|can|may|will|must|always|never|no|not|none)\b/i;
/** Sections whose titles make every mention under them a statement about the product. */
const TOPIC_SECTION = /\bwado|\bqido|\bstow|\bups-rs\b|\brest(?:ful)?\b|\bweb\b|\bsecurity\b|\btls\b|\btransport\b|\bencryption\b|\baudit\b|\bauthenticat|\bdicom ?web\b|\bweb services?\b|\bnetwork\b|\bconfiguration\b|\bde-?identif|\banonymi|\bmedia\b|\btime\b|\bremote\b|\bcredentials?\b|\bpasswords?\b/i;

const MAX_CLAIMS = 4000;
const REFERENCE_ONLY = /^(?:see|refer to|for (?:details|more information)|details (?:are|can be found))\b|\b(?:is|are) (?:described|documented|explained) (?:in|elsewhere)\b|\brefer to the\b[^.;]{0,60}\b(?:guide|manual|documentation)\b/i;
const REFUSAL_CODE = /\b40[13]\b|\bunauthori[sz]ed\b|\bnot authori[sz]ed\b|\bforbidden\b|\baccess denied\b/i;
const PEER_BEFORE = /\b(?:remote|peer|other|external|destination|target|receiving|sending|another)\s+(?:dicom\s+)?(?:[\w/-]+\s+)?$/i;
const INNER_NEGATION = /\b(?:not|no|never|cannot|can't|isn't|aren't|without|un(?:encrypted|protected|secured))\b/i;

function cueApplies(cue: StructuralCue | undefined, u: Unit, start: number): boolean {
  if (!cue) return false;
  if (cue.cell === undefined || !u.cells) return true;
  // A row's answer cell governs the other cells, not itself.
  let offset = 0;
  for (let k = 0; k < u.cells.length; k++) {
    const end = offset + u.cells[k]!.length;
    if (start >= offset && start <= end) return k !== cue.cell;
    offset = end + 3;
  }
  return true;
}

function readPolarity(def: Pick<FeatureDef, 'selfAsserting' | 'polarity' | 'needsAssertion'>, u: Unit, start: number, end: number, cue: StructuralCue | undefined): { polarity: Polarity; trigger?: string; source: Claim['source']; required?: boolean } {
  const p = polarityAt(u.text, start, end);
  if (def.polarity === 'not-supported') {
    // 'accepts any calling AE title' denies the restriction — unless that sentence is itself denied.
    if (p.polarity === 'not-supported' || p.polarity === 'planned') return { polarity: 'supported', trigger: p.trigger ?? undefined, source: 'sentence' };
    if (p.polarity === 'optional' || p.polarity === 'configurable') return { polarity: 'optional', trigger: p.trigger ?? undefined, source: 'sentence' };
    return { polarity: 'not-supported', trigger: u.text.slice(start, end), source: 'sentence' };
  }
  if (p.trigger !== null && p.polarity !== 'supported') return { polarity: p.polarity, trigger: p.trigger, source: 'sentence' };
  if (cueApplies(cue, u, start)) return { polarity: cue!.polarity, trigger: cue!.cue, source: cue!.cell !== undefined ? 'table' : 'structure' };
  if (p.trigger !== null || def.selfAsserting) return { polarity: 'supported', trigger: p.trigger ?? undefined, source: 'sentence', required: p.required };
  // A pointer elsewhere ('see the Administrator Guide for TLS settings') states nothing.
  if (REFERENCE_ONLY.test(u.text)) return { polarity: 'unknown', source: 'sentence' };
  // Features where a passing mention would hide a gap (TLS) need an assertion: a verb, a row, a topic section.
  const asserted = !def.needsAssertion || u.kind === 'row' || ASSERTING.test(u.text) || u.sections.some((s) => TOPIC_SECTION.test(s.title));
  return asserted ? { polarity: 'supported', source: 'sentence', required: p.required } : { polarity: 'unknown', source: 'sentence' };
}

/** Every claim in the statement's units, in document order. */
export function extractClaims(units: Unit[]): ClaimRecord[] {
  const cues = structuralCues(units);
  const out: ClaimRecord[] = [];
  for (const u of units) {
    if (out.length >= MAX_CLAIMS) break;
    if (u.kind === 'heading' && !u.frontMatter && !u.template) {
      // A section titled for a DICOMweb service ('Retrieve (WADO-RS)') documents that service.
      const hm = /\b(wado-rs|wado-uri|qido-rs|stow-rs|ups-rs)\b/i.exec(u.text);
      if (hm && polarityAt(u.text, hm.index, hm.index + hm[0].length).polarity === 'supported') {
        out.push({ feature: 'dicomweb-server', polarity: 'supported', scope: 'dicomweb', source: 'structure', trigger: 'section title', unit: u, evidence: evidenceOf(u), start: hm.index, end: hm.index + hm[0].length, match: hm[0] });
      }
      continue;
    }
    if (u.kind === 'heading' || u.frontMatter || u.template || u.enumeration) continue;
    if (incidentalUnit(u)) continue;
    const cue = cues.get(u);
    // A table's first row names its columns ('… | Port | TLS'): labels, not claims — unless a cell answers.
    const headerRow = u.kind === 'row' && !u.header && !(cue && cue.cell !== undefined);
    // The document's own title ('… DICOM Conformance Statement') says nothing about a section's scope.
    const titles = u.sections.filter((s) => !/\bconformance statement\b/i.test(s.title)).map((s) => s.title).join(' | ');
    const seen = new Set<string>();
    const add = (c: Omit<ClaimRecord, 'evidence' | 'unit'>) => {
      // One claim per feature, scope and polarity in a unit; DICOMweb services each keep their name.
      const key = `${c.feature}|${c.scope}|${c.polarity}|${c.profile ?? ''}|${c.about ?? ''}|${c.feature === 'dicomweb-server' ? c.match.toLowerCase() : ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ ...c, unit: u, evidence: evidenceOf(u) });
    };
    // PS3.15 profiles, named or cited by annex.
    const profiles = findProfiles(u.text, titles);
    const profileSpans = profiles.map((p) => [p.start, p.end] as const);
    for (const pm of headerRow ? [] : profiles) {
      const feature = PROFILE_FEATURE[pm.def.group];
      if (!feature) continue;
      const r = readPolarity({ selfAsserting: true }, u, pm.start, pm.end, cue);
      const scope: Scope = feature === 'tls' || feature === 'user-identity' ? 'dimse' : feature === 'media-encryption' ? 'media' : 'general';
      add({ feature, polarity: r.polarity, scope, source: r.source === 'sentence' ? 'profile' : r.source, ...(r.trigger ? { trigger: r.trigger } : {}), profile: pm.def.name, def: pm.def, start: pm.start, end: pm.end, match: u.text.slice(pm.start, pm.end) });
      if (pm.def.id === 'A.6' || pm.def.id === 'A.7' || pm.def.id === 'ATNA') add({ feature: 'audit-remote', polarity: r.polarity, scope: 'general', source: 'profile', profile: pm.def.name, def: pm.def, start: pm.start, end: pm.end, match: u.text.slice(pm.start, pm.end) });
    }
    for (const def of FEATURE_DEFS) {
      def.mention.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = def.mention.exec(u.text))) {
        if (!m[0]) {
          def.mention.lastIndex++;
          continue;
        }
        const start = m.index;
        const end = start + m[0].length;
        if (headerRow) continue;
        // 'to the Remote DICOM Storage SCP': the peer's role, not the product's.
        if ((def.feature === 'dimse-listener' || def.feature === 'dimse-initiator') && PEER_BEFORE.test(u.text.slice(Math.max(0, start - 40), start))) continue;
        // A profile name already spoke for this span ('Basic TLS Secure Transport …').
        if (profileSpans.some(([s, e]) => start >= s && end <= e)) continue;
        if (incidentalMention(u, start, end, { urlSensitive: def.urlSensitive, schemaSensitive: def.schemaSensitive })) continue;
        // 'Optional TLS mutual authentication': the qualifier is about peer authentication, not TLS.
        if (def.feature === 'tls' && /^\s?(?:mutual|client|peer)\s+(?:auth|certificate)/i.test(u.text.slice(end, end + 30))) continue;
        // 'TLS 1.0 is not supported' speaks of a version, not of TLS: versions are facts/tls.ts's business.
        if (def.feature === 'tls' && /^\s?v?(?:1(?:\.[0-3])?|[23](?:\.0)?)\b/i.test(u.text.slice(end, end + 6))) {
          const r = polarityAt(u.text, start, end + 5);
          if (r.polarity === 'not-supported') continue;
        }
        let r = readPolarity(def, u, start, end, cue);
        // '401 (Unauthorized) | the client is not authenticated' describes the refusal: authentication exists.
        if (def.feature === 'authentication' && REFUSAL_CODE.test(u.text)) r = { polarity: 'supported', trigger: REFUSAL_CODE.exec(u.text)![0], source: 'sentence' };
        // A mention whose own gap holds a denial ('associations are not encrypted') is denied.
        if (!def.polarity && !def.selfAsserting && INNER_NEGATION.test(m[0])) r = { polarity: 'not-supported', trigger: INNER_NEGATION.exec(m[0])![0], source: 'sentence' };
        const where = def.scope ? { scope: def.scope } : scopeAt(u.text, start, end, titles);
        add({ feature: def.feature, polarity: r.polarity, scope: where.scope, source: r.source, ...(r.trigger ? { trigger: r.trigger } : {}), ...(r.required ? { required: true } : {}), ...('about' in where && where.about ? { about: where.about } : {}), start, end, match: m[0] });
      }
    }
    // A column named for a feature ('Port | Service | TLS', 'SOP Class | SCU | SCP') answered per row.
    if (u.kind === 'row' && u.cells && u.header && u.header !== u.cells) {
      u.header.forEach((h, k) => {
        const answer = cellPolarity(u.cells![k] ?? '');
        if (!answer) return;
        for (const def of FEATURE_DEFS) {
          if (def.polarity) continue;
          def.mention.lastIndex = 0;
          const hm = def.mention.exec(h);
          const role = /^\s*scp\s*$/i.test(h) ? 'dimse-listener' : /^\s*scu\s*$/i.test(h) ? 'dimse-initiator' : /\buser agent\b|\buser of service\b/i.test(h) ? 'dicomweb-client' : /\borigin server\b|\bprovider of service\b/i.test(h) ? 'dicomweb-server' : null;
          if (role && def.feature !== role) continue;
          if (!hm && !(role && def.feature === role)) continue;
          const where = def.scope ? { scope: def.scope } : scopeAt(u.text, 0, 0, titles);
          add({ feature: def.feature, polarity: answer, scope: where.scope, source: 'table', trigger: `${h}: ${u.cells![k]}`, start: 0, end: 0, match: h });
        }
      });
    }
  }
  return out;
}

/** The claim as the model exposes it (no unit reference, no spans). */
export function publicClaim(c: ClaimRecord): Claim {
  const out: Claim = { feature: c.feature, polarity: c.polarity, scope: c.scope, evidence: c.evidence, source: c.source };
  if (c.trigger) out.trigger = c.trigger;
  if (c.required) out.required = true;
  if (c.about) out.about = c.about;
  if (c.profile) out.profile = c.profile;
  return out;
}

// ---- reading claims into facts --------------------------------------------------------------------

export const POSITIVE: ReadonlySet<Polarity> = new Set(['supported', 'optional', 'configurable']);
export const NEGATIVE: ReadonlySet<Polarity> = new Set(['not-supported', 'planned']);

export interface Verdict {
  /** true: some claim states it (supported, optional, configurable); false: only denials / plans; null: silent. */
  value: boolean | null;
  /** The claims that decided it, best first. */
  claims: ClaimRecord[];
}

/** Decide a boolean fact from claims: a stated capability wins over a denial elsewhere, and silence is null. */
export function verdict(claims: ClaimRecord[], filter: (c: ClaimRecord) => boolean): Verdict {
  const mine = claims.filter(filter);
  const pos = mine.filter((c) => POSITIVE.has(c.polarity));
  if (pos.length) return { value: true, claims: pos };
  const neg = mine.filter((c) => NEGATIVE.has(c.polarity));
  if (neg.length) return { value: false, claims: neg };
  return { value: null, claims: [] };
}

/** Claims of one feature (optionally limited to scopes, and excluding non-DICOM subjects). */
export function of(feature: Feature, scopes?: readonly Scope[], opts: { withAbout?: boolean } = {}): (c: ClaimRecord) => boolean {
  return (c) => c.feature === feature && (!scopes || scopes.includes(c.scope)) && (opts.withAbout || !c.about);
}
