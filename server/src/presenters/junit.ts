// `--format junit`: one test suite per document, one failing test case per finding, so CI
// dashboards that read JUnit show vendor gaps next to test results.
import type { Finding } from '../core/findings.js';
import type { ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence, relativePath } from './location.js';

/** Text or attribute content: characters XML 1.0 does not allow (most C0 controls, U+FFFE/FFFF, lone surrogates) removed, the rest escaped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function testcase(f: Finding, className: string): string {
  const e = f.evidence[0]!;
  const where = describeEvidence(e);
  const body = [f.message, ...f.evidence.map((x) => `${relativePath(x.path)} ${describeEvidence(x)}${x.quote ? `: ${x.quote}` : ''}`)].join('\n');
  return `    <testcase classname="${xml(className)}" name="${xml(`${f.ruleId} ${where}`)}">\n      <failure type="${f.severity}" message="${xml(f.message)}">${xml(body)}</failure>\n    </testcase>`;
}

/** The configuration that governed a document, as a suite property (CI dashboards show properties). */
function configProperty(config: string | null | undefined, cwd: string): string {
  const value = config ? relativePath(config, cwd) : 'none (built-in defaults)';
  return `    <properties>\n      <property name="dicomsec.config" value="${xml(value)}"/>\n    </properties>\n`;
}

export function formatJunit(report: ReviewReport, { cwd = process.cwd() }: Partial<PresentOptions> = {}): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const d of report.documents) {
    const name = relativePath(d.path, cwd);
    if (d.status === 'unreadable') {
      tests++;
      errors++;
      suites.push(`  <testsuite name="${xml(name)}" tests="1" failures="0" errors="1">\n${configProperty(d.config, cwd)}    <testcase classname="${xml(name)}" name="read document">\n      <error type="unreadable" message="${xml(d.error ?? 'unreadable')}"/>\n    </testcase>\n  </testsuite>`);
      continue;
    }
    const cases = d.findings.map((f) => testcase(f, name));
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(name)}" name="review ${xml(d.kind)}"/>`);
    // Rules that do not apply to the product are skipped test cases, with the reason.
    const na = d.notApplicable ?? [];
    for (const n of na) cases.push(`    <testcase classname="${xml(name)}" name="${xml(`${n.ruleId} not applicable`)}">\n      <skipped message="${xml(n.reason)}"/>\n    </testcase>`);
    tests += cases.length;
    failures += d.findings.length;
    suites.push(`  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${d.findings.length}" errors="0" skipped="${na.length}">\n${configProperty(d.config, cwd)}${cases.join('\n')}\n  </testsuite>`);
  }
  if (report.crossFindings.length) {
    tests += report.crossFindings.length;
    failures += report.crossFindings.length;
    suites.push(`  <testsuite name="cross-document" tests="${report.crossFindings.length}" failures="${report.crossFindings.length}" errors="0">\n${report.crossFindings.map((f) => testcase(f, 'cross-document')).join('\n')}\n  </testsuite>`);
  }
  // Files discovery passed over: skipped test cases, so a CI dashboard shows what was not reviewed.
  const skipped = report.skipped ?? [];
  if (skipped.length) {
    tests += skipped.length;
    const cases = skipped.map((s) => `    <testcase classname="${xml(relativePath(s.path, cwd))}" name="review file">\n      <skipped message="${xml(`${s.reason}${s.detail ? `: ${s.detail}` : ''}`)}"/>\n    </testcase>`);
    suites.push(`  <testsuite name="skipped files" tests="${skipped.length}" failures="0" errors="0" skipped="${skipped.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dicomsec" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`;
}
