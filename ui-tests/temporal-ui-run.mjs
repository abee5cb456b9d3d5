// Opens a run's Temporal UI link in headless Debian Chromium and checks that the page shows the
// workflow id and the given texts (e.g. its activity types); saves a screenshot.
//
//   node temporal-ui-run.mjs <url> <workflowId> <screenshot.png> [expected text ...]
//
// Prints one JSON line: {"ok": true|false, "missing": [...], "title": "..."}; exits 1 when not ok.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, workflowId, screenshot, ...expected] = process.argv.slice(2);
if (!url || !workflowId || !screenshot) {
  console.error('usage: node temporal-ui-run.mjs <url> <workflowId> <screenshot.png> [text ...]');
  process.exit(2);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'agenthub-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1600, height: 1200 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
let result;
try {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  const missing = [];
  for (const text of [workflowId, ...expected]) {
    try {
      await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 20_000 });
    } catch {
      missing.push(text);
    }
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  result = { ok: missing.length === 0, missing, title: await page.title() };
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
