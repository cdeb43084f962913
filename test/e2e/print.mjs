// End-to-end print test (part of `npm run test:e2e`, not `npm test`): the scorecard report of the
// samples and the lint HTML report, rendered by Debian's headless Chromium, printed with
// --print-to-pdf and photographed with --screenshot. Asserts, on what a committee would hold:
//  - the PDF's text (read by the repo's own PDF reader, readers/pdf.ts) carries the chart's
//    caption and rows and every remediation and vendor question the HTML holds — none is lost to
//    a collapsed <details> when printed;
//  - the screenshot shows the chart: thousands of pixels in the bar colours, none if it is gone.
// Writes .e2e/print/{report.html,report.pdf,report.png,lint.html,lint.pdf}. Exit 1 on a failure.
//
//   node test/e2e/print.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { countColour, decodePng } from './print-png.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, '.e2e', 'print');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const started = Date.now();
const log = (m) => console.log(`[print ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

function ensureChromium() {
  if (existsSync(chromium)) return;
  log('chromium missing: apt-get install chromium (toolchain.md §7)');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'chromium']);
}

function cli(args, file) {
  // The report exits 1 on the Northwind errors; what it wrote is what we print.
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'dicomsec.cjs'), ...args, '-o', file, '-q'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`dicomsec ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}

function chrome(flags, html) {
  const profile = path.join(out, 'profile');
  const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', `--user-data-dir=${profile}`, ...flags, pathToFileURL(html).href], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`chromium ${flags.join(' ')} exited ${r.status}: ${r.stderr?.slice(-500)}`);
}

/** readers/pdf.ts, bundled for Node from the sources (the same reader lint uses on vendor PDFs). */
async function loadPdfReader() {
  const file = path.join(out, 'pdf-reader.mjs');
  await build({ entryPoints: [path.join(root, 'server', 'src', 'readers', 'pdf.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: file, logLevel: 'warning' });
  return import(pathToFileURL(file).href);
}

const flat = (s) => s.replace(/\s+/g, ' ').trim();
// Compared without whitespace: the PDF breaks lines where the page does ('non-' / 'privileged').
const squeeze = (s) => s.replace(/\s+/g, '');
const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The texts after a bold label in the HTML ("Remediation.", "Ask the vendor."), unescaped, once each. */
function labelled(html, label) {
  const re = new RegExp(`<strong>${label.replace('.', '\\.')}</strong> (.*?)</p>`, 'g');
  return [...new Set([...html.matchAll(re)].map((m) => flat(unescapeHtml(m[1]))))];
}

/**
 * The words of `target` in order in `text`, at most `maxGap` words apart: how a sentence reads
 * from a PDF table, where the reader interleaves the cells of neighbouring columns line by line.
 */
function inOrder(text, target, maxGap = 16) {
  const words = text.split(' ');
  const want = flat(target).split(' ');
  for (let start = words.indexOf(want[0]); start >= 0; start = words.indexOf(want[0], start + 1)) {
    let at = start;
    let ok = true;
    for (const w of want.slice(1)) {
      const next = words.indexOf(w, at + 1);
      if (next < 0 || next - at > maxGap) {
        ok = false;
        break;
      }
      at = next;
    }
    if (ok) return true;
  }
  return false;
}

async function pdfText(readPdf, file) {
  const source = await readPdf(new Uint8Array(readFileSync(file)));
  const text = flat(source.lines.map((l) => l.text).join(' '));
  // Words glued back where the PDF broke a hyphenated word over two lines.
  const words = text.replace(/- /g, '-');
  return { text, pages: source.pages, has: (t) => squeeze(text).includes(squeeze(t)), hasInOrder: (t) => inOrder(words, t) };
}

async function main() {
  ensureChromium();
  if (!existsSync(path.join(root, 'dist', 'cli.mjs'))) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { readPdf } = await loadPdfReader();

  // 1. The scorecard report: PDF text.
  const report = path.join(out, 'report.html');
  cli(['report', 'samples/'], report);
  const html = readFileSync(report, 'utf8');
  chrome([`--print-to-pdf=${path.join(out, 'report.pdf')}`, '--no-pdf-header-footer'], report);
  const pdf = await pdfText(readPdf, path.join(out, 'report.pdf'));
  log(`report.pdf: ${pdf.pages} pages, ${pdf.text.length} characters of text`);
  check(pdf.has('NSA Manageable Network Plan: rules met by milestone'), 'the PDF carries the milestone chart caption');
  check(pdf.has('DICOM WG-14 checklist: rules met by topic'), 'the PDF carries the topic chart caption');
  // Every label and count the charts draw (SVG <text>, vector text in the PDF).
  const chartTexts = [...html.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].flatMap((m) => [...m[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => unescapeHtml(t[1])));
  const chartMissing = chartTexts.filter((t) => !pdf.has(t));
  check(chartTexts.length > 50 && chartTexts.includes('4/12 met') && chartMissing.length === 0, `the PDF carries all ${chartTexts.length} chart labels and counts${chartMissing.length ? ` (missing: ${chartMissing.slice(0, 3).join(' | ')})` : ''}`);
  const remediations = labelled(html, 'Remediation.');
  const questions = labelled(html, 'Ask the vendor.');
  check(remediations.length >= 20 && questions.length >= 20, `the report holds remediations (${remediations.length}) and vendor questions (${questions.length})`);
  const missing = [...remediations, ...questions].filter((t) => !pdf.has(t));
  check(missing.length === 0, `every remediation and vendor question is in the printed PDF${missing.length ? ` (missing: ${missing.slice(0, 3).join(' | ')})` : ''}`);
  check(pdf.has('Configure a calling AE title and IP allow-list if the product offers one; otherwise restrict by firewall.'), 'a known remediation (CS-ASSOC-001) is in the PDF');

  // 2. The scorecard report: screenshot of the first product's chart.
  const png = path.join(out, 'report.png');
  chrome([`--screenshot=${png}`, '--window-size=1200,1600', '--hide-scrollbars'], report);
  const image = decodePng(readFileSync(png));
  const green = countColour(image, '#2da44e');
  const red = countColour(image, '#cf222e');
  const white = countColour(image, '#ffffff', 2);
  log(`report.png: ${image.width}×${image.height}, ${green} bar-green, ${red} bar-red, ${white} white pixels`);
  check(green > 20_000, 'the screenshot shows the chart (the met bars: over 20,000 green pixels)');
  check(red > 500, 'the screenshot shows an open gap (red bar pixels)');
  check(white < image.width * image.height * 0.95, 'the screenshot is not blank');

  // 3. The lint HTML report: its remediations and questions print too (they used to sit in a closed <details>).
  const lint = path.join(out, 'lint.html');
  cli(['lint', 'samples/northwind-imaging-nw-scope-200-conformance.md', '-f', 'html'], lint);
  chrome([`--print-to-pdf=${path.join(out, 'lint.pdf')}`, '--no-pdf-header-footer'], lint);
  const lintHtml = readFileSync(lint, 'utf8');
  const lintPdf = await pdfText(readPdf, path.join(out, 'lint.pdf'));
  const lintTexts = [...labelled(lintHtml, 'Remediation.'), ...labelled(lintHtml, 'Ask the vendor.')];
  // A table: the cell's words in order, interleaved with the neighbouring cells'.
  const lintMissing = lintTexts.filter((t) => !lintPdf.hasInOrder(t));
  check(lintTexts.length >= 10 && lintMissing.length === 0, `lint -f html: all ${lintTexts.length} remediations and questions are in its PDF${lintMissing.length ? ` (missing: ${lintMissing.slice(0, 3).join(' | ')})` : ''}`);

  if (failures.length) {
    console.error(`print test: ${failures.length} failed`);
    process.exitCode = 1;
  } else log('print test passed');
}

main().catch((err) => {
  console.error(err?.stack ?? String(err));
  process.exitCode = 1;
});
