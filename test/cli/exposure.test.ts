// `dicomsec exposure` as a process: exit codes, -o, an unreadable document, the corpus, and the
// nftables output checked by nft itself (`nft -c -f`) where it runs, by the grammar otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';
import { CT_CS, CT_MDS2, NW_CS, NW_MDS2 } from '../exposure/helpers.js';
import { nftGrammarErrors } from '../exposure/nft-grammar.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'dicomsec-exposure-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Whether `nft -c` can check a file here (installed, and allowed to open its netlink socket). */
function nftCheck(file: string): { ran: boolean; ok: boolean; stderr: string } {
  const r = spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) return { ran: false, ok: false, stderr: String(r.error) };
  if (r.status !== 0 && /permission|operation not permitted|netlink/i.test(r.stderr)) return { ran: false, ok: false, stderr: r.stderr };
  return { ran: true, ok: r.status === 0, stderr: r.stderr };
}

describe('dicomsec exposure', () => {
  it('writes the Markdown plan of a pair, exit 0', async () => {
    const r = await runCli(['exposure', NW_CS, NW_MDS2, '--no-config']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| listens | DICOM | 104 | TCP | no | NWSCOPE |');
    expect(r.net).toEqual([]);
  });

  it('writes nftables to a file that nft accepts (or, where nft cannot run, the grammar does)', async () => {
    const out = path.join(tmp, 'contoso.nft');
    const r = await runCli(['exposure', CT_CS, CT_MDS2, '--no-config', '--format', 'nftables', '-o', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('tcp dport 2762 accept');
    expect(nftGrammarErrors(text)).toEqual([]);
    const check = nftCheck(out);
    if (check.ran) expect(check.ok, check.stderr).toBe(true);
  });

  it('nft also accepts the plan of a hostile statement whose labels try to inject rules', async () => {
    const cs = path.join(tmp, 'hostile-cs.md');
    writeFileSync(
      cs,
      [
        '# Evil Scanner DICOM Conformance Statement',
        '',
        'Manufacturer: Evil Corp',
        '',
        '## 3.4 Configuration',
        '',
        '### 3.4.1 AE Title/Presentation Address Mapping',
        '',
        '| Application Entity | Default AE Title | Default TCP/IP Port | TLS |',
        '|---|---|---|---|',
        '| =HYPERLINK("http://evil.example") ; tcp dport 22 accept | EVIL_AE | 104 | No |',
        '',
        'The EVIL_AE Application Entity accepts associations and listens on port 104.',
        '',
      ].join('\n'),
    );
    const nftOut = path.join(tmp, 'hostile.nft');
    const r = await runCli(['exposure', cs, '--no-config', '--format', 'nftables', '-o', nftOut]);
    expect(r.code).toBe(0);
    const text = readFileSync(nftOut, 'utf8');
    expect(nftGrammarErrors(text)).toEqual([]);
    expect(text).not.toMatch(/^\s*[^#\s].*dport 22/m);
    const check = nftCheck(nftOut);
    if (check.ran) expect(check.ok, check.stderr).toBe(true);
    const csv = await runCli(['exposure', cs, '--no-config', '--format', 'csv']);
    expect(csv.stdout).toContain('"\'=HYPERLINK(""http://evil.example"") ; tcp dport 22 accept"');
  });

  it('fails closed on an unreadable document: exit 2, named on standard error, the plan says so', async () => {
    const broken = path.join(tmp, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\nnot really a pdf');
    const r = await runCli(['exposure', NW_CS, broken, '--no-config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.pdf: unreadable: /);
    expect(r.stdout).toMatch(/\*\*Unreadable, not in this plan:\*\* `.*broken\.pdf`/);
  });

  it('exit 2 with one line when nothing is a form or statement, and for MUD of two products', async () => {
    const notes = path.join(tmp, 'notes.txt');
    writeFileSync(notes, 'Shopping list: milk, eggs, bread.\n');
    const none = await runCli(['exposure', notes, '--no-config']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^dicomsec: /);
    const mud = await runCli(['exposure', CT_CS, NW_CS, '--no-config', '--format', 'mud']);
    expect(mud.code).toBe(2);
    expect(mud.stderr).toBe('dicomsec: a MUD file describes one device, and the documents describe 2 products: name the statement and MDS2 form of one product\n');
  });

  it('lists its formats and examples in --help', async () => {
    const r = await runCli(['exposure', '--help']);
    expect(r.code).toBe(0);
    for (const f of ['md', 'html', 'json', 'csv', 'nftables', 'mud']) expect(r.stdout).toMatch(new RegExp(`^  ${f} `, 'm'));
    expect(r.stdout).toContain('dicomsec exposure vendor/ --format nftables -o vendor.nft');
  });
});

describeCorpus('dicomsec exposure on the corpus', () => {
  it('Conquest (PDF): its default port 5678 listed with its page', async () => {
    const r = await runCli(['exposure', corpusPath('cs', 'conquest-dicom-server-019d7d5.pdf'), '--no-config', '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    const row = plan.products[0].flows.find((f: { port: number }) => f.port === 5678);
    expect(row).toBeDefined();
    expect(row.evidence[0].page).toBeGreaterThan(0);
    expect(row.evidence[0].quote).toMatch(/5678/);
  });

  it('Mayam (Markdown): DICOM 11112, syslog over TLS 6514 and over UDP 514', async () => {
    const r = await runCli(['exposure', corpusPath('cs', 'mayam-pacs-abb4d86.md'), '--no-config', '--format', 'json']);
    const flows = JSON.parse(r.stdout).products[0].flows as { port: number; service: string; transport: string; tls: boolean | null; direction: string | null }[];
    expect(flows.find((f) => f.port === 11112)).toMatchObject({ service: 'dicom', transport: 'tcp' });
    expect(flows.find((f) => f.port === 6514)).toMatchObject({ service: 'syslog', tls: true, direction: 'initiates' });
    expect(flows.find((f) => f.port === 514)).toMatchObject({ service: 'syslog', tls: false, transport: 'udp', direction: 'initiates' });
  });
});
