// One entry per document kind: how it is recognised and what every layer above needs to know of
// it (CEL variables, evidence, titles, the review view's layout). The engine, rule packs,
// presenters and the language server ask this table instead of branching on `kind`, so a new
// kind (an RFP draft, an SBOM, an advisory) is a folder of its own plus one line in KINDS.
import type { Evidence } from '../core/findings.js';
import type { Source } from '../readers/source.js';
import { mds2Kind } from './mds2/kind.js';
import { conformanceKind } from './conformance/kind.js';
import { questionnaireKind } from './questionnaire/kind.js';
import { rfpKind } from './rfp/kind.js';
import { sbomKind } from './sbom/kind.js';
import { advisoryKind } from './advisory/kind.js';

/** Where an item of a document is: sheet and cell, or page and line. */
export interface ItemLocation {
  sheet?: string;
  cell?: string;
  page?: number;
  line?: number;
}

/** One line of an item-by-item review view (an MDS2 question, a note). */
export interface ViewItem {
  id: string;
  /** The line as shown, without its location. */
  text: string;
  /** Short text for the outline. */
  detail?: string;
  /** A question: evidence naming this id lands on this line. */
  question: boolean;
  location: ItemLocation;
}

export interface ViewGroup {
  name: string;
  detail?: string;
  items: ViewItem[];
}

/** How the review view shows a document of this kind. */
export interface KindView<M> {
  /** After the file name in the view's header: 'MDS2 HN 1-2019'. */
  title(model: M): string;
  /** Header facts, in order; empty values are left out. */
  facts(model: M): [string, string | null | undefined][];
  /**
   * Item-by-item layout (one line per question, grouped): the view and the outline show these.
   * Without it the view shows the document's own text and the outline its headings.
   */
  groups?(model: M): ViewGroup[];
  /** Section titles and where they start, so evidence naming a section finds its line. */
  sections?(model: M): { title: string; location: ItemLocation }[];
}

/** Which product a document describes, as far as it says: what pairing compares (engine/pairing.ts). */
export interface ProductIdentity {
  /** How reasons name the document: 'form', 'statement', 'SBOM', 'advisory'. */
  label: string;
  manufacturer: string | null;
  /** The product names it gives, each on its own (an advisory's product tree names several). */
  names: string[];
  /** Further words that describe the product (an MDS2 device description): shared words count, an exact match does not need them. */
  context?: string | null;
  version: string | null;
  /** Where the document names its product, for a reason that says it names none ('DOC-2/DOC-3'). */
  productFields?: string;
}

export interface DocumentKindEntry<M extends { kind: string }> {
  id: M['kind'];
  /** The model when the source is a document of this kind, otherwise null. Content decides, never the file name. */
  recognise(source: Source): M | null;
  /** Reads JSON documents (readers/json.ts): only such kinds see a JSON source, and they see no other. */
  json?: true;
  /** The recognition reason for a model of this kind ('CycloneDX 1.6 SBOM, 12 components'), when it is not from recognition.ts. */
  recognition?(model: M): string;
  /** Top-level names a rule's CEL condition sees for this kind (documented in rules/README.md). */
  celVariables: readonly string[];
  /** Values for those names, as plain data (rules/ turns them into CEL values). */
  variables(model: M): Record<string, unknown>;
  /** Which reference in a rule's `evidence:` list this kind answers: `{ question: … }` or `{ fact: … }`. */
  citation: 'question' | 'fact';
  /** Evidence for one reference (a question ID, a fact name); empty when the document records none. */
  cite(model: M, key: string, path?: string): Evidence[];
  /** Where a finding points when its rule cites nothing the document recorded. */
  fallbackEvidence(model: M, path?: string): Evidence;
  /** The document's first place, for findings about the whole document (a rule that failed to run). */
  startEvidence(model: M, path?: string): Evidence;
  /** The product the document describes, for pairing with the product's other documents; kinds without one are never paired. */
  identity?(model: M): ProductIdentity;
  /** Manufacturer, product, version… as far as known: report and questionnaire titles. */
  title(model: M): string[];
  /**
   * The document is the reviewer's own (an RFP draft, a questionnaire read back), not the
   * vendor's: its findings are no questions for a vendor questionnaire.
   */
  reviewerOwned?: boolean;
  /** Question IDs in document order, when findings should follow it. */
  questionOrder?(model: M): readonly string[];
  /** The model as `dicomsec inspect` prints it, when it differs from the model itself. */
  inspect?(model: M): unknown;
  view: KindView<M>;
}

/**
 * Recognised in this order: the first kind whose `recognise` returns a model wins. The
 * questionnaire comes first: its Questions sheet lists MDS2 question IDs in a column, which the
 * MDS2 reader would otherwise take for a form. An RFP draft names DICOM, TLS and conformance
 * statements without being one: it is asked before the conformance kind.
 */
export const KINDS = [questionnaireKind, mds2Kind, rfpKind, conformanceKind, sbomKind, advisoryKind] as const;

type Entry = (typeof KINDS)[number];
/** The model of any registered kind. */
export type DocumentModel = NonNullable<ReturnType<Entry['recognise']>>;
export type KindId = DocumentModel['kind'];
export const KIND_IDS: readonly KindId[] = KINDS.map((k) => k.id);

const byId = new Map<string, DocumentKindEntry<DocumentModel>>(KINDS.map((k) => [k.id, k as DocumentKindEntry<DocumentModel>]));

export function isKindId(id: string): id is KindId {
  return byId.has(id);
}

export function kindEntry(id: string): DocumentKindEntry<DocumentModel> | undefined {
  return byId.get(id);
}

/** The entry of a model's kind. A model whose kind is not registered is a programming error. */
export function kindOf(model: DocumentModel): DocumentKindEntry<DocumentModel> {
  const entry = byId.get(model.kind);
  if (!entry) throw new Error(`document kind ${model.kind} is not registered in documents/kinds.ts`);
  return entry;
}
