// How the scorecard report names a file: relative to the working folder, or by its name alone
// when it lies outside it. A report goes to a purchasing committee; the reviewer's home folder
// and machine layout stay out of it (the SHA-256 identifies the file).
import path from 'node:path';

export function reportPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.basename(file)).split(path.sep).join('/');
}
