// The live form in headless Chromium, at a desktop width and at a phone's (390 px): violations
// beside their fields and linked to them, the live region naming the fields, the customer's
// opening values sent as context.current, repeated messages collapsed, remove buttons named
// after their rows, a layout that fits a phone, and a visible error when the rules cannot load.
// Needs Chromium (CHROMIUM, default /usr/bin/chromium). Screenshots go to SCREENSHOT_DIR (default:
// the system's temporary directory).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from '../scripts/serve.mjs';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();
const desktop = { width: 1280, height: 1100 };
const phone = { width: 390, height: 844 };
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
    viewport: desktop,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(viewport = desktop) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, errors };
}

/** The text of the elements an input's aria-describedby names. */
const description = (input) => input.evaluate((el) => (el.getAttribute('aria-describedby') ?? '')
  .split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? `<no #${id}>`).join(' '));

test('a PO box in a Residence line shows 66907 beside it, linked to the input, and fixing it clears it', async () => {
  const { page, errors } = await open();
  const status = page.locator('#status');
  await status.filter({ hasText: 'would accept' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('.violation').count(), 0);

  const line1 = page.locator('.field[data-path="/addresses/0/addressLine1"]');
  const input = line1.locator('input');
  await input.fill('');
  await input.pressSequentially('PO Box 77', { delay: 10 });
  const note = line1.locator('.violation[data-code="66907"]');
  await note.waitFor({ timeout: 5000 });
  assert.match(await note.textContent(), /^66907 Residential Addresses can not contain a PO Box\.$/);
  // Outside the label (a screen reader would read it as the field's name), linked instead.
  assert.equal(await line1.locator('label .violation').count(), 0);
  assert.equal(await line1.locator('label').textContent(), 'Address line 1');
  assert.match(await description(input), /66907 Residential Addresses can not contain a PO Box\./);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('label[for]').evaluateAll((ls) => ls.every((l) => document.getElementById(l.htmlFor))), true);
  // The live region names the field.
  assert.equal(await status.textContent(),
    'Helix would reject this update: 1 violation, at Address 1 (Residence): address line 1.');
  await page.screenshot({ path: join(screenshots, 'helix-form-desktop-po-box.png'), fullPage: true });

  await input.fill('12 Marylebone Rd');
  await note.waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await page.locator('.violation').count(), 0);
  assert.equal(await description(input), '');
  assert.match(await status.textContent(), /would accept/);
  assert.deepEqual(errors, []);
});

test('the opening values are the current record: only a change is an update, and repeats collapse', async () => {
  const { page } = await open();
  const doc = JSON.parse(await page.locator('#request').textContent());
  assert.deepEqual(doc.context.current, doc.patch, 'the form opens with the customer as Helix has it');

  // Names may not be updated: leaving them as they are is fine, changing one is not.
  await page.locator('#settings input[name=allowNameUpdate]').uncheck();
  await page.locator('#status').filter({ hasText: 'would accept' }).waitFor({ timeout: 5000 });
  await page.locator('.field[data-path="/firstName"] input').fill('Augusta');
  await page.locator('.field[data-path="/firstName"] .violation[data-code="60306"]').waitFor({ timeout: 5000 });
  await page.locator('#settings input[name=allowNameUpdate]').check();

  // Under KYC every changed identity property gets the same long message: written out once.
  await page.locator('#settings input[name=usesHelixKyc]').check();
  await page.locator('.field[data-path="/lastName"] input').fill('King');
  await page.locator('.field[data-path="/birthDate"] input').fill('1985-12-11');
  const kyc = page.locator('.violation[data-code="60450"]');
  await page.waitForFunction(() => document.querySelectorAll('.violation[data-code="60450"]').length === 3, null, { timeout: 5000 });
  const texts = await kyc.allTextContents();
  assert.ok(texts[0].length > 60, texts[0]);
  assert.deepEqual(texts.slice(1), ['60450 Same as First name.', '60450 Same as First name.']);
  assert.equal(await page.locator('#status').textContent(),
    'Helix would reject this update: 3 violations, at First name, Last name and Birth date.');
  assert.equal(await page.locator('.field[data-path="/customerId"] .violation').count(), 0, 'unchanged: no update');

  // A second Residence address: a repeated type is reported on the list as a whole.
  await page.locator('#add-address').click();
  await page.locator('.field[data-path="/addresses/1/addressType"] input').fill('Residence');
  await page.locator('[data-errors-for="/addresses"] .violation[data-code="60350"]').waitFor({ timeout: 5000 });
  assert.match(await page.locator('#status').textContent(), /Addresses \(the list\)/);
  await page.screenshot({ path: join(screenshots, 'helix-form-desktop-kyc.png'), fullPage: true });
});

test('the contract\'s new properties and settings, and warnings shown apart from violations', async () => {
  const { page, errors } = await open();
  // A tag over Helix's documented 50 characters: the crate's own 58001, a warning.
  await page.locator('.field[data-path="/tag"] input').fill('t'.repeat(51));
  const warning = page.locator('.field[data-path="/tag"] .warning[data-code="58001"]');
  await warning.waitFor({ timeout: 5000 });
  assert.equal(await warning.textContent(), '58001 tag must not be longer than 50 characters.');
  assert.equal(await page.locator('.field[data-path="/tag"] input').getAttribute('aria-invalid'), null, 'a warning is not invalid');
  assert.match(await description(page.locator('.field[data-path="/tag"] input')), /58001/);
  assert.equal(await page.locator('#status').textContent(), 'Helix would accept this update. Warnings at Tag.');
  const [warnColor, badColor] = await page.evaluate(() => [getComputedStyle(document.querySelector('.warning')).color,
    getComputedStyle(document.createElement('p')).color]);
  assert.notEqual(warnColor, badColor);

  await page.locator('#settings input[name=preferredNameEnabled]').uncheck();
  await page.locator('.field[data-path="/preferredName"] input').fill('Addie');
  await page.locator('.field[data-path="/preferredName"] .violation[data-code="60265"]').waitFor({ timeout: 5000 });
  await page.locator('#settings input[name=foreignDocumentTypes]').fill('Passport');
  await page.locator('.field[data-path="/foreignDocumentType"] input').fill('NationalId');
  await page.locator('.field[data-path="/foreignDocumentType"] .violation[data-code="60352"]').waitFor({ timeout: 5000 });
  await page.locator('.field[data-path="/usePreferredNameOnCard"] input').check();
  await page.locator('#status').filter({ hasText: 'Preferred name on the card and Foreign identity document: type.' }).waitFor({ timeout: 5000 });
  const doc = JSON.parse(await page.locator('#request').textContent());
  assert.equal(doc.patch.usePreferredNameOnCard, true);
  assert.deepEqual(doc.settings.foreignDocumentTypes, ['Passport']);
  await page.screenshot({ path: join(screenshots, 'helix-form-desktop-new-fields.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('remove buttons name their row', async () => {
  const { page } = await open();
  await page.locator('#add-address').click();
  await page.locator('.field[data-path="/addresses/1/addressType"] input').fill('Mailing');
  const names = await page.locator('.remove').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(names, ['Remove Address 1 (Residence)', 'Remove Address 2 (Mailing)', 'Remove Phone 1 (Mobile)']);
  await page.getByRole('button', { name: 'Remove Address 1 (Residence)' }).click();
  assert.deepEqual(await page.locator('.remove').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))),
    ['Remove Address 1 (Mailing)', 'Remove Phone 1 (Mobile)']);
});

test('at 390 px: no sideways scrolling, whole values visible, settings above the form', async () => {
  const { page, errors } = await open(phone);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no horizontal overflow');
  // The settings are reachable without scrolling: their heading is on the first screen.
  const settings = await page.locator('#settings-panel summary').boundingBox();
  assert.ok(settings.y + settings.height <= phone.height, `settings at y=${settings.y}`);
  assert.ok(settings.y < (await page.locator('#customer').boundingBox()).y, 'settings before the form');
  await page.locator('#settings-panel summary').click();
  await page.locator('#settings input[name=usesHelixKyc]').waitFor({ state: 'visible' });
  await page.locator('#settings-panel summary').click();

  const fits = (locator) => locator.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth >= 60);
  const zip = page.locator('.field[data-path="/addresses/0/postalCode"] input');
  await zip.fill('500101234');
  assert.ok(await fits(zip), 'the postal code shows all nine digits');
  assert.ok(await fits(page.locator('.field[data-path="/phones/0/phoneType"] input')), 'the phone type shows "Mobile"');
  for (const input of await page.locator('#customer input').all()) {
    const box = await input.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= phone.width, `an input sticks out: x=${box.x} w=${box.width}`);
  }
  await page.locator('.field[data-path="/addresses/0/addressLine1"] input').fill('P.O. Box 12');
  await page.locator('.violation[data-code="66907"]').waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(screenshots, 'helix-form-phone-390.png'), fullPage: true });
  await page.screenshot({ path: join(screenshots, 'helix-form-phone-390-first-screen.png') });
  assert.deepEqual(errors, []);
});

test('when the rules cannot load, the page says so instead of "Loading" forever', async () => {
  const page = await browser.newPage();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${server.url}/demo/`);
  await page.waitForSelector('body[data-ready="failed"]', { timeout: 15000 });
  assert.match(await page.locator('#status').textContent(),
    /^The rules could not be loaded: init\(\): .*helix_customer_rules_bg\.wasm answered HTTP 404/);
  assert.equal(await page.locator('#status').getAttribute('class'), 'status error');

  // Opened from a file, the module never loads: the page explains how to serve it.
  const fromFile = await browser.newPage();
  await fromFile.goto(pathToFileURL(join(import.meta.dirname, '..', 'demo', 'index.html')).href);
  await fromFile.waitForSelector('body[data-ready="failed"]', { timeout: 20000 });
  assert.match(await fromFile.locator('#status').textContent(), /could not be loaded: .*npm run demo/);
});
