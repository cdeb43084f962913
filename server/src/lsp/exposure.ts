// "Show Network Exposure": the exposure plan of a document's folder (the product beside the
// review) or of the workspace, computed in the worker pool (review, plan, format: the
// exposure-report job) and returned as HTML for the client's webview, or Markdown. Only folders
// inside the workspace are planned, as only their documents get review views.
import path from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { limits } from '../core/limits.js';
import { documentUriOf, ExposureRequest, type ExposureParams, type ExposureResult } from './protocol.js';
import type { Session } from './session.js';
import { uriToPath } from './workspace.js';

export function registerExposure(s: Session): void {
  s.connection.onRequest(ExposureRequest, async (params: ExposureParams): Promise<ExposureResult> => {
    const format = params.format === 'md' ? 'md' : 'html';
    let scope: string[];
    if (params.uri) {
      const p = uriToPath(documentUriOf(params.uri));
      if (!p) throw new ResponseError(ErrorCodes.InvalidParams, `not a file: ${params.uri}`);
      const folder = path.dirname(p);
      if (!(await s.workspace.contains(folder))) throw new ResponseError(ErrorCodes.InvalidParams, `${folder} is outside the workspace folders: dicomsec plans only folders in the workspace`);
      scope = [folder];
    } else scope = [...s.workspace.folders];
    if (!scope.length) throw new ResponseError(ErrorCodes.InvalidRequest, 'open a folder of vendor documents first');
    const cwd = s.workspace.folderOf(scope[0]!) ?? scope[0]!;
    const value = await s.pool.run(
      { type: 'exposure-report', inputs: scope, format, options: { cwd, trusted: s.features.trusted, overrides: { packs: s.settings.packs, rules: s.settings.rules } } },
      { timeoutMs: limits.timeoutMs * 20 },
    );
    return { format, scope, ...value };
  });
}
