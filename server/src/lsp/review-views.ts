// The review view: a read-only text projection of a document (one line per MDS2 question, or the
// statement's extracted text with page markers), with the findings on its lines for the client to
// draw as decorations.
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
    const entry = await targets.reviewOf(docUri, p);
    await scheduler.crossFor(entry);
    const reviewUri = reviewUriFor(docUri);
    const findings = viewFindings(entry, targets.mapOptions('view', reviewUri, docUri, entry), findingHover);
    return { uri: docUri, reviewUri, text: s.reviews.viewOf(entry).text, status: entry.review.status, findings };
  });
}
