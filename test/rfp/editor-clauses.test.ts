// Where the editor inserts a missing requirement's clause in a Markdown draft, and the clause
// completions it offers, missing ones first. Pure functions of lsp/rfp-clauses.ts.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clauseInsertion, rfpCompletions } from '../../server/src/lsp/rfp-clauses.js';
import { parseRfp } from '../../server/src/documents/rfp/parse.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';
import { catalogRules } from '../rules/harness.js';

const CLAUSE = '**Software bill of materials.** The Offeror shall deliver an SBOM in SPDX format.';
const apply = (text: string) => {
  const { edit, createsHeading } = clauseInsertion(text, CLAUSE);
  return { text: TextDocument.applyEdits(TextDocument.create('file:///d.md', 'markdown', 1, text), [edit]), createsHeading };
};

describe('inserting a clause into a Markdown draft', () => {
  it('goes at the end of the security requirements section, before the next heading of its level', () => {
    const draft = '# RFP\n\n## 5 Security requirements\n\nThe Offeror shall train staff.\n\n### 5.1 Access\n\nMFA shall be required.\n\n\n## 6 Evaluation criteria\n\nPrice.\n';
    const { text, createsHeading } = apply(draft);
    expect(createsHeading).toBe(false);
    expect(text).toBe('# RFP\n\n## 5 Security requirements\n\nThe Offeror shall train staff.\n\n### 5.1 Access\n\nMFA shall be required.\n\n' + CLAUSE + '\n\n\n## 6 Evaluation criteria\n\nPrice.\n');
  });

  it('goes under an empty security heading, and under a setext one', () => {
    expect(apply('# RFP\n\n## Security requirements\n\n## Schedule\n').text).toBe(`# RFP\n\n## Security requirements\n\n${CLAUSE}\n\n## Schedule\n`);
    expect(apply('RFP\n===\n\nSecurity requirements\n---------------------\n\nThe Offeror shall comply.\n').text).toBe(`RFP\n===\n\nSecurity requirements\n---------------------\n\nThe Offeror shall comply.\n\n${CLAUSE}\n`);
  });

  it('adds a "Security requirements" section at the end of a draft without one; a heading in a code fence does not count', () => {
    const { text, createsHeading } = apply('# RFP\n\nProposals are due in May.\n\n```\n## Security requirements\n```\n');
    expect(createsHeading).toBe(true);
    expect(text).toBe(`# RFP\n\nProposals are due in May.\n\n\`\`\`\n## Security requirements\n\`\`\`\n\n## Security requirements\n\n${CLAUSE}\n`);
  });

  it('keeps the draft\'s CRLF line ends', () => {
    expect(apply('# RFP\r\n\r\n## Security requirements\r\n\r\nThe Offeror shall comply.\r\n').text).toBe(`# RFP\r\n\r\n## Security requirements\r\n\r\nThe Offeror shall comply.\r\n\r\n${CLAUSE}\r\n`);
  });

  it('each inserted clause makes the draft cover its topic', () => {
    const base = '# Request for Proposal: Archive\n\nProposals are due on 1 May 2027. Bidders shall include prices.\n\n## Security requirements\n\nThe Offeror shall train staff.\n';
    let text = base;
    for (const r of catalogRules('rfp-requirements')) {
      const { edit } = clauseInsertion(text, `**${r.rfpHeading}.** ${r.rfpClause}`);
      text = TextDocument.applyEdits(TextDocument.create('file:///d.md', 'markdown', 1, text), [edit]);
    }
    expect(parseRfp(readMarkdown(text))!.covered).toHaveLength(20);
  });
});

describe('clause completions', () => {
  const rules = catalogRules('rfp-requirements');

  it('offers every rfp clause, the missing ones first, as plain text', () => {
    const items = rfpCompletions([...rules, { ...rules[0]!, id: 'MDS2-X-001', appliesTo: 'mds2' }], new Set(['RFP-SBOM-001', 'RFP-MFA-001']), true);
    expect(items).toHaveLength(20);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(sorted.slice(0, 2).map((i) => i.label)).toEqual(['Software bill of materials', 'Multi-factor authentication']);
    expect(sorted[0]!.detail).toBe('RFP-SBOM-001 \u2014 missing from this draft');
    expect(sorted[0]!.insertText).toMatch(/^\*\*Software bill of materials\.\*\* The Offeror shall deliver/);
    expect(sorted[2]!.detail).toMatch(/^RFP-[A-Z0-9]+-001$/);
  });
});
