// The state one language-server session shares between its parts: the connection, the editor's
// open documents, what the client can do (negotiated once), the settings, the workspace, and the
// services that review documents in the worker pool. Each concern (diagnostics, code actions,
// commands, review views…) lives in its own file and reads what it needs from here.
import { homedir } from 'node:os';
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReviewOptions } from '../engine/review.js';
import { DEFAULT_FEATURES, type ClientFeatures } from './client-features.js';
import { CrossService } from './cross.js';
import type { Settings } from './protocol.js';
import type { RuleInfo } from '../rules/rule.js';
import { ReviewService } from './reviews.js';
import type { WorkerPool } from '../engine/worker-pool.js';
import { Workspace } from './workspace.js';

/**
 * `dicomsec.knownExploited` with `~/` expanded to the home folder, or undefined when unset. The
 * setting is machine-scoped (package.json), so no workspace can set it. A relative path is passed
 * on as written and refused by the review (knownExploitedSource: each review says why) rather than
 * resolved against a workspace folder, where a vendor's folder could supply a list under that name.
 */
export function knownExploitedSetting(settings: Settings): string | undefined {
  const raw = typeof settings.knownExploited === 'string' ? settings.knownExploited.trim() : '';
  if (!raw) return undefined;
  return raw === '~' || raw.startsWith('~/') ? path.join(homedir(), raw.slice(1)) : raw;
}

export class Session {
  private negotiated?: ClientFeatures;
  settings: Settings = {};
  readonly workspace: Workspace;
  readonly reviews: ReviewService;
  readonly cross: CrossService;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly pool: WorkerPool,
    readonly log: (message: string) => void,
  ) {
    this.workspace = new Workspace(pool, log);
    const options = (p: string) => this.reviewOptions(p);
    this.reviews = new ReviewService(pool, options, log);
    this.cross = new CrossService(pool, options, log);
  }

  /** What the client can do; the defaults until `initialize` has been answered. */
  get features(): ClientFeatures {
    return this.negotiated ?? DEFAULT_FEATURES;
  }

  /** Set once, from `initialize`. */
  set features(f: ClientFeatures) {
    if (this.negotiated) throw new Error('client features are negotiated once, at initialize');
    this.negotiated = f;
  }

  /** The options a review of `p` runs with: its workspace folder's configuration and the settings. */
  reviewOptions(p: string): ReviewOptions {
    const knownExploited = knownExploitedSetting(this.settings);
    return {
      cwd: this.workspace.folderOf(p) ?? path.dirname(p),
      trusted: this.features.trusted,
      overrides: { packs: this.settings.packs, rules: this.settings.rules },
      ...(knownExploited ? { knownExploited } : {}),
    };
  }

  /** Rule metadata for hover, actions and docs: a document's rules, then the cross rules. */
  ruleInfo(id: string): RuleInfo | undefined {
    return this.reviews.rules.get(id) ?? this.cross.rules.get(id);
  }

  /** Reads the `dicomsec` settings from the client, when it serves workspace/configuration. */
  async fetchSettings(): Promise<void> {
    if (!this.features.configurationPull) return;
    try {
      const s = (await this.connection.workspace.getConfiguration('dicomsec')) as Settings | null;
      this.settings = s ?? {};
    } catch (err) {
      this.log(`cannot read settings: ${(err as Error).message}`);
    }
  }
}
