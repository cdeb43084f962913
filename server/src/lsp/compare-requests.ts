// The editor's requests for a product comparison and a revision diff: paths from the client's
// URIs, then a compare or diff job in the worker pool (lsp/compare-jobs.ts), never on this thread.
import { limits } from '../core/limits.js';
import { CompareProductsRequest, DiffRevisionsRequest, documentUriOf, type CompareProductsParams, type CompareProductsResult, type DiffRevisionsParams, type DiffRevisionsResult } from './protocol.js';
import type { Session } from './session.js';
import { uriToPath } from './workspace.js';

function pathOf(uri: string): string {
  const p = uriToPath(documentUriOf(uri));
  if (!p) throw new Error(`not a file: ${uri}`);
  return p;
}

export function registerCompareRequests(s: Session): void {
  s.connection.onRequest(CompareProductsRequest, (params: CompareProductsParams): Promise<CompareProductsResult> => {
    const inputs = (params.uris ?? []).map(pathOf);
    if (inputs.length < 2) throw new Error('pick the forms and statements of at least two products');
    return s.pool.run({ type: 'compare', inputs, format: params.format, options: s.reviewOptions(inputs[0]!) }, { timeoutMs: limits.timeoutMs * 20 });
  });
  s.connection.onRequest(DiffRevisionsRequest, (params: DiffRevisionsParams): Promise<DiffRevisionsResult> => {
    const [oldPath, newPath] = [pathOf(params.old), pathOf(params.new)];
    if (oldPath === newPath) throw new Error('pick two different files');
    return s.pool.run({ type: 'diff', old: oldPath, new: newPath, format: 'md', options: s.reviewOptions(newPath) }, { timeoutMs: limits.timeoutMs * 20 });
  });
}
