// The one engine behind every face: read → recognise → evaluate rules → waivers → cross checks.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UnreadableError, UsageError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { Finding } from '../core/findings.js';
import { FileReadError, readFileBounded } from '../core/read-file.js';
import type { ConfigFileNotice, DocumentReview, ReviewReport, SkippedFile } from './report.js';
import { configResolver, configSourceFor, reviewerConfig, type ConfigSource } from '../config/resolve.js';
import { effectiveConfig, type ConfigOverrides } from './settings.js';
import type { ParsedDocument } from '../documents/document.js';
import { parseDocument } from '../documents/parse.js';
import type { Source } from '../readers/source.js';
import { buildCatalog } from '../rules/catalog.js';
import { discover, type Discovery } from './discover.js';
import { crossNotApplicable, crossReview, pairingNotices, placeWaivedCross, resolveMissing } from './cross.js';
import { summarize } from './summary.js';
import { knownExploitedFor, reviewParsed } from './document-review.js';
import { knownExploitedSource } from '../documents/advisory/known-exploited.js';
import type { ReviewFn } from './worker-pool.js';
import { unpackModel } from './lazy-model.js';
import { applyQuestionnaires } from './questionnaires.js';

export { evaluateDocument } from './document-review.js';


export interface ReviewOptions {
  cwd?: string;
  /** false in untrusted workspaces: no custom rule packs from the workspace. */
  trusted?: boolean;
  /** Settings that win over .dicomsec.yaml (editor settings). */
  overrides?: ConfigOverrides;
  /** A known-exploited list (--known-exploited, the editor setting), an absolute path (a relative one is a usage error): wins over the configuration's `knownExploited`. */
  knownExploited?: string;
  /**
   * Where the reviewer's configuration comes from (--config, --no-config); default: the nearest
   * .dicomsec.yaml at or above `cwd`. Configuration files inside the reviewed tree are not applied.
   */
  config?: ConfigSource;
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
  /** Globs of files and folders reviewPaths leaves out (`--ignore-pattern`), relative to cwd. */
  ignorePatterns?: string[];
  /**
   * Vendor questionnaires the reviewer names (`--questionnaire`, relative to cwd): reviewed with
   * the inputs, and their decisions applied (engine/questionnaires.ts) as those the reviewer's
   * configuration lists under `questionnaires:` are.
   */
  questionnaires?: string[];
  /**
   * The document an input `-` stands for (standard input): the name it is reviewed and reported
   * under (relative to cwd; its configuration is the one governing that path) and its bytes.
   */
  stdin?: { name: string; read: () => Promise<Uint8Array> };
}

/** The input that stands for standard input. */
export const STDIN_INPUT = '-';

/** A single document's review, with what the language server needs to place findings. */
export interface FileReview extends DocumentReview {
  source?: Source;
}

export async function readDocumentBytes(file: string, options: { noFollow?: boolean } = {}): Promise<Uint8Array> {
  // A file found by discovery is opened without following a symlink (one swapped in after discovery).
  try {
    return readFileBounded(file, limits.maxFileBytes, options);
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
  let bytes = options.bytes;
  try {
    bytes ??= await readDocumentBytes(path.resolve(options.cwd ?? process.cwd(), file));
  } catch {
    // reviewed below, where the error becomes the document's
  }
  const review = await reviewBytes(file, { ...options, bytes });
  return bytes ? { ...review, sha256: createHash('sha256').update(bytes).digest('hex') } : review;
}

async function reviewBytes(file: string, options: ReviewOptions & { bytes?: Uint8Array }): Promise<FileReview> {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  const source = configSourceFor({ config: options.config, cwd });
  if (options.review) {
    try {
      const bytes = options.bytes ?? (await readDocumentBytes(abs));
      const { review, model } = await options.review(abs, bytes, { trusted: options.trusted, overrides: options.overrides, config: source, ...(options.knownExploited ? { knownExploited: options.knownExploited } : {}) });
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
  const config = effectiveConfig(abs, { overrides: options.overrides, config: source });
  const catalog = buildCatalog(config, { trusted: options.trusted });
  const known = knownExploitedFor(config, { trusted: options.trusted, knownExploited: options.knownExploited });
  try {
    const doc = await parsing;
    return { ...reviewParsed(doc, { config, catalog, ...(known ? { knownExploited: known } : {}) }), path: abs, source: doc.source };
  } catch (err) {
    return unreadableReview(abs, err);
  }
}

/**
 * Names the configuration that governed each document and gathers the notices about configuration
 * files in the reviewed tree (one per file, with the documents it would have governed).
 */
export function describeConfiguration(documents: DocumentReview[], source: ConfigSource): { config: string | null; notices: ConfigFileNotice[] } {
  const notices = new Map<string, ConfigFileNotice>();
  const resolve = configResolver(source);
  for (const d of documents) {
    const governing = resolve(d.path);
    d.config = governing.config.file ?? null;
    for (const n of governing.notices) {
      const key = `${n.kind}\0${n.file}`;
      let notice = notices.get(key);
      if (!notice) notices.set(key, (notice = { kind: n.kind, file: n.file, message: n.message, documents: [] }));
      notice.documents.push(d.path);
    }
  }
  const sorted = [...notices.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : 1));
  return { config: reviewerConfig(source).file ?? null, notices: sorted };
}

/** What discovery finds when standard input is the only input. */
function noFiles(): Discovery {
  return { documents: [], skipped: [], explicit: new Set(), foundBy: new Map() };
}

/** Standard input as a named document: read under the file-size limit; nothing or too much is an unreadable document. */
async function reviewStdin(stdin: NonNullable<ReviewOptions['stdin']>, options: ReviewOptions & { cwd: string }): Promise<FileReview> {
  const abs = path.resolve(options.cwd, stdin.name);
  let bytes: Uint8Array;
  try {
    bytes = await stdin.read();
  } catch (err) {
    if (err instanceof FileReadError) return unreadableReview(abs, new UnreadableError(err.message, err.failure === 'too-large' ? 'limit' : 'io'));
    return unreadableReview(abs, err);
  }
  if (bytes.length === 0) return unreadableReview(abs, new UnreadableError('standard input was empty', 'empty'));
  const review = await reviewFile(abs, { ...options, bytes });
  options.onProgress?.({ done: 1, total: 1, path: abs });
  return review;
}

export async function reviewPaths(inputs: string[], options: ReviewOptions = {}): Promise<ReviewReport> {
  const cwd = options.cwd ?? process.cwd();
  const source = configSourceFor({ config: options.config, cwd });
  const reviewer = reviewerConfig(source); // a missing or broken reviewer's configuration ends the run before any work
  const questionnaires = (options.questionnaires ?? []).map((q) => path.resolve(cwd, q));
  const fromStdin = inputs.includes(STDIN_INPUT);
  if (fromStdin && !options.stdin) throw new UsageError('"-" (standard input) is not an input here');
  const fileInputs = [...inputs.filter((i) => i !== STDIN_INPUT), ...questionnaires];
  const found = fileInputs.length || !fromStdin ? discover(fileInputs, cwd, { ignorePatterns: options.ignorePatterns, config: source }) : noFiles();
  const files = found.documents;
  const documents: (FileReview | undefined)[] = new Array(files.length);
  const skipped: SkippedFile[] = [...found.skipped];
  // Results keep the discovery order whatever order they finish in.
  let next = 0;
  let done = 0;
  const lanes = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1), files.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length) {
        const i = next++;
        const file = files[i]!;
        const explicit = found.explicit.has(file);
        let review: FileReview;
        let bytes: Uint8Array | undefined;
        try {
          bytes = await readDocumentBytes(file, { noFollow: !explicit });
        } catch (err) {
          review = unreadableReview(file, err); // a pipe, a device, a folder: never a document to skip
        }
        review ??= await reviewFile(file, { ...options, cwd, config: source, bytes });
        // A file found in a folder that the recogniser says is no vendor document (a README, a
        // manifest) is skipped with that verdict; named on the command line, it stays an error.
        // Bytes that could not be read, or that were corrupt, encrypted or over a limit, stay
        // unreadable whoever named them.
        if (bytes && !explicit && review.status === 'unreadable' && review.reason === 'not-a-document') {
          skipped.push({ path: file, reason: 'not-a-document', ...(review.error ? { detail: review.error } : {}) });
        } else documents[i] = review;
        options.onProgress?.({ done: ++done, total: files.length, path: files[i]! });
      }
    }),
  );
  const reviewed = documents.filter((d): d is FileReview => d !== undefined);
  if (fromStdin) reviewed.push(await reviewStdin(options.stdin!, { ...options, cwd, config: source }));
  // The "no documents" check once recognition has spoken: a folder of READMEs is not a clean review.
  for (const input of new Set(found.foundBy.values())) {
    if (!reviewed.some((d) => found.foundBy.get(d.path) === input)) {
      const notDocs = skipped.filter((s) => s.reason === 'not-a-document' && found.foundBy.get(s.path) === input).length;
      throw new UsageError(`no documents to review in ${input}: ${notDocs} file${notDocs === 1 ? ' is' : 's are'} no vendor document (an MDS2 form, a conformance statement, an SBOM or an advisory; see skipped)`);
    }
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A file named as a questionnaire that reads as another kind would apply no decision, silently.
  for (const q of questionnaires) {
    const doc = reviewed.find((d) => d.path === q);
    if (doc?.status === 'reviewed' && doc.kind !== 'questionnaire') throw new UsageError(`--questionnaire ${path.relative(cwd, q) || q}: not a dicomsec vendor questionnaire (its content reads as ${doc.kind}); give the workbook written by --format questionnaire-xlsx`);
  }
  const crossOptions = { ...options, cwd, config: source };
  const compared = options.cross ? await options.cross(reviewed, crossOptions) : crossReview(reviewed, crossOptions);
  const checked = placeWaivedCross(reviewed, [...compared, ...resolveMissing(reviewed, crossOptions)]);
  const answered = applyQuestionnaires(reviewed, checked, { globs: reviewer.questionnaires, configDir: reviewer.dir, files: questionnaires });
  const crossFindings = answered.crossFindings;
  const pairing = pairingNotices(reviewed, crossOptions);
  const crossNa = crossNotApplicable(reviewed, crossOptions);
  for (const d of reviewed) {
    delete d.source;
    delete d.pendingCross;
  }
  const { config, notices: configNotices } = describeConfiguration(reviewed, source);
  const notices = [...configNotices, ...answered.notices, ...pairing];
  const knownExploited = knownExploitedSource(reviewer, { trusted: options.trusted, knownExploited: options.knownExploited })?.file;
  return { version: 1, config, ...(knownExploited ? { knownExploited } : {}), documents: reviewed, crossFindings, ...(crossNa.length ? { crossNotApplicable: crossNa } : {}), ...(notices.length ? { notices } : {}), skipped, summary: { ...summarize(reviewed, crossFindings), skipped: skipped.length } };
}
export { catalogFor, effectiveConfig, type ConfigOverrides } from './settings.js';
