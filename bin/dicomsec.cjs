#!/usr/bin/env node
// Thin launcher: the CLI is an ES module bundle built by `npm run build`.
const path = require('node:path');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(path.join(__dirname, '..', 'dist', 'cli.mjs')).href).catch((err) => {
  console.error(`dicomsec: cannot start (${err && err.message}). Run "npm run build" first.`);
  process.exit(2);
});
