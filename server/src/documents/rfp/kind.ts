// The RFP draft as a document kind: recognised from content (recognise.ts), reviewed by rules
// that ask which security requirement topics the draft covers.
import type { Evidence } from '../../core/findings.js';
import type { DocumentKindEntry } from '../kinds.js';
import type { RfpDraft, RfpSection } from './model.js';
import { parseRfp } from './parse.js';
import { topicDef, TOPICS } from './topics.js';

function label(s: RfpSection): string {
  return s.number ? `${s.number} ${s.title}` : s.title;
}

function sectionEvidence(s: RfpSection, path?: string): Evidence {
  return { path, section: label(s), line: s.location.line, ...(s.location.page !== undefined ? { page: s.location.page } : {}), quote: label(s) };
}

/** Where missing requirements belong: the security requirements heading, else the draft's start. */
export function rfpFallbackEvidence(draft: RfpDraft, path?: string): Evidence {
  if (draft.securitySection) return sectionEvidence(draft.securitySection, path);
  const first = draft.sections[0];
  return first ? sectionEvidence(first, path) : { path, section: 'document start', line: 1 };
}

/**
 * Evidence for `topic.<id>`: the sentences that mention the topic without demanding it (a denial
 * first), else the most specific heading where it belongs. Empty when neither exists.
 */
export function rfpTopicEvidence(draft: RfpDraft, key: string, path?: string): Evidence[] {
  const id = key.startsWith('topic.') ? key.slice('topic.'.length) : key;
  const def = topicDef(id);
  if (!def) return [];
  const rank = (p: string) => (p === 'not-supported' ? 0 : p === 'optional' ? 1 : 2);
  const loose = draft.mentions.filter((m) => m.topic === id && !m.covers).sort((a, b) => rank(a.polarity) - rank(b.polarity));
  if (loose.length) return loose.slice(0, 5).map((m) => ({ ...m.evidence, path }));
  // A heading that names the topic beats the generic security heading.
  const titled = draft.sections.filter((s) => { def.section.lastIndex = 0; return def.section.test(s.title); });
  const specific = titled.find((s) => !/^\W*(?:\d[\d.]*\s+)?(?:security|security requirements?)\W*$/i.test(s.title)) ?? null;
  const at = specific ?? draft.securitySection ?? titled[0];
  return at ? [sectionEvidence(at, path)] : [];
}

export const rfpKind: DocumentKindEntry<RfpDraft> = {
  id: 'rfp',
  recognise: (source) => (source.kind === 'text' ? parseRfp(source) : null),
  celVariables: ['rfp'],
  variables(draft) {
    const { mentions, sections, securitySection, ...rest } = draft;
    return {
      rfp: {
        ...rest,
        sections: sections.map(label),
        securitySection: securitySection ? label(securitySection) : null,
        mentions: mentions.map((m) => ({ topic: m.topic, covers: m.covers, polarity: m.polarity })),
      },
    };
  },
  citation: 'fact',
  cite: rfpTopicEvidence,
  fallbackEvidence: rfpFallbackEvidence,
  startEvidence: (_draft, path) => ({ path, section: 'document start', line: 1 }),
  title: (draft) => [draft.issuer, draft.title].filter((s): s is string => !!s),
  reviewerOwned: true,
  inspect: (draft) => ({ ...draft, topics: TOPICS.map((t) => ({ id: t.id, title: t.title, covered: draft.covered.includes(t.id) })) }),
  view: {
    title: () => 'RFP draft',
    facts: (draft) => [
      ['Title', draft.title],
      ['Issued by', draft.issuer],
      ['Requirements', String(draft.requirements.length)],
      ['Security topics covered', `${draft.covered.length} of ${TOPICS.length}`],
    ],
    sections: (draft) => draft.sections.map((s) => ({ title: label(s), location: s.location })),
  },
};
