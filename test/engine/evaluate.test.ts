import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/config/config.js';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import type { ParsedDocument } from '../../server/src/documents/document.js';
import { evaluateDocument } from '../../server/src/engine/document-review.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { makeForm, makeRule } from '../helpers/models.js';

describe('rule evaluation', () => {
  it('fires on any listed answer and cites the matching questions first', () => {
    const rule = makeRule({ id: 'T-PAUT-003', answers: { 'PAUT-4': 'no', 'PAUT-5': 'no' }, evidence: [{ question: 'SGUD-3' }] });
    const form = makeForm({ 'PAUT-4': 'yes', 'PAUT-5': 'no', 'SGUD-3': 'yes' });
    const [finding, ...rest] = evaluateRule(rule, { documents: [{ model: form, path: '/x/form.xlsx' }] });
    expect(rest).toEqual([]);
    expect(finding!.evidence.map((e) => e.questionId)).toEqual(['PAUT-5', 'SGUD-3']);
    expect(finding!.evidence[0]).toMatchObject({ answer: 'no', sheet: 'mds2-form', cell: 'C7', path: '/x/form.xlsx', quote: 'no' });
  });

  it('does not fire when no listed answer matches', () => {
    const rule = makeRule({ id: 'T-CONN-003', answers: { 'CONN-7': 'no' } });
    expect(evaluateRule(rule, { documents: [{ model: makeForm({ 'CONN-7': 'yes' }) }] })).toEqual([]);
  });

  it('treats a question absent from the form as unanswered', () => {
    const rule = makeRule({ id: 'T-CONN-003', answers: { 'CONN-7': ['no', 'unanswered'] } });
    const [finding] = evaluateRule(rule, { documents: [{ model: makeForm({}) }] });
    expect(finding!.evidence[0]).toMatchObject({ questionId: 'CONN-7', answer: 'unanswered' });
  });

  it('ANDs a CEL guard with the answers', () => {
    const rule = makeRule({ id: 'T-TXCF-001', answers: { 'TXCF-2': 'no' }, when: 'answer["TXCF-1"] != "yes"' });
    expect(evaluateRule(rule, { documents: [{ model: makeForm({ 'TXCF-1': 'yes', 'TXCF-2': 'no' }) }] })).toEqual([]);
    expect(evaluateRule(rule, { documents: [{ model: makeForm({ 'TXCF-1': 'no', 'TXCF-2': 'no' }) }] })).toHaveLength(1);
  });

  it('turns a rule whose expression fails at run time into an error finding for that rule, at the document start', () => {
    const rule = makeRule({ id: 'T-BAD-001', severity: 'info', when: 'answer["NOT-AN-ID"] == "no"' });
    const findings = evaluateRule(rule, { documents: [{ model: makeForm({ 'AUTH-1': 'yes' }), path: '/x/form.xlsx' }] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'T-BAD-001', severity: 'error' });
    expect(f!.message).toMatch(/^rule T-BAD-001 could not be evaluated.*: CEL evaluation failed: .*NOT-AN-ID/);
    expect(f!.evidence).toEqual([{ path: '/x/form.xlsx', section: 'document start', sheet: 'mds2-form', cell: 'A1' }]);
  });

  it('a CEL error in a cross-document rule points at the start of both documents', () => {
    const rule = makeRule({ id: 'T-XBAD-001', appliesTo: 'cross', when: 'cs.noSuchFact.deeper == "x"' });
    const cs = { kind: 'conformance-statement', evidence: {}, sections: [] } as unknown as ConformanceStatement;
    const [f, ...rest] = evaluateRule(rule, { documents: [{ model: makeForm({}, { answers: {}, order: [] }), path: '/x/form.txt' }, { model: cs, path: '/x/cs.md' }] });
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('rule T-XBAD-001 could not be evaluated');
    expect(f!.evidence).toEqual([
      { path: '/x/form.txt', section: 'document start', line: 1 },
      { path: '/x/cs.md', section: 'document start', line: 1 },
    ]);
  });

  it('one broken rule costs only its own verdict: the document\'s other rules still report', () => {
    const bad = makeRule({ id: 'T-BAD-002', when: '1 / 0 == 1' });
    const good = makeRule({ id: 'T-CONN-003', answers: { 'CONN-7': 'no' } });
    const catalog: Catalog = { packs: [], rules: [bad, good], get: (id) => [bad, good].find((r) => r.id === id) };
    const config = defaultConfig('/x');
    const form = makeForm({ 'CONN-7': 'no' });
    const { findings } = evaluateDocument({ path: '/x/form.xlsx', kind: 'mds2', model: form, source: { kind: 'sheets', format: 'xlsx', sheets: [] } } as unknown as ParsedDocument, catalog, config);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual(expect.arrayContaining([['T-BAD-002', 'error'], ['T-CONN-003', 'warning']]));
  });
});

describe('built-in checks', () => {
  const unanswered = makeRule({ id: 'T-DOC-003', check: 'mds2-unanswered' });
  const seeNote = makeRule({ id: 'T-NOTE-001', check: 'mds2-see-note-missing' });
  const contradiction = makeRule({ id: 'T-CONTRA-001', check: 'mds2-contradiction' });

  it('flags each unanswered question, including official questions missing from the form', () => {
    const form = makeForm({ 'AUTH-1': 'unanswered', 'AUTH-1.1': 'yes' });
    const ids = evaluateRule(unanswered, { documents: [{ model: form }] }).map((f) => f.evidence[0]!.questionId);
    expect(ids).toContain('AUTH-1');
    expect(ids).toContain('CONN-7');
    expect(ids).not.toContain('AUTH-1.1');
    expect(ids.some((id) => id?.startsWith('DOC-'))).toBe(false);
    const auth = evaluateRule(unanswered, { documents: [{ model: form }] }).find((f) => f.evidence[0]!.questionId === 'AUTH-1');
    expect(auth!.message).toContain('mds2-form!C6');
  });

  it('excuses sub-questions the form tells the vendor to skip', () => {
    const form = makeForm({ 'SBOM-1': 'no', 'SBOM-2': 'unanswered', 'SBOM-2.1': 'unanswered', 'CSUP-1': 'no', 'CSUP-2': 'unanswered', 'MLDP-2': 'yes', 'MLDP-3': 'unanswered' });
    const ids = new Set(evaluateRule(unanswered, { documents: [{ model: form }] }).map((f) => f.evidence[0]!.questionId));
    for (const id of ['SBOM-2', 'SBOM-2.1', 'CSUP-2', 'MLDP-3']) expect(ids.has(id)).toBe(false);
    expect(ids.has('SBOM-3')).toBe(true);
  });

  it('only counts the rows present for other editions', () => {
    const form = makeForm({ '1-1': 'unanswered', '1-2': 'yes' }, { edition: 'HN 1-2013' });
    expect(evaluateRule(unanswered, { documents: [{ model: form }] }).map((f) => f.evidence[0]!.questionId)).toEqual(['1-1']);
  });

  it('flags a note reference with no note, but not a resolved one', () => {
    const form = makeForm({
      'AUTH-1': { value: 'see-note', raw: 'See Note 7', noteRef: 'Note 7' },
      'AUTH-2': { value: 'yes', raw: 'Yes, see note 1', noteRef: 'Note 1', note: 'LDAP over TLS' },
      'AUTH-3': { value: 'see-note', raw: 'See Note' },
    });
    const findings = evaluateRule(seeNote, { documents: [{ model: form }] });
    expect(findings.map((f) => f.evidence[0]!.questionId)).toEqual(['AUTH-1', 'AUTH-3']);
    expect(findings[0]!.message).toContain('"Note 7"');
  });

  it('flags a Yes under a No parent and the declared dependencies, citing the governing answer first', () => {
    const form = makeForm({ 'AUDT-1': 'no', 'AUDT-1.1': 'yes', 'SBOM-1': 'no', 'SBOM-2': 'yes', 'SBOM-2.1': 'yes', 'AUTH-1': 'yes', 'AUTH-1.1': 'yes', 'MLDP-2': 'yes', 'MLDP-3': 'yes' });
    const findings = evaluateRule(contradiction, { documents: [{ model: form }] });
    expect(findings.map((f) => f.evidence.map((e) => e.questionId))).toEqual([
      ['AUDT-1', 'AUDT-1.1'],
      ['SBOM-1', 'SBOM-2', 'SBOM-2.1'],
    ]);
    expect(findings[1]!.message).toMatch(/^SBOM-1 is answered No, yet SBOM-2, SBOM-2.1, which depend on it, are answered Yes/);
  });
});
