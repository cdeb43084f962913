// Proves "no network at run time": a preload module for spawned CLI / language-server processes
// (node --require <file>: CommonJS, so it runs synchronously first in every thread, workers too) that replaces every way out — TCP/UDP sockets, DNS, HTTP(S), TLS, fetch —
// with a tripwire. Any use writes a line to $DICOMSEC_NET_MARKER and ends the thread with exit
// code 97. Stdio and IPC (pipes, Unix sockets) stay allowed. The same preload reports the
// process's peak memory (maxRSS, KB) to $DICOMSEC_RSS_FILE when it exits, so hostile-input tests
// can bound memory without /usr/bin/time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const NETWORK_EXIT_CODE = 97;

const PRELOAD = String.raw`
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');
const dgram = require('node:dgram');
const http2 = require('node:http2');
const { appendFileSync, writeFileSync } = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const { isMainThread, threadId } = require('node:worker_threads');

const marker = process.env.DICOMSEC_NET_MARKER;
function trip(what, detail) {
  const line = 'network use blocked: ' + what + ' ' + (detail ?? '') + ' (thread ' + threadId + ')\n';
  try { if (marker) appendFileSync(marker, line); } catch {}
  try { process.stderr.write('[no-network] ' + line); } catch {}
  process.exit(${NETWORK_EXIT_CODE});
}
const describe = (a) => { try { return JSON.stringify(a, (k, v) => (typeof v === 'function' ? undefined : v)).slice(0, 200); } catch { return String(a); } };
// A connection to a filesystem path is IPC (Unix socket / named pipe): allowed.
const isIpc = (args) => {
  const a = args[0];
  if (Array.isArray(a)) return isIpc(a);
  if (typeof a === 'string' && !/^\d+$/.test(a)) return true;
  return !!(a && typeof a === 'object' && typeof a.path === 'string' && a.port === undefined);
};
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  if (isIpc(args)) return origConnect.apply(this, args);
  trip('net.Socket.connect', describe(args[0]));
};
const origListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (isIpc(args)) return origListen.apply(this, args);
  trip('net.Server.listen', describe(args[0]));
};
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'reverse']) {
  if (typeof dns[name] === 'function') dns[name] = (...a) => trip('dns.' + name, describe(a[0]));
  if (dns.promises && typeof dns.promises[name] === 'function') dns.promises[name] = (...a) => trip('dns.promises.' + name, describe(a[0]));
}
if (dns.Resolver) dns.Resolver.prototype.resolve = (...a) => trip('dns.Resolver', describe(a[0]));
for (const [mod, label] of [[http, 'http'], [https, 'https']]) {
  mod.request = (...a) => trip(label + '.request', describe(a[0]));
  mod.get = (...a) => trip(label + '.get', describe(a[0]));
}
http2.connect = (...a) => trip('http2.connect', describe(a[0]));
tls.connect = (...a) => trip('tls.connect', describe(a[0]));
dgram.createSocket = (...a) => trip('dgram.createSocket', describe(a[0]));
if (typeof globalThis.fetch === 'function') globalThis.fetch = (...a) => trip('fetch', describe(String(a[0])));
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function () { trip('WebSocket', ''); };
syncBuiltinESMExports();

const rssFile = process.env.DICOMSEC_RSS_FILE;
if (rssFile && isMainThread) {
  process.on('exit', () => {
    try { writeFileSync(rssFile, String(process.resourceUsage().maxRSS)); } catch {}
  });
}
`;

/** Writes the preload module into `dir` and returns its path (for `node --require <path>`). */
export function noNetworkPreload(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'no-network-preload.cjs');
  writeFileSync(file, PRELOAD);
  return file;
}

export interface GuardedRun {
  /** Arguments to put before the script: --require <preload>. */
  nodeArgs: string[];
  /** Environment additions (marker and RSS files). */
  env: Record<string, string>;
  /** Lines written by the tripwire; empty when nothing tried the network. */
  violations(): string[];
  /** Peak RSS of the process in MB, when it exited normally. */
  maxRssMb(): number | undefined;
}

/** A fresh marker/RSS pair for one spawned process. */
export function guardedRun(dir: string, label: string): GuardedRun {
  const preload = noNetworkPreload(dir);
  const marker = path.join(dir, `${label}.net`);
  const rss = path.join(dir, `${label}.rss`);
  for (const f of [marker, rss]) writeFileSync(f, '');
  return {
    nodeArgs: ['--require', preload],
    env: { DICOMSEC_NET_MARKER: marker, DICOMSEC_RSS_FILE: rss },
    violations: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []),
    maxRssMb: () => {
      const kb = Number(readFileSync(rss, 'utf8'));
      return kb > 0 ? kb / 1024 : undefined;
    },
  };
}
