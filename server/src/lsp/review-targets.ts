// From a URI the client names to what the server does with it: a vendor document to review (as
// text in the editor, as a binary file, or as its review view), one of dicomsec's own files
// (`.dicomsec.yaml`, a rule pack), or nothing. Also the current review of a document and the
// options that map its findings onto the place the client shows them.
import { limits } from '../core/limits.js';
import { readTextBounded } from '../core/read-file.js';
import { viewLineFor } from '../presenters/review-view.js';
import { configKindOf, type ConfigKind } from './config-files.js';
import type { EvidenceLocator, MapOptions, Placement } from './diagnostics.js';
import { documentUriOf, extensionOf, hasReviewView, isBinaryPath, isTextPath, REVIEW_SCHEME, reviewUriFor } from './protocol.js';
import type { ReviewEntry } from './reviews.js';
import type { Session } from './session.js';

/** Quiet time after an edit before a text document is reviewed again. */
export const TEXT_DEBOUNCE_MS = 300;

export type Target =
  | { kind: 'review'; placement: Placement; path: string; docUri: string }
  | { kind: 'config'; configKind: ConfigKind; path: string; text: string }
  | { kind: 'none' };

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const isReviewViewUri = (uri: string) => uri.startsWith(`${REVIEW_SCHEME}:`);

/** Binary documents (never text in an editor): workbooks, PDF, Word; not CSV. */
export const isBinaryDocument = (p: string) => hasReviewView(p);

/** Documents whose editor text is reviewed while it is open (CSV is text in an editor). */
export const isEditedAsText = (p: string) => (isTextPath(p) || isBinaryPath(p)) && !hasReviewView(p);

export class ReviewTargets {
  constructor(private readonly s: Session) {}

  textOf(uri: string): string | undefined {
    return this.s.documents.get(uri)?.getText();
  }

  async targetOf(uri: string): Promise<Target> {
    const docUri = documentUriOf(uri);
    const p = this.s.workspace.remember(docUri);
    if (!p) return { kind: 'none' };
    if (isReviewViewUri(uri)) return (await this.mayShow(docUri, p)) ? { kind: 'review', placement: 'view', path: p, docUri } : { kind: 'none' };
    const ext = extensionOf(p);
    if (ext === 'yaml' || ext === 'yml') {
      let text = this.textOf(uri);
      if (text === undefined) {
        try {
          text = readTextBounded(p, limits.maxConfigBytes);
        } catch {
          return { kind: 'none' };
        }
      }
      const configKind = configKindOf(p, text);
      return configKind ? { kind: 'config', configKind, path: p, text } : { kind: 'none' };
    }
    if (isBinaryPath(p)) return { kind: 'review', placement: hasReviewView(p) ? 'binary' : 'text', path: p, docUri };
    if (isTextPath(p)) return { kind: 'review', placement: 'text', path: p, docUri };
    return { kind: 'none' };
  }

  /** Whether a document may be shown in a review view: inside the workspace, or open in the editor. */
  async mayShow(docUri: string, p: string): Promise<boolean> {
    return !!this.s.documents.get(docUri) || (await this.s.workspace.contains(p));
  }

  /** The current review of a document: the editor's text when it is open as text, else the file. */
  async reviewOf(docUri: string, p: string, debounce = false): Promise<ReviewEntry> {
    const { documents, reviews } = this.s;
    const open = documents.get(docUri);
    if (open && isEditedAsText(p)) {
      if (debounce) {
        const version = open.version;
        await delay(TEXT_DEBOUNCE_MS);
        const now = documents.get(docUri);
        if (now && now.version !== version) return this.reviewOf(docUri, p, true);
      }
      const doc = documents.get(docUri) ?? open;
      return reviews.reviewText(p, doc.version, doc.getText());
    }
    return reviews.reviewDisk(p);
  }

  /** Where another document's evidence is shown: its review view line, or its own line. */
  readonly locate: EvidenceLocator = (e) => {
    if (!e.path) return undefined;
    const uri = this.s.workspace.uriFor(e.path);
    if (isBinaryDocument(e.path)) {
      if (!this.s.features.virtualDocuments) return { uri, line: 0 };
      const other = this.s.reviews.get(e.path);
      const line = other && other.review.status === 'reviewed' ? viewLineFor(this.s.reviews.viewOf(other), e) : undefined;
      return { uri: reviewUriFor(uri), line: line ?? 0 };
    }
    if (e.line !== undefined && e.line > 0 && e.page === undefined) return { uri, line: e.line - 1 };
    const row = e.cell ? /\d+$/.exec(e.cell)?.[0] : undefined;
    return { uri, line: row ? Number(row) - 1 : 0 };
  };

  mapOptions(placement: Placement, uri: string, docUri: string, entry: ReviewEntry): MapOptions {
    const { cross, workspace, features } = this.s;
    const o: MapOptions = {
      placement,
      uri,
      documentUri: docUri,
      virtualDocuments: features.virtualDocuments,
      includeWaived: placement !== 'binary',
      cross: cross.findingsFor(entry.path).map((c) => ({ finding: c.finding, partners: c.partners, anchorUri: workspace.uriFor(c.anchorPath) })),
      locate: this.locate,
      rules: (id) => this.s.ruleInfo(id),
    };
    if (placement === 'text') {
      const text = this.textOf(docUri);
      if (text !== undefined) o.lines = text.split(/\r?\n/);
    }
    if (placement === 'view' || (placement === 'binary' && features.virtualDocuments)) o.view = this.s.reviews.viewOf(entry);
    return o;
  }

  /** Result id of a document's diagnostics: its review and its cross findings. */
  resultIdOf(entry: ReviewEntry): string {
    return `${entry.key}#${entry.list}#${this.s.cross.printFor(entry.path)}`;
  }
}
