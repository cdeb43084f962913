// Vendor text (file names, quotes, section titles, messages that quote them) made safe for the
// medium it is printed to. A vendor names a file or writes a heading; the reviewer's terminal,
// Markdown viewer or code-scanning dashboard must never execute it as markup or control codes.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Characters a terminal acts on or that reorder what the reader sees: C0 controls (ESC starts
 * CSI/OSC sequences, CR rewrites a line, BEL, backspace), DEL, C1 controls (U+009B is a one-byte
 * CSI), bidirectional overrides and isolates (U+202E shows "fdp.exe" as "exe.pdf"), and the line
 * and paragraph separators. Newline and tab are kept or not by the caller.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ue000\ue001]/g;
const TERMINAL_UNSAFE_KEEP_NL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of vendor text for a terminal: every control, bidi and separator character shown escaped (`\x1b`, `\r`, `\u202e`). */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_UNSAFE, visible);
}

/** A whole block of output for a terminal: as terminalText, but newlines stay line breaks. */
export function terminalBlock(text: string): string {
  return text.replace(TERMINAL_UNSAFE_KEEP_NL, visible);
}

/**
 * Colour codes are written as two private-use characters around the SGR number and become real
 * escape sequences only after the whole output has been cleaned by terminalBlock. Vendor strings
 * pass through terminalText, which escapes these characters too, so a vendor cannot forge one;
 * and only the styles we use are ever turned into codes (never, say, 8: concealed text).
 */
export const SGR_OPEN = '\ue000';
export const SGR_CLOSE = '\ue001';
const OUR_STYLES = new Set(['0', '1', '2', '4', '31', '32', '33', '36']);
export function applyColours(cleaned: string): string {
  return cleaned.replace(/\ue000(\d{0,2})\ue001|[\ue000\ue001]/g, (whole, code: string | undefined) => (code !== undefined && OUR_STYLES.has(code) ? `\x1b[${code}m` : ''));
}

/**
 * Vendor text as inert Markdown inside a line (never at its start): the characters that make
 * emphasis, links and images, code, strikethrough, table cells and heading marks are
 * backslash-escaped ('!', '(', '-' mean nothing once '[' and line starts are out of reach), HTML's
 * become entities so no tag opens, controls go, line breaks become spaces, and URL and e-mail
 * shapes are broken so GitHub-flavoured autolinking does not make links of them.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '&#58;')
    .replace(/(www)\./gi, '$1&#46;')
    .replace(/@/g, '&#64;');
}

/** Vendor text on one line of a generated file's comment (nftables, shell): no line break, control or bidi character survives to start a line of its own. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\u0085]+/g, ' ');
}

/**
 * A CSV cell on one line: quoted, quotes doubled, controls and line breaks as spaces, and a cell a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return, after any spaces) prefixed with an apostrophe.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  s = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  if (/^[\s]*[=+\-@\t\r]/.test(s) || /^[\uff1d\uff0b\uff0d\uff20]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Vendor text as a Markdown code span (a file path): literal, whatever backticks it holds. */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside the fence when the text starts or ends with a backtick (CommonMark strips one).
  const pad = /^`|`$/.test(flat) || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A SARIF artifact URI for a file: relative to `cwd` (percent-encoded segment by segment: spaces,
 * '#', '%', '?', ':' and non-ASCII), or a file: URI when the file lies outside it.
 */
export function artifactUri(file: string, cwd: string): string {
  // Lone surrogates (never in a real file name, but a string may hold one) would make encodeURIComponent throw.
  file = file.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return rel.split(path.sep).map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  }
  return pathToFileURL(file).href;
}

/** Vendor text as HTML text or an attribute value: markup characters as entities, control characters dropped. */
export function htmlText(text: string | number | undefined): string {
  return String(text ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
