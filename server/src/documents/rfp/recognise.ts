// Is this text a request for proposal? Content decides: the title or body names a request for
// proposal (or tender), and the text reads like one: proposals due by a date, what the offeror
// shall do, a scope of work, evaluation criteria. A conformance statement, an MDS2 form or a
// security guide mentions none of these together.
import type { TextSource } from '../../readers/source.js';

export interface RfpSignals {
  isRfp: boolean;
  signals: string[];
}

const TITLE = /\brequests? for (?:proposals?|tenders?|quotations?)\b|\bRF[PQT]\b|\binvitation to (?:tender|bid)\b|\btender (?:document|specification)s?\b/i;
const BODY: [string, RegExp][] = [
  ['request-for-proposal', /\brequests? for proposals?\b|\bRFP\b|\binvitation to (?:tender|bid)\b/i],
  ['due-date', /\bproposals? (?:are |is |must be |shall be )?(?:due|submitted (?:by|no later than))\b|\b(?:submission|response|proposal|tender) (?:deadline|due date)\b|\bdeadline for (?:submissions?|proposals|responses)\b|\bclosing date\b/i],
  ['offeror-shall', /\b(?:offerors?|bidders?|respondents?|proponents?|tenderers?)(?:'s?)?\s+(?:\w+\s+){0,2}?(?:shall|must|will|should|is required to|are required to)\b/i],
  ['scope-of-work', /\bscope of (?:work|services|supply)\b|\bstatement of work\b/i],
  ['evaluation-criteria', /\bevaluation criteria\b|\bproposals? will be (?:evaluated|scored)\b|\bscoring (?:criteria|matrix)\b|\bbasis (?:of|for) (?:the )?award\b/i],
];

const MAX_SCAN = 400_000;

/** The first heading near the top, else the first non-empty line. */
export function draftTitle(source: TextSource): string | null {
  const heading = source.lines.slice(0, 40).find((l) => l.heading !== undefined && l.text.trim());
  const first = source.lines.find((l) => l.text.trim() && !/^(?:-{3}|\+{3})$/.test(l.text.trim()));
  return (heading ?? first)?.text.trim().slice(0, 200) || null;
}

const memo = new WeakMap<TextSource, RfpSignals>();

export function rfpSignals(source: TextSource): RfpSignals {
  const known = memo.get(source);
  if (known) return known;
  const title = draftTitle(source) ?? '';
  let text = '';
  for (const l of source.lines) {
    if (text.length > MAX_SCAN) break;
    text += `${l.text}\n`;
  }
  const signals: string[] = [];
  if (TITLE.test(title)) signals.push('title');
  for (const [name, pattern] of BODY) if (pattern.test(text)) signals.push(name);
  const named = signals.includes('title') || signals.includes('request-for-proposal');
  const shape = signals.filter((s) => s !== 'title' && s !== 'request-for-proposal').length;
  // Named as one and shaped like one: a titled draft needs one more signal, a draft that only
  // mentions an RFP in its body two (a security guide may advise what to put in an RFP).
  const result = { isRfp: named && (signals.includes('title') ? shape >= 1 : shape >= 2), signals };
  memo.set(source, result);
  return result;
}
