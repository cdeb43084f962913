// The jobs the worker pool runs (worker-pool.ts on this side, worker.ts in the workers): every
// piece of work that reads vendor files, walks the disk or evaluates rules. Types only, so the
// main thread loads none of the engine by naming a job.
import type { Finding } from '../core/findings.js';
import type { DocumentReview } from './report.js';
import type { DocumentModel, ParsedDocument } from '../documents/document.js';
import type { Source } from '../readers/source.js';
import type { RuleInfo } from '../rules/rule.js';
import type { DocumentReviewOptions } from './document-review.js';
import type { PackedModel } from './lazy-model.js';
import type { FileReview, ReviewOptions } from './review.js';
import type { ExposurePlan } from './exposure-model.js';

/** Tests only (pools created with allowSimulation): a job that hangs, exhausts memory or crashes. */
export type Simulation = 'hang' | 'oom' | 'buffers' | 'exit' | 'throw';

/** A review's result: the document's review without its source or model, the model packed, and the other files its parse read. */
export interface ReviewResult {
  review: Omit<DocumentReview, 'model'>;
  /** The model as bytes (see lazy-model.ts): deserialized on the main thread only if needed. */
  model?: PackedModel;
  /** Files other than the document read to assemble it (a reStructuredText tree). */
  extraFiles: string[];
}

/** The editor's review: the model as plain data and the source (to place diagnostics, build the review view), with the rules behind the findings. */
export interface EditorReview {
  review: FileReview;
  rules: Record<string, RuleInfo>;
}

/** A reviewed form, statement, SBOM or advisory as a cross-document job receives it. */
export interface CrossDocument {
  path: string;
  /** Plain, or packed as the CLI's workers returned it (never unpacked on the main thread for this). */
  model: DocumentModel | PackedModel;
  source?: Source;
}

/** Cross-document findings by the documents they compare (paths, the anchor first: the MDS2 form of a pair), with their rules. */
export interface CrossOutcome {
  subjects: { paths: string[]; findings: Finding[] }[];
  rules: Record<string, RuleInfo>;
}

/** The exposure plan in one format, with its counts (for the editor's title and messages). */
export interface ExposureReport {
  text: string;
  products: number;
  unreadable: number;
  conflicts: number;
}

export interface ExportedReport {
  format: string;
  /** The report's text, or its bytes in base64 when `encoding` says so (a workbook). */
  text: string;
  encoding?: 'base64';
  extension: string;
  summary: { documents: number; error: number; warning: number; info: number; waived: number };
}

/** A comparison as the editor shows it: the text of one format and what it covers. */
export interface ComparedOutput {
  format: string;
  text: string;
  extension: string;
  /** Column headers, in order. */
  products: string[];
  /** Documents that could not be read (the comparison says it is incomplete). */
  unreadable: number;
}

/** A revision diff as the editor shows it. */
export interface DiffOutput {
  format: string;
  text: string;
  extension: string;
  opened: number;
  closed: number;
  /** Answers, notes and facts changed, added or removed. */
  changed: number;
}

/** The jobs, by type, with what each answers. */
export interface Jobs {
  /** Read and recognise one document. */
  parse: { job: { path: string; bytes: Uint8Array }; value: ParsedDocument };
  /** The whole review of one document (configuration, rules, waivers); only the result crosses back. */
  review: { job: { path: string; bytes: Uint8Array; options: DocumentReviewOptions }; value: ReviewResult };
  /** The editor's review of one document, read from disk in the worker when no bytes are given. */
  'editor-review': { job: { path: string; bytes?: Uint8Array; options: DocumentReviewOptions }; value: EditorReview };
  /** The documents that inputs (files, folders, globs) expand to. */
  discover: { job: { inputs: string[]; cwd: string }; value: string[] };
  /** The rules in force for a path (or every built-in rule). */
  catalogue: { job: { path: string; options: DocumentReviewOptions; all?: boolean }; value: RuleInfo[] };
  /** Pairing and cross-document rules over reviewed forms and statements. */
  cross: { job: { documents: CrossDocument[]; options: ReviewOptions }; value: CrossOutcome };
  /** The editor's exposure plan: review of the inputs, the plan, one of its formats (lsp/exposure.ts). */
  'exposure-report': { job: { inputs: string[]; format: 'html' | 'md'; options: ReviewOptions }; value: ExposureReport };
  /** The network exposure plan of reviewed forms and statements (engine/exposure.ts). */
  exposure: { job: { documents: CrossDocument[]; options: ReviewOptions }; value: ExposurePlan };
  /** A whole report (review of the inputs, then a presenter), for the editor's export. */
  export: { job: { inputs: string[]; format: string; options: ReviewOptions }; value: ExportedReport };
  /** `dicomsec compare` for the editor: the review of the inputs, the comparison, one of its formats (text). */
  compare: { job: { inputs: string[]; format: string; options: ReviewOptions }; value: ComparedOutput };
  /** `dicomsec diff` for the editor: the review of two revisions, their diff, one of its formats. */
  diff: { job: { old: string; new: string; format: string; options: ReviewOptions }; value: DiffOutput };
  /** The editor's checks of a large `.dicomsec.yaml` or rule pack (lsp/config-files.ts), off its main thread. */
  'config-check': { job: ConfigCheckJob; value: ConfigCheckValue };
}

/** Diagnostics of a configuration file or rule pack, or the hover at a position in it. */
export type ConfigCheckJob = { kind: 'config' | 'rule-pack'; path: string; text: string } & ({ op: 'diagnostics' } | { op: 'hover'; line: number; character: number });
/** LSP Diagnostic[] or Hover | null, as plain data. */
export type ConfigCheckValue = unknown;

export type JobType = keyof Jobs;
export type Job<T extends JobType = JobType> = T extends JobType ? { type: T } & Jobs[T]['job'] : never;
export type JobValue<T extends JobType> = Jobs[T]['value'];

export type JobRequest = Job & {
  id: number;
  simulate?: Simulation;
  /** When the simulation happens in a review (default: before parsing). */
  simulatePhase?: 'parse' | 'evaluate';
};

export type JobResponse =
  | { id: number; ok: true; value: unknown }
  /** A broken .dicomsec.yaml or rule pack: the run's problem, not the document's. */
  | { id: number; ok: false; usage: true; message: string }
  /** An exception while evaluating rules (not reading). */
  | { id: number; ok: false; evaluation: true; message: string }
  | { id: number; ok: false; unreadable: true; message: string; reason: string; transient?: boolean; recycle?: boolean }
  /** Any other exception: a bug of ours, surfaced as such. */
  | { id: number; ok: false; unreadable: false; message: string; name: string };

export interface WorkerSetup {
  /** Budgets over the defaults of core/limits.ts. */
  limits?: Partial<import('../core/limits.js').Limits>;
  /** Tests only: honour `simulate` in requests. */
  allowSimulation?: boolean;
  /** Start loading the review modules (and the workbook reader) before the first job arrives. */
  preload?: boolean;
}
