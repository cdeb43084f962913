// How an RFP draft is read: sections, requirement sentences with their place, and which topics a
// requirement covers, with negation, optionality and non-denials ("no later than") read as such.
import { describe, expect, it } from 'vitest';
import { parseRfp } from '../../server/src/documents/rfp/parse.js';
import { rfpTopicEvidence, rfpFallbackEvidence } from '../../server/src/documents/rfp/kind.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';
import { RFP_FRAME } from '../rules/harness.js';

const draft = (body: string) => {
  const d = parseRfp(readMarkdown(RFP_FRAME + body));
  if (!d) throw new Error('not an RFP');
  return d;
};

describe('RFP draft parsing', () => {
  it('keeps each requirement with its section and line, and the topics it covers', () => {
    const d = draft('The Offeror shall deliver an SBOM in SPDX format.\n\n### 2.1 Access\n\nThe product must support MFA for administrators.\n');
    expect(d.requirements).toEqual([
      { text: 'The Offeror shall deliver an SBOM in SPDX format.', section: 'Security requirements', line: 9, topics: ['sbom'] },
      { text: 'The product must support MFA for administrators.', section: '2.1 Access', line: 13, topics: ['mfa'] },
    ]);
    expect(d.covered).toEqual(['sbom', 'mfa']);
    expect(d.sections.map((s) => [s.number ?? null, s.title, s.level])).toEqual([
      [null, 'Request for Proposal: Enterprise Imaging Archive', 1],
      [null, 'Security requirements', 2],
      ['2.1', 'Access', 3],
    ]);
  });

  it.each([
    ['denied', 'No SBOM is required from the Offeror.', 'not-supported'],
    ['not required', 'An SBOM is not required.', 'optional'],
    ['optional', 'The Offeror may optionally provide an SBOM.', 'optional'],
    ['only on request', 'The Offeror shall provide an SBOM on request.', 'optional'],
  ])('a %s mention does not cover the topic, and is the evidence of the gap', (_name, sentence, polarity) => {
    const d = draft(`${sentence}\n`);
    expect(d.covered).not.toContain('sbom');
    expect(d.mentions).toEqual([expect.objectContaining({ topic: 'sbom', covers: false, polarity })]);
    expect(rfpTopicEvidence(d, 'topic.sbom', '/d.md')[0]).toMatchObject({ path: '/d.md', line: 9, quote: sentence });
  });

  it('a mention outside any requirement does not cover the topic', () => {
    const d = draft('Many vendors already publish an SBOM.\n');
    expect(d.requirements).toEqual([]);
    expect(d.mentions[0]).toMatchObject({ topic: 'sbom', covers: false, why: 'not a requirement' });
  });

  it('"without undue delay" and "no later than" are deadlines, not denials', () => {
    const d = draft('Without undue delay, and no later than 72 hours, the Offeror shall notify the Purchaser of any breach.\n');
    expect(d.covered).toEqual(['breach-notification']);
  });

  it('a prohibition of hard-coded accounts covers the topic that demands their absence', () => {
    expect(draft('The product shall not contain hard-coded passwords.\n').covered).toEqual(['unique-accounts']);
    expect(draft('The product shall contain hard-coded passwords.\n').covered).toEqual([]);
  });

  it('list items after a requirement ending in a colon are requirements; prose after a blank line is not', () => {
    const d = draft('The Offeror shall provide:\n\n- a data-flow diagram\n- a hardening guide\n\nCustomers value an SBOM.\n');
    expect(d.requirements.map((r) => r.text)).toEqual(['The Offeror shall provide:', 'a data-flow diagram', 'a hardening guide']);
    expect(d.covered).toEqual(['data-flow', 'hardening-guide']);
  });

  it('a silent topic points at the heading where it belongs, else the security section', () => {
    const d = draft('The Offeror shall train staff.\n\n### Software supply chain\n\nThe Offeror shall name its suppliers.\n');
    expect(rfpTopicEvidence(d, 'topic.sbom', '/d.md')).toEqual([{ path: '/d.md', section: 'Software supply chain', line: 11, quote: 'Software supply chain' }]);
    expect(rfpTopicEvidence(d, 'topic.decommissioning', '/d.md')).toEqual([{ path: '/d.md', section: 'Security requirements', line: 7, quote: 'Security requirements' }]);
    expect(rfpTopicEvidence(d, 'topic.unknown-topic', '/d.md')).toEqual([]);
    expect(rfpFallbackEvidence(d, '/d.md')).toMatchObject({ section: 'Security requirements', line: 7 });
  });

  it('a draft without a security heading points findings at its first heading', () => {
    const d = parseRfp(readMarkdown('# Request for Proposal: Archive\n\nProposals are due on 1 May 2027. Bidders shall include prices.\n'))!;
    expect(d.securitySection).toBeNull();
    expect(rfpFallbackEvidence(d, '/d.md')).toMatchObject({ section: 'Request for Proposal: Archive', line: 1 });
  });
});
