// Sentence-level polarity of a mention, the NegEx/ConText way: trigger phrases before or after the
// mention, a scope that ends at a clause boundary, and pseudo-triggers ("not only", "not limited to")
// that look like negations but are not. A mention with no trigger in its clause is 'supported'.
//
// Every pattern is bounded ({0,N} gaps, no nested quantifiers): text is one sentence or table row.

export type Polarity = 'supported' | 'not-supported' | 'optional' | 'configurable' | 'planned' | 'unknown';

export interface PolarityResult {
  polarity: Polarity;
  /** The trigger phrase that decided it (null when none: a plain statement). */
  trigger: string | null;
  /** The clause says the feature is required, enforced or cannot be switched off. */
  required: boolean;
}

type Kind = Exclude<Polarity, 'supported' | 'unknown'> | 'required' | 'pseudo';
interface Trigger {
  kind: Kind;
  /** 'pre': applies to mentions after it; 'post': to mentions before it; 'both'. */
  dir: 'pre' | 'post' | 'both';
  re: RegExp;
}

// Order matters: compound phrases first; a match blanks its span so simpler triggers cannot reuse it.
const TRIGGERS: Trigger[] = [
  // Phrases that contain a negation word but do not deny anything.
  { kind: 'pseudo', dir: 'both', re: /\bnot only\b|\bnot (?:be )?limited to\b|\bnot just\b|\bnot necessarily\b|\bno matter\b|\bwhether or not\b|\bif not\b|\bnot all\b|\bno (?:additional|further|extra|special) (?:configuration|setup|cost|charge|license|software|steps?|action)\b|\bnot to be confused\b|\bno-cost\b|\bwithout (?:the need|requiring|any (?:additional|further)|additional|further|loss|affecting|impact|interruption|restart)\b|\b(?:does|do|will) not (?:need|require) (?:any |additional |further |special |extra )?(?:configuration|setup|set-up|licen[cs]e|licensing|installation|software|action|changes|restart)\b|\bno longer requires?\b|\bnot (?:covered|described|discussed) (?:here|in this (?:document|section))\b|\bnot part of the (?:official )?(?:dicom|dicomweb|standard)\S*(?: standard)?\b/gi },
  // Double negatives and obligations: the feature is mandatory.
  { kind: 'required', dir: 'both', re: /\bnot (?:an? )?optional\b|\bcannot be (?:disabled|turned off|switched off|bypassed|deactivated)\b|\bcan ?not be (?:disabled|turned off)\b|\b(?:is|are) (?:always|mandatory|required|enforced)\b|\balways (?:enabled|on|required|enforced|used|active)\b|(?<!\bnot )\bmandatory\b|(?<!\bnot )\benforced\b|(?<!\b(?:not|n't|never) )\brequires?\b|(?<!\bnot )\brequired\b|\bonly (?:over|via|through|with|using)\b|\bexclusively\b/gi },
  // Planned, not yet available.
  { kind: 'planned', dir: 'both', re: /\bnot yet\b|\b(?:in|for) (?:a |an )?(?:future|later|upcoming|subsequent|next) (?:release|version|update|product version)s?\b|\bfuture (?:release|version|update)s?\b|\bplanned\b|\bon the roadmap\b|\broadmap\b|\bwill be (?:supported|available|added|provided|introduced|implemented|offered|enabled)\b|\bunder development\b|\bin development\b|\bcoming soon\b|\bis scheduled for\b|\bbeing (?:considered|evaluated)\b|\bto be (?:supported|added|implemented|introduced)\b|\bnot in (?:this|the current) (?:release|version)\b/gi },
  // Qualified: optional, off by default, not enforced.
  { kind: 'optional', dir: 'both', re: /\boptional(?:ly)?\b|\bas an? (?:option|add-on)\b|\b(?:off|disabled|inactive|deactivated|turned off|switched off) (?:by default|out of the box|in the default (?:configuration|installation|settings))\b|\bnot (?:enabled|active|activated|turned on|switched on|on|used) (?:by default|out of the box|in the default (?:configuration|installation|settings))\b|\bby default[^.;]{0,20}\b(?:off|disabled|not enabled)\b|\b(?:is |are )?not (?:enforced|mandatory|required|obligatory)\b|\b(?:does|do) not (?:require|enforce|mandate)\b|\b(?:may|can|could|might) (?:optionally |also |additionally )?be (?:enabled|activated|turned on|switched on|disabled|turned off|switched off|deactivated|bypassed|used)\b|\b(?:may|can) (?:be )?(?:enable|activate|disable|turn on|turn off)\b|\b(?:if|when|once|where) (?:it is |this is |they are |so )?(?:enabled|activated|configured|turned on|licensed|purchased|installed|requested|desired|required)\b|\bif (?:the )?(?:customer|user|site|administrator|hospital|installer)s?\b|\bat the (?:customer|site|user|hospital)'?s? (?:discretion|request|option)\b|\bon (?:customer )?request\b|\bif desired\b|\b(?:when|if) the url (?:is|starts with|begins with|uses)\b|\bif https\b|\bwhen https is used\b|\b(?:extra[- ]cost|licensed|purchasable|separately licensed) (?:option|feature)\b|\bnot enabled\b|\bsupported but not (?:enabled|active)\b|\bcan also be used\b/gi },
  // Configurable: a setting decides.
  { kind: 'configurable', dir: 'both', re: /\bconfigurable\b|\b(?:can|may|could|must) be configured\b|\b(?:users?|administrators?|admins?|sites?|service engineers?|customers?|installers?) (?:can|may) (?:configure|choose|select|set)\b|\bconfigured (?:via|through|using|in the)\b|\bconfiguration (?:option|setting|parameter)s?\b|\bdepending on (?:the )?(?:configuration|settings)\b/gi },
  // Negations whose scope runs backward.
  { kind: 'not-supported', dir: 'post', re: /\b(?:is|are|was|were|has been|have been)? ?not (?:supported|implemented|available|provided|offered|used|included|present|possible|performed|allowed|permitted|accepted)\b|\bunsupported\b|\bunavailable\b|\bexcluded\b|\b(?:is|are) ignored\b|\bout of scope\b|\bnot in scope\b|\bnot (?:installed|shipped|deployed|present|included|bundled)\b|\b(?:is|are|will be) (?:rejected|refused|blocked|denied|redirected)\b|\b(?:is|are|has been|have been) (?:disabled|removed|deprecated|prohibited|not applicable|turned off)\b|\bdisabled\b|\bdeprecated\b|\bprohibited\b|\bnot applicable\b|\bn\/a\b|\b(?:is|are) (?:the )?(?:sole )?responsibility of the (?:network|customer|hospital|site|operator|user|institution|it department)\b|\b(?:must|has to|have to|should) be (?:provided|handled|ensured) by (?:the )?(?:network|customer|hospital|site|operator|infrastructure|a vpn)\b|\b(?:is|are) left to the (?:network|customer|hospital|site|operator)\b/gi },
  // Negations whose scope runs forward.
  { kind: 'not-supported', dir: 'pre', re: /\bnot\b|\bno\b|\bnever\b|\bnone of\b|\bcannot\b|\bcan't\b|\bdoesn't\b|\bdon't\b|\bisn't\b|\baren't\b|\bwon't\b|\bwithout\b|\bneither\b|\bnor\b|\blacks?\b|\black of\b|\babsence of\b|\bnon-(?=[a-z])|\bexcept(?:ing)? for\b|\bother than\b|\bignores?\b|\b(?:not supported|unsupported|not implemented|not available|excluded|out of scope)\s*:/gi },
];

/** Where a clause ends: sentence punctuation, a contrastive word, or ', and' that starts a new clause. */
const BOUNDARY =
  /[;!?]|(?<!\b(?:e\.g|i\.e|etc|vs|approx|incl))\.(?:\s|$)|\s\|\s|\s(?:but|however|although|though|whereas|while|unless|otherwise|instead|whilst)\b|,\s*yet\b|,\s*(?:and|or|but|so)\s+(?=(?:[\w'-]+\s+){0,5}?(?:is|are|was|were|supports?|provides?|uses?|can|may|will|does|do|has|have|offers?|implements?|accepts?|requires?|allows?|cannot)\b)/gi;

const MAX_PRE_WORDS = 12;
const MAX_POST_WORDS = 10;

/** The clause around text[start, end): [from, to). */
export function clauseAround(text: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = text.length;
  BOUNDARY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BOUNDARY.exec(text))) {
    const bStart = m.index;
    const bEnd = m.index + m[0].length;
    if (bEnd <= start) from = bEnd;
    else if (bStart >= end) {
      to = bStart;
      break;
    }
    if (m[0].length === 0) BOUNDARY.lastIndex++;
  }
  return [from, to];
}

function words(s: string): number {
  const t = s.trim();
  return t ? t.split(/\s+/).length : 0;
}

interface Hit {
  kind: Kind;
  dir: Trigger['dir'];
  start: number;
  end: number;
  text: string;
}

/** Every trigger in a span, compound phrases first, each span used once. */
function triggersIn(text: string): Hit[] {
  const hits: Hit[] = [];
  let masked = text;
  for (const t of TRIGGERS) {
    t.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = t.re.exec(masked))) {
      if (m[0].length === 0) {
        t.re.lastIndex++;
        continue;
      }
      hits.push({ kind: t.kind, dir: t.dir, start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length).trim() });
    }
    // Blank what this trigger kind matched so simpler triggers do not read it again.
    for (const h of hits) if (h.kind === t.kind) masked = masked.slice(0, h.start) + ' '.repeat(h.end - h.start) + masked.slice(h.end);
  }
  return hits.sort((a, b) => a.start - b.start);
}

const LABEL_ANSWER = /^\s*(?:\*\*)?\s*[:=]\s*(no|none|n\/?a|not supported|unsupported|not implemented|not available|false|optional|configurable|planned|future|yes|supported|required|[-—–✗✘❌])(?![\w/])/i;
const REFUSED_AFTER = /\b(?:rejected|refused|denied|blocked|dropped|not (?:accepted|allowed|permitted|possible))\b/i;
const IMPOSSIBLE_BEFORE = /\b(?:cannot|can ?not|not possible|not allowed|not permitted|never|impossible|reject(?:s|ed)?|refuse[sd]?|den(?:y|ies|ied)|block(?:s|ed)?)\b[^.;]{0,40}\bwithout\s*$/i;

/**
 * The polarity of the mention text[start, end) within its clause. `mask` spans (the mention's own
 * wording, e.g. 'cannot be changed' inside 'passwords cannot be changed') are not read as triggers.
 */
export function polarityAt(text: string, start: number, end: number): PolarityResult {
  const [from, to] = clauseAround(text, start, end);
  const hits = triggersIn(text.slice(from, to)).map((h) => ({ ...h, start: h.start + from, end: h.end + from }));
  // A label ('Not supported: B.1, B.2') governs what follows it, whatever its usual direction.
  const label = (h: Hit) => /^\s*:/.test(text.slice(h.end, h.end + 3));
  const pre = hits.filter((h) => h.end <= start && (h.dir === 'pre' || h.dir === 'both' || label(h)) && words(text.slice(h.end, start)) <= MAX_PRE_WORDS);
  const post = hits.filter((h) => h.start >= end && (h.dir === 'post' || h.dir === 'both') && words(text.slice(end, h.start)) <= MAX_POST_WORDS);
  const all = [...pre, ...post].filter((h) => h.kind !== 'pseudo');
  const has = (k: Kind) => all.find((h) => h.kind === k);
  const required = has('required');
  const negPre = pre.find((h) => h.kind === 'not-supported');
  const negPost = post.find((h) => h.kind === 'not-supported');
  // 'connections without TLS are rejected', 'cannot be used without TLS': a double negative.
  if (negPre && /^(?:without|no|non-)$/i.test(negPre.text) && (REFUSED_AFTER.test(text.slice(end, to)) || IMPOSSIBLE_BEFORE.test(text.slice(from, negPre.end)))) {
    return { polarity: 'supported', trigger: negPre.text, required: true };
  }
  // 'TLS: No', 'Security Profiles = None': a label answered.
  const answered = LABEL_ANSWER.exec(text.slice(end, end + 24));
  if (answered) {
    const v = answered[1]!.toLowerCase();
    if (/^(?:optional|configurable)/.test(v)) return { polarity: v.startsWith('optional') ? 'optional' : 'configurable', trigger: answered[0].trim(), required: false };
    if (/^planned|^future/.test(v)) return { polarity: 'planned', trigger: answered[0].trim(), required: false };
    if (!/^(?:yes|supported|required)/.test(v)) return { polarity: 'not-supported', trigger: answered[0].trim(), required: false };
  }
  const planned = has('planned');
  if (planned) return { polarity: 'planned', trigger: planned.text, required: false };
  const neg = negPost ?? negPre;
  if (neg) return { polarity: 'not-supported', trigger: neg.text, required: false };
  const optional = has('optional');
  if (optional && !required) return { polarity: 'optional', trigger: optional.text, required: false };
  const configurable = has('configurable');
  if (configurable && !required) return { polarity: 'configurable', trigger: configurable.text, required: false };
  return { polarity: 'supported', trigger: required?.text ?? null, required: !!required };
}

/** True when the mention is denied or only planned: not a claim of support. */
export function negated(text: string, start: number, end: number): boolean {
  const p = polarityAt(text, start, end).polarity;
  return p === 'not-supported' || p === 'planned';
}

/** Does the sentence, read as a whole, carry a negation/planned trigger (for list introductions)? */
export function sentencePolarity(text: string): Polarity {
  const hits = triggersIn(text).filter((h) => h.kind !== 'pseudo');
  if (hits.some((h) => h.kind === 'planned')) return 'planned';
  if (hits.some((h) => h.kind === 'not-supported')) return 'not-supported';
  if (hits.some((h) => h.kind === 'optional')) return 'optional';
  return 'supported';
}
