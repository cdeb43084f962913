// The SBOM as a document kind: CEL variables, evidence by JSON pointer (or XML element path) and line, the review view.
import type { Evidence } from '../../core/findings.js';
import { jsonTreeOf } from '../../readers/json.js';
import { xmlTreeOf } from '../../readers/xml.js';
import type { DocumentKindEntry } from '../kinds.js';
import { jsonEvidence } from '../json-model.js';
import { isoToTimestamp } from '../conformance/kind.js';
import type { Sbom, SbomComponent } from './model.js';
import { parseCycloneDxXml, parseSbomJson } from './parse.js';

/** How many components one finding cites at most (the message counts them all). */
const MAX_CITED = 25;

const label = (c: SbomComponent) => `${c.name}${c.version ? ` ${c.version}` : ''}`;

/** Components the SBOM leaves without what a reviewer needs to match them against advisories. */
export const COMPONENT_GAPS: Record<string, (c: SbomComponent) => boolean> = {
  'components.missingVersion': (c) => c.version === null,
  'components.missingSupplier': (c) => c.supplier === null,
  'components.missingIdentifier': (c) => c.purl === null && c.cpe === null,
  'components.operatingSystem': (c) => c.type === 'operating-system',
  'components.pastEndOfSupport': (c) => c.endOfSupport !== null && c.endOfSupport < new Date().toISOString().slice(0, 10),
  'components.unreadableEndOfSupport': (c) => c.endOfSupportUnreadable !== undefined,
};

function componentEvidence(c: SbomComponent, key: string, path?: string): Evidence {
  if (key === 'components.pastEndOfSupport' && c.endOfSupportAt) return jsonEvidence(c.endOfSupportAt, `${label(c)}: end of support ${c.endOfSupport}`, path);
  if (key === 'components.unreadableEndOfSupport' && c.endOfSupportAt) return jsonEvidence(c.endOfSupportAt, `${label(c)}: end of support "${c.endOfSupportUnreadable}"`, path);
  return jsonEvidence(c.at, label(c), path);
}

function cite(sbom: Sbom, key: string, path?: string): Evidence[] {
  const gap = COMPONENT_GAPS[key];
  if (gap) return sbom.components.filter(gap).slice(0, MAX_CITED).map((c) => componentEvidence(c, key, path));
  if (key === 'product') return [jsonEvidence(sbom.productAt, [sbom.product, sbom.version].filter(Boolean).join(' ') || null, path)];
  if (key === 'components') return sbom.components.slice(0, MAX_CITED).map((c) => jsonEvidence(c.at, label(c), path));
  return [];
}

export const sbomKind: DocumentKindEntry<Sbom> = {
  id: 'sbom',
  json: true,
  recognise: (source) => {
    if (source.kind !== 'text') return null;
    if (source.format === 'json') return parseSbomJson(jsonTreeOf(source));
    const xml = xmlTreeOf(source);
    return xml ? parseCycloneDxXml(xml) : null;
  },
  recognition: (sbom) => `${sbom.standard} ${sbom.specVersion.replace(/^SPDX-/, '')} SBOM (${sbom.encoding.toUpperCase()}, ${sbom.components.length} components)`,
  celVariables: ['sbom'],
  variables: (sbom) => ({
    sbom: {
      standard: sbom.standard,
      specVersion: sbom.specVersion,
      encoding: sbom.encoding,
      product: sbom.product,
      version: sbom.version,
      manufacturer: sbom.manufacturer,
      created: sbom.created,
      components: sbom.components.map((c) => ({
        name: c.name,
        version: c.version,
        supplier: c.supplier,
        purl: c.purl,
        cpe: c.cpe,
        type: c.type,
        endOfSupport: c.endOfSupport,
        endOfSupportTimestamp: isoToTimestamp(c.endOfSupport),
        endOfSupportUnreadable: c.endOfSupportUnreadable ?? null,
      })),
    },
  }),
  citation: 'fact',
  cite,
  fallbackEvidence: (sbom, path) => jsonEvidence(sbom.productAt, sbom.product, path),
  startEvidence: (_sbom, path) => ({ path, section: 'document start', line: 1 }),
  identity: (sbom) => ({ label: 'SBOM', manufacturer: sbom.manufacturer, names: sbom.product ? [sbom.product] : [], version: sbom.version, productFields: 'metadata.component' }),
  title: (sbom) => [sbom.manufacturer, sbom.product, sbom.version].filter((s): s is string => !!s),
  view: {
    title: (sbom) => `${sbom.standard} ${sbom.specVersion.replace(/^SPDX-/, '')} SBOM`,
    facts: (sbom) => [
      ['Product', sbom.product],
      ['Version', sbom.version],
      ['Manufacturer', sbom.manufacturer],
      ['Created', sbom.created],
      ['Components', String(sbom.components.length)],
    ],
    groups: (sbom) => [
      {
        name: 'Components',
        items: sbom.components.map((c) => ({
          id: c.at.pointer,
          text: `${label(c)}  [${c.type}]  supplier: ${c.supplier ?? '—'}  ${c.purl ?? c.cpe ?? 'no purl or cpe'}${c.endOfSupport ? `  end of support ${c.endOfSupport}` : ''}`,
          detail: c.type,
          question: false,
          location: { line: c.at.line },
        })),
      },
    ],
  },
};
