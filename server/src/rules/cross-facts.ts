// Facts that exist only between two documents of one product: which SBOM components an advisory
// names as affected and not fixed, whether the release an MDS2 form describes is in an advisory's
// product tree, which SBOM components come from other suppliers than the manufacturer. Cross rules
// read them as `cross.<name>` in CEL and cite them as `fact: cross.<name>` (rules/README.md).
import type { Evidence } from '../core/findings.js';
import type { Advisory, AdvisoryProduct, AdvisoryVulnerability } from '../documents/advisory/model.js';
import { kindOf, type KindId } from '../documents/kinds.js';
import { jsonEvidence } from '../documents/json-model.js';
import { answerEvidence } from '../documents/mds2/kind.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { isReleaseRange, normaliseRelease, releaseIn, releaseInRange, sameRelease } from '../documents/release.js';
import type { Sbom, SbomComponent } from '../documents/sbom/model.js';
import { identityDecision, nameTokens, normaliseName } from '../documents/product-identity.js';
import type { RuleSubject } from './context.js';

const MAX_CITED = 25;

interface Docs {
  mds2?: { model: Mds2Form; path?: string };
  sbom?: { model: Sbom; path?: string };
  advisory?: { model: Advisory; path?: string };
}

function docsOf(subject: RuleSubject): Docs {
  const out: Record<string, unknown> = {};
  for (const d of subject.documents) out[d.model.kind] ??= d;
  return out as Docs;
}

// ------------------------------------------------------------------------- advisory statuses
interface NotFixed {
  vulnerability: AdvisoryVulnerability;
  product: AdvisoryProduct;
  /** Remediation categories naming the product (mitigation, workaround, none_available…); empty when none. */
  remedies: string[];
}

/** Products each vulnerability names as affected without a fix: not fixed, no vendor_fix remediation. */
function notFixed(advisory: Advisory): NotFixed[] {
  const byId = new Map(advisory.products.map((p) => [p.id, p]));
  const out: NotFixed[] = [];
  for (const v of advisory.vulnerabilities) {
    for (const id of v.affected) {
      if (v.fixed.includes(id)) continue;
      const remedies = v.remediations.filter((r) => r.productIds.includes(id)).map((r) => r.category);
      if (remedies.includes('vendor_fix')) continue;
      out.push({ vulnerability: v, product: byId.get(id) ?? { id, name: id, vendor: null, productName: null, version: null, cpe: null, purl: null, at: v.statusAt }, remedies });
    }
  }
  return out;
}

const vulnName = (v: AdvisoryVulnerability) => v.cve ?? v.title ?? 'a vulnerability';
const remedyText = (remedies: string[]) => (remedies.some((r) => r === 'mitigation' || r === 'workaround') ? `no fix (${remedies.filter((r) => r === 'mitigation' || r === 'workaround').join(', ')} only)` : 'no fix, mitigation or workaround');
const releaseOf = (p: AdvisoryProduct) => p.version ?? releaseIn(p.name);

/** Whether an advisory product is of a release: the same release, or a range holding it; null when a range cannot be read. */
function ofRelease(p: AdvisoryProduct, release: string | null): boolean | null {
  const own = releaseOf(p);
  if (!own || !release) return null;
  return isReleaseRange(own) ? releaseInRange(release, own) : sameRelease(own, release);
}

/** Whether an advisory product (not a component of one) is the form's product, by name. */
function isFormProduct(form: Mds2Form, p: AdvisoryProduct): boolean {
  if (p.componentOf) return false;
  const identity = kindOf(form).identity!(form);
  return identityDecision(identity, { label: 'advisory', manufacturer: p.vendor, names: [p.productName ?? p.name], version: releaseOf(p) }).paired;
}

/** The release an MDS2 form describes: its software revision, else the release its model names. */
export function formRelease(form: Mds2Form): string | null {
  return kindOf(form).identity!(form).version;
}

// ------------------------------------------------------------------------- SBOM components
/** A package URL without qualifiers and subpath, split into name and version. */
function purlParts(purl: string | null): { name: string; version: string | null } | null {
  if (!purl) return null;
  const [name, version] = purl.split(/[?#]/)[0]!.toLowerCase().split('@') as [string, string?];
  return { name, version: version ? decodeURIComponent(version) : null };
}

/** A CPE 2.3 name without its version (part:vendor:product), and the version when it gives one. */
function cpeParts(cpe: string | null): { name: string; version: string | null } | null {
  if (!cpe) return null;
  const f = cpe.toLowerCase().split(':');
  return { name: f.slice(0, 5).join(':'), version: f[5] && f[5] !== '*' && f[5] !== '-' ? f[5] : null };
}

/** A component's name as compared: words only, without the release it may end with. */
const bareName = (name: string) => normaliseName(name.replace(/\s+v?\d+(?:\.\d+)+\S*\s*$/i, ''));

/** The same release, or a release one side does not give or a range that may hold it (an SBOM without versions still names the component). */
const releasesAgree = (a: string | null, b: string | null) => !a || !b || (isReleaseRange(b) ? releaseInRange(a, b) !== false : sameRelease(a, b));

/** The advisory product that names the component itself (a relationship product stands for its component). */
function componentProduct(advisory: Advisory, p: AdvisoryProduct): AdvisoryProduct {
  return (p.componentOf && advisory.products.find((q) => q.id === p.componentOf!.component)) || p;
}

/** Whether an SBOM component is the one an advisory product names: by purl, else CPE, else name. */
function componentMatches(c: SbomComponent, p: AdvisoryProduct): boolean {
  for (const parts of [purlParts, cpeParts]) {
    const [a, b] = [parts(parts === purlParts ? c.purl : c.cpe), parts(parts === purlParts ? p.purl : p.cpe)];
    if (a && b) return a.name === b.name && releasesAgree(c.version ?? a.version, releaseOf(p) ?? b.version);
  }
  const name = bareName(p.productName ?? p.name);
  return name !== '' && bareName(c.name) === name && releasesAgree(c.version, releaseOf(p));
}

interface AffectedComponent extends NotFixed {
  component: SbomComponent;
  /** The advisory product that names the component. */
  named: AdvisoryProduct;
}

/** The components an advisory product may name, by the keys componentMatches decides on (linear, not components × products). */
function componentIndex(sbom: Sbom): Map<string, SbomComponent[]> {
  const index = new Map<string, SbomComponent[]>();
  const add = (key: string | null | undefined, c: SbomComponent) => {
    if (!key) return;
    const list = index.get(key);
    if (list) {
      if (list[list.length - 1] !== c) list.push(c);
    } else index.set(key, [c]);
  };
  for (const c of sbom.components) {
    add(purlParts(c.purl) && `purl:${purlParts(c.purl)!.name}`, c);
    add(cpeParts(c.cpe) && `cpe:${cpeParts(c.cpe)!.name}`, c);
    add(`name:${bareName(c.name)}`, c);
  }
  return index;
}

const affectedCache = new WeakMap<Sbom, WeakMap<Advisory, AffectedComponent[]>>();

function affectedComponents(sbom: Sbom, advisory: Advisory): AffectedComponent[] {
  const cached = affectedCache.get(sbom)?.get(advisory);
  if (cached) return cached;
  const out: AffectedComponent[] = [];
  const byId = new Map(advisory.products.map((p) => [p.id, p]));
  const index = componentIndex(sbom);
  const position = new Map(sbom.components.map((c, i) => [c, i]));
  for (const entry of notFixed(advisory)) {
    const parent = entry.product.componentOf ? byId.get(entry.product.componentOf.product) : undefined;
    // A component of another release than the one the SBOM describes is not in this SBOM's product.
    if (parent && ofRelease(parent, sbom.version) === false) continue;
    const named = componentProduct(advisory, entry.product);
    // The product itself (not a component of it) is for the MDS2 check, not a component match.
    if (!entry.product.componentOf && bareName(named.productName ?? named.name) === bareName(sbom.product ?? '')) continue;
    const keys = [purlParts(named.purl) && `purl:${purlParts(named.purl)!.name}`, cpeParts(named.cpe) && `cpe:${cpeParts(named.cpe)!.name}`, `name:${bareName(named.productName ?? named.name)}`];
    const candidates = [...new Set(keys.flatMap((k) => (k ? (index.get(k) ?? []) : [])))].sort((x, y) => position.get(x)! - position.get(y)!);
    for (const component of candidates) if (componentMatches(component, named)) out.push({ ...entry, component, named });
  }
  if (!affectedCache.has(sbom)) affectedCache.set(sbom, new WeakMap());
  affectedCache.get(sbom)!.set(advisory, out);
  return out;
}

/** Components from a supplier other than the product's manufacturer (the form's or the SBOM's), operating systems aside. */
function thirdParty(form: Mds2Form, sbom: Sbom): SbomComponent[] {
  const maker = new Set([...nameTokens(form.manufacturer), ...nameTokens(sbom.manufacturer)]);
  if (!maker.size) return [];
  return sbom.components.filter((c) => c.type !== 'operating-system' && c.supplier !== null && ![...nameTokens(c.supplier)].some((t) => maker.has(t)));
}

const label = (c: SbomComponent) => `${c.name}${c.version ? ` ${c.version}` : ''}`;

// ------------------------------------------------------------------------- the table
interface CrossFact {
  /** The kinds the fact is between; it exists when the subject holds all of them. */
  kinds: KindId[];
  value(docs: Required<Docs>): unknown;
  cite(docs: Required<Docs>): Evidence[];
}

export const CROSS_FACTS: Record<string, CrossFact> = {
  affectedComponents: {
    kinds: ['sbom', 'advisory'],
    value: ({ sbom, advisory }) =>
      affectedComponents(sbom.model, advisory.model).map((a) => ({ component: a.component.name, version: a.component.version, cve: a.vulnerability.cve, remedies: a.remedies })),
    cite: ({ sbom, advisory }) =>
      affectedComponents(sbom.model, advisory.model)
        .slice(0, MAX_CITED)
        .flatMap((a) => [
          jsonEvidence(a.component.at, `${label(a.component)}: ${vulnName(a.vulnerability)} known affected (${a.product.name}), ${remedyText(a.remedies)}${a.component.version ? '' : '; the SBOM gives no version'}`, sbom.path),
          jsonEvidence(a.vulnerability.statusAt, `${vulnName(a.vulnerability)}: known affected: ${a.product.name}`, advisory.path),
        ]),
  },
  releaseAffected: {
    kinds: ['mds2', 'advisory'],
    value: ({ mds2, advisory }) => releaseAffected(mds2.model, advisory.model).map((a) => ({ cve: a.vulnerability.cve, product: a.product.name, remedies: a.remedies })),
    cite: ({ mds2, advisory }) => [
      releaseEvidence(mds2),
      ...releaseAffected(mds2.model, advisory.model)
        .slice(0, MAX_CITED)
        .map((a) => jsonEvidence(a.vulnerability.statusAt, `${vulnName(a.vulnerability)}: known affected: ${a.product.name}, ${remedyText(a.remedies)}`, advisory.path)),
    ],
  },
  release: {
    kinds: ['mds2', 'advisory'],
    value: ({ mds2, advisory }) => {
      const release = formRelease(mds2.model);
      const products = productReleases(mds2.model, advisory.model);
      const verdicts = products.map((p) => ofRelease(p, release));
      // listed: true when a product (or range) is the form's release, false when every one says it is not, null when unknown.
      const listed = release === null ? null : verdicts.includes(true) ? true : verdicts.includes(null) ? null : false;
      return { release, versions: products.map((p) => releaseOf(p)!), listed };
    },
    cite: ({ mds2, advisory }) => [
      releaseEvidence(mds2),
      ...productReleases(mds2.model, advisory.model)
        .slice(0, MAX_CITED)
        .map((p) => jsonEvidence(p.at, p.name, advisory.path)),
    ],
  },
  thirdPartyComponents: {
    kinds: ['mds2', 'sbom'],
    value: ({ mds2, sbom }) => thirdParty(mds2.model, sbom.model).map((c) => ({ name: c.name, version: c.version, supplier: c.supplier, type: c.type })),
    cite: ({ mds2, sbom }) => thirdParty(mds2.model, sbom.model).slice(0, MAX_CITED).map((c) => jsonEvidence(c.at, `${label(c)} (supplier: ${c.supplier})`, sbom.path)),
  },
  sbomRelease: {
    kinds: ['mds2', 'sbom'],
    value: ({ mds2, sbom }) => {
      const [form, version] = [formRelease(mds2.model), sbom.model.version];
      return { form, sbom: version, same: form !== null && version !== null ? sameRelease(form, version) : null };
    },
    cite: ({ mds2, sbom }) => [releaseEvidence(mds2), jsonEvidence(sbom.model.productAt, [sbom.model.product, sbom.model.version].filter(Boolean).join(' ') || null, sbom.path)],
  },
};

/** The form's product in the advisory's tree, each with a release. */
function productReleases(form: Mds2Form, advisory: Advisory): AdvisoryProduct[] {
  return advisory.products.filter((p) => releaseOf(p) !== null && isFormProduct(form, p));
}

/** Products of the form's release that a vulnerability leaves affected without a fix. */
function releaseAffected(form: Mds2Form, advisory: Advisory): NotFixed[] {
  const release = formRelease(form);
  if (!normaliseRelease(release)) return [];
  return notFixed(advisory).filter((n) => isFormProduct(form, n.product) && ofRelease(n.product, release) === true);
}

/** Where the form names its release: the software revision or DOC-3 (model). */
function releaseEvidence(mds2: { model: Mds2Form; path?: string }): Evidence {
  return answerEvidence(mds2.model, 'DOC-3', mds2.path);
}

function present(docs: Docs, fact: CrossFact): docs is Required<Docs> {
  return fact.kinds.every((k) => (docs as Record<string, unknown>)[k] !== undefined);
}

/** The `cross` CEL variable of a subject: every fact whose documents it holds (none for a single document). */
export function crossVariables(subject: RuleSubject): Record<string, unknown> | undefined {
  if (subject.documents.length < 2) return undefined;
  const docs = docsOf(subject);
  const out: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(CROSS_FACTS)) if (present(docs, fact)) out[name] = fact.value(docs);
  return out;
}

/** Evidence for `fact: cross.<name>`; empty when the subject lacks the fact's documents. */
export function citeCrossFact(subject: RuleSubject, key: string): Evidence[] | undefined {
  if (!key.startsWith('cross.')) return undefined;
  const fact = CROSS_FACTS[key.slice('cross.'.length)];
  if (!fact) return [];
  const docs = docsOf(subject);
  if (!present(docs, fact)) return [];
  return fact.cite(docs).map((e) => {
    if (e.path === undefined) delete e.path;
    return e;
  });
}
