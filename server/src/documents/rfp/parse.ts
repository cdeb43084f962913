// TextSource → RfpDraft: the draft's headings, its requirement sentences (shall, must, will
// provide…, and the list items a requirement introduces), and which security topics they demand.
// Sentences and sections are read as conformance statements are (units.ts, sections.ts), and the
// polarity of each mention by the same NegEx reading (negation.ts): "an SBOM is not required" and
// "offerors may optionally supply an SBOM" do not cover the SBOM topic.
import type { TextLine, TextSource } from '../../readers/source.js';
import { polarityAt } from '../conformance/negation.js';
import { buildSections, sectionIndexByLine, sectionLabel } from '../conformance/sections.js';
import { buildUnits, evidenceOf, type Unit } from '../conformance/units.js';
import type { RfpDraft, RfpRequirement, RfpSection, TopicMention } from './model.js';
import { draftTitle, rfpSignals } from './recognise.js';
import { TOPICS } from './topics.js';

/** Words that make a sentence oblige someone. */
const OBLIGATION =
  /\b(?:shall|must|will (?:be )?(?:provide|supply|deliver|maintain|support|notify|include|offer|document|disclose|ensure|make|give|keep|furnish|allow|enable|perform|remediate|patch|encrypt|log|send|forward|submit|respond|warrant|commit)\w*|(?:is|are) required to|agrees? to|undertakes? to|warrants?|commits? to|(?:is|are) (?:responsible|obliged|obligated) (?:for|to)|required|mandatory)\b/i;
const BULLET = /^\s*(?:(?:[-*•+▪◦‣]|\d{1,2}[.)]|[a-z][.)])\s+|[\uF0B7\uF0A7\uF076\uF0D8]\s*)/;
const SECURITY_HEADING = /\bsecurity requirements?\b|\b(?:cyber ?security|information security|security)\b/i;
const ISSUER = /^\s*(?:issued by|issuing (?:organi[sz]ation|agency|authority)|purchaser|buyer|contracting (?:authority|entity))\s*[:|]\s*(.{2,120}?)\s*$/i;
/**
 * Obligation phrases that carry a negation word without denying anything ("notify without undue
 * delay", "no later than 30 days"): blanked before the polarity of a mention is read.
 */
const NOT_A_DENIAL = /\bwithout (?:undue |unreasonable )?delay\b|\bwithout (?:additional |extra )?(?:charge|cost|fee)s?\b|\b(?:in )?no (?:event|case) later than\b|\bno later than\b|\bnot later than\b|\bno (?:less|fewer|more) than\b|\bnot (?:less|fewer|more) than\b/gi;

const MAX_MENTIONS = 2000;
/** Requirements kept in the model (coverage is decided over all of them): what rules see stays bounded. */
const MAX_REQUIREMENTS = 5000;

function blankNonDenials(text: string): string {
  return text.replace(NOT_A_DENIAL, (m) => ' '.repeat(m.length));
}

function stripBullet(text: string): string {
  return text.replace(BULLET, '').trim();
}

/**
 * Requirement units: obliging sentences and rows, and the items of a list a requirement introduces
 * ("The offeror shall provide:"). Readers drop list markers, so an item is a unit that follows the
 * introduction or the previous item with no blank line between them (the first item may follow a
 * blank line); a loose list's later items are then missed, never prose after the list counted.
 */
function requirementUnits(units: Unit[], lines: TextLine[]): Set<Unit> {
  const out = new Set<Unit>();
  let intro: Unit | null = null;
  let previous: Unit | null = null;
  let requirementTable = false;
  // Readers keep line numbers but may drop empty lines: a gap in the numbering is a blank line too.
  const blankBefore = (b: Unit) => {
    const here = lines[b.index];
    const before = lines[b.index - 1];
    return !here || !before || !before.text.trim() || here.line - (before.endLine ?? before.line) > 1;
  };
  for (const u of units) {
    if (u.kind === 'heading') {
      intro = previous = null;
      requirementTable = false;
      continue;
    }
    if (u.frontMatter) continue;
    if (u.kind === 'row') {
      requirementTable = requirementTable || (u.header ?? u.cells ?? []).some((c) => /\brequirements?\b/i.test(c));
      if (u.header && (requirementTable || OBLIGATION.test(u.text))) out.add(u);
      intro = previous = null;
      continue;
    }
    const item = intro !== null && previous !== null && (previous === intro || !blankBefore(u)) && u.index > intro.index;
    if (OBLIGATION.test(u.text) || item) out.add(u);
    if (OBLIGATION.test(u.text) && /:\s*$/.test(u.text)) intro = u;
    else if (!item) intro = null;
    previous = u;
  }
  return out;
}

function section(s: ReturnType<typeof buildSections>['sections'][number]): RfpSection {
  const { kind: _k, ...rest } = s;
  return rest;
}

export function parseRfp(source: TextSource): RfpDraft | null {
  const signals = rfpSignals(source);
  if (!signals.isRfp) return null;
  const { sections, decoration } = buildSections(source.lines);
  const sectionOf = sectionIndexByLine(source.lines.length, sections);
  const units = buildUnits(source.lines, sections, sectionOf, decoration);
  const obliging = requirementUnits(units, source.lines);

  const requirements: RfpRequirement[] = [];
  const mentions: TopicMention[] = [];
  const covered = new Set<string>();
  for (const u of units) {
    if (u.kind === 'heading' || u.frontMatter) continue;
    const isRequirement = obliging.has(u);
    // Patterns match the sentence as written; polarity reads it with non-denials blanked (same offsets).
    const blanked = blankNonDenials(u.text);
    const topics: string[] = [];
    for (const topic of TOPICS) {
      let mentioned = false;
      for (const [pattern, related] of [[topic.mention, false], [topic.related, true]] as const) {
        if (!pattern || mentioned) continue;
        pattern.lastIndex = 0;
        const m = pattern.exec(u.text);
        if (!m) continue;
        if (topic.requires && !related) {
          topic.requires.lastIndex = 0;
          if (!topic.requires.test(u.text)) continue;
        }
        mentioned = true;
        const reading = polarityAt(blanked, m.index, m.index + m[0].length);
        const affirmed = reading.polarity !== 'not-supported' && reading.polarity !== 'optional' && !(reading.polarity === 'planned' && !/^(?:will|to) be\b/i.test(reading.trigger ?? ''));
        const covers = isRequirement && affirmed && !related;
        const why = related ? 'related wording only' : !isRequirement ? 'not a requirement' : !affirmed ? (reading.trigger ?? reading.polarity) : reading.trigger ?? undefined;
        if (covers) {
          topics.push(topic.id);
          covered.add(topic.id);
        }
        if (mentions.length < MAX_MENTIONS) mentions.push({ topic: topic.id, covers, polarity: reading.polarity, ...(why ? { why } : {}), evidence: evidenceOf(u) });
      }
    }
    if (isRequirement && requirements.length < MAX_REQUIREMENTS) {
      requirements.push({ text: stripBullet(u.text), section: sectionLabel(u.section) ?? null, line: u.line, ...(u.page !== undefined ? { page: u.page } : {}), topics });
    }
  }

  const drafted = sections.map(section);
  const securitySection = drafted.find((s) => /\bsecurity requirements?\b/i.test(s.title)) ?? drafted.find((s) => SECURITY_HEADING.test(s.title)) ?? null;
  let issuer: string | null = null;
  for (const l of source.lines.slice(0, 80)) {
    const m = ISSUER.exec(l.text.replace(/\*\*|__/g, ''));
    if (m) {
      issuer = m[1]!.trim();
      break;
    }
  }
  return {
    kind: 'rfp',
    title: draftTitle(source),
    issuer,
    signals: signals.signals,
    sections: drafted,
    requirements,
    covered: TOPICS.map((t) => t.id).filter((id) => covered.has(id)),
    mentions,
    securitySection,
  };
}
