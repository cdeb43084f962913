// A conformance statement's facts (the keys of fact-glossary.ts) as one line of text each, with
// the evidence that shows them: what compare puts side by side and diff sets old against new.
// The text is the comparison: two statements differ on a fact when its lines differ.
import type { Evidence } from '../core/findings.js';
import { FACT_GLOSSARY } from '../documents/conformance/fact-glossary.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';

/** Keys not shown: every claim (the facts derive from them), and a timestamp that repeats dateIso. */
const HIDDEN = new Set(['claims', 'dateTimestamp']);

/** The fact keys compared, in glossary order; a key whose group is itself a key (networkInterfaces.ipv6) is shown inside that group's line. */
export const COMPARED_FACTS: readonly string[] = FACT_GLOSSARY.map((f) => f.key).filter((k) => !HIDDEN.has(k));

/** Fact groups for headings: the key's first part ('tls', 'audit'), or 'statement' for top-level keys. */
export const FACT_GROUP_TITLES: Record<string, string> = {
  statement: 'Statement and network',
  tls: 'TLS',
  aeTitlePolicy: 'AE title policy',
  audit: 'Audit',
  userIdentity: 'User identity',
  web: 'DICOMweb',
  webUi: 'Web user interface',
  authentication: 'Authentication',
  credentials: 'Credentials',
  signatures: 'Digital signatures',
  deidentification: 'De-identification',
  time: 'Time synchronisation',
  media: 'Removable media',
  associations: 'Associations',
  networkInterfaces: 'Network interfaces',
};

export function factGroup(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? 'statement' : key.slice(0, dot);
}

function valueAt(cs: ConformanceStatement, key: string): unknown {
  let v: unknown = cs;
  for (const part of key.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

const NOT_STATED = 'not stated';

function item(v: unknown): string {
  if (v === null || v === undefined) return NOT_STATED;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  // Ports, AEs and SOP classes: the words a reviewer reads them by.
  if (typeof o.port === 'number' && 'protocol' in o) return `${o.port}/${o.transport ?? 'tcp'} ${o.protocol}${o.tls === true ? ' (TLS)' : ''}${o.disabledByDefault ? ' (off by default)' : ''}`;
  if ('aeTitle' in o && 'name' in o) return `${o.aeTitle ?? o.name}${typeof o.port === 'number' ? `:${o.port}` : ''}`;
  if ('uid' in o && 'roles' in o) return `${o.name} (${(o.roles as string[]).join('/')})`;
  return Object.entries(o)
    .filter(([k, x]) => x !== undefined && k !== 'location' && k !== 'basis')
    .map(([k, x]) => `${k}: ${Array.isArray(x) ? x.map(item).join(', ') || 'none' : item(x)}`)
    .join('; ');
}

/** One fact as a line: 'not stated' for null, yes/no, a list joined by commas ('none' when empty). */
export function factText(cs: ConformanceStatement, key: string): string {
  const v = valueAt(cs, key);
  if (Array.isArray(v)) return v.length ? v.map(item).join(', ') : 'none';
  return item(v);
}

/** The sentence or row that shows the fact (the first of its evidence), with the document's path. */
export function factEvidence(cs: ConformanceStatement, key: string, docPath: string): Evidence | undefined {
  const e = cs.evidence?.[key]?.[0] ?? cs.evidence?.[key.split('.')[0]!]?.[0];
  return e ? { ...e, path: docPath } : undefined;
}
