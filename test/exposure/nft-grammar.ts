// A small grammar of the nftables files `dicomsec exposure --format nftables` writes: every line
// is blank, a comment, a define of documentation addresses, table/chain structure, or an accept
// rule built from a variable, tcp/udp and a port number. Anything else (a vendor string that
// escaped its comment) fails. Used where `nft -c` cannot run.
const LINE = [
  /^$/,
  /^#!\/usr\/sbin\/nft -f$/,
  /^\s*#.*$/,
  /^define P\d+_[A-Z0-9_]+ = (?:192\.0\.2\.\d{1,3}|\{ 192\.0\.2\.\d{1,3} \})  # REPLACE: [^\n]*$/,
  /^table inet dicomsec_p\d+ \{$/,
  /^  chain (?:forward|to_device|from_device) \{$/,
  /^    type filter hook forward priority 0; policy accept;$/,
  /^    ip (?:daddr|saddr) \$P\d+_DEVICE jump (?:to_device|from_device)$/,
  /^    ct state established,related accept$/,
  /^    ip (?:saddr|daddr) \$P\d+_[A-Z0-9_]+_PEERS (?:tcp|udp) dport \d{1,5} accept$/,
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
