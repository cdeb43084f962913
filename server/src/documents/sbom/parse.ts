// CycloneDX (JSON or XML) and SPDX JSON → Sbom. Recognised by content only: `bomFormat:
// "CycloneDX"`, an `spdxVersion`, or an XML root `bom` in a CycloneDX namespace. A recognised SBOM of a version we do not read is unreadable (`unsupported`),
// never half read.
import { UnreadableError } from '../../core/errors.js';
import type { JsonTree } from '../../readers/json.js';
import type { XmlElement } from '../../readers/xml.js';
import { checkItemBudget, isoDate, JsonCursor, type JsonAt } from '../json-model.js';
import type { Sbom, SbomComponent } from './model.js';

const CYCLONEDX_VERSIONS = new Set(['1.4', '1.5', '1.6']);
const SPDX_VERSIONS = new Set(['SPDX-2.2', 'SPDX-2.3']);

/** CycloneDX property names (any namespace prefix, any case) that carry a component's end of support. */
const END_OF_SUPPORT_PROPERTY = /(?:^|:)(?:end-?of-?support|end-?of-?life|eos|eol|support-?end(?:-?date)?)$/i;

/** Which SBOM standard a parsed JSON document is, if any. */
export function sbomStandardOf(tree: JsonTree): 'CycloneDX' | 'SPDX' | null {
  const root = JsonCursor.root(tree);
  if (!root) return null;
  if (root.str('bomFormat') === 'CycloneDX') return 'CycloneDX';
  if (root.str('spdxVersion')?.startsWith('SPDX-')) return 'SPDX';
  return null;
}

const kebab = (s: string | null) => (s ? s.trim().toLowerCase().replace(/[_\s]+/g, '-') : 'unknown');

/**
 * A CycloneDX object as both encodings write it: a JSON object, or an XML element whose
 * attributes (type, bom-ref) and child elements carry the same names. The CycloneDX reading
 * below is written once against this.
 */
interface CdxNode {
  /** A member, an attribute or a child element's text: non-empty and trimmed, else null. */
  str(key: string): string | null;
  obj(key: string): CdxNode | null;
  /** An array member (JSON) or the items of a wrapper element (XML `<components><component>`). */
  list(key: 'components' | 'authors'): CdxNode[];
  properties(): { name: string | null; value: string | null; at: JsonAt }[];
  at(key?: string): JsonAt;
}

class JsonCdx implements CdxNode {
  constructor(readonly c: JsonCursor) {}
  str(key: string) {
    return this.c.str(key);
  }
  obj(key: string) {
    const o = this.c.obj(key);
    return o ? new JsonCdx(o) : null;
  }
  list(key: string) {
    return this.c.objects(key).map((o) => new JsonCdx(o));
  }
  properties() {
    return this.c.objects('properties').map((p) => ({ name: p.str('name'), value: p.str('value'), at: p.at('value') }));
  }
  at(key?: string) {
    return this.c.at(key);
  }
}

/** The item element each CycloneDX XML wrapper holds. */
const XML_ITEMS: Record<string, string> = { components: 'component', authors: 'author', properties: 'property' };

class XmlCdx implements CdxNode {
  constructor(
    readonly e: XmlElement,
    readonly ns: string,
  ) {}
  private child(key: string): XmlElement | undefined {
    return this.e.children.find((c) => c.name === key && c.namespace === this.ns);
  }
  private items(key: string): XmlElement[] {
    const wrapper = this.child(key);
    const item = XML_ITEMS[key]!;
    return wrapper ? wrapper.children.filter((c) => c.name === item && c.namespace === this.ns) : [];
  }
  str(key: string) {
    const c = this.child(key);
    const v = c ? c.text : this.e.attributes[key];
    return v !== undefined && v.trim() ? v.trim() : null;
  }
  obj(key: string) {
    const c = this.child(key);
    return c ? new XmlCdx(c, this.ns) : null;
  }
  list(key: string) {
    return this.items(key).map((c) => new XmlCdx(c, this.ns));
  }
  properties() {
    return this.items('properties').map((p) => ({ name: p.attributes['name']?.trim() || null, value: p.text.trim() || null, at: { pointer: p.path, line: p.line } }));
  }
  at(key?: string) {
    const c = key === undefined ? this.e : this.child(key);
    if (c) return { pointer: c.path, line: c.line };
    return { pointer: key === undefined ? this.e.path : `${this.e.path}/@${key}`, line: this.e.line };
  }
}

/** What SBOM tools write for a value they do not know: no value. */
const NOT_ASSERTED = /^(?:NOASSERTION|NONE|unknown|n\/?a|tbd|-+|\?+|\*)$/i;

/** The value, or null when it is empty or says it is not known (SPDX NOASSERTION, "unknown", "n/a"). */
function asserted(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t && !NOT_ASSERTED.test(t) ? t : null;
}

/** An end-of-support value: the date, or what was written when it is no YYYY-MM-DD date (so it is reported, never ignored). */
function supportDate(text: string | null | undefined): { date: string | null; unreadable?: string } {
  const date = isoDate(text);
  if (date || !asserted(text)) return { date };
  return { date: null, unreadable: text!.trim().slice(0, 80) };
}

function cdxSupplier(c: CdxNode): string | null {
  // An organisational entity's name, or a plain string (publisher, and suppliers some tools write as one).
  for (const key of ['supplier', 'manufacturer', 'manufacture', 'publisher']) {
    const name = asserted(c.obj(key)?.str('name') ?? c.str(key));
    if (name) return name;
  }
  return asserted(c.str('author')) ?? c.list('authors').map((a) => asserted(a.str('name'))).find((n) => n) ?? null;
}

function cdxEndOfSupport(c: CdxNode): { date: string | null; unreadable?: string; at?: JsonAt } {
  for (const p of c.properties()) {
    if (p.name && END_OF_SUPPORT_PROPERTY.test(p.name)) return { ...supportDate(p.value), at: p.at };
  }
  return { date: null };
}

function cdxComponent(c: CdxNode): SbomComponent {
  const eos = cdxEndOfSupport(c);
  const group = c.str('group');
  const name = c.str('name') ?? '(unnamed)';
  return {
    ref: c.str('bom-ref'),
    name: group ? `${group}/${name}` : name,
    version: asserted(c.str('version')),
    supplier: cdxSupplier(c),
    purl: c.str('purl'),
    cpe: c.str('cpe'),
    type: kebab(c.str('type')),
    endOfSupport: eos.date,
    ...(eos.unreadable ? { endOfSupportUnreadable: eos.unreadable } : {}),
    at: c.at(),
    ...(eos.at ? { endOfSupportAt: eos.at } : {}),
  };
}

function unsupportedCycloneDx(specVersion: string): UnreadableError {
  return new UnreadableError(`a CycloneDX SBOM of spec version ${JSON.stringify(specVersion || 'none')}; dicomsec reads CycloneDX 1.4, 1.5 and 1.6`, 'unsupported');
}

function cycloneDx(root: CdxNode, specVersion: string, encoding: 'json' | 'xml'): Sbom {
  const metadata = root.obj('metadata');
  const subject = metadata?.obj('component') ?? null;
  // Nested components (a component's `components`) are components too; walked without recursion.
  const components: SbomComponent[] = [];
  const queue = root.list('components');
  for (let k = 0; k < queue.length; k++) {
    checkItemBudget(queue.length, 'components');
    const c = queue[k]!;
    components.push(cdxComponent(c));
    for (const child of c.list('components')) queue.push(child);
  }
  const maker = metadata ? (metadata.obj('manufacturer') ?? metadata.obj('manufacture') ?? metadata.obj('supplier'))?.str('name') ?? null : null;
  return {
    kind: 'sbom',
    standard: 'CycloneDX',
    specVersion,
    encoding,
    product: subject?.str('name') ?? null,
    version: subject?.str('version') ?? null,
    manufacturer: maker ?? (subject ? cdxSupplier(subject) : null),
    created: isoDate(metadata?.str('timestamp')),
    productAt: subject ? subject.at('name') : root.at(),
    components,
  };
}

export function parseCycloneDxJson(tree: JsonTree): Sbom {
  const root = JsonCursor.root(tree)!;
  const specVersion = root.str('specVersion') ?? '';
  if (!CYCLONEDX_VERSIONS.has(specVersion)) throw unsupportedCycloneDx(specVersion);
  return cycloneDx(new JsonCdx(root), specVersion, 'json');
}

const CYCLONEDX_NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(.+)$/;

/** A CycloneDX XML BOM: root `bom` in the namespace http://cyclonedx.org/schema/bom/1.x, which names the version. */
export function parseCycloneDxXml(root: XmlElement): Sbom | null {
  const version = CYCLONEDX_NAMESPACE.exec(root.namespace ?? '')?.[1];
  if (root.name !== 'bom' || version === undefined) return null;
  if (!CYCLONEDX_VERSIONS.has(version)) throw unsupportedCycloneDx(version);
  return cycloneDx(new XmlCdx(root, root.namespace!), version, 'xml');
}

/** 'Organization: Contoso (psirt@contoso.example)' → 'Contoso'; NOASSERTION and NONE → null. */
function spdxActor(text: string | null): string | null {
  if (!asserted(text)) return null;
  return text!.replace(/^(?:Organization|Person|Tool)\s*:\s*/i, '').replace(/\s*\([^()]*@[^()]*\)\s*$/, '').trim() || null;
}

function spdxRef(p: JsonCursor, type: RegExp): string | null {
  for (const r of p.objects('externalRefs')) if (type.test(r.str('referenceType') ?? '')) return r.str('referenceLocator');
  return null;
}

function spdxComponent(p: JsonCursor): SbomComponent {
  const until = p.str('validUntilDate');
  const support = supportDate(until);
  return {
    ref: p.str('SPDXID'),
    name: p.str('name') ?? '(unnamed)',
    version: asserted(p.str('versionInfo')),
    supplier: spdxActor(p.str('supplier')) ?? spdxActor(p.str('originator')),
    purl: spdxRef(p, /^purl$/i),
    cpe: spdxRef(p, /^cpe2[23]type$/i),
    type: kebab(p.str('primaryPackagePurpose')),
    endOfSupport: support.date,
    ...(support.unreadable ? { endOfSupportUnreadable: support.unreadable } : {}),
    at: p.at(),
    ...(until ? { endOfSupportAt: p.at('validUntilDate') } : {}),
  };
}

export function parseSpdxJson(tree: JsonTree): Sbom {
  const root = JsonCursor.root(tree)!;
  const specVersion = root.str('spdxVersion') ?? '';
  if (!SPDX_VERSIONS.has(specVersion)) {
    throw new UnreadableError(`an SPDX document of version ${JSON.stringify(specVersion)}; dicomsec reads SPDX 2.2 and 2.3 JSON`, 'unsupported');
  }
  const packages = root.objects('packages');
  checkItemBudget(packages.length, 'packages');
  // The product is the package the document describes (documentDescribes or a DESCRIBES relationship).
  const described = new Set(root.strings('documentDescribes'));
  for (const r of root.objects('relationships')) {
    if (r.str('relationshipType') === 'DESCRIBES' && r.str('spdxElementId') === root.str('SPDXID')) {
      const target = r.str('relatedSpdxElement');
      if (target) described.add(target);
    }
  }
  const subject = packages.find((p) => described.has(p.str('SPDXID') ?? '')) ?? null;
  const components = packages.filter((p) => p !== subject).map(spdxComponent);
  return {
    kind: 'sbom',
    standard: 'SPDX',
    specVersion,
    encoding: 'json',
    product: subject?.str('name') ?? root.str('name'),
    version: subject?.str('versionInfo') ?? null,
    manufacturer: subject ? spdxActor(subject.str('supplier')) ?? spdxActor(subject.str('originator')) : null,
    created: isoDate(root.obj('creationInfo')?.str('created')),
    productAt: subject ? subject.at('name') : root.at('name'),
    components,
  };
}

export function parseSbomJson(tree: JsonTree): Sbom | null {
  const standard = sbomStandardOf(tree);
  if (standard === 'CycloneDX') return parseCycloneDxJson(tree);
  if (standard === 'SPDX') return parseSpdxJson(tree);
  return null;
}
