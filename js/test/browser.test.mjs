// The live form in headless Chromium: a PO box in a Residence address line shows 66907 beside
// that line, and fixing the line removes it. Needs Chromium (CHROMIUM, default /usr/bin/chromium).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from '../scripts/serve.mjs';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();
let server;
let browser;
let profile;

before(async () => {
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'helix-form-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1100 },
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('a PO box in a Residence address line shows 66907 beside it, and fixing it clears it', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });

  const status = page.locator('#status');
  await assert.doesNotReject(status.filter({ hasText: 'would accept' }).waitFor({ timeout: 5000 }),
    'the starting form is valid');
  assert.equal(await page.locator('.violation').count(), 0);

  const row = page.locator('#addresses .row').first();
  assert.equal(await row.locator('input[name=addressType]').inputValue(), 'Residence');
  const line1 = page.locator('.field[data-path="/addresses/0/addressLine1"]');
  await line1.locator('input').fill('');
  await line1.locator('input').pressSequentially('PO Box 77', { delay: 10 });

  const note = line1.locator('.violation[data-code="66907"]');
  await note.waitFor({ timeout: 5000 });
  assert.match(await note.textContent(), /^66907 Residential Addresses can not contain a PO Box\.$/);
  assert.equal(await line1.locator('input').getAttribute('aria-invalid'), 'true');
  assert.match(await status.textContent(), /reject/);
  await page.screenshot({ path: join(screenshots, 'helix-form-po-box.png'), fullPage: true });

  await line1.locator('input').fill('12 Marylebone Rd');
  await note.waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await page.locator('.violation').count(), 0);
  assert.match(await status.textContent(), /would accept/);
  assert.deepEqual(errors, []);
});

test('settings re-validate too, and list-level violations land beside their list', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });

  await page.locator('#settings input[name=allowNameUpdate]').uncheck();
  const name = page.locator('.field[data-path="/firstName"] .violation[data-code="60306"]');
  await name.waitFor({ timeout: 5000 });

  // A second Residence address: a repeated type is reported on the list as a whole.
  await page.locator('#add-address').click();
  await page.locator('.field[data-path="/addresses/1/addressType"] input').fill('Residence');
  await page.locator('[data-errors-for="/addresses"] .violation[data-code="60350"]').waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(screenshots, 'helix-form-settings.png'), fullPage: true });
});
