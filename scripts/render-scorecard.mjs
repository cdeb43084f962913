// Renders the scorecard chart of the sample report to a PNG for the README:
//   node scripts/render-scorecard.mjs [out.png]      (default docs/images/scorecard.png)
// Runs the built CLI (`dicomsec report samples/`) and photographs the Northwind product's
// milestone chart in headless Chromium (Debian's `chromium`, or $CHROMIUM). Offline: the report
// has no external resource and the page is loaded from a string.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'images', 'scorecard.png'));

// The report exits 1 (the Northwind sample has errors); its output is what we want.
const html = execFileSync(process.execPath, [path.join(root, 'bin', 'dicomsec.cjs'), 'report', 'samples/', '--format', 'html', '--fail-on', 'none', '-q'], { cwd: root, encoding: 'utf8' });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  // Nothing may be fetched: the report is self-contained, and a request would be a bug.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  const heading = page.locator('h2', { hasText: 'Northwind Imaging' });
  const chart = page.locator('h2:has-text("Northwind Imaging") ~ svg.chart').first();
  if ((await heading.count()) !== 1 || (await chart.count()) !== 1) throw new Error('the sample report has no Northwind scorecard chart');
  mkdirSync(path.dirname(out), { recursive: true });
  await chart.screenshot({ path: out, omitBackground: false });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
}
