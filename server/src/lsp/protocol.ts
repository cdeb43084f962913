// Messages shared by the language server and the VS Code client, beyond standard LSP.
// Plain types and method names only: the client bundles this file without the server (the
// format table it reads, readers/formats.ts, reaches no reader unless LOADERS is imported).

import { extensionOf, extensionsWhere } from '../readers/formats.js';

/** Scheme of the read-only text projection of a binary document (one line per question, or the extracted text). */
export const REVIEW_SCHEME = 'dicomsec-review';
/** Scheme of the rendered rule documentation pages (`dicomsec-rule:/MDS2-CONN-003.md`). */
export const RULE_SCHEME = 'dicomsec-rule';
/** File-name suffix of review-view URIs; the extension contributes a language for it. */
export const REVIEW_SUFFIX = '.dicomsec-review';
export const DIAGNOSTIC_SOURCE = 'dicomsec';

/** Extensions the server reads from disk (readers/formats.ts editor `view` and `table`): never synced as text. */
export const BINARY_EXTENSIONS: readonly string[] = [...extensionsWhere('view'), ...extensionsWhere('table')];
/** Text formats that are reviewed from the editor buffer as they are edited. */
export const TEXT_EXTENSIONS: readonly string[] = extensionsWhere('text');
/** Formats an editor cannot show as text: the review view shows them. */
export const VIEW_EXTENSIONS: readonly string[] = extensionsWhere('view');

export interface InitializationOptions {
  /** false in an untrusted workspace: no workspace rule packs (`customPacks`) are loaded. */
  trusted?: boolean;
  /** The client implements the `dicomsec.client.*` commands (prompt, clipboard, rule page). */
  clientCommands?: boolean;
  /** The client can open `dicomsec-rule:` and `dicomsec-review:` documents. */
  virtualDocuments?: boolean;
  /**
   * The client draws findings in review views itself, from `ReviewViewResult.findings`
   * (decorations with their own hover), so the server answers no hover there.
   */
  viewDecorations?: boolean;
  /**
   * `push` makes the server publish diagnostics (`textDocument/publishDiagnostics`), including
   * those of workspace documents that are never opened, even when the client supports pulls.
   * For clients that pull per document but never send `workspace/diagnostic` (Neovim, Helix).
   */
  diagnostics?: 'push' | 'pull';
}

/** `dicomsec.*` settings, as the client sends them (workspace/configuration section `dicomsec`). */
export interface Settings {
  /** Built-in packs on/off, e.g. `{ "nsa-mnp": true, "wg14": false }`. */
  packs?: Record<string, boolean>;
  /** Severity overrides by rule id: error | warning | info | off. */
  rules?: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  failOn?: 'error' | 'warning' | 'info' | 'none';
  /** Review workspace documents that are not open (binary files always are reviewed from disk). */
  reviewWorkspace?: boolean;
  /** A known-exploited list (CISA KEV JSON or CSV, or CVE ids): absolute or `~/…` (a relative path is refused); wins over `knownExploited:` in .dicomsec.yaml. */
  knownExploited?: string;
}

export interface ReviewViewParams {
  /** URI of the reviewed document (`file:`), or of its review view. */
  uri: string;
}
export interface ReviewViewResult {
  uri: string;
  reviewUri: string;
  text: string;
  status: 'reviewed' | 'unreadable';
  /**
   * The findings on the view's lines, for the client to draw as decorations. Review views carry
   * no diagnostics: the Problems panel lists each finding once, on the reviewed document.
   */
  findings: ViewFinding[];
}

/** One finding on one line of a review view. */
export interface ViewFinding {
  /** 0-based view line and the characters to underline on it. */
  line: number;
  startCharacter: number;
  endCharacter: number;
  /** `hint` for a waived finding. */
  severity: 'error' | 'warning' | 'info' | 'hint';
  ruleId: string;
  /** The rule title, when the rule is in the catalogue. */
  title?: string;
  message: string;
  /** Markdown: rule title, why it matters, frameworks, evidence, remediation, the vendor question. */
  hover: string;
  /** The file name of the other document of a cross-document finding. */
  crossWith?: string;
}
export const ReviewViewRequest = 'dicomsec/reviewView';

export interface AddWaiverParams {
  /** The reviewed document (`file:`), or its review view. */
  uri: string;
  ruleId: string;
  justification: string;
  questionId?: string;
  section?: string;
  expires?: string;
  by?: string;
  /** Limit the waiver to this document (default true). */
  thisDocumentOnly?: boolean;
}
export interface AddWaiverResult {
  configPath: string;
  created: boolean;
  /** 1-based line of the new waiver in the file. */
  line: number;
}
export const AddWaiverRequest = 'dicomsec/addWaiver';

/** The CLI's formats (`server/src/presenters/index.ts`), e.g. stylish, json, sarif, junit, html, questionnaire. */
export type ExportFormat = string;
export interface ExportReportParams {
  format: ExportFormat;
  /** Documents or folders to include; default: every workspace folder. */
  uris?: string[];
}
export interface ExportReportResult {
  format: ExportFormat;
  /** The report's text, or the bytes of a binary format (a workbook) in base64 when `encoding` is 'base64'. */
  text: string;
  encoding?: 'base64';
  /** Suggested file extension, without the dot. */
  extension: string;
  summary: { documents: number; error: number; warning: number; info: number; waived: number };
}
export const ExportReportRequest = 'dicomsec/exportReport';
export const ExportFormatsRequest = 'dicomsec/exportFormats';

/** The network exposure plan of a document's folder (its product), or of the workspace. */
export interface ExposureParams {
  /** A reviewed document (`file:`) or its review view: the plan covers the documents of its folder. Default: every workspace folder. */
  uri?: string;
  /** 'html' for a webview (default), 'md' for a text document. */
  format?: 'html' | 'md';
}
export interface ExposureResult {
  format: 'html' | 'md';
  text: string;
  /** The folders the plan covers. */
  scope: string[];
  products: number;
  unreadable: number;
  conflicts: number;
}
export const ExposureRequest = 'dicomsec/exposure';

/** A security requirements section for an RFP, from the clauses of the rfp rules in force (`dicomsec rfp`'s Markdown). */
export interface RfpRequirementsResult {
  markdown: string;
  /** How many clauses it holds. */
  clauses: number;
}
export const RfpRequirementsRequest = 'dicomsec/rfpRequirements';
/**
 * The export format the editor's scorecard webview shows (the `dicomsec report` HTML): a
 * self-contained page with a CSP of its own, no script, inline SVG. A test checks it is a format.
 */
export const SCORECARD_FORMAT: ExportFormat = 'report-html';

/** "Compare Products…": the picked forms and statements side by side, as `dicomsec compare` prints them (html or md). */
export interface CompareProductsParams {
  /** Documents or folders (file URIs). */
  uris: string[];
  format: 'html' | 'md';
}
export interface CompareProductsResult {
  format: string;
  text: string;
  extension: string;
  products: string[];
  unreadable: number;
}
export const CompareProductsRequest = 'dicomsec/compareProducts';

/** "Diff Against Previous Revision…": what the new revision of a form or statement changed (`dicomsec diff`, Markdown). */
export interface DiffRevisionsParams {
  old: string;
  new: string;
}
export interface DiffRevisionsResult {
  text: string;
  extension: string;
  opened: number;
  closed: number;
  changed: number;
}
export const DiffRevisionsRequest = 'dicomsec/diffRevisions';

export interface RuleSummary {
  id: string;
  title: string;
  severity: string;
  appliesTo: string;
  pack?: string;
  frameworks: Record<string, string[]>;
}
export const RuleCatalogueRequest = 'dicomsec/ruleCatalogue';

export interface RuleDocumentationParams {
  ruleId: string;
}
export interface RuleDocumentationResult {
  ruleId: string;
  /** Markdown. */
  markdown: string;
}
export const RuleDocumentationRequest = 'dicomsec/ruleDocumentation';

export interface ReviewWorkspaceParams {
  /** Only these documents or folders; default: every workspace folder. */
  uris?: string[];
}
export interface ReviewWorkspaceResult {
  documents: number;
  unreadable: number;
  error: number;
  warning: number;
  info: number;
  waived: number;
  /** Cross-document findings (MDS2 form against statement); each is listed on both documents. */
  cross?: number;
}
export const ReviewWorkspaceRequest = 'dicomsec/reviewWorkspace';

/** Server → client: progress and results of reviews, for the status bar. */
export interface ReviewedNotificationParams {
  uri: string;
  status: 'reviewed' | 'unreadable';
  error: number;
  warning: number;
  info: number;
  waived: number;
  ms: number;
}
export const ReviewedNotification = 'dicomsec/reviewed';

/** Data kept on each diagnostic so code actions need no second lookup. */
export interface DiagnosticData {
  ruleId: string;
  documentUri: string;
  questionId?: string;
  section?: string;
  followUp?: string;
  waived?: boolean;
  /** A cross-document finding; `documentUri` is then the MDS2 form, whose configuration waives it. */
  cross?: boolean;
}

/** Client-side commands named in code actions when `clientCommands` is set. */
export const ClientCommands = {
  waive: 'dicomsec.client.waive',
  copyQuestion: 'dicomsec.client.copyQuestion',
  openRule: 'dicomsec.client.openRule',
  /** Copies an RFP clause (a Word draft cannot be edited in place). */
  copyClause: 'dicomsec.client.copyClause',
} as const;
/** Server-side fallbacks for other LSP clients (workspace/executeCommand). */
export const ServerCommands = {
  waive: 'dicomsec.server.waive',
  showQuestion: 'dicomsec.server.showQuestion',
  showRule: 'dicomsec.server.showRule',
  showClause: 'dicomsec.server.showClause',
} as const;

export { extensionOf };

/** Read from disk, never from an editor buffer: workbooks, PDF, Word, and CSV. */
export function isBinaryPath(pathOrUri: string): boolean {
  return BINARY_EXTENSIONS.includes(extensionOf(pathOrUri));
}

export function isTextPath(pathOrUri: string): boolean {
  return TEXT_EXTENSIONS.includes(extensionOf(pathOrUri));
}

/** Not text in an editor (workbooks, PDF, Word; not CSV): shown through the review view. */
export function hasReviewView(pathOrUri: string): boolean {
  return VIEW_EXTENSIONS.includes(extensionOf(pathOrUri));
}

/** A glob over these extensions: `**\/*.{xlsx,pdf}` (watchers, document selectors). */
export function extensionGlob(extensions: readonly string[]): string {
  return `**/*.{${extensions.join(',')}}`;
}

/** `file:///v/acme.xlsx` → `dicomsec-review:/v/acme.xlsx.dicomsec-review?file%3A%2F%2F%2Fv%2Facme.xlsx` */
export function reviewUriFor(fileUri: string): string {
  const path = fileUri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  return `${REVIEW_SCHEME}:${path}${REVIEW_SUFFIX}?${encodeURIComponent(fileUri)}`;
}

/** The reviewed document's URI from a review-view URI, or the URI itself. */
export function documentUriOf(uri: string): string {
  if (!uri.startsWith(`${REVIEW_SCHEME}:`)) return uri;
  const q = uri.indexOf('?');
  if (q >= 0) return decodeURIComponent(uri.slice(q + 1));
  const path = uri.slice(REVIEW_SCHEME.length + 1).replace(new RegExp(`${REVIEW_SUFFIX.replace('.', '\\.')}$`), '');
  return `file://${path}`;
}
