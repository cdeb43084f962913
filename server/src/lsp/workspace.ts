// The workspace as the server sees it: its folders, the URIs the client uses for each file, the
// list of documents in it (listed in the worker pool, reused until files are created or deleted)
// and the file watchers the client is asked to run.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { limits } from '../core/limits.js';
import { isBinaryPath, isTextPath } from './protocol.js';
import type { WorkerPool } from './worker-pool.js';

/** How long the workspace's document list is reused when no file was created or deleted. */
const LIST_TTL_MS = 30_000;

/** The files the client is asked to watch: documents, and configuration and rule packs. */
const WATCHED = ['**/*.{xlsx,xlsm,xls,ods,csv,pdf,docx,odt}', '**/*.{md,markdown,txt,html,htm,xhtml,rst,xml,tex}', '**/*.{yaml,yml}'];

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A document the server reviews (by extension): binary formats from disk, text formats from the editor. */
export const isDocumentPath = (p: string) => isBinaryPath(p) || isTextPath(p);

/** The real path of `p`, or of its folder when `p` does not exist; undefined when neither does. */
async function realPathOf(p: string): Promise<string | undefined> {
  try {
    return await realpath(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    try {
      return path.join(await realpath(path.dirname(p)), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

export class Workspace {
  private folderList: string[] = [];
  /** The URI strings the client uses, by file path, so answers echo them exactly. */
  private readonly uriByPath = new Map<string, string>();
  private list: { at: number; files: Promise<string[]> } | undefined;

  constructor(
    private readonly pool: WorkerPool,
    private readonly log: (message: string) => void,
  ) {}

  get folders(): readonly string[] {
    return this.folderList;
  }

  /** The folders from `initialize`: workspace folders, else the root URI, else the root path. */
  open(params: InitializeParams): void {
    const wf = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    this.folderList = wf?.length ? wf : params.rootUri ? [uriToPath(params.rootUri)].filter((p): p is string => !!p) : params.rootPath ? [params.rootPath] : [];
  }

  foldersChanged(e: WorkspaceFoldersChangeEvent): void {
    for (const r of e.removed) this.folderList = this.folderList.filter((f) => f !== uriToPath(r.uri));
    for (const a of e.added) {
      const p = uriToPath(a.uri);
      if (p) this.folderList.push(p);
    }
    this.invalidate();
  }

  folderOf(p: string): string | undefined {
    return this.folderList.find((f) => p === f || p.startsWith(f + path.sep));
  }

  /**
   * Whether `p` lies inside a workspace folder once every symbolic link (of the file, of its
   * folders, of the workspace folders) is resolved: `..` segments and links that lead out of the
   * workspace do not count as inside. A missing file is judged by its folder.
   */
  async contains(p: string): Promise<boolean> {
    const real = await realPathOf(path.resolve(p));
    if (!real) return false;
    for (const folder of this.folderList) {
      const root = await realPathOf(folder);
      if (root && (real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep))) return true;
    }
    return false;
  }

  dirOf(p: string): string {
    return path.dirname(p);
  }

  uriFor(p: string): string {
    return this.uriByPath.get(p) ?? pathToFileURL(p).href;
  }

  /** The path of a `file:` URI, remembering the client's spelling of it. */
  remember(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (p && !this.uriByPath.has(p)) this.uriByPath.set(p, uri);
    return p;
  }

  /** The documents below the given files and folders (default: the workspace folders). */
  async discover(inputs?: string[]): Promise<string[]> {
    const roots = inputs?.length ? inputs : this.folderList;
    if (!roots.length) return [];
    const files = await this.pool.run<string[]>({ type: 'discover', inputs: roots, cwd: roots[0]! }, limits.timeoutMs);
    return files.filter(isDocumentPath);
  }

  /** The workspace's documents, listed again when files are created or deleted (or after a while, for clients without watchers). */
  files(): Promise<string[]> {
    if (!this.list || Date.now() - this.list.at > LIST_TTL_MS) {
      const files = this.discover().catch((err: Error) => {
        this.log(`cannot list workspace documents: ${err.message}`);
        this.list = undefined;
        return [] as string[];
      });
      this.list = { at: Date.now(), files };
    }
    return this.list.files;
  }

  /** Files were created or deleted, or folders changed: list again on the next use. */
  invalidate(): void {
    this.list = undefined;
  }

  /** Asks the client to watch documents and configuration files. */
  registerWatchers(connection: Connection): void {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
  }
}
