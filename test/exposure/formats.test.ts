// The exposure formats: content on the samples (md, html, csv, json, nftables, MUD), the MUD
// file's RFC 8520 structure, the nftables grammar, and hostile vendor text escaped in every format.
import { describe, expect, it } from 'vitest';
import { EXPOSURE_FORMAT_NAMES, presentExposure } from '../../server/src/presenters/exposure.js';
import { MUD_URL_PLACEHOLDER } from '../../server/src/presenters/exposure-mud.js';
import type { ExposurePlan } from '../../server/src/engine/exposure-model.js';
import { repoRoot } from '../helpers/paths.js';
import { parseCsvRecord } from '../../server/src/readers/text-common.js';
import { CT_CS, CT_MDS2, NW_CS, NW_MDS2, planOf } from './helpers.js';
import { nftDefines, nftGrammarErrors, nftRules, nftVerdict, type Packet } from './nft-grammar.js';

const opts = { cwd: repoRoot, generatedAt: '2026-01-02T03:04:05.000Z' };

/** The records of the CSV (one line each: exposureCsv writes no line break inside a cell). */
const csvRows = (text: string): string[][] => text.trimEnd().split('\r\n').map((line) => parseCsvRecord(line));

describe('exposure formats on the samples', async () => {
  const northwind = await planOf([NW_CS, NW_MDS2]);
  const contoso = await planOf([CT_CS, CT_MDS2]);

  it('md: a table row per flow with its evidence, unknowns as "not stated"', () => {
    const md = presentExposure('md', northwind, opts);
    expect(md).toContain('## Northwind Imaging Ltd. (fictional) — NW-Scope 200, software 4.2');
    expect(md).toContain('| listens | DICOM | 104 | TCP | no | NWSCOPE |  | samples/northwind-imaging-nw-scope-200-conformance.md § 3.1.2 Functional Definition of AEs line 43: “It starts when the workstation starts and listens for incoming associations on port 104.” |');
    expect(md).toContain("| initiates | DICOM | not stated (DICOM standard: 104) | TCP | no | NWSCOPE | opens DICOM associations to each configured peer's port |");
    expect(md).toContain('samples/northwind-imaging-nw-scope-200-mds2.csv RMOT-1');
    expect(md).toContain('Internet connection needed: yes.');
  });

  it('csv: one row per flow, with a header', () => {
    const rows = csvRows(presentExposure('csv', contoso, opts));
    expect(rows[0]).toEqual(['product', 'manufacturer', 'direction', 'service', 'vendor_label', 'port', 'transport', 'tls', 'ae_titles', 'peer', 'disabled_by_default', 'unknown', 'conflicts', 'notes', 'evidence']);
    expect(rows).toHaveLength(1 + contoso.products[0]!.flows.length);
    const tls = rows.find((r) => r[5] === '2762')!;
    expect(tls.slice(2, 11)).toEqual(['listens', 'DICOM TLS', 'Archive (DICOM TLS)', '2762', 'tcp', 'yes', 'CLARITY_ARC', '', 'no']);
    expect(tls[14]).toBe('samples/contoso-medical-clarity-pacs-conformance.md § 3.4.1 AE Title/Presentation Address Mapping line 69: “Archive (DICOM TLS) | CLARITY_ARC | 2762 | Yes”');
    expect(rows.find((r) => r[5] === '104')![10]).toBe('yes');
  });

  it('json: the plan, paths relative to the working directory', () => {
    const json = JSON.parse(presentExposure('json', contoso, opts));
    expect(json.version).toBe(1);
    expect(json.products[0].documents[0].path).toBe('samples/contoso-medical-clarity-pacs-conformance.md');
    expect(json.products[0].flows.find((f: { port: number }) => f.port === 443)).toMatchObject({ service: 'dicomweb', direction: 'listens', tls: true });
  });

  it('html: self-contained, every flow and its evidence', () => {
    const html = presentExposure('html', contoso, opts);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain('<td>listens</td><td>Archive (DICOM TLS)</td><td>2762</td><td>TCP</td><td>yes</td><td>CLARITY_ARC</td>');
    expect(html).toContain('Unencrypted DICOM on port 104 is disabled by default');
  });

  it('nftables: one accept rule per known flow, unknown and disabled flows as comments only', () => {
    const nft = presentExposure('nftables', contoso, opts);
    expect(nftGrammarErrors(nft)).toEqual([]);
    expect(nftRules(nft)).toEqual([
      '    ip saddr $P1_DICOMWEB_PEERS tcp dport 443 accept',
      '    ip6 saddr $P1_DICOMWEB_PEERS6 tcp dport 443 accept',
      '    ip saddr $P1_DICOM_TLS_PEERS tcp dport 2762 accept',
      '    ip6 saddr $P1_DICOM_TLS_PEERS6 tcp dport 2762 accept',
      '    ip daddr $P1_SYSLOG_PEERS tcp dport 6514 accept',
      '    ip6 daddr $P1_SYSLOG_PEERS6 tcp dport 6514 accept',
    ]);
    expect(nft).toMatch(/# DICOM, no TLS\n.*evidence: .*Unencrypted DICOM on port 104.*\n\s*#\s+disabled by default/);
    expect(nft).toMatch(/#\s+UNKNOWN port, TLS: initiates, port not stated \(NTP standard: 123\)/);
    // Only documentation addresses, never "any".
    expect(nft).not.toMatch(/0\.0\.0\.0|::\/0|\bany\b(?!thing)/);
  });

  it('nftables: the weak sample gets its clear-text listeners and UDP syslog', () => {
    expect(nftRules(presentExposure('nftables', northwind, opts))).toEqual([
      '    ip saddr $P1_DICOM_PEERS tcp dport 104 accept',
      '    ip6 saddr $P1_DICOM_PEERS6 tcp dport 104 accept',
      '    ip saddr $P1_HTTP_PEERS tcp dport 8080 accept',
      '    ip6 saddr $P1_HTTP_PEERS6 tcp dport 8080 accept',
      '    ip daddr $P1_SYSLOG_PEERS udp dport 514 accept',
      '    ip6 daddr $P1_SYSLOG_PEERS6 udp dport 514 accept',
    ]);
  });

  it('nftables: the device has IPv6 documentation addresses, and each peer variable its IPv6 twin', () => {
    const defines = nftDefines(presentExposure('nftables', contoso, opts));
    expect(defines.get('P1_DEVICE')).toEqual(['192.0.2.10']);
    expect(defines.get('P1_DEVICE6')).toEqual(['2001:db8::10']);
    const peers = [...defines.keys()].filter((k) => /_PEERS$/.test(k));
    expect(peers).toEqual(['P1_DICOMWEB_PEERS', 'P1_DICOM_TLS_PEERS', 'P1_SYSLOG_PEERS']);
    for (const name of peers) expect(defines.get(`${name}6`)!.every((a) => a.startsWith('2001:db8::')), name).toBe(true);
  });

  it('nftables: IPv6 traffic of the device is dropped unless a flow allows it, like IPv4', () => {
    const nft = presentExposure('nftables', contoso, opts);
    const d = nftDefines(nft);
    const [dev4, dev6, web4, web6, log6] = ['P1_DEVICE', 'P1_DEVICE6', 'P1_DICOMWEB_PEERS', 'P1_DICOMWEB_PEERS6', 'P1_SYSLOG_PEERS6'].map((k) => d.get(k)![0]!);
    const verdict = (p: Packet) => nftVerdict(nft, 'dicomsec_p1', p);
    // Allowed flows, in both families.
    expect(verdict({ family: 'ip', saddr: web4!, daddr: dev4!, proto: 'tcp', dport: 443 })).toBe('accept');
    expect(verdict({ family: 'ip6', saddr: web6!, daddr: dev6!, proto: 'tcp', dport: 443 })).toBe('accept');
    expect(verdict({ family: 'ip6', saddr: dev6!, daddr: log6!, proto: 'tcp', dport: 6514 })).toBe('accept');
    // What no flow allows: to the device over IPv6 (SSH, the disabled port 104, a stranger on 443), and from it.
    expect(verdict({ family: 'ip6', saddr: web6!, daddr: dev6!, proto: 'tcp', dport: 22 })).toBe('drop');
    expect(verdict({ family: 'ip6', saddr: web6!, daddr: dev6!, proto: 'tcp', dport: 104 })).toBe('drop');
    expect(verdict({ family: 'ip6', saddr: '2001:db8:ffff::1', daddr: dev6!, proto: 'tcp', dport: 443 })).toBe('drop');
    expect(verdict({ family: 'ip6', saddr: dev6!, daddr: '2001:db8:ffff::1', proto: 'tcp', dport: 443 })).toBe('drop');
    expect(verdict({ family: 'ip6', saddr: dev6!, daddr: log6!, proto: 'udp', dport: 6514 })).toBe('drop');
    // An IPv4 peer address does not open the IPv6 rule, nor the other way round.
    expect(verdict({ family: 'ip', saddr: web6!, daddr: dev4!, proto: 'tcp', dport: 443 })).toBe('drop');
    expect(verdict({ family: 'ip6', saddr: web4!, daddr: dev6!, proto: 'tcp', dport: 443 })).toBe('drop');
    // Traffic between other hosts is not this table's business.
    expect(verdict({ family: 'ip6', saddr: '2001:db8:ffff::1', daddr: '2001:db8:ffff::2', proto: 'tcp', dport: 22 })).toBe('accept');
  });
});

describe('MUD file (RFC 8520)', async () => {
  const contoso = await planOf([CT_CS, CT_MDS2]);
  const mud = JSON.parse(presentExposure('mud', contoso, opts));
  const container = mud['ietf-mud:mud'];
  const acls: { name: string; type: string; aces: { ace: { name: string; matches: Record<string, Record<string, unknown>>; actions: { forwarding: string } }[] } }[] = mud['ietf-access-control-list:acls'].acl;

  it('has the members the mud container requires, and a placeholder URL that cannot resolve', () => {
    for (const key of ['mud-version', 'mud-url', 'last-update', 'is-supported', 'from-device-policy', 'to-device-policy']) expect(container, key).toHaveProperty([key]);
    expect(container['mud-version']).toBe(1);
    expect(container['mud-url']).toBe(MUD_URL_PLACEHOLDER);
    expect(new URL(container['mud-url']).hostname.endsWith('.invalid')).toBe(true);
    expect(container['last-update']).toBe('2026-01-02T03:04:05.000Z');
    expect(typeof container['is-supported']).toBe('boolean');
    expect(container.systeminfo.length).toBeLessThanOrEqual(60);
  });

  it('names in each policy an ACL that exists, each with typed ACEs that match a port and accept', () => {
    const names = new Set(acls.map((a) => a.name));
    for (const policy of ['from-device-policy', 'to-device-policy']) {
      for (const ref of container[policy]['access-lists']['access-list']) expect(names.has(ref.name), ref.name).toBe(true);
    }
    for (const acl of acls) {
      expect(acl.type).toBe('ipv4-acl-type');
      for (const ace of acl.aces.ace) {
        expect(ace.name).toMatch(/^[a-z0-9-]+$/);
        expect(ace.actions.forwarding).toBe('accept');
        const l4 = ace.matches['tcp'] ?? ace.matches['udp'];
        expect(l4, ace.name).toBeDefined();
        expect(l4!['destination-port'] ?? l4!['source-port'], ace.name).toMatchObject({ operator: 'eq', port: expect.any(Number) });
        expect(ace.matches['ietf-mud:mud']).toEqual({ 'local-networks': [null] });
        expect(ace.matches['ipv4']!['protocol']).toBe(ace.matches['tcp'] ? 6 : 17);
      }
    }
  });

  it('allows the known flows in both directions (connection and replies), and nothing else', () => {
    const to = acls.find((a) => a.name === 'to-device')!.aces.ace;
    const from = acls.find((a) => a.name === 'from-device')!.aces.ace;
    const dst = (aces: typeof to) => aces.map((a) => (a.matches['tcp'] ?? a.matches['udp'])!['destination-port']).filter(Boolean).map((p) => (p as { port: number }).port);
    expect(dst(to)).toEqual([443, 2762]);
    expect(dst(from)).toEqual([6514]);
    expect(to.find((a) => a.name.startsWith('to-dicom-tls-2762'))!.matches['tcp']!['ietf-mud:direction-initiated']).toBe('to-device');
  });

  it('refuses more than one product', async () => {
    const both = await planOf([CT_CS, NW_CS]);
    expect(() => presentExposure('mud', both, opts)).toThrow(/describes one device, and the documents describe 2 products/);
  });
});

describe('hostile vendor text in every exposure format', () => {
  const INJECT = '"\n    ip saddr 0.0.0.0/0 tcp dport 22 accept\n# ';
  const FORMULA = '=HYPERLINK("http://evil.example/x","click")';
  const plan: ExposurePlan = {
    version: 1,
    unreadable: [],
    ignored: [],
    products: [
      {
        name: `Evil\u2028${INJECT}<script>alert(1)</script>`,
        product: `Evil\u2028${INJECT}<script>alert(1)</script>`,
        manufacturer: '@SUM(1+1)',
        documents: [{ path: '/v/cs.md', kind: 'conformance-statement' }],
        internetNeeded: null,
        notes: [],
        conflicts: [],
        flows: [
          {
            service: 'dicom',
            name: `${FORMULA}\r\n${INJECT}`,
            port: 104,
            transport: 'tcp',
            direction: 'listens',
            tls: false,
            aeTitles: [`AE${INJECT}`, '+CMD|calc'],
            notes: [],
            conflicts: [],
            evidence: [{ path: '/v/cs.md', line: 3, section: `](javascript:alert(1)) ${INJECT}`, quote: `<img src=x onerror=alert(1)> ${FORMULA} ${INJECT}` }],
            from: ['conformance-statement'],
          },
        ],
      },
    ],
  };

  it('nftables: vendor text stays inside comments; the only rule is ours', () => {
    const nft = presentExposure('nftables', plan, opts);
    expect(nftGrammarErrors(nft)).toEqual([]);
    expect(nftRules(nft)).toEqual(['    ip saddr $P1_DICOM_PEERS tcp dport 104 accept', '    ip6 saddr $P1_DICOM_PEERS6 tcp dport 104 accept']);
    expect(nft).not.toMatch(/^\s*ip saddr 0\.0\.0\.0/m);
  });

  it('csv: no cell starts a formula, and no vendor line break starts a record', () => {
    expect(presentExposure('csv', plan, opts).trimEnd().split('\r\n')).toHaveLength(2);
    expect(presentExposure('csv', plan, opts).replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const cells = csvRows(presentExposure('csv', plan, opts)).flat();
    for (const c of cells) expect(c, c).not.toMatch(/^\s*[=+\-@]/);
    const name = csvRows(presentExposure('csv', plan, opts))[1]![4]!;
    expect(name.startsWith(`'${FORMULA}`)).toBe(true);
    expect(cells.some((c) => c.startsWith("'@SUM"))).toBe(true);
  });

  it('md and html: no markup, link or script from vendor text', () => {
    const md = presentExposure('md', plan, opts);
    expect(md).not.toMatch(/<script|<img|(?<!\\)\]\(javascript/i);
    const table = md.split('\n').filter((l) => l.startsWith('| listens'));
    expect(table).toHaveLength(1); // the injected line break did not start a row of its own
    expect(table[0]!.split(/(?<!\\)\|/).length).toBe(10); // 8 cells: no cell split by a vendor '|'
    const html = presentExposure('html', plan, opts);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('json and MUD: data only; MUD names and system info are plain ASCII of ours', () => {
    const json = JSON.parse(presentExposure('json', plan, opts));
    expect(json.products[0].flows[0].name).toBe(plan.products[0]!.flows[0]!.name);
    const mud = JSON.parse(presentExposure('mud', plan, opts));
    expect(mud['ietf-mud:mud'].systeminfo).toMatch(/^[\x20-\x7e]{0,60}$/);
    for (const acl of mud['ietf-access-control-list:acls'].acl) for (const ace of acl.aces.ace) expect(ace.name).toMatch(/^[a-z0-9-]+$/);
  });

  it('every format is in the table', () => {
    expect(EXPOSURE_FORMAT_NAMES).toEqual(['md', 'html', 'json', 'csv', 'nftables', 'mud']);
  });
});
