// A small grammar of the nftables files `dicomsec exposure --format nftables` writes: every line
// is blank, a comment, a define of documentation addresses (192.0.2.0/24, 2001:db8::/32), table/
// chain structure, or an accept rule built from a variable, tcp/udp and a port number. Anything
// else (a vendor string that escaped its comment) fails. Used where `nft -c` cannot run. Beside it,
// a tiny evaluator of that grammar tells what the forward hook does with a new connection, so the
// tests can ask about IPv6 the question `nft -c` (a syntax check) cannot answer.
const LINE = [
  /^$/,
  /^#!\/usr\/sbin\/nft -f$/,
  /^\s*#.*$/,
  /^define P\d+_[A-Z0-9_]+ = (?:192\.0\.2\.\d{1,3}|\{ 192\.0\.2\.\d{1,3} \})  # REPLACE: [^\n]*$/,
  /^define P\d+_[A-Z0-9_]+6 = \{ 2001:db8::[0-9a-f]{1,4} \}  # REPLACE: [^\n]*$/,
  /^table inet dicomsec_p\d+ \{$/,
  /^  chain (?:forward|to_device|from_device) \{$/,
  /^    type filter hook forward priority 0; policy accept;$/,
  /^    ip (?:daddr|saddr) \$P\d+_DEVICE jump (?:to_device|from_device)$/,
  /^    ip6 (?:daddr|saddr) \$P\d+_DEVICE6 jump (?:to_device|from_device)$/,
  /^    ct state established,related accept$/,
  /^    ip (?:saddr|daddr) \$P\d+_[A-Z0-9_]+_PEERS (?:tcp|udp) dport \d{1,5} accept$/,
  /^    ip6 (?:saddr|daddr) \$P\d+_[A-Z0-9_]+_PEERS6 (?:tcp|udp) dport \d{1,5} accept$/,
  /^    counter drop$/,
  /^  \}$/,
  /^\}$/,
];

/** The lines that fit no production of the grammar (empty when the file is well formed). */
export function nftGrammarErrors(text: string): string[] {
  const bad = text.split('\n').filter((line) => !LINE.some((re) => re.test(line)));
  let depth = 0;
  for (const ch of text.replace(/#.*$/gm, '')) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth < 0) bad.push('unbalanced }');
  }
  if (depth !== 0) bad.push('unbalanced {');
  return bad;
}

/** The rules (non-comment lines that accept traffic). */
export const nftRules = (text: string) => text.split('\n').filter((l) => /\baccept$/.test(l) && !/^\s*#/.test(l) && !/ct state/.test(l));

/** A new connection (no conntrack state) crossing the forward hook. */
export interface Packet {
  family: 'ip' | 'ip6';
  saddr: string;
  daddr: string;
  proto: 'tcp' | 'udp';
  dport: number;
}

/** The value of every define: the addresses it names (a scalar or a `{ a, b }` set). */
export function nftDefines(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/^define (\w+) = (?:\{ ([^}]*) \}|(\S+))/gm)) {
    out.set(m[1]!, (m[2] ?? m[3]!).split(',').map((a) => a.trim()));
  }
  return out;
}

/**
 * What the rule set does with a new connection: the verdict of the first base chain (forward)
 * of the given table, following its jumps. Throws on a rule line outside the grammar, so a new
 * kind of rule cannot be silently ignored by the evaluator.
 */
export function nftVerdict(text: string, table: string, packet: Packet): 'accept' | 'drop' {
  const defines = nftDefines(text);
  const body = text.split(`table inet ${table} {`)[1];
  if (body === undefined) throw new Error(`no table ${table}`);
  const chains = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const open = /^  chain (\w+) \{$/.exec(line);
    if (open) chains.set(open[1]!, (current = []));
    else if (/^  \}$/.test(line)) current = null;
    else if (/^\}$/.test(line)) break;
    else if (current && line.trim() && !/^\s*#/.test(line)) current.push(line.trim());
  }
  const matches = (family: string, field: string, variable: string) =>
    family === packet.family && (defines.get(variable) ?? []).includes(field === 'saddr' ? packet.saddr : packet.daddr);
  const run = (name: string, depth: number): 'accept' | 'drop' | null => {
    if (depth > 8) throw new Error('jump loop');
    for (const rule of chains.get(name) ?? []) {
      let m: RegExpExecArray | null;
      if (/^type filter hook forward priority 0; policy accept;$/.test(rule) || rule === 'ct state established,related accept') continue;
      if (rule === 'counter drop') return 'drop';
      if ((m = /^(ip6?) (saddr|daddr) \$(\w+) jump (\w+)$/.exec(rule))) {
        if (matches(m[1]!, m[2]!, m[3]!)) {
          const verdict = run(m[4]!, depth + 1);
          if (verdict) return verdict;
        }
        continue;
      }
      if ((m = /^(ip6?) (saddr|daddr) \$(\w+) (tcp|udp) dport (\d+) accept$/.exec(rule))) {
        if (matches(m[1]!, m[2]!, m[3]!) && m[4] === packet.proto && Number(m[5]) === packet.dport) return 'accept';
        continue;
      }
      throw new Error(`rule outside the grammar: ${rule}`);
    }
    return null;
  };
  return run('forward', 0) ?? 'accept';
}
