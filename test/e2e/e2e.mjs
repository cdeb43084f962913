// End-to-end test in a real VS Code: code-server 4.100.3 (VS Code 1.100) with the packaged .vsix,
// driven by playwright-core and Debian's Chromium. Opens a sample MDS2 workbook and checks that the
// Problems panel lists its findings, then the sample CycloneDX SBOM (a JSON text document) and
// checks that its findings are listed too; saves .e2e/screenshot.png. Cleans up every process it starts.
//
//   npm run test:e2e            (installs what is missing via scripts/e2e/setup.sh, packages the .vsix)
//   node test/e2e/e2e.mjs --no-package   (reuse dicomsec.vsix)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const e2e = path.join(root, '.e2e');
const codeServer = path.join(e2e, 'cs', 'node_modules', '.bin', 'code-server');
const vsix = path.join(root, 'dicomsec.vsix');
const shot = path.join(e2e, 'screenshot.png');
const args = new Set(process.argv.slice(2));
const started = Date.now();
const log = (m) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise((r) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), r(true)));
      s.once('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not listen on ${port} within ${timeoutMs} ms`);
}

/** What the CLI finds in the workspace: every document's findings, cross findings on both documents. */
function expectedFindings(ws) {
  const out = execFileSync(process.execPath, [path.join(root, 'bin', 'dicomsec.cjs'), 'lint', ws, '--format', 'json', '--fail-on', 'none', '-q'], { encoding: 'utf8' });
  const report = JSON.parse(out);
  return report.documents.reduce((n, d) => n + (d.findings?.length ?? (d.status === 'unreadable' ? 1 : 0)), 0) + 2 * (report.crossFindings?.length ?? 0);
}

/** Opens a workspace file by name with Quick Open. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15_000 });
  await page.keyboard.type(name, { delay: 10 });
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
}

/** The Problems panel's rows under a file filter, polled until `done(rows)` or the time is up. */
async function problemRows(page, glob, done, timeoutMs) {
  // Ctrl+Shift+M toggles: press it only when the panel is not showing.
  if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  if (await filter.count().catch(() => 0)) {
    await filter.fill(glob).catch(() => {});
    await page.keyboard.press('Enter').catch(() => {});
  }
  let rows = [];
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
    if (done(rows)) break;
    await page.waitForTimeout(500);
  }
  return rows;
}

/** The rule ids the CLI finds in one document, sorted. */
function sbomRuleIds(file) {
  const out = execFileSync(process.execPath, [path.join(root, 'bin', 'dicomsec.cjs'), 'lint', file, '--format', 'json', '--fail-on', 'none', '-q'], { encoding: 'utf8' });
  const ids = JSON.parse(out).documents.flatMap((d) => d.findings.map((f) => f.ruleId));
  if (!ids.length) throw new Error(`the CLI finds nothing in ${file}: nothing for the editor to show`);
  return [...new Set(ids)].sort();
}

/** The Problems tab's total and the dicomsec status bar item's error+warning+info sum. */
async function problemCounts(page) {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('.part.panel .composite-bar .action-item, .part.panel .action-item')]
      .map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}`)
      .filter((t) => /problems/i.test(t));
    const total = labels.map((t) => /Total (\d+) Problems?/i.exec(t)?.[1] ?? /Problems\s*(\d+)\s*$/i.exec(t.trim())?.[1]).find(Boolean);
    const badge = [...document.querySelectorAll('.part.panel .action-item')]
      .filter((e) => /problems/i.test(e.getAttribute('aria-label') ?? ''))
      .map((e) => e.querySelector('.badge-content')?.textContent?.trim())
      .find(Boolean);
    const item = [...document.querySelectorAll('.statusbar-item')].find((e) => /dicomsec/i.test(e.getAttribute('aria-label') ?? '') || /dicomsec/.test(e.id));
    const nums = (item?.textContent ?? '').match(/\d+/g)?.map(Number) ?? [];
    return {
      problems: Number(total ?? badge ?? NaN),
      status: nums.length === 3 ? nums[0] + nums[1] + nums[2] : NaN,
      raw: `${labels.join(' / ')} | status: ${item?.getAttribute('aria-label') ?? ''} ${item?.textContent ?? ''}`.replace(/\s+/g, ' ').slice(0, 400),
    };
  });
}

let server;
let browser;

async function cleanup() {
  await browser?.close().catch(() => {});
  browser = undefined;
  if (server && server.exitCode === null) {
    // code-server was started in its own process group: stop the group, then make sure.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {}
        r();
      }, 5000);
      server.once('exit', () => (clearTimeout(t), r()));
    });
  }
  server = undefined;
}

for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => cleanup().finally(() => process.exit(130)));

async function main() {
  if (!args.has('--no-setup')) execFileSync('bash', [path.join(root, 'scripts', 'e2e', 'setup.sh')], { stdio: 'inherit' });
  if (!args.has('--no-package') || !existsSync(vsix)) {
    log('packaging the extension');
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(vsix)) throw new Error(`no ${vsix}`);

  // A fresh profile and workspace every run.
  const ud = path.join(e2e, 'ud');
  const ext = path.join(e2e, 'ext');
  const ws = path.join(e2e, 'ws');
  for (const d of [ud, ext, ws, path.join(e2e, 'xdg'), path.join(e2e, 'xdgdata')]) rmSync(d, { recursive: true, force: true });
  mkdirSync(path.join(ud, 'User'), { recursive: true });
  mkdirSync(path.join(ws, 'vendors'), { recursive: true });
  const samples = path.join(root, 'samples');
  const workbooks = existsSync(samples) ? readdirSync(samples).filter((f) => /mds2.*\.xlsx$/i.test(f)) : [];
  // Prefer the sample with the most gaps, for a telling screenshot.
  const workbook = workbooks.find((f) => /northwind/i.test(f)) ?? workbooks[0];
  if (!workbook) throw new Error('no sample MDS2 workbook in samples/ (run npm run samples)');
  cpSync(path.join(samples, workbook), path.join(ws, 'vendors', workbook));
  // The same product's statement: its cross-document findings are listed on both documents.
  const statement = workbook.replace(/-mds2\.xlsx$/i, '-conformance.md');
  if (statement !== workbook && existsSync(path.join(samples, statement))) cpSync(path.join(samples, statement), path.join(ws, 'vendors', statement));
  // An SBOM: a .json file the extension must take as a document (content decides its kind).
  const sbom = existsSync(samples) ? readdirSync(samples).find((f) => /\.cdx\.json$/i.test(f)) : undefined;
  if (!sbom) throw new Error('no sample CycloneDX SBOM (*.cdx.json) in samples/ (run npm run samples)');
  cpSync(path.join(samples, sbom), path.join(ws, 'vendors', sbom));
  writeFileSync(
    path.join(ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'git.openRepositoryInParentFolders': 'never',
        'dicomsec.offerReviewView': 'always',
        // Sticky tree headers would cover the Problems rows the test clicks.
        'workbench.tree.enableStickyScroll': false,
      },
      null,
      2,
    ),
  );

  const env = { ...process.env, XDG_CONFIG_HOME: path.join(e2e, 'xdg'), XDG_DATA_HOME: path.join(e2e, 'xdgdata') };
  log(`installing ${path.basename(vsix)}`);
  const installed = execFileSync(codeServer, ['--user-data-dir', ud, '--extensions-dir', ext, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
  log(installed.trim().split('\n').pop());

  const port = await freePort();
  const config = path.join(e2e, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  server = spawn(
    codeServer,
    ['--config', config, '--user-data-dir', ud, '--extensions-dir', ext, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const serverLog = [];
  server.stdout.on('data', (d) => serverLog.push(d.toString()));
  server.stderr.on('data', (d) => serverLog.push(d.toString()));
  await waitForPort(port, 30_000);
  log(`code-server listening on ${port}`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  log('workbench visible');

  // Open the workbook: VS Code shows it as binary; the extension opens its review view beside.
  await page.waitForTimeout(2000);
  await quickOpen(page, workbook);
  log(`opened ${workbook}`);

  // Problems panel, the workbook's problems first (the statement's would otherwise sort before them).
  const rows = await problemRows(page, '**/*.xlsx', (r) => r.some((x) => /MDS2-[A-Z0-9]+-\d+/.test(x)), 90_000);
  const findings = rows.filter((r) => /MDS2-[A-Z0-9]+-\d+/.test(r));
  log(`Problems panel rows: ${rows.length}, dicomsec findings visible: ${findings.length}`);
  for (const r of findings.slice(0, 5)) log(`  ${r.slice(0, 160)}`);

  const reviewTab = await page
    .waitForSelector('.tab[aria-label*="dicomsec-review"], .tab .label-name:has-text(".dicomsec-review")', { timeout: 20_000 })
    .then(() => true, () => false);
  log(`review view tab open: ${reviewTab}`);

  // Clicking a finding's "Shown in the review view" link puts the cursor on the evidence line.
  // The Problems list is virtual: take the first such link inside its visible area.
  const links = page.locator('.markers-panel .monaco-list-row', { hasText: 'Shown in the review view' });
  const listBox = await page.locator('.markers-panel .monaco-list').first().boundingBox().catch(() => null);
  let link;
  for (let i = 0, n = await links.count(); i < n && !link; i++) {
    const b = await links.nth(i).boundingBox().catch(() => null);
    if (b && listBox && b.y >= listBox.y && b.y + b.height <= listBox.y + listBox.height) link = links.nth(i);
  }
  let jumped = '';
  let clickedQuestion;
  if (link) {
    const text = await link.innerText();
    const expected = /\[Ln (\d+), Col \d+\]/.exec(text)?.[1] ?? /dicomsec-review\[Ln (\d+)/.exec(text.replace(/\s+/g, ''))?.[1];
    clickedQuestion = /review view: ([A-Z]{3,4}-[\d.]+)/.exec(text)?.[1];
    await link.click({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    jumped = await page.locator('.statusbar').innerText().catch(() => '');
    const at = /Ln (\d+), Col \d+/.exec(jumped)?.[1];
    log(`clicked the review-view link of ${clickedQuestion ?? '?'}: cursor at line ${at ?? '?'}${expected ? ` (expected ${expected})` : ''}`);
  }
  await page.waitForTimeout(2500);

  // No duplicates: the Problems badge counts each finding once (the review view carries
  // decorations, not diagnostics), and the dicomsec status bar item agrees with it.
  const expected = expectedFindings(ws);
  let counts = { problems: NaN, status: NaN, raw: '' };
  const countUntil = Date.now() + 30_000;
  while (Date.now() < countUntil) {
    counts = await problemCounts(page);
    if (counts.problems === expected && counts.status === expected) break;
    await page.waitForTimeout(1000);
  }
  log(`findings (CLI): ${expected}; Problems badge: ${counts.problems}; dicomsec status bar: ${counts.status}  [${counts.raw}]`);
  const decorated = await page.$$eval('.monaco-editor .view-overlays div[class*="ced-"], .monaco-editor .margin-view-overlays div[class*="ced-"]', (els) => els.length).catch(() => 0);
  log(`review view decorations rendered: ${decorated}`);
  // The hover of the finding under the cursor (the review view's decoration), for the screenshot.
  let hoverText = '';
  const evidenceLine = page.locator('.monaco-editor .view-line', { hasText: new RegExp(`^${(clickedQuestion ?? '-').replace(/\./g, '\\.')}\\s`) }).first();
  if (jumped && clickedQuestion && (await evidenceLine.count())) {
    await evidenceLine.hover({ position: { x: 30, y: 8 } });
    hoverText = await page
      .waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 5000 })
      .then((el) => el.innerText(), () => '');
    log(`hover on the evidence line: ${hoverText.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  mkdirSync(e2e, { recursive: true });
  await page.screenshot({ path: shot });
  log(`screenshot: ${path.relative(root, shot)}`);

  // The SBOM: opened as text, its findings listed in the Problems panel with the CLI's rule ids.
  const sbomRules = sbomRuleIds(path.join(ws, 'vendors', sbom));
  await quickOpen(page, sbom);
  const allSbomRows = await problemRows(page, '**/*.cdx.json', (r) => sbomRules.every((id) => r.some((x) => x.includes(id))), 30_000);
  const sbomRows = allSbomRows.filter((r) => /SBOM-[A-Z]+-\d+/.test(r));
  if (sbomRows.length === 0) await page.screenshot({ path: path.join(e2e, 'sbom.png') });
  const sbomSeen = [...new Set(sbomRows.flatMap((r) => r.match(/SBOM-[A-Z]+-\d+/g) ?? []))].sort();
  for (const r of sbomRows) log(`  ${r.slice(0, 160)}`);
  log(`opened ${sbom}: Problems rows ${sbomRows.length}, rules ${sbomSeen.join(', ') || 'none'} (CLI: ${sbomRules.join(', ')})`);

  const questionInMessage = findings.some((r) => /\[[A-Z]{3,4}-\d+(\.\d+)*[ ,]/.test(r));
  if (!findings.length) throw new Error(`the Problems panel lists no dicomsec findings.\nrows: ${JSON.stringify(rows)}\nserver log:\n${serverLog.join('').slice(-3000)}`);
  if (!questionInMessage) throw new Error(`findings do not name the MDS2 question: ${JSON.stringify(findings.slice(0, 3))}`);
  if (counts.problems !== expected) throw new Error(`the Problems panel counts ${counts.problems} problems for ${expected} findings (duplicates?)`);
  if (counts.status !== expected) throw new Error(`the status bar counts ${counts.status} findings, Problems ${counts.problems}`);
  if (sbomSeen.join() !== sbomRules.join()) throw new Error(`the Problems panel lists ${sbomSeen.join(', ') || 'no'} SBOM rules for ${sbom}, the CLI ${sbomRules.join(', ')}.\nrows: ${JSON.stringify(allSbomRows)}`);
  log(`PASS in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(`[e2e] FAIL: ${err?.stack ?? err}`);
    await cleanup();
    process.exit(1);
  });
