// `dicomsec exposure --format mud`: a Manufacturer Usage Description (RFC 8520) of one product:
// the ietf-mud:mud container with its from-device and to-device policies, and the
// ietf-access-control-list ACLs (RFC 8519) they name. Each flow with a known port, transport and
// direction becomes an ACE pair (the connection and its replies); peers are the local networks
// (RFC 8520 `local-networks`), never "any". The mud-url is a placeholder the user must replace
// (example.invalid cannot resolve). Unknown flows are not in the file: MUD has no comments, so
// the markdown plan lists them.
import { UsageError } from '../core/errors.js';
import type { ExposureFlow, ExposurePlan, ProductExposure } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';

export const MUD_URL_PLACEHOLDER = 'https://mud.example.invalid/REPLACE-WITH-YOUR-MUD-URL/device.json';

const PROTOCOL_NUMBER = { tcp: 6, udp: 17 } as const;

interface Ace {
  name: string;
  matches: Record<string, unknown>;
  actions: { forwarding: 'accept' };
}

/** The ACE of one direction of a flow: to the flow's port, or (replies) from it. */
function ace(name: string, f: ExposureFlow & { port: number; transport: 'tcp' | 'udp' }, toPort: boolean): Ace {
  const initiated = f.direction === 'listens' ? 'to-device' : 'from-device';
  const ports = toPort ? { 'destination-port': { operator: 'eq', port: f.port } } : { 'source-port': { operator: 'eq', port: f.port } };
  const l4 = f.transport === 'tcp' ? { ...ports, 'ietf-mud:direction-initiated': initiated } : ports;
  return {
    name,
    matches: { ipv4: { protocol: PROTOCOL_NUMBER[f.transport] }, [f.transport]: l4, 'ietf-mud:mud': { 'local-networks': [null] } },
    actions: { forwarding: 'accept' },
  };
}

const known = (f: ExposureFlow): f is ExposureFlow & { port: number; transport: 'tcp' | 'udp' } => f.port !== null && f.transport !== null && f.direction !== null && !f.disabledByDefault;

/** ASCII only, for names and the 60-character systeminfo. */
const plain = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim().slice(0, max);

export function mudDocument(p: ProductExposure, lastUpdate: string) {
  const fromAces: Ace[] = [];
  const toAces: Ace[] = [];
  p.flows.filter(known).forEach((f, i) => {
    const base = `${f.service.replace(/[^a-z0-9-]/g, '')}-${f.port}-${f.transport}-${i}`;
    // The device's side: a flow it accepts arrives to its port; one it opens leaves to the peer's.
    if (f.direction === 'listens') {
      toAces.push(ace(`to-${base}`, f, true));
      fromAces.push(ace(`from-${base}-reply`, f, false));
    } else {
      fromAces.push(ace(`from-${base}`, f, true));
      toAces.push(ace(`to-${base}-reply`, f, false));
    }
  });
  const product = plain(p.product ?? 'device', 60) || 'device';
  return {
    'ietf-mud:mud': {
      'mud-version': 1,
      'mud-url': MUD_URL_PLACEHOLDER,
      'last-update': lastUpdate,
      'cache-validity': 48,
      'is-supported': true,
      systeminfo: product,
      ...(p.manufacturer ? { 'mfg-name': plain(p.manufacturer, 60) } : {}),
      'model-name': product,
      'from-device-policy': { 'access-lists': { 'access-list': [{ name: 'from-device' }] } },
      'to-device-policy': { 'access-lists': { 'access-list': [{ name: 'to-device' }] } },
    },
    'ietf-access-control-list:acls': {
      acl: [
        { name: 'from-device', type: 'ipv4-acl-type', aces: { ace: fromAces } },
        { name: 'to-device', type: 'ipv4-acl-type', aces: { ace: toAces } },
      ],
    },
  };
}

export function exposureMud(plan: ExposurePlan, { generatedAt }: ExposurePresentOptions): string {
  if (plan.products.length !== 1) {
    throw new UsageError(`a MUD file describes one device, and the documents describe ${plan.products.length} products: name the statement and MDS2 form of one product`);
  }
  const p = plan.products[0]!;
  return `${JSON.stringify(mudDocument(p, generatedAt ?? new Date().toISOString()), null, 2)}\n`;
}
