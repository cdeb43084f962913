// Cutting vendor quotes and long lines for a terminal without changing what they say. A quote cut
// right before "not" ("TLS is…" for "TLS is not supported") says the opposite of the vendor, so a
// cut keeps the window around the word that matters: a negation first, else the term the rule is
// about (a word of its title or message found in the quote), and ends at a word boundary.

/** Words that turn a sentence around; a cut never drops one that follows the window. */
const NEGATION = /\b(?:not|no|never|without|none|neither|nor|cannot|can't|won't|isn't|aren't|doesn't|don't|unsupported|disabled)\b/i;
const STOP = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'from', 'are', 'has', 'have', 'does', 'which', 'what', 'when', 'its', 'their', 'any', 'all', 'not', 'nor', 'vendor', 'document', 'statement', 'form']);
const ELLIPSIS = '…';

/** Where the quote matters most: the first negation, else the first word of `terms` found in it (case-insensitive), else its start. */
export function focusIndex(quote: string, terms: string[] = []): number {
  const negation = NEGATION.exec(quote);
  if (negation) return negation.index;
  const lower = quote.toLowerCase();
  for (const raw of terms) {
    for (const word of raw.toLowerCase().split(/[^a-z0-9.-]+/)) {
      if (word.length < 3 || STOP.has(word)) continue;
      const at = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(lower);
      if (at) return at.index;
    }
  }
  return 0;
}

/**
 * The quote in at most about `max` characters (a negation right after the cut is kept, so it may
 * run a word or two over), cut at word boundaries with an ellipsis on each side that was cut,
 * around its focus (see focusIndex).
 */
export function clipQuote(quote: string, max: number, terms: string[] = []): string {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const budget = Math.max(8, max - 2);
  const focus = focusIndex(text, terms);
  // A third of the window before the focus, the rest after it: what follows "not" is what is denied.
  let start = Math.max(0, Math.min(focus - Math.floor(budget / 3), text.length - budget));
  let end = Math.min(text.length, start + budget);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= focus ? start : space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > Math.max(start, focus)) end = space;
    // Never end right before a negation: take it and the word it turns around, dropping words at the start to make room.
    const rest = text.slice(end).trimStart();
    if (NEGATION.exec(rest)?.index === 0) {
      end = Math.min(text.length, end + (text.length - end - rest.length) + rest.split(' ').slice(0, 2).join(' ').length);
      const over = end - start - budget;
      if (over > 0) {
        const space = text.indexOf(' ', start + over);
        start = space === -1 || space >= end ? start + over : space + 1;
      }
    }
  }
  return `${start > 0 ? ELLIPSIS : ''}${text.slice(start, end).trim()}${end < text.length ? ELLIPSIS : ''}`;
}

/** Text broken into lines of at most `width` characters at spaces (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > w) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}
