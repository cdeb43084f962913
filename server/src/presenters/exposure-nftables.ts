// `dicomsec exposure --format nftables`: a draft allow-list skeleton, one table per product. The
// device and every group of peers are variables with documentation addresses (RFC 5737
// 192.0.2.0/24 and RFC 3849 2001:db8::/32) that match nothing until the user replaces them. The
// table is `inet`, so it sees both families: the device has an IPv4 address and an IPv6 address
// set, both jump into the same chains, and each known flow is one accept rule per family; a flow
// whose port, transport or direction is not stated, or that is disabled by default, is a comment
// only, and each chain ends in a drop, so the device's IPv6 traffic is dropped unless a rule
// allows it exactly like its IPv4 traffic — never a rule that opens "any". Rules are
// built from our own tokens only (numbers, tcp/udp, our variable names): vendor text appears in
// comments, flattened to one line, so it can never become a rule.
import { TOOL_VERSION } from '../core/version.js';
import { serviceLabel, type ExposureFlow, type ExposurePlan, type ProductExposure } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';
import { evidenceText, portCell, productTitle, unknownCell } from './exposure-rows.js';
import { relativePath } from './location.js';
import { commentText } from './safe-text.js';

const c = (text: string) => commentText(text);
const varName = (prefix: string, service: string) => `${prefix}_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PEERS`;

function flowComment(f: ExposureFlow, cwd?: string): string[] {
  const what = `${serviceLabel(f.service)}${f.name ? ` (${f.name})` : ''}${f.aeTitles.length ? `, AE ${f.aeTitles.join(', ')}` : ''}${f.tls === null ? ', TLS not stated' : f.tls ? ', TLS' : ', no TLS'}`;
  return [`# ${c(what)}`, ...f.evidence.slice(0, 3).map((e) => `#   evidence: ${c(evidenceText(e, cwd))}`)];
}

/** The IPv4 and IPv6 rules of a flow with everything known, or null. */
function rulesOf(f: ExposureFlow, peers: string): string[] | null {
  if (f.port === null || f.transport === null || f.direction === null) return null;
  const field = f.direction === 'listens' ? 'saddr' : 'daddr';
  const tail = `${f.transport} dport ${f.port} accept`;
  return [`ip ${field} $${peers} ${tail}`, `ip6 ${field} $${peers}6 ${tail}`];
}

function productTable(p: ProductExposure, index: number, cwd?: string): string[] {
  const prefix = `P${index + 1}`;
  const device = `${prefix}_DEVICE`;
  const host = 10 + (index % 200);
  const defines: string[] = [
    `define ${device} = 192.0.2.${host}  # REPLACE: the device's IPv4 address`,
    `define ${device}6 = { 2001:db8::${host} }  # REPLACE: every IPv6 address of the device (global, unique local): one not listed is not filtered`,
  ];
  const peerVars = new Map<string, string>();
  const chains: Record<'to_device' | 'from_device', string[]> = { to_device: [], from_device: [] };
  const unknown: string[] = [];
  for (const f of p.flows) {
    const peers = peerVars.get(f.service) ?? varName(prefix, f.service);
    const rules = rulesOf(f, peers);
    const comment = flowComment(f, cwd);
    if (rules && !f.disabledByDefault) {
      if (!peerVars.has(f.service)) {
        peerVars.set(f.service, peers);
        const peer = 100 + (peerVars.size % 150);
        const label = c(serviceLabel(f.service));
        defines.push(`define ${peers} = { 192.0.2.${peer} }  # REPLACE: the ${label} peers of this device (IPv4)`);
        defines.push(`define ${peers}6 = { 2001:db8::${peer} }  # REPLACE: the ${label} peers of this device (IPv6)`);
      }
      for (const conflict of f.conflicts) comment.push(`#   CONFLICT: ${c(conflict.message)}`);
      chains[f.direction === 'listens' ? 'to_device' : 'from_device'].push(...comment, ...rules);
      continue;
    }
    const why = f.disabledByDefault ? 'disabled by default: add a rule only if you enable it' : `UNKNOWN ${unknownCell(f)}: ${f.direction ?? 'direction not stated'}, port ${portCell(f)}; add a rule once the vendor states it`;
    unknown.push(...comment.map((l) => `  ${l}`), `  #   ${c(why)}`);
  }
  const name = `dicomsec_${prefix.toLowerCase()}`;
  const chain = (id: 'to_device' | 'from_device', title: string) => [
    `  chain ${id} {`,
    `    # ${title}`,
    '    ct state established,related accept',
    ...chains[id].map((l) => `    ${l}`),
    '    counter drop',
    '  }',
  ];
  return [
    `# ---- ${c(productTitle(p))}`,
    `# from: ${p.documents.map((d) => c(relativePath(d.path, cwd))).join(', ')}`,
    ...defines,
    '',
    `table inet ${name} {`,
    '  chain forward {',
    '    type filter hook forward priority 0; policy accept;',
    `    ip daddr $${device} jump to_device`,
    `    ip saddr $${device} jump from_device`,
    `    ip6 daddr $${device}6 jump to_device`,
    `    ip6 saddr $${device}6 jump from_device`,
    '  }',
    '',
    ...chain('to_device', 'connections the device accepts (it listens)'),
    '',
    ...chain('from_device', 'connections the device opens (it initiates)'),
    ...(unknown.length ? ['', '  # Not rules: flows the documents leave incomplete.', ...unknown] : []),
    '}',
  ];
}

export function exposureNftables(plan: ExposurePlan, { cwd }: ExposurePresentOptions): string {
  const out = [
    '#!/usr/sbin/nft -f',
    `# Draft allow-list written by dicomsec ${TOOL_VERSION} from vendor documents. NOT a tested configuration:`,
    '# replace every REPLACE address (192.0.2.0/24 and 2001:db8::/32 are documentation ranges that match',
    '# nothing real), confirm each flow with the vendor, and check with `nft -c -f` before loading.',
    "# Both families are filtered: the device's IPv6 traffic is dropped unless a rule allows it, as its IPv4 is.",
  ];
  for (const u of plan.unreadable) out.push(`# UNREADABLE, not in this plan: ${c(relativePath(u.path, cwd))}: ${c(u.error)}`);
  plan.products.forEach((p, i) => out.push('', ...productTable(p, i, cwd)));
  return `${out.join('\n')}\n`;
}
