// Waivers: a reviewer accepts a gap for a document (glob), optionally one question or section,
// with a justification and an optional expiry. Expired waivers stop applying and are reported.
import path from 'node:path';
import type { Finding } from '../core/findings.js';
import { matchesGlob } from '../core/glob.js';
import type { ResolvedConfig, WaiverConfig } from './config.js';

export const EXPIRED_WAIVER_RULE = 'DICOMSEC-WAIVER-EXPIRED';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function covers(w: WaiverConfig, finding: Finding, relPath: string): boolean {
  if (w.rule !== finding.ruleId) return false;
  if (w.documents && !matchesGlob(relPath, w.documents)) return false;
  const first = finding.evidence[0];
  if (w.question && first?.questionId !== w.question && !(w.question === 'SAHD-15' && first?.questionId === 'SHAD-15')) return false;
  if (w.section && !(first?.section ?? '').toLowerCase().includes(w.section.toLowerCase())) return false;
  return true;
}

export interface WaiverOutcome {
  findings: Finding[];
  waived: Finding[];
  /** Findings about expired waivers that matched this document. */
  expired: Finding[];
}

export function applyWaivers(findings: Finding[], docPath: string, config: ResolvedConfig, now = today()): WaiverOutcome {
  if (config.waivers.length === 0) return { findings, waived: [], expired: [] };
  const rel = path.relative(config.dir, path.resolve(docPath)).split(path.sep).join('/');
  const out: WaiverOutcome = { findings: [], waived: [], expired: [] };
  const reported = new Set<WaiverConfig>();
  for (const finding of findings) {
    const matching = config.waivers.filter((w) => covers(w, finding, rel));
    const active = matching.find((w) => !w.expires || w.expires >= now);
    if (active) {
      out.waived.push({ ...finding, waiver: { justification: active.justification, expires: active.expires } });
      continue;
    }
    out.findings.push(finding);
    for (const w of matching) {
      if (reported.has(w)) continue;
      reported.add(w);
      out.expired.push({
        ruleId: EXPIRED_WAIVER_RULE,
        severity: 'warning',
        message: `The waiver for ${w.rule}${w.question ? ` (${w.question})` : ''} expired on ${w.expires}; the finding applies again. Review the justification: "${w.justification}"`,
        evidence: [{ path: config.file, line: w.line, quote: w.justification }],
        frameworks: {},
      });
    }
  }
  return out;
}
