// `--format junit`: one test suite per document, one test case per finding, so CI dashboards that
// read JUnit show vendor gaps next to test results. A finding fails its test case when it is at or
// above --fail-on (the threshold of the configuration governing its document), as the exit code
// does; one below it is a passing case that says so (properties and system-out), never hidden.
import { failsAt, type FailOn, type Finding } from '../core/findings.js';
import type { ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence, shownPath } from './location.js';

/** Text or attribute content: characters XML 1.0 does not allow (most C0 controls, U+FFFE/FFFF, lone surrogates) removed, the rest escaped. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const isFailure = (f: Finding, threshold: FailOn | undefined) => threshold === undefined || failsAt(f.severity, threshold);

/** One finding: a failure at or above the threshold (none given: always), else a passing case that names its severity and the threshold. */
function testcase(f: Finding, className: string, threshold: FailOn | undefined, show: (file: string | undefined) => string): string {
  const e = f.evidence[0]!;
  const where = describeEvidence(e);
  const body = [f.message, ...f.evidence.map((x) => `${show(x.path)} ${describeEvidence(x)}${x.quote ? `: ${x.quote}` : ''}`)].join('\n');
  const open = `    <testcase classname="${xml(className)}" name="${xml(`${f.ruleId} ${where}`)}">`;
  if (isFailure(f, threshold)) return `${open}\n      <failure type="${f.severity}" message="${xml(f.message)}">${xml(body)}</failure>\n    </testcase>`;
  const props = `      <properties>\n        <property name="dicomsec.severity" value="${f.severity}"/>\n        <property name="dicomsec.failOn" value="${threshold}"/>\n      </properties>`;
  return `${open}\n${props}\n      <system-out>${xml(`${f.severity}, below --fail-on ${threshold}: not a failure\n${body}`)}</system-out>\n    </testcase>`;
}

/** Suite properties (CI dashboards show them): the configuration that governed the document, the threshold and what stayed below it. */
function suiteProperties(config: string | null | undefined, show: (file: string | undefined) => string, threshold?: FailOn, below = 0): string {
  const value = config ? show(config) : 'none (built-in defaults)';
  const props = [`      <property name="dicomsec.config" value="${xml(value)}"/>`];
  if (threshold !== undefined) props.push(`      <property name="dicomsec.failOn" value="${threshold}"/>`, `      <property name="dicomsec.belowFailOn" value="${below}"/>`);
  return `    <properties>\n${props.join('\n')}\n    </properties>\n`;
}

export function formatJunit(report: ReviewReport, { cwd = process.cwd(), failOn, absolutePaths }: Partial<PresentOptions> = {}): string {
  const show = (file: string | undefined) => shownPath(file, { cwd, absolutePaths });
  const thresholdOf = (docPath: string | undefined): FailOn | undefined => (typeof failOn === 'function' ? failOn(docPath) : failOn);
  const failing = (findings: Finding[], threshold: (f: Finding) => FailOn | undefined) => findings.filter((f) => isFailure(f, threshold(f))).length;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const d of report.documents) {
    const name = show(d.path);
    if (d.status === 'unreadable') {
      tests++;
      errors++;
      suites.push(`  <testsuite name="${xml(name)}" tests="1" failures="0" errors="1">\n${suiteProperties(d.config, show)}    <testcase classname="${xml(name)}" name="read document">\n      <error type="unreadable" message="${xml(d.error ?? 'unreadable')}"/>\n    </testcase>\n  </testsuite>`);
      continue;
    }
    const threshold = thresholdOf(d.path);
    const cases = d.findings.map((f) => testcase(f, name, threshold, show));
    const failed = failing(d.findings, () => threshold);
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(name)}" name="review ${xml(d.kind)}"/>`);
    // Rules that do not apply to the product are skipped test cases, with the reason.
    const na = d.notApplicable ?? [];
    for (const n of na) cases.push(`    <testcase classname="${xml(name)}" name="${xml(`${n.ruleId} not applicable`)}">\n      <skipped message="${xml(n.reason)}"/>\n    </testcase>`);
    tests += cases.length;
    failures += failed;
    suites.push(`  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="${na.length}">\n${suiteProperties(d.config, show, threshold, d.findings.length - failed)}${cases.join('\n')}\n  </testsuite>`);
  }
  if (report.crossFindings.length) {
    // A cross-document finding is held to the threshold of its first evidence's document, as the exit code does.
    const crossThreshold = (f: Finding) => thresholdOf(f.evidence[0]?.path);
    const failed = failing(report.crossFindings, crossThreshold);
    tests += report.crossFindings.length;
    failures += failed;
    suites.push(`  <testsuite name="cross-document" tests="${report.crossFindings.length}" failures="${failed}" errors="0">\n${report.crossFindings.map((f) => testcase(f, 'cross-document', crossThreshold(f), show)).join('\n')}\n  </testsuite>`);
  }
  // Files discovery passed over: skipped test cases, so a CI dashboard shows what was not reviewed.
  const skipped = report.skipped ?? [];
  if (skipped.length) {
    tests += skipped.length;
    const cases = skipped.map((s) => `    <testcase classname="${xml(show(s.path))}" name="review file">\n      <skipped message="${xml(`${s.reason}${s.detail ? `: ${s.detail}` : ''}`)}"/>\n    </testcase>`);
    suites.push(`  <testsuite name="skipped files" tests="${skipped.length}" failures="0" errors="0" skipped="${skipped.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dicomsec" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`;
}
