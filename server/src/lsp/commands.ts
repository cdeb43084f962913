// What the reviewer asks the server to do: write a waiver into the governing `.dicomsec.yaml`,
// export a report in a CLI format, and the server-side commands that stand in for the VS Code
// extension's own (for Neovim, Helix, Emacs…).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { governingConfig } from '../config/resolve.js';
import { documentGlob, writeWaiver } from '../config/write-waiver.js';
import { limits } from '../core/limits.js';
import { EXPORT_FORMATS, type ExportedReport } from './export.js';
import {
  AddWaiverRequest,
  documentUriOf,
  ExportFormatsRequest,
  ExportReportRequest,
  ServerCommands,
  type AddWaiverParams,
  type AddWaiverResult,
  type ExportReportParams,
} from './protocol.js';
import type { Session } from './session.js';
import { uriToPath } from './workspace.js';

/** Placeholder justification of a waiver added by a client that cannot prompt for one. */
const TODO_JUSTIFICATION = 'TODO: state why this gap is accepted (compensating control, risk owner)';

export class Commands {
  constructor(
    private readonly s: Session,
    /** Called after a waiver is written: every review is stale. */
    private readonly configurationChanged: () => void,
  ) {}

  addWaiver(params: AddWaiverParams): AddWaiverResult {
    const docUri = documentUriOf(params.uri);
    const p = uriToPath(docUri);
    if (!p) throw new Error(`not a file: ${params.uri}`);
    // Into the configuration that governs the document (the workspace's), never a nested one the
    // review does not apply.
    const root = this.s.workspace.folderOf(p) ?? path.dirname(p);
    const configPath = governingConfig(p, { root }).config.file ?? path.join(root, '.dicomsec.yaml');
    const written = writeWaiver(configPath, {
      rule: params.ruleId,
      documents: params.thisDocumentOnly === false ? undefined : documentGlob(configPath, p),
      question: params.questionId,
      section: params.section,
      justification: params.justification,
      expires: params.expires,
      by: params.by,
    });
    this.s.log(`waiver for ${params.ruleId} written to ${written.file}:${written.line}`);
    this.configurationChanged();
    return { configPath: written.file, created: written.created, line: written.line };
  }

  exportReport(params: ExportReportParams): Promise<ExportedReport> {
    const { workspace, pool } = this.s;
    const inputs = (params.uris ?? []).map((u) => uriToPath(documentUriOf(u))).filter((p): p is string => !!p);
    const roots = inputs.length ? inputs : [...workspace.folders];
    if (!roots.length) throw new Error('open a folder of vendor documents first');
    return pool.run(
      {
        type: 'export',
        inputs: roots,
        format: params.format,
        options: this.s.reviewOptions(roots[0]!),
      },
      { timeoutMs: limits.timeoutMs * 20 },
    );
  }

  /** A plain message (a notification: window/showMessageRequest would make Neovim prompt for a choice). */
  private notify(message: string): void {
    void this.s.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  private async execute(command: string, args: unknown[]): Promise<unknown> {
    switch (command) {
      case ServerCommands.waive: {
        const a = args[0] as AddWaiverParams;
        const written = this.addWaiver({ ...a, justification: a.justification ?? TODO_JUSTIFICATION });
        if (this.s.features.showDocument) {
          const at = { line: written.line - 1, character: 0 };
          await this.s.connection.window.showDocument({ uri: pathToFileURL(written.configPath).href, takeFocus: true, selection: { start: at, end: at } }).catch(() => undefined);
        }
        this.notify(`Waiver for ${a.ruleId} added to ${written.configPath}; write its justification there.`);
        return written;
      }
      case ServerCommands.showQuestion:
        this.notify(`${String(args[1] ?? '')}: ${String(args[0] ?? '')}`);
        return null;
      case ServerCommands.showClause:
        this.notify(`${String(args[1] ?? '')} RFP clause: ${String(args[0] ?? '')}`);
        return null;
      case ServerCommands.showRule: {
        const rule = this.s.ruleInfo(String(args[0]));
        this.notify(rule ? `${rule.id} — ${rule.title}: ${rule.rationale}` : String(args[0]));
        return null;
      }
    }
    return null;
  }

  register(): void {
    const { connection } = this.s;
    connection.onRequest(AddWaiverRequest, (params: AddWaiverParams) => this.addWaiver(params));
    connection.onRequest(ExportFormatsRequest, () => EXPORT_FORMATS);
    connection.onRequest(ExportReportRequest, (params: ExportReportParams) => this.exportReport(params));
    connection.onExecuteCommand((params) => this.execute(params.command, params.arguments ?? []));
  }
}
