// The products of one run: a product's MDS2 form(s) and conformance statement(s) form one group,
// as compare and report show them. A form and a statement join when engine/pairing.ts (or
// `pairs:` in .dicomsec.yaml) takes them for the same product; two forms or two statements join
// when they name the same manufacturer, product and version (one document exported twice, say
// xlsx and csv, or a statement published as PDF and Markdown). SBOMs and advisories belong to the
// product of a form or statement they relate to (cross-subjects.ts ProductRelations, the relation
// cross rules are evaluated on); one that relates to none is no product's.
import type { Advisory } from '../documents/advisory/model.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import type { KindId } from '../documents/kinds.js';
import type { Sbom } from '../documents/sbom/model.js';
import { findPairs } from './cross.js';
import { ProductRelations, type Reviewed } from './cross-subjects.js';
import { normaliseName, RELATED_KINDS } from './pairing.js';
import type { DocumentReview } from './report.js';
import type { FileReview, ReviewOptions } from './review.js';

export type FormReview = DocumentReview & { model: Mds2Form };
export type StatementReview = DocumentReview & { model: ConformanceStatement };
export type SbomReview = DocumentReview & { model: Sbom };
export type AdvisoryReview = DocumentReview & { model: Advisory };
export type ProductDocumentReview = FormReview | StatementReview | SbomReview | AdvisoryReview;

export interface Product {
  /** Manufacturer, product and version as the documents name them; never a file path. */
  name: string;
  manufacturer?: string;
  product?: string;
  version?: string;
  forms: FormReview[];
  statements: StatementReview[];
  /** SBOMs that relate to one of the product's forms or statements. */
  sboms: SbomReview[];
  /** Advisories that relate to one of the product's forms or statements. */
  advisories: AdvisoryReview[];
  /**
   * The kinds of the product's documents that are related to each other, as 'anchor kind→kind'
   * (pairing.ts RELATED_KINDS): cross rules between them were evaluated. An SBOM paired with the
   * statement only is the product's, yet no form was compared with it ('mds2→sbom' is absent).
   */
  related: ReadonlySet<string>;
}

type ProductParts = Pick<Product, 'forms' | 'statements' | 'sboms' | 'advisories'>;

/** The key of `Product.related` for documents of `anchor` kind compared with documents of `kind`. */
export const relatedKey = (anchor: string, kind: string) => `${anchor}\u2192${kind}`;

/** Every document of the product: forms, statements, SBOMs, advisories, in that order. */
export function productDocuments(p: Product): ProductDocumentReview[] {
  return [...p.forms, ...p.statements, ...p.sboms, ...p.advisories];
}

/** The product's documents of one kind (none for a kind products are not made of). */
export function productDocumentsOf(p: ProductParts, kind: string): ProductDocumentReview[] {
  return kind === 'mds2' ? p.forms : kind === 'conformance-statement' ? p.statements : kind === 'sbom' ? p.sboms : kind === 'advisory' ? p.advisories : [];
}

const isForm = (d: DocumentReview): d is FormReview => d.status === 'reviewed' && d.model?.kind === 'mds2';
const isStatement = (d: DocumentReview): d is StatementReview => d.status === 'reviewed' && d.model?.kind === 'conformance-statement';

/**
 * Text a form or template leaves in a name field when nobody filled it in ('Device Model',
 * '____', 'Hidden', '<Product Name>'): never shown as the product's name.
 */
const PLACEHOLDER_NAMES = /^(?:hidden|redacted|tbd|tba|n\/?a|none|unknown|x+|\?+|(?:device|product|model|manufacturer|company|vendor|software|document)(?:\s+(?:model|name|number|description|version|id|release|date))*(?:\s+here)?|(?:name|model|version|date)(?:\s+of\s+\w+)?)$/i;

/** A name field that says something, or undefined for a blank or a placeholder. */
export function meaningfulName(text: string | null | undefined): string | undefined {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t || /^[\s_\-–—.…*#xX]*$/.test(t)) return undefined;
  const bare = t.replace(/^[<[{(]+|[>\]})]+$/g, '').trim();
  if (!bare || PLACEHOLDER_NAMES.test(bare)) return undefined;
  return t;
}

function identityOf(d: FormReview | StatementReview): string {
  const m = d.model;
  const parts = m.kind === 'mds2' ? [m.manufacturer, m.model ?? m.deviceDescription, m.softwareRevision, m.documentId, m.releaseDate] : [m.manufacturer, m.product, m.version];
  const names = parts.map((p) => normaliseName(meaningfulName(p)));
  // A document that names nothing is a product of its own: two unnamed forms are not one product.
  return names.some(Boolean) ? `${m.kind}\u0000${names.join('\u0000')}` : `${m.kind}\u0000${d.path}`;
}

/** manufacturer + product + version from the product's documents: the statement's product and version first, the form's model next. */
function nameOf(forms: FormReview[], statements: StatementReview[]): Pick<Product, 'name' | 'manufacturer' | 'product' | 'version'> {
  const first = <T>(values: (T | undefined)[]) => values.find((v) => v !== undefined);
  const manufacturer = first([...statements.map((s) => meaningfulName(s.model.manufacturer)), ...forms.map((f) => meaningfulName(f.model.manufacturer))]);
  const product = first([...forms.map((f) => meaningfulName(f.model.model)), ...statements.map((s) => meaningfulName(s.model.product)), ...forms.map((f) => meaningfulName(f.model.deviceDescription))]);
  const version = first([...statements.map((s) => meaningfulName(s.model.version)), ...forms.map((f) => meaningfulName(f.model.softwareRevision))]);
  const withVersion = version && !` ${normaliseName(product)} `.includes(` ${normaliseName(version)} `) ? `${product ?? ''} ${version}`.trim() : product;
  const name = [manufacturer, withVersion].filter(Boolean).join(' — ');
  return { name, ...(manufacturer ? { manufacturer } : {}), ...(product ? { product } : {}), ...(version ? { version } : {}) };
}

/**
 * The reviewed forms and statements grouped by product, in the order their first document was
 * reviewed. Unreadable documents belong to no product (their callers list them apart). Unnamed
 * products are called "Unnamed product 1", …; equal names get " (2)", " (3)" so columns differ.
 */
export function groupProducts(documents: DocumentReview[], options: ReviewOptions = {}): Product[] {
  const docs = documents.filter((d): d is FormReview | StatementReview => isForm(d) || isStatement(d));
  const parent = docs.map((_d, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const join = (a: number, b: number) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const index = new Map(docs.map((d, i) => [d.path, i]));
  const byIdentity = new Map<string, number>();
  docs.forEach((d, i) => {
    const id = identityOf(d);
    const seen = byIdentity.get(id);
    if (seen === undefined) byIdentity.set(id, i);
    else join(seen, i);
  });
  const relations = new ProductRelations(documents, options);
  for (const pair of findPairs(docs as FileReview[], options, relations)) join(index.get(pair.mds2.path)!, index.get(pair.cs.path)!);

  const groups = new Map<number, (FormReview | StatementReview)[]>();
  docs.forEach((d, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), d]));
  const products: Product[] = [];
  const claimed = new Set<string>();
  const taken = new Map<string, number>();
  let unnamed = 0;
  for (const members of groups.values()) {
    const forms = members.filter(isForm);
    const statements = members.filter(isStatement);
    const naming = nameOf(forms, statements);
    let name = naming.name || `Unnamed product ${++unnamed}`;
    const n = (taken.get(name) ?? 0) + 1;
    taken.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    const attach = (kind: KindId) => accompanyingOf(relations, [...forms, ...statements], kind, claimed);
    const parts = { forms, statements, sboms: attach('sbom') as SbomReview[], advisories: attach('advisory') as AdvisoryReview[] };
    products.push({ ...naming, name, ...parts, related: relatedKinds(relations, parts) });
  }
  return products;
}

/** Which of RELATED_KINDS the product's documents relate by: some anchor of it accompanies some document of the other kind in it. */
function relatedKinds(relations: ProductRelations, p: ProductParts): Set<string> {
  const out = new Set<string>();
  for (const [anchorKind, kind] of RELATED_KINDS) {
    const others = new Set(productDocumentsOf(p, kind).map((d) => d.path));
    const anchors = productDocumentsOf(p, anchorKind) as Reviewed[];
    if (anchors.some((a) => relations.accompanying(a, kind).some((d) => others.has(d.path)))) out.add(relatedKey(anchorKind, kind));
  }
  return out;
}

/**
 * The reviewed documents of `kind` that accompany any of the anchors (explicitly paired, else by
 * name), in review order, leaving out those an earlier product claimed: a document is one product's.
 */
function accompanyingOf(relations: ProductRelations, anchors: (FormReview | StatementReview)[], kind: KindId, claimed: Set<string>): DocumentReview[] {
  const found = new Set(anchors.flatMap((a) => relations.accompanying(a as Reviewed, kind).map((d) => d.path)));
  const out = relations.documents(kind).filter((d) => found.has(d.path) && !claimed.has(d.path));
  for (const d of out) claimed.add(d.path);
  return out;
}

/** The product a document belongs to (by path), or undefined. */
export function productOf(products: Product[], docPath: string | undefined): Product | undefined {
  if (!docPath) return undefined;
  return products.find((p) => productDocuments(p).some((d) => d.path === docPath));
}
