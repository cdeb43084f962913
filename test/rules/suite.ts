// The shared body of each pack's test file: schema validity, one case per rule, and every rule's
// fail and pass fixtures run through the engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HN2019_QUESTION_IDS, questionInfo } from '../../server/src/documents/mds2/questions.js';
import { ruleApplicability } from '../../server/src/rules/applicability.js';
import { isDocumentedFact } from '../../server/src/documents/conformance/fact-glossary.js';
import { TOPIC_IDS } from '../../server/src/documents/rfp/topics.js';
import {
  baseStatement,
  CASE_KEYS,
  caseJsonLines,
  caseSubject,
  catalogRules,
  evidenceName,
  factValue,
  loadCases,
  loadPack,
  rulesDir,
  runCase,
  rulesWithoutCases,
  subjectKinds,
  type RuleCase,
} from './harness.js';
import type { CatalogRule } from '../../server/src/rules/rule.js';
import { CROSS_FACTS } from '../../server/src/rules/cross-facts.js';

const FRAMEWORKS = ['nsa-mnp', 'nist-800-53', 'iec-80001-2-2', 'wg14'] as const;

/** Rules that read a conformance statement's facts (or an MDS2 form's), not an SBOM's or advisory's, nor an RFP's topics. */
const readsStatementFacts = (r: CatalogRule) => subjectKinds(r).every((k) => k === 'mds2' || k === 'conformance-statement');

function caseName(kind: 'fail' | 'pass', c: RuleCase, i: number): string {
  return `${kind}${c.name ? `: ${c.name}` : ` #${i + 1}`}`;
}

/** A fail case: the rule fires at its own severity, and its first evidence is the one the case names, quote included. */
export function expectFailCase(rule: CatalogRule, fc: RuleCase): void {
  const findings = runCase(rule, fc);
  expect(findings.length, 'the rule should fire').toBeGreaterThan(0);
  const f = findings[0]!;
  expect(f.ruleId).toBe(rule.id);
  expect(f.severity).toBe(rule.severity);
  expect(f.evidence.length).toBeGreaterThan(0);
  expect(fc.expect, 'a fail case names the evidence expected first').toBeDefined();
  expect(evidenceName(f.evidence[0]), 'first evidence item').toBe(fc.expect);
  if (fc.quote) expect(f.evidence[0]!.quote, 'first evidence quote').toContain(fc.quote);
  // SBOM and advisory evidence: a JSON pointer into the document, at the line it is written on.
  const lines = caseJsonLines(rule, fc);
  for (const e of f.evidence) {
    const lineOf = e.path === undefined ? undefined : lines.get(e.path);
    if (!lineOf) continue;
    expect(e.section && lineOf.has(e.section), `${e.section} is a JSON pointer into ${e.path}`).toBe(true);
    expect(e.line, `line of ${e.section}`).toBe(lineOf.get(e.section!));
  }
  if (rule.appliesTo === 'cross') {
    // Evidence from every document of the subject, each item naming its document.
    const paths = new Set(f.evidence.map((e) => e.path));
    expect(paths, 'cross evidence cites every document').toEqual(new Set(caseSubject(rule, fc).documents.map((d) => d.path)));
  }
}

/** A pass case: the rule applies and does not fire. */
export function expectPassCase(rule: CatalogRule, pc: RuleCase): void {
  expect(runCase(rule, pc).map((f) => f.evidence.map(evidenceName))).toEqual([]);
  expect(ruleApplicability(rule, caseSubject(rule, pc)).applicable, 'a pass case is applicable (an n/a case belongs under na:)').toBe(true);
}

export function definePackSuite(packName: string): void {
  const pack = loadPack(packName);
  const rules = catalogRules(packName);
  const cases = loadCases(packName);

  describe(`pack ${packName}: structure`, () => {
    it('validates against rules/schema/rule-pack.schema.json', () => {
      const schema = JSON.parse(readFileSync(path.join(rulesDir, 'schema', 'rule-pack.schema.json'), 'utf8'));
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const doc = parseYaml(readFileSync(path.join(rulesDir, `${packName}.yaml`), 'utf8'));
      expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    });

    it('has unique rule ids', () => {
      const ids = pack.rules.map((r) => r.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });

    it('gives every rule a case with at least one fail and one pass fixture', () => {
      expect(rulesWithoutCases(packName), 'rules without fail and pass fixtures').toEqual([]);
    });

    it('has well-formed fixture cases (only known keys)', () => {
      const known = new Set(CASE_KEYS);
      for (const [id, c] of Object.entries(cases)) {
        for (const k of [...c.fail, ...c.pass, ...c.na]) expect(Object.keys(k).filter((key) => !known.has(key)), `${id} case keys`).toEqual([]);
      }
    });

    it('gives every conformance-statement or cross rule that declares requires: a not-applicable case', () => {
      const missing = rules.filter((r) => r.requires?.length && r.appliesTo !== 'mds2' && !(cases[r.id]?.na.length)).map((r) => r.id);
      expect(missing, 'rules with requires: but no na fixture').toEqual([]);
    });

    it('has no fixtures for rules that are not in the pack', () => {
      const ids = new Set(rules.map((r) => r.id));
      expect(Object.keys(cases).filter((id) => !ids.has(id))).toEqual([]);
    });

    it('maps every rule to all four frameworks and puts it in a declared group', () => {
      const groups = new Set((pack.groups ?? []).map((g) => g.id));
      for (const r of rules) {
        for (const f of FRAMEWORKS) expect(r.frameworks[f]?.length ?? 0, `${r.id} ${f}`).toBeGreaterThan(0);
        expect(r.group && groups.has(r.group), `${r.id} group`).toBe(true);
      }
    });

    it('cites only real HN 1-2019 question IDs', () => {
      const known = new Set(HN2019_QUESTION_IDS);
      for (const r of rules) {
        const ids = [...Object.keys(r.answers ?? {}), ...(r.evidence ?? []).flatMap((e) => ('question' in e ? [e.question] : []))];
        for (const id of ids) expect(known.has(id), `${r.id} cites ${id}`).toBe(true);
        for (const m of (r.when ?? '').matchAll(/(?:answer|raw|note)\["([^"]+)"\]/g)) expect(known.has(m[1]!), `${r.id} when cites ${m[1]}`).toBe(true);
      }
    });

    it('respects gap polarity: an MDS2 rule matches the answer that is the gap (inverted questions included)', () => {
      for (const r of rules.filter((x) => x.appliesTo === 'mds2')) {
        for (const [id, wanted] of Object.entries(r.answers ?? {})) {
          const gap = questionInfo(id)!.gapWhen;
          if (gap === 'informational') continue;
          for (const w of Array.isArray(wanted) ? wanted : [wanted]) expect(w, `${r.id} on ${id} (gap when ${gap})`).toBe(gap);
        }
      }
    });

    it('cites only conformance-statement facts that exist in the model', () => {
      const cs = baseStatement();
      for (const r of rules.filter(readsStatementFacts)) {
        for (const e of r.evidence ?? []) if ('fact' in e) expect(factValue(cs, e.fact), `${r.id} cites ${e.fact}`).not.toBeUndefined();
      }
    });

    it('names only known RFP requirement topics (documents/rfp/topics.ts)', () => {
      for (const r of rules.filter((x) => x.appliesTo === 'rfp')) {
        for (const e of r.evidence ?? []) if ('fact' in e) expect(TOPIC_IDS, `${r.id} cites ${e.fact}`).toContain(e.fact.replace(/^topic\./, ''));
        for (const m of (r.when ?? '').matchAll(/"([^"]+)" in rfp\.covered/g)) expect(TOPIC_IDS, `${r.id} reads topic ${m[1]}`).toContain(m[1]);
      }
    });

    it('reads and cites only conformance-statement facts documented in the fact glossary', () => {
      for (const r of rules.filter(readsStatementFacts)) {
        const keys = [...(r.when ?? '').matchAll(/\bcs\.([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)/g)].map((m) => m[1]!.replace(/\.(?:size|exists|all|matches|trim|lowerAscii|startsWith|endsWith|contains|filter|map)$/, ''));
        for (const e of r.evidence ?? []) if ('fact' in e) keys.push(e.fact);
        for (const k of keys) expect(isDocumentedFact(k), `${r.id} reads cs.${k}`).toBe(true);
      }
    });

    it('reads and cites only cross facts between the kinds it compares (rules/cross-facts.ts)', () => {
      for (const r of rules) {
        const names = [...(r.when ?? '').matchAll(/\bcross\.([A-Za-z]\w*)/g)].map((m) => m[1]!);
        for (const e of r.evidence ?? []) if ('fact' in e && e.fact.startsWith('cross.')) names.push(e.fact.slice('cross.'.length));
        for (const name of names) {
          const fact = CROSS_FACTS[name];
          expect(fact, `${r.id} reads cross.${name}`).toBeDefined();
          expect(subjectKinds(r), `${r.id}: cross.${name} is between ${fact!.kinds.join(' and ')}`).toEqual(expect.arrayContaining(fact!.kinds));
        }
      }
    });

    it('does not fire on the baseline documents (good MDS2, current-security statement, complete SBOM, settled advisory)', () => {
      // A `missing:` rule's subject is the anchor without the document it is about: the good form
      // says an SBOM is available, so it fires there by design (its pass case is the form saying none).
      const fired = rules.filter((r) => !r.missing && runCase(r, {}).length > 0).map((r) => r.id);
      expect(fired).toEqual([]);
    });
  });

  describe(`pack ${packName}: rules`, () => {
    for (const rule of rules) {
      describe(rule.id, () => {
        const c = cases[rule.id] ?? { fail: [], pass: [], na: [] };
        c.fail.forEach((fc, i) => {
          it(caseName('fail', fc, i), () => expectFailCase(rule, fc));
        });
        c.pass.forEach((pc, i) => {
          it(caseName('pass', pc, i), () => expectPassCase(rule, pc));
        });
        c.na.forEach((nc, i) => {
          it(`not applicable${nc.name ? `: ${nc.name}` : ` #${i + 1}`}`, () => {
            const verdict = ruleApplicability(rule, caseSubject(rule, nc));
            expect(verdict.applicable, 'the rule should not apply').toBe(false);
            if (!verdict.applicable && nc.reason) expect(verdict.reason).toContain(nc.reason);
            expect(runCase(rule, nc), 'a rule that does not apply gives no finding').toEqual([]);
          });
        });
      });
    }
  });
}
