// A CSAF 2.0 security advisory (VEX statuses included) as the rules see it: the products of its
// product tree and, per vulnerability, which products are affected, fixed or not affected and
// what remediation covers them. Every item remembers its JSON pointer and line.
import type { JsonAt } from '../json-model.js';

export interface AdvisoryProduct {
  id: string;
  /** The full product name as the advisory writes it. */
  name: string;
  /** From the branches above it (category vendor, product_name, product_version), when given. */
  vendor: string | null;
  productName: string | null;
  version: string | null;
  cpe: string | null;
  purl: string | null;
  at: JsonAt;
  /** A product made by a relationship (a component as part of a product): the two product ids it joins. */
  componentOf?: { component: string; product: string };
}

export type RemediationCategory = 'vendor_fix' | 'mitigation' | 'workaround' | 'no_fix_planned' | 'none_available' | string;

export interface AdvisoryRemediation {
  category: RemediationCategory;
  /** Product ids, product groups expanded. */
  productIds: string[];
  details: string | null;
  at: JsonAt;
}

/** A KEV entry that names the vulnerability, when the reviewer supplied a known-exploited list. */
export interface KnownExploited {
  dateAdded: string | null;
  dueDate: string | null;
  ransomware: string | null;
  /** The list file it came from. */
  list: string;
}

export interface AdvisoryVulnerability {
  cve: string | null;
  title: string | null;
  at: JsonAt;
  /** product_status, groups expanded; affected = known_affected, first_affected and last_affected. */
  affected: string[];
  notAffected: string[];
  fixed: string[];
  underInvestigation: string[];
  remediations: AdvisoryRemediation[];
  /** Affected products that no fix, mitigation or workaround names and that are not fixed. */
  unremediated: string[];
  /** Not-affected products without the justification the VEX profile asks for (a flag or an impact statement). */
  notAffectedUnjustified: string[];
  /** Where product_status is written. */
  statusAt: JsonAt;
  knownExploited?: KnownExploited | null;
}

export interface Advisory {
  kind: 'advisory';
  csafVersion: string;
  /** document.category: csaf_security_advisory, csaf_vex, … */
  category: string | null;
  /** document.tracking.id */
  trackingId: string | null;
  title: string | null;
  publisher: string | null;
  /** The first vendor and product the product tree names (pairing reads these without the whole model). */
  vendor: string | null;
  product: string | null;
  released: string | null;
  titleAt: JsonAt;
  products: AdvisoryProduct[];
  vulnerabilities: AdvisoryVulnerability[];
}
