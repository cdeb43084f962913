// Generates hostile vendor folders: layouts built to steer, silence or escape the review of a whole
// folder (a vendor .dicomsec.yaml, symlinks out of the tree, Sphinx include tricks, notes next to
// documents, depth, tool folders, terminal escapes in names). Each case is one folder plus what a
// correct review of it must show; test/hostile/folders.test.ts runs them through the CLI and the
// language server.
//   generateHostileFolders(dir) → the cases written (dir is emptied first).
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { healthySeeds, type Seeds } from './generate.js';

/** What a correct review of one folder must show; paths are relative to the case folder, '/'-separated. */
export interface FolderExpect {
  /** Exactly the documents reviewed, each with findings; the value names the healthy seed it holds (same seed → same rule ids). */
  reviewed: Record<string, SeedName>;
  /** Skipped entries that must be listed, with their reason. */
  skipped: Record<string, string>;
  /** Notice kinds the report must carry (configuration notices). */
  notices: string[];
  /** The CLI's exit code with the default fail-on. */
  code: number;
  /** Text that must never appear in any output (what lies outside the tree). */
  absent: string[];
}

export type SeedName = 'md' | 'pdf' | 'xlsx' | 'rst';

export interface FolderCase {
  name: string;
  attack: string;
  /** The case folder (the tree under review). */
  dir: string;
  expect: FolderExpect;
}

/** A marker written only outside the case folders: never in a report, never in the editor. */
export const OUTSIDE_MARKER = 'OUTSIDE-THE-TREE-7f3a';

/** The healthy Markdown statement as reStructuredText (headings underlined). */
export function markdownToRst(md: string): string {
  const marks = ['#', '=', '-', '~', '^', '"'];
  return md
    .split('\n')
    .map((l) => {
      const m = /^(#{1,6}) (.*)$/.exec(l);
      return m ? `${m[2]}\n${marks[m[1]!.length - 1]!.repeat(Math.max(4, m[2]!.length))}` : l;
    })
    .join('\n');
}

/** Every rule id the built-in packs define (read from rules/*.yaml). */
function builtInRuleIds(): string[] {
  const rulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
  return readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => [...readFileSync(path.join(rulesDir, f), 'utf8').matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]!));
}

/** A custom rule pack a vendor ships to be loaded by its own configuration: it must never run. */
export const EVIL_PACK = [
  'pack: evil',
  'title: Vendor rules',
  'description: Loaded only if a vendor config could load packs.',
  'rules:',
  '  - id: EVIL-CS-001',
  '    title: Always fires',
  '    severity: info',
  '    appliesTo: conformance-statement',
  '    frameworks:',
  '      nsa-mnp: [M1]',
  '    when: "true"',
  '    evidence:',
  '      - fact: product',
  '    message: A vendor rule ran.',
  '    rationale: None.',
  '    remediation: None.',
  '    question: None?',
  '    rfpClause: None.',
].join('\n');

/** The vendor's configuration: every lever that could make the review look clean. */
export function silencingConfig(ruleIds: string[]): string {
  return [
    'packs: {nsa-mnp: false, wg14-checklist: false}',
    'rules:',
    ...ruleIds.map((id) => `  ${id}: "off"`),
    'ignore: ["**"]',
    'customPacks: [evil.yaml]',
    'failOn: none',
    'trustNestedConfigs: ["**"]',
    'overrides:',
    '  - files: "**"',
    '    rules:',
    ...ruleIds.map((id) => `      ${id}: info`),
    'waivers:',
    ...ruleIds.map((id) => `  - { rule: ${id}, documents: "**", justification: Accepted by the vendor itself. }`),
  ].join('\n');
}

type Entry = string | Uint8Array | { link: string };

interface CaseSpec {
  name: string;
  attack: string;
  files: Record<string, Entry>;
  /** Files written beside the case folders (outside every tree), relative to the generator's dir. */
  outside?: Record<string, string>;
  expect: Omit<FolderExpect, 'notices' | 'absent' | 'skipped'> & Partial<Pick<FolderExpect, 'notices' | 'absent' | 'skipped'>>;
}

function specs(seeds: Seeds, dir: string): CaseSpec[] {
  const rst = markdownToRst(seeds.md);
  const ruleIds = builtInRuleIds();
  const deep = Array.from({ length: 34 }, (_, i) => `d${i}`).join('/');
  const outsideDir = path.join(dir, '_outside');
  // ESC (a colour and a cursor move), OSC 8 (a hyperlink) ended by BEL, CR, and the right-to-left override
  // (no '/', which would make folders).
  const controlName = 'cs-\u001b[31mred\u001b[2J\u001b]8;;https:evil.example\u0007link\rover\u202edm.txt.md';
  return [
    {
      name: 'vendor-config',
      attack: 'a nested vendor .dicomsec.yaml turns packs and rules off, ignores **, waives everything, loads a custom pack, sets failOn none',
      files: { 'cs.md': seeds.md, 'vendor/cs.md': seeds.md, 'vendor/.dicomsec.yaml': silencingConfig(ruleIds), 'vendor/evil.yaml': EVIL_PACK },
      expect: { reviewed: { 'cs.md': 'md', 'vendor/cs.md': 'md' }, notices: ['config-not-applied'], code: 1, absent: ['EVIL-CS-001'] },
    },
    {
      name: 'config-40k-unknown-rules',
      attack: 'a vendor .dicomsec.yaml naming 40,000 unknown rule ids',
      files: { 'cs.md': seeds.md, '.dicomsec.yaml': `rules:\n${Array.from({ length: 40_000 }, (_, i) => `  BOGUS-${i}: off\n`).join('')}` },
      expect: { reviewed: { 'cs.md': 'md' }, notices: ['config-not-applied'], code: 1 },
    },
    {
      name: 'symlink-outside-folder',
      attack: 'a symlink to a folder outside the tree holding a document',
      files: { 'cs.md': seeds.md, 'more-docs': { link: outsideDir } },
      outside: { '_outside/secret-cs.md': `${seeds.md}\n${OUTSIDE_MARKER}\n` },
      expect: { reviewed: { 'cs.md': 'md' }, skipped: { 'more-docs': 'symlink-outside-tree' }, code: 1, absent: ['secret-cs.md'] },
    },
    {
      name: 'symlink-passwd',
      attack: 'a symlink to /etc/passwd named x.txt',
      files: { 'cs.md': seeds.md, 'x.txt': { link: '/etc/passwd' } },
      expect: { reviewed: { 'cs.md': 'md' }, skipped: { 'x.txt': 'symlink-outside-tree' }, code: 1, absent: ['root:x:0:0', '/etc/passwd'] },
    },
    {
      name: 'symlink-loop',
      attack: 'a symlink back to the top of the tree (a loop)',
      files: { 'cs.md': seeds.md, 'sub/form.xlsx': seeds.xlsx, 'sub/loop': { link: '..' } },
      expect: { reviewed: { 'cs.md': 'md', 'sub/form.xlsx': 'xlsx' }, skipped: { 'sub/loop': 'symlink-duplicate' }, code: 1 },
    },
    {
      name: 'symlink-inside',
      attack: 'a symlink inside the tree to a document: reviewed once',
      files: { 'cs.md': seeds.md, 'again.md': { link: 'cs.md' } },
      expect: { reviewed: { 'cs.md': 'md' }, skipped: { 'again.md': 'symlink-duplicate' }, code: 1 },
    },
    {
      name: 'sphinx-tricks',
      attack: 'a Sphinx index.rst with a self-include, an include cycle, a toctree entry ../../outside, a toctree naming a PDF and a workbook, a figure, and an include on the last line without a trailing newline',
      files: {
        'docs/index.rst':
          'Conformance Statement\n#####################\n\n.. include:: index.rst\n\n.. include:: a.rst\n\n.. toctree::\n\n   ../../outside\n   cs.pdf\n   form.xlsx\n\n.. figure:: arch.svg\n\n.. include:: body.rst',
        'docs/a.rst': 'Part A\n======\n\n.. include:: b.rst\n',
        'docs/b.rst': 'Part B\n======\n\n.. include:: a.rst\n',
        'docs/body.rst': rst,
        'docs/cs.pdf': seeds.pdf,
        'docs/form.xlsx': seeds.xlsx,
        'docs/arch.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      },
      outside: { 'outside.rst': `Outside\n=======\n\n${OUTSIDE_MARKER}\n` },
      expect: {
        reviewed: { 'docs/index.rst': 'rst', 'docs/cs.pdf': 'pdf', 'docs/form.xlsx': 'xlsx' },
        skipped: { 'docs/a.rst': 'member-of', 'docs/b.rst': 'member-of', 'docs/body.rst': 'member-of', 'docs/arch.svg': 'asset-of' },
        code: 1,
      },
    },
    {
      name: 'notes-beside-documents',
      attack: 'a README and a MANIFEST.md next to the documents',
      files: { 'cs.md': seeds.md, 'form.xlsx': seeds.xlsx, 'README.md': '# Delivery notes\n\nUnpack and install.\n', 'MANIFEST.md': '# Manifest\n\n- cs.md\n- form.xlsx\n' },
      expect: { reviewed: { 'cs.md': 'md', 'form.xlsx': 'xlsx' }, skipped: { 'README.md': 'not-a-document', 'MANIFEST.md': 'not-a-document' }, code: 1 },
    },
    {
      name: 'too-deep',
      attack: 'a document nested past the depth limit',
      files: { 'cs.md': seeds.md, [`${deep}/buried.md`]: seeds.md },
      expect: { reviewed: { 'cs.md': 'md' }, skipped: { [deep.split('/').slice(0, 33).join('/')]: 'depth-limit' }, code: 1 },
    },
    {
      name: 'tool-folders',
      attack: 'a dot-folder and a node_modules folder holding documents',
      files: { 'cs.md': seeds.md, '.vendor/form.xlsx': seeds.xlsx, 'node_modules/pkg/cs.pdf': seeds.pdf },
      expect: { reviewed: { 'cs.md': 'md' }, skipped: { '.vendor': 'dot-folder', node_modules: 'build-folder' }, code: 1 },
    },
    {
      name: 'control-characters-in-name',
      attack: 'a file name with ESC, OSC 8, BEL, CR and U+202E (right-to-left override)',
      files: { [controlName]: seeds.md },
      expect: { reviewed: { [controlName]: 'md' }, code: 1 },
    },
  ];
}

/** Writes every hostile vendor folder under `dir` (emptied first), each case in its own folder. */
export function generateHostileFolders(dir: string, seeds: Seeds = healthySeeds()): FolderCase[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cases: FolderCase[] = [];
  for (const spec of specs(seeds, dir)) {
    const root = path.join(dir, spec.name);
    mkdirSync(root, { recursive: true });
    for (const [rel, body] of Object.entries(spec.outside ?? {})) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), body);
    }
    for (const [rel, body] of Object.entries(spec.files)) {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      if (typeof body === 'object' && 'link' in body) symlinkSync(body.link, file);
      else writeFileSync(file, body);
    }
    cases.push({
      name: spec.name,
      attack: spec.attack,
      dir: root,
      expect: { skipped: {}, notices: [], ...spec.expect, absent: [OUTSIDE_MARKER, ...(spec.expect.absent ?? [])] },
    });
  }
  return cases;
}
