// The workspace as the server sees it: its folders, the URIs the client uses for each file, the
// list of documents in it (listed in the worker pool, reused until files are created or deleted)
// and the file watchers the client is asked to run.
//
// Listing has a budget. Discovery proper reads files (a Sphinx tree's toctree, configuration
// files), and a file that blocks or takes long (a FIFO named index.rst, a huge tree) must not
// leave the Problems panel empty: past LIST_BUDGET_MS the server reviews the documents found by
// name alone (a walk that opens no file), and takes discovery's list when it arrives.
import { opendir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { isSkippedFolder, isSupportedFile } from '../engine/discover.js';
import { BINARY_EXTENSIONS, extensionGlob, isBinaryPath, isTextPath, TEXT_EXTENSIONS } from './protocol.js';
import type { WorkerPool } from '../engine/worker-pool.js';

/** How long the workspace's document list is reused when no file was created or deleted. */
const LIST_TTL_MS = 30_000;

/** How long discovery may take before the documents found by name are reviewed instead. */
export const LIST_BUDGET_MS = 5_000;
/** Bounds of the walk by name: documents listed, folder entries read, folder depth. */
const WALK_MAX_DOCUMENTS = 10_000;
const WALK_MAX_ENTRIES = 200_000;
const WALK_MAX_DEPTH = 32;

/** The files the client is asked to watch: documents, and configuration and rule packs. */
const WATCHED = [extensionGlob(BINARY_EXTENSIONS), extensionGlob(TEXT_EXTENSIONS), extensionGlob(['yaml', 'yml'])];

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

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The documents below `roots` by file name alone: no file is opened (a FIFO or a huge file is
 * listed, and its review says what it is), symbolic links are not followed, and the walk stops
 * at its bounds or its deadline with what it found so far.
 */
export async function listByName(roots: readonly string[], deadline: number): Promise<{ files: string[]; complete: boolean }> {
  const files: string[] = [];
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<boolean> => {
    if (depth > WALK_MAX_DEPTH) return true;
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      return true;
    }
    const here: { name: string; folder: boolean }[] = [];
    for await (const e of handle) {
      if (++entries > WALK_MAX_ENTRIES || Date.now() > deadline) return false;
      if (e.isDirectory()) here.push({ name: e.name, folder: !isSkippedFolder(e.name) });
      else if (!e.isSymbolicLink() && isSupportedFile(e.name)) here.push({ name: e.name, folder: false });
    }
    here.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of here) {
      const full = path.join(dir, e.name);
      if (e.folder) {
        if (!(await walk(full, depth + 1))) return false;
      } else {
        if (files.length >= WALK_MAX_DOCUMENTS) return false;
        files.push(full);
      }
    }
    return true;
  };
  let complete = true;
  for (const root of roots) if (complete) complete = await walk(root, 0);
  return { files: files.filter(isDocumentPath), complete };
}

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
  /** Discovery's list arrived after the budget and replaced the list by name. */
  onListChanged?: () => void;

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

  uriFor(p: string): string {
    return this.uriByPath.get(p) ?? pathToFileURL(p).href;
  }

  /** The path of a `file:` URI, remembering the client's spelling of it. */
  remember(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (p && !this.uriByPath.has(p)) this.uriByPath.set(p, uri);
    return p;
  }

  /**
   * The documents below the given files and folders (default: the workspace folders), as
   * discovery lists them when it finishes within LIST_BUDGET_MS, else found by name. `late`
   * receives discovery's list if it arrives after the budget.
   */
  async discover(inputs?: string[], late?: (files: string[]) => void): Promise<string[]> {
    const roots = inputs?.length ? inputs : this.folderList;
    if (!roots.length) return [];
    const started = Date.now();
    const full = this.pool.run({ type: 'discover', inputs: roots, cwd: roots[0]! }).then((files) => files.filter(isDocumentPath));
    const inTime = await Promise.race([full.then((files) => ({ files }), (err: Error) => ({ err })), delay(LIST_BUDGET_MS).then(() => undefined)]);
    if (inTime && 'files' in inTime) return inTime.files;
    this.log(
      inTime
        ? `cannot list workspace documents (${inTime.err.message}); reviewing the documents found by name`
        : `listing workspace documents passed ${LIST_BUDGET_MS} ms (a file that blocks or a very large tree); reviewing the documents found by name meanwhile`,
    );
    if (!inTime && late) full.then(late, (err: Error) => this.log(`listing workspace documents failed: ${err.message}`));
    else full.catch(() => undefined);
    const byName = await listByName(roots, started + LIST_BUDGET_MS * 2);
    if (!byName.complete) this.log(`the walk by name stopped at its bounds after ${byName.files.length} documents`);
    return byName.files;
  }

  /** The workspace's documents, listed again when files are created or deleted (or after a while, for clients without watchers). */
  files(): Promise<string[]> {
    if (!this.list || Date.now() - this.list.at > LIST_TTL_MS) {
      const list = { at: Date.now(), files: Promise.resolve([] as string[]) };
      list.files = this.discover(undefined, (files) => {
        if (this.list !== list) return;
        this.list = { at: Date.now(), files: Promise.resolve(files) };
        this.onListChanged?.();
      }).catch((err: Error) => {
        this.log(`cannot list workspace documents: ${err.message}`);
        if (this.list === list) this.list = undefined;
        return [] as string[];
      });
      this.list = list;
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
