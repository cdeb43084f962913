// The RFP requirements section, written from rule clauses: Markdown that escapes what a clause
// could smuggle in, and a Word package the repository's own zip and docx readers accept.
import { describe, expect, it } from 'vitest';
import { clauseGroups, requirementsDocx, requirementsMarkdown } from '../../server/src/presenters/rfp-requirements.js';
import { crc32 } from 'node:zlib';
import { openZip, writeZip } from '../../server/src/readers/zip.js';
import { readDocx } from '../../server/src/readers/docx.js';
import { makeRule } from '../helpers/models.js';

const rules = [
  makeRule({ id: 'T-ONE-001', group: 'a', groupTitle: 'Topic A', rfpHeading: 'First', rfpClause: 'The Offeror shall do one thing.' }),
  makeRule({ id: 'T-TWO-001', group: 'b', groupTitle: 'Topic B', title: 'Second rule title', rfpClause: 'The Offeror shall <b>do</b> [two](https://x.example) things & *more*.' }),
  makeRule({ id: 'T-ONE-002', group: 'a', groupTitle: 'Topic A', rfpHeading: 'Third', rfpClause: 'The Offeror shall\ndo three.' }),
];

describe('RFP requirements section', () => {
  it('groups clauses by topic in first-seen order, headed by rfpHeading or else the title', () => {
    expect(clauseGroups(rules).map((g) => [g.title, g.clauses.map((c) => [c.ruleId, c.heading])])).toEqual([
      ['Topic A', [['T-ONE-001', 'First'], ['T-ONE-002', 'Third']]],
      ['Topic B', [['T-TWO-001', 'Second rule title']]],
    ]);
  });

  it('numbers the clauses in Markdown and escapes markup a clause carries', () => {
    const md = requirementsMarkdown(clauseGroups(rules));
    expect(md).toContain('1. **First.** The Offeror shall do one thing.');
    expect(md).toContain('2. **Third.** The Offeror shall do three.');
    expect(md).toContain('3. **Second rule title.** The Offeror shall &lt;b&gt;do&lt;/b&gt; \\[two\\](https&#58;//x.example) things &amp; \\*more\\*.');
  });

  it('writes a docx whose headings and paragraphs read back in order, text kept literal', () => {
    const source = readDocx(requirementsDocx(clauseGroups(rules)));
    expect(source.lines.map((l) => [l.heading ?? 0, l.text])).toEqual([
      [1, 'Security requirements for a request for proposal (RFP)'],
      [0, expect.stringMatching(/^Offerors shall meet each requirement below/)],
      [1, 'Security requirements'],
      [2, 'Topic A'],
      [0, '1. First. The Offeror shall do one thing.'],
      [0, '2. Third. The Offeror shall do three.'],
      [2, 'Topic B'],
      [0, '3. Second rule title. The Offeror shall <b>do</b> [two](https://x.example) things & *more*.'],
    ]);
  });

  it('zips entries the bounded reader accepts, with CRC-32 and sizes that match', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const zip = openZip(writeZip([{ name: 'a.txt', data: 'hello '.repeat(100) }, { name: 'dir/b.bin', data: new Uint8Array([0, 1, 2, 255]) }]));
    expect(zip.entries.map((e) => [e.name, e.size])).toEqual([['a.txt', 600], ['dir/b.bin', 4]]);
    expect(zip.readText('a.txt')).toBe('hello '.repeat(100));
  });

  it('gives the same bytes for the same clauses (fixed timestamps)', () => {
    expect(Buffer.from(requirementsDocx(clauseGroups(rules))).equals(Buffer.from(requirementsDocx(clauseGroups(rules))))).toBe(true);
  });
});
