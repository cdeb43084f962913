// Where the checks of `.dicomsec.yaml` and rule packs run. A file of ordinary size is checked on
// the main thread, at once. A large one (a pasted list of 40,000 rule ids takes seconds to parse
// as YAML) is checked in the worker pool under CONFIG_CHECK_MS, so the server keeps answering;
// a check past that budget is one diagnostic that says so.
import path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type Hover, type Position } from 'vscode-languageserver/node';
import { configSourceFor, governingConfig } from '../config/resolve.js';
import { configDiagnostics, configHover, type ConfigKind } from './config-files.js';
import { DIAGNOSTIC_SOURCE } from './protocol.js';
import type { RuleKnowledge } from './rule-knowledge.js';
import type { Session } from './session.js';

/** Files up to this size are checked on the main thread (a real configuration is a few KiB). */
export const CONFIG_INLINE_BYTES = 64 * 1024;
/** Wall time for checking a large file in the pool. */
export const CONFIG_CHECK_MS = 10_000;

export interface ConfigTarget {
  configKind: ConfigKind;
  path: string;
  text: string;
}

const isLarge = (text: string) => text.length > CONFIG_INLINE_BYTES;

export class ConfigChecks {
  constructor(
    private readonly s: Session,
    private readonly knowledge: RuleKnowledge,
  ) {}

  async diagnostics(t: ConfigTarget): Promise<Diagnostic[]> {
    const notApplied = t.configKind === 'config' ? this.notAppliedNotice(t.path) : [];
    return [...notApplied, ...(await this.checks(t))];
  }

  /**
   * A `.dicomsec.yaml` below the workspace folder's own configuration is the reviewed tree's, not
   * the reviewer's: the editor says so on the file, as the CLI's notices do, so nobody edits a file
   * that changes nothing (config/resolve.ts decides; this only reports it).
   */
  private notAppliedNotice(file: string): Diagnostic[] {
    const cwd = this.s.workspace.folderOf(file);
    if (!cwd) return [];
    try {
      const { notices } = governingConfig(path.dirname(file), configSourceFor({ cwd }));
      const mine = notices.find((n) => n.file === path.resolve(file));
      if (!mine) return [];
      const at = { line: 0, character: 0 };
      return [{ range: { start: at, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: mine.kind, message: mine.message }];
    } catch {
      return []; // a broken reviewer configuration is reported on that file and in every review
    }
  }

  private async checks(t: ConfigTarget): Promise<Diagnostic[]> {
    if (!isLarge(t.text)) return configDiagnostics(t.configKind, t.path, t.text, await this.knowledge.knownRules());
    try {
      return (await this.s.pool.run({ type: 'config-check', op: 'diagnostics', kind: t.configKind, path: t.path, text: t.text }, { timeoutMs: CONFIG_CHECK_MS })) as Diagnostic[];
    } catch (err) {
      this.s.log(`checking ${t.path} stopped: ${(err as Error).message}`);
      const at = { line: 0, character: 0 };
      return [
        {
          range: { start: at, end: { line: 0, character: 1 } },
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          message: `dicomsec could not check this file in the editor (${(err as Error).message}); \`dicomsec print-config\` or a lint run checks it`,
        },
      ];
    }
  }

  async hover(t: ConfigTarget, position: Position): Promise<Hover | null> {
    if (!isLarge(t.text)) return configHover(t.configKind, t.text, position, await this.knowledge.knownRules()) ?? null;
    try {
      const job = { type: 'config-check', op: 'hover', kind: t.configKind, path: t.path, text: t.text, line: position.line, character: position.character } as const;
      return (await this.s.pool.run(job, { timeoutMs: CONFIG_CHECK_MS })) as Hover | null;
    } catch {
      return null;
    }
  }
}
