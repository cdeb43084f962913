// The review view: a read-only text projection of a document (one line per MDS2 question, or the
// statement's extracted text with page markers), with the findings on its lines for the client to
// draw as decorations. A view shows a file's whole text, so only files inside the workspace
// folders (or open in the editor) get one: a vendor document's link to
// `dicomsec-review:…?file:///etc/…`, a `..` path or a symbolic link out of the folder is refused.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { viewFindings } from './diagnostics.js';
import type { DiagnosticsScheduler } from './diagnostics-scheduler.js';
import { documentUriOf, reviewUriFor, ReviewViewRequest, type ReviewViewParams, type ReviewViewResult } from './protocol.js';
import type { ReviewTargets } from './review-targets.js';
import { findingHover } from './rule-docs.js';
import type { Session } from './session.js';

export function registerReviewViews(s: Session, targets: ReviewTargets, scheduler: DiagnosticsScheduler): void {
  s.connection.onRequest(ReviewViewRequest, async (params: ReviewViewParams): Promise<ReviewViewResult> => {
    const docUri = documentUriOf(params.uri);
    const p = s.workspace.remember(docUri);
    if (!p) throw new Error(`not a file: ${params.uri}`);
    if (!(await targets.mayShow(docUri, p))) throw new ResponseError(ErrorCodes.InvalidParams, `${p} is outside the workspace folders: dicomsec shows review views only of documents in the workspace`);
    const entry = await targets.reviewOf(docUri, p);
    await scheduler.crossFor(entry);
    const reviewUri = reviewUriFor(docUri);
    const findings = viewFindings(entry, targets.mapOptions('view', reviewUri, docUri, entry), findingHover);
    return { uri: docUri, reviewUri, text: s.reviews.viewOf(entry).text, status: entry.review.status, findings };
  });
}
