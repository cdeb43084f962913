// Checks of `.dicomsec.yaml` in the editor stay bounded on a huge file: each step is linear, and
// at most MAX_CONFIG_DIAGNOSTICS problems are listed plus one that counts the rest.
import { describe, expect, it } from 'vitest';
import { configDiagnostics, configHover, MAX_CONFIG_DIAGNOSTICS, type KnownRules } from '../../server/src/lsp/config-files.js';
import type { RuleInfo } from '../../server/src/rules/rule.js';

const rule = (id: string, title: string) => ({ id, title, severity: 'error', pack: 'wg14', rationale: `why ${id}`, appliesTo: 'conformance-statement' }) as unknown as RuleInfo;
const known: KnownRules = {
  rules: new Map([rule('CS-TLS-001', 'TLS is supported'), rule('CS-TLS-002', 'TLS versions')].map((r) => [r.id, r])),
  packs: new Set(['wg14', 'nsa-mnp']),
};
const messageOf = (d: { message: string | { value: string } }) => (typeof d.message === 'string' ? d.message : d.message.value);
const CONFIG = '/nowhere/.dicomsec.yaml';

describe('config-file checks on a huge configuration', () => {
  const N = 40_000;
  const huge = `rules:\n  CS-TLS-001: warning\n${Array.from({ length: N }, (_, i) => `  BOGUS-${i}: off\n`).join('')}`;

  it('lists the first unknown rule ids where they are, and one diagnostic counting the rest', () => {
    const started = Date.now();
    const items = configDiagnostics('config', CONFIG, huge, known);
    // Measured, not asserted: see the lsp helper's report (the file and its timing).
    process.stdout.write(`config-files: ${N} unknown rule ids checked in ${Date.now() - started} ms\n`);
    expect(items).toHaveLength(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(messageOf(items[0]!)).toBe('unknown rule id BOGUS-0');
    expect(items[0]!.range.start.line).toBe(2);
    expect(items[MAX_CONFIG_DIAGNOSTICS - 1]!.range.start.line).toBe(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(messageOf(items[MAX_CONFIG_DIAGNOSTICS]!)).toBe(`${N - MAX_CONFIG_DIAGNOSTICS} more problems in this file are not listed (the first ${MAX_CONFIG_DIAGNOSTICS} are)`);
    // The known rule is not reported.
    expect(items.some((d) => messageOf(d).includes('CS-TLS-001'))).toBe(false);
  });

  it('caps schema problems the same way', () => {
    const n = 5 * MAX_CONFIG_DIAGNOSTICS;
    const invalid = `rules:\n${Array.from({ length: n }, (_, i) => `  BOGUS-${i}: loud\n`).join('')}`;
    const items = configDiagnostics('config', CONFIG, invalid, known);
    expect(items).toHaveLength(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(messageOf(items[0]!)).toMatch(/must be one of "error", "warning", "info", "off"/);
    expect(messageOf(items.at(-1)!)).toMatch(new RegExp(`^${n - MAX_CONFIG_DIAGNOSTICS} more problems`));
  });

  it('finds duplicate keys among 40,000 (each one, on its line)', () => {
    const dups = `rules:\n${Array.from({ length: N }, (_, i) => `  BOGUS-${i % (N / 2)}: off\n`).join('')}`;
    const items = configDiagnostics('config', CONFIG, dups, known);
    expect(items).toHaveLength(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(messageOf(items[0]!)).toBe('Map keys must be unique');
    expect(items[0]!.range.start.line).toBe(1 + N / 2);
    expect(messageOf(items.at(-1)!)).toBe(`${N / 2 - MAX_CONFIG_DIAGNOSTICS} more problems in this file are not listed (the first ${MAX_CONFIG_DIAGNOSTICS} are)`);
  });

  it('hovers a rule id near the end of the file', () => {
    const text = `${huge}  CS-TLS-002: info\n`;
    const hover = configHover('config', text, { line: N + 2, character: 4 }, known);
    expect(hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '').toContain('CS-TLS-002 — TLS versions');
  });

  it('keeps a small file exact: every problem, with a suggestion', () => {
    const items = configDiagnostics('config', CONFIG, 'rules:\n  CS-TLS-009: off\npacks:\n  wg15: true\n', known);
    expect(items.map(messageOf)).toEqual(['unknown pack "wg15" (built-in packs: wg14, nsa-mnp)', 'unknown rule id CS-TLS-009 (did you mean CS-TLS-001, CS-TLS-002?)']);
  });
});
