// Text formats (decoded already) → TextSource. Each format has its own module; none of them
// renders, executes or fetches anything.
import { UnreadableError } from '../core/errors.js';
import type { TextFormat, TextSource } from './source.js';
import { readMarkdown } from './markdown.js';
import { readPlainText } from './plaintext.js';
import { readRst } from './rst.js';
import { readHtml } from './html.js';
import { readXml } from './xml.js';
import { readLatex } from './latex.js';

export function readText(text: string, format: TextFormat): TextSource {
  switch (format) {
    case 'markdown':
      return readMarkdown(text);
    case 'text':
      return readPlainText(text);
    case 'rst':
      return readRst(text);
    case 'html':
      return readHtml(text);
    case 'xml':
      return readXml(text);
    case 'latex':
      return readLatex(text);
    default:
      throw new UnreadableError(`no text reader for the ${format} format`, 'unsupported');
  }
}
