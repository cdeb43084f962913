// SBOM and advisory models built from JSON values, as the parser builds them from files.
import { parseJsonTree } from '../../server/src/readers/json.js';
import { parseSbomJson } from '../../server/src/documents/sbom/parse.js';
import { parseCsaf } from '../../server/src/documents/advisory/parse.js';
import type { Sbom } from '../../server/src/documents/sbom/model.js';
import type { Advisory } from '../../server/src/documents/advisory/model.js';

export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function sbomFrom(value: unknown): Sbom {
  const sbom = parseSbomJson(parseJsonTree(jsonText(value)));
  if (!sbom) throw new Error('not an SBOM');
  return sbom;
}

export function advisoryFrom(value: unknown): Advisory {
  const advisory = parseCsaf(parseJsonTree(jsonText(value)));
  if (!advisory) throw new Error('not a CSAF advisory');
  return advisory;
}
