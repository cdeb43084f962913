// A software bill of materials (CycloneDX 1.4–1.6 JSON or XML, SPDX 2.2/2.3 JSON) as the rules
// see it: the product it describes and its components, each remembering where it is written.
import type { JsonAt } from '../json-model.js';

export type SbomStandard = 'CycloneDX' | 'SPDX';

export interface SbomComponent {
  /** bom-ref (CycloneDX) or SPDXID (SPDX), when given. */
  ref: string | null;
  name: string;
  version: string | null;
  /** Supplier, manufacturer, publisher or author, in that order of preference. */
  supplier: string | null;
  purl: string | null;
  cpe: string | null;
  /** CycloneDX `type` or SPDX `primaryPackagePurpose`, lower case with dashes ('operating-system', 'library'); 'unknown' when absent. */
  type: string;
  /** End of support as YYYY-MM-DD: SPDX `validUntilDate`, or a CycloneDX property named end-of-support / end-of-life. */
  endOfSupport: string | null;
  /** An end of support given, but as no YYYY-MM-DD date ("March 2027", "2027-Q1"), as written. */
  endOfSupportUnreadable?: string;
  at: JsonAt;
  /** Where the end of support is written, when it is. */
  endOfSupportAt?: JsonAt;
}

export interface Sbom {
  kind: 'sbom';
  standard: SbomStandard;
  specVersion: string;
  encoding: 'json' | 'xml';
  /** The product the SBOM describes (CycloneDX metadata.component, SPDX's described package). */
  product: string | null;
  version: string | null;
  manufacturer: string | null;
  /** When the SBOM was produced (YYYY-MM-DD). */
  created: string | null;
  /** Where the product is named; the document start when it is not. */
  productAt: JsonAt;
  components: SbomComponent[];
}
