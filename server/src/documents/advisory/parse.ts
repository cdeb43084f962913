// CSAF 2.0 JSON → Advisory. Recognised by `document.csaf_version`; other CSAF versions are
// unreadable (`unsupported`). The product tree's branches are walked without recursion.
import { UnreadableError } from '../../core/errors.js';
import type { JsonTree } from '../../readers/json.js';
import { checkItemBudget, isoDate, JsonCursor } from '../json-model.js';
import type { Advisory, AdvisoryProduct, AdvisoryRemediation, AdvisoryVulnerability } from './model.js';

/** Remediations that leave the affected product protected (CSAF 2.0 §3.2.3.12.1). */
const REMEDIES = new Set(['vendor_fix', 'mitigation', 'workaround']);

export function isCsaf(tree: JsonTree): boolean {
  const document = JsonCursor.root(tree)?.obj('document');
  return !!document && document.object['csaf_version'] !== undefined;
}

interface BranchContext {
  vendor: string | null;
  productName: string | null;
  version: string | null;
}

function productOf(p: JsonCursor, context: BranchContext): AdvisoryProduct | null {
  const id = p.str('product_id');
  if (!id) return null;
  const helper = p.obj('product_identification_helper');
  return {
    id,
    name: p.str('name') ?? id,
    vendor: context.vendor,
    productName: context.productName,
    version: context.version,
    cpe: helper?.str('cpe') ?? null,
    purl: helper?.str('purl') ?? null,
    at: p.at('product_id'),
  };
}

function products(tree: JsonCursor | null): AdvisoryProduct[] {
  if (!tree) return [];
  const out: AdvisoryProduct[] = [];
  const empty: BranchContext = { vendor: null, productName: null, version: null };
  const queue: { branch: JsonCursor; context: BranchContext }[] = tree.objects('branches').map((branch) => ({ branch, context: empty }));
  for (let k = 0; k < queue.length; k++) {
    checkItemBudget(queue.length, 'product tree branches');
    const { branch, context } = queue[k]!;
    const category = branch.str('category');
    const name = branch.str('name');
    const here: BranchContext = {
      vendor: category === 'vendor' ? name : context.vendor,
      productName: category === 'product_name' || category === 'product_family' ? name : context.productName,
      version: category === 'product_version' || category === 'product_version_range' ? name : context.version,
    };
    const product = branch.obj('product');
    if (product) {
      const p = productOf(product, here);
      if (p) out.push(p);
    }
    for (const child of branch.objects('branches')) queue.push({ branch: child, context: here });
  }
  for (const p of tree.objects('full_product_names')) {
    const product = productOf(p, empty);
    if (product) out.push(product);
  }
  for (const r of tree.objects('relationships')) {
    const full = r.obj('full_product_name');
    const product = full ? productOf(full, empty) : null;
    if (!product) continue;
    const [component, parent] = [r.str('product_reference'), r.str('relates_to_product_reference')];
    if (component && parent) product.componentOf = { component, product: parent };
    out.push(product);
  }
  checkItemBudget(out.length, 'products');
  return out;
}

function groups(tree: JsonCursor | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of tree?.objects('product_groups') ?? []) {
    const id = g.str('group_id');
    if (id) out.set(id, g.strings('product_ids'));
  }
  return out;
}

function idsOf(c: JsonCursor, groupsById: Map<string, string[]>): string[] {
  const ids = new Set(c.strings('product_ids'));
  for (const g of c.strings('group_ids')) for (const id of groupsById.get(g) ?? []) ids.add(id);
  return [...ids];
}

function vulnerability(v: JsonCursor, groupsById: Map<string, string[]>): AdvisoryVulnerability {
  const status = v.obj('product_status');
  const list = (...keys: string[]) => [...new Set(keys.flatMap((k) => status?.strings(k) ?? []))];
  const affected = list('known_affected', 'first_affected', 'last_affected');
  const fixed = list('fixed', 'first_fixed');
  const notAffected = list('known_not_affected');
  const remediations: AdvisoryRemediation[] = v.objects('remediations').map((r) => ({
    category: r.str('category') ?? 'unknown',
    productIds: idsOf(r, groupsById),
    details: r.str('details'),
    at: r.at('category'),
  }));
  const remedied = new Set(remediations.filter((r) => REMEDIES.has(r.category)).flatMap((r) => r.productIds));
  const justified = new Set([
    ...v.objects('flags').flatMap((f) => idsOf(f, groupsById)),
    ...v.objects('threats').filter((t) => t.str('category') === 'impact').flatMap((t) => idsOf(t, groupsById)),
  ]);
  return {
    cve: v.str('cve'),
    title: v.str('title'),
    at: v.str('cve') ? v.at('cve') : v.at(),
    affected,
    notAffected,
    fixed,
    underInvestigation: list('under_investigation'),
    remediations,
    unremediated: affected.filter((id) => !remedied.has(id) && !fixed.includes(id)),
    notAffectedUnjustified: notAffected.filter((id) => !justified.has(id)),
    statusAt: status ? status.at() : v.at(),
  };
}

export function parseCsaf(tree: JsonTree): Advisory | null {
  if (!isCsaf(tree)) return null;
  const root = JsonCursor.root(tree)!;
  const document = root.obj('document')!;
  const csafVersion = document.str('csaf_version') ?? '';
  if (csafVersion !== '2.0') throw new UnreadableError(`a CSAF document of version ${JSON.stringify(csafVersion)}; dicomsec reads CSAF 2.0`, 'unsupported');
  const tree_ = root.obj('product_tree');
  const groupsById = groups(tree_);
  const items = products(tree_);
  const vulnerabilities = root.objects('vulnerabilities');
  checkItemBudget(vulnerabilities.length, 'vulnerabilities');
  const tracking = document.obj('tracking');
  const first = items.find((p) => p.productName) ?? items[0];
  return {
    kind: 'advisory',
    csafVersion,
    category: document.str('category'),
    trackingId: tracking?.str('id') ?? null,
    title: document.str('title'),
    publisher: document.obj('publisher')?.str('name') ?? null,
    vendor: items.find((p) => p.vendor)?.vendor ?? document.obj('publisher')?.str('name') ?? null,
    product: first?.productName ?? first?.name ?? null,
    released: isoDate(tracking?.str('current_release_date') ?? tracking?.str('initial_release_date')),
    titleAt: document.at('title'),
    products: items,
    vulnerabilities: vulnerabilities.map((v) => vulnerability(v, groupsById)),
  };
}
