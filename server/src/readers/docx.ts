// Placeholder until the reader lands: fails closed.
import { UnreadableError } from '../core/errors.js';
import type { TextSource } from './source.js';

export async function readDocx(_bytes: Uint8Array): Promise<TextSource> {
  throw new UnreadableError('this format is not readable yet', 'unsupported');
}
