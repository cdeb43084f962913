// The one engine behind every face: read → recognise → evaluate rules → waivers → cross checks.
import path from 'node:path';
import { UnreadableError, UsageError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { Finding } from '../core/findings.js';
import { FileReadError, readFileBounded } from '../core/read-file.js';
import type { DocumentReview, ReviewReport } from './report.js';
import { effectiveConfig, type ConfigOverrides } from './settings.js';
import type { ParsedDocument } from '../documents/document.js';
import { parseDocument } from '../documents/parse.js';
import type { Source } from '../readers/source.js';
import { buildCatalog } from '../rules/catalog.js';
import { discoverDocuments } from './discover.js';
import { crossNotApplicable, crossReview, pairingNotices } from './cross.js';
import { summarize } from './summary.js';
import { evaluateDocument } from './document-review.js';
import type { ReviewFn } from './worker-pool.js';
import { unpackModel } from './lazy-model.js';

export { evaluateDocument } from './document-review.js';

export interface ReviewOptions {
  cwd?: string;
  /** false in untrusted workspaces: no custom rule packs from the workspace. */
  trusted?: boolean;
  /** Settings that win over .dicomsec.yaml (editor settings). */
  overrides?: ConfigOverrides;
  onProgress?: (event: { done: number; total: number; path: string }) => void;
  /** Replaces in-process parsing (worker pools, caches). */
  parse?: (path: string, bytes: Uint8Array) => Promise<ParsedDocument>;
  /**
   * Replaces the whole per-document review (parse, rules, waivers): the worker pool, a cache
   * of reviews. Wins over `parse`. Its results carry no source; UsageErrors end the run.
   */
  review?: ReviewFn;
  /** Documents reviewed at once by reviewPaths (useful with a worker pool as `parse`); default 1. */
  concurrency?: number;
  /** Replaces the in-process cross-document checks (a worker pool: crossInPool in cross.ts). */
  cross?: (documents: FileReview[], options: ReviewOptions) => Promise<Finding[]>;
}

/** A single document's review, with what the language server needs to place findings. */
export interface FileReview extends DocumentReview {
  source?: Source;
}

export async function readDocumentBytes(file: string): Promise<Uint8Array> {
  try {
    return readFileBounded(file, limits.maxFileBytes);
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.failure === 'folder') throw new UnreadableError('a folder, not a document', 'not-a-document');
    if (err.failure === 'not-a-file') throw new UnreadableError(err.message, 'not-a-document');
    if (err.failure === 'too-large') throw new UnreadableError(err.message, 'limit');
    throw new UnreadableError(err.message, 'io');
  }
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** The review of a document that could not be read: one line naming why (a UsageError is rethrown: the run's problem). */
export function unreadableReview(abs: string, err: unknown): FileReview {
  if (err instanceof UsageError) throw err;
  const message = err instanceof UnreadableError ? err.message : `could not be read: ${(err as Error)?.message ?? String(err)}`;
  const reason = err instanceof UnreadableError ? err.reason : 'error';
  return { path: abs, kind: 'unknown', status: 'unreadable', error: oneLine(message), reason, findings: [], waived: [] };
}

/** Reviews one file. Errors about the document become an unreadable review, never an exception. */
export async function reviewFile(file: string, options: ReviewOptions & { bytes?: Uint8Array } = {}): Promise<FileReview> {
  const abs = path.resolve(options.cwd ?? process.cwd(), file);
  if (options.review) {
    try {
      const bytes = options.bytes ?? (await readDocumentBytes(abs));
      const { review, model } = await options.review(abs, bytes, { trusted: options.trusted, overrides: options.overrides });
      return model ? { ...review, path: abs, model: unpackModel(model) } : { ...review, path: abs };
    } catch (err) {
      return unreadableReview(abs, err);
    }
  }
  // The bytes are read and handed to the parser first, so a worker pool parses while this thread
  // loads the configuration and rule packs (synchronous, and the larger part of start-up).
  let parsing: Promise<ParsedDocument>;
  try {
    const bytes = options.bytes ?? (await readDocumentBytes(abs));
    parsing = (options.parse ?? parseDocument)(abs, bytes);
  } catch (err) {
    parsing = Promise.reject(err);
  }
  parsing.catch(() => undefined); // awaited below; a config error must not leave it unhandled
  const config = effectiveConfig(abs, options.overrides);
  const catalog = buildCatalog(config, { trusted: options.trusted });
  try {
    const doc = await parsing;
    const { findings, waived, notApplicable } = evaluateDocument(doc, catalog, config);
    return { path: abs, kind: doc.kind, status: 'reviewed', ...(doc.recognition ? { recognition: doc.recognition } : {}), findings, waived, ...(notApplicable.length ? { notApplicable } : {}), model: doc.model, source: doc.source };
  } catch (err) {
    return unreadableReview(abs, err);
  }
}

export async function reviewPaths(inputs: string[], options: ReviewOptions = {}): Promise<ReviewReport> {
  const cwd = options.cwd ?? process.cwd();
  const files = discoverDocuments(inputs, cwd);
  const documents: FileReview[] = new Array(files.length);
  // Results keep the discovery order whatever order they finish in.
  let next = 0;
  let done = 0;
  const lanes = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1), files.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length) {
        const i = next++;
        documents[i] = await reviewFile(files[i]!, { ...options, cwd });
        options.onProgress?.({ done: ++done, total: files.length, path: files[i]! });
      }
    }),
  );
  const crossFindings = options.cross ? await options.cross(documents, { ...options, cwd }) : crossReview(documents, options);
  const notices = pairingNotices(documents);
  const crossNa = crossNotApplicable(documents, options);
  for (const d of documents) delete d.source;
  return { version: 1, documents, crossFindings, ...(crossNa.length ? { crossNotApplicable: crossNa } : {}), ...(notices.length ? { notices } : {}), summary: summarize(documents, crossFindings) };
}
export { catalogFor, effectiveConfig, type ConfigOverrides } from './settings.js';
