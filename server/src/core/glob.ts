// Minimal glob matching for config files (`**`, `*`, `?`, `{a,b}`), on '/'-separated paths.
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // '**/' matches zero or more folders; a trailing '**' matches everything below.
        if (glob[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
  }
  const compiled = new RegExp(`^${re}$`);
  cache.set(glob, compiled);
  return compiled;
}

export function matchesGlob(relPath: string, glob: string): boolean {
  const p = relPath.split('\\').join('/');
  const g = glob.replace(/^\.\//, '');
  // A pattern without a slash matches the file name anywhere, like .gitignore.
  if (!g.includes('/')) return globToRegExp(g).test(p.slice(p.lastIndexOf('/') + 1)) || globToRegExp(g).test(p);
  return globToRegExp(g).test(p);
}

export function isGlob(s: string): boolean {
  return /[*?{]/.test(s);
}
