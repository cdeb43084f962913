// An RFP draft as rules see it: its sections, the requirement sentences it makes (with page, line
// and section), and for each security requirement topic (topics.ts) whether a requirement demands it.
import type { Evidence } from '../../core/findings.js';
import type { Polarity } from '../conformance/negation.js';
import type { CsSection } from '../conformance/model.js';

/** A heading of the draft, with where it starts and the source lines it spans. */
export type RfpSection = Omit<CsSection, 'kind'>;

/** A sentence, list item or table row that obliges the offeror (shall, must, will provide…). */
export interface RfpRequirement {
  text: string;
  /** The innermost heading, as written (with its number). */
  section: string | null;
  line: number;
  page?: number;
  /** Topic ids the requirement demands (a denied or optional mention does not count). */
  topics: string[];
}

/** One mention of a topic, read in its sentence. */
export interface TopicMention {
  topic: string;
  /** True when the mention demands the topic: in a requirement, neither denied nor optional. */
  covers: boolean;
  /** How the sentence reads the mention ('optional' for "SBOM is not required", 'not-supported' for "no SBOM"). */
  polarity: Polarity;
  /** What decided: the polarity trigger, 'not a requirement', or 'related wording only'. */
  why?: string;
  evidence: Evidence;
}

export interface RfpDraft {
  kind: 'rfp';
  /** The title: the first heading, else the first line. */
  title: string | null;
  /** Who issues it, when the draft says ("Issued by: …"). */
  issuer: string | null;
  /** What made the text an RFP ('title', 'request-for-proposal', 'due-date', 'offeror-shall', 'scope-of-work', 'evaluation-criteria'). */
  signals: string[];
  sections: RfpSection[];
  requirements: RfpRequirement[];
  /** Topic ids some requirement demands. */
  covered: string[];
  /** Every topic mention, covering or not, in document order. */
  mentions: TopicMention[];
  /** The "Security requirements" heading, where missing clauses belong (null when the draft has none). */
  securitySection: RfpSection | null;
}
