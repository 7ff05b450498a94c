// The binding's own behaviour: how documents, options and errors cross into JavaScript, and
// that the TypeScript declarations name what the engine accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { validate, rules } from 'helix-customer-rules';

const plainDay = (d) =>
  `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('require() and import give the same functions', () => {
  const cjs = createRequire(import.meta.url)('helix-customer-rules');
  assert.equal(cjs.validate, validate);
  assert.equal(cjs.rules, rules);
});

test('without a day, the host\'s local calendar day is the evaluation day', () => {
  const now = new Date();
  const today = plainDay(now);
  const yesterday = plainDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const doc = { patch: { birthDate: today } };
  assert.deepStrictEqual(validate(doc), validate(doc, { today }));
  assert.notDeepStrictEqual(validate(doc), validate(doc, { today: yesterday }));
});

test('context.today wins over options.today', () => {
  const doc = { patch: { birthDate: '2030-06-01' }, context: { today: '2030-01-01' } };
  assert.deepStrictEqual(validate(doc, { today: '2031-01-01' }), validate(doc));
  assert.notDeepStrictEqual(
    validate(doc, { today: '2031-01-01' }),
    validate({ patch: doc.patch }, { today: '2031-01-01' }),
  );
});

test('an unusable document throws an Error naming the problem', () => {
  assert.throws(() => validate({ patch: {}, settings: { allowNameUpdates: false } }),
    (e) => e instanceof Error && e.message.includes('allowNameUpdates'));
  assert.throws(() => validate({ settings: {} }), (e) => e instanceof Error && e.message.includes('patch'));
  assert.throws(() => validate({ patch: {}, context: { today: '1/2/2026' } }),
    (e) => e instanceof Error && e.message.includes('context.today'));
  assert.throws(() => validate(), Error);
  assert.throws(() => validate(() => 1), Error);
});

test('bad options throw', () => {
  assert.throws(() => validate({ patch: {} }, { today: '2026-1-1' }), /today/);
  assert.throws(() => validate({ patch: {} }, { tody: '2026-01-01' }), /^TypeError: options\.tody: unknown option/);
  assert.throws(() => validate({ patch: {} }, { today: 20260101 }), /options\.today must be a YYYY-MM-DD date/);
});

test('text that is not JSON is judged like a body that is not JSON', () => {
  const got = validate('{"patch": ', { today: '2026-01-01' });
  assert.equal(got.valid, false);
  assert.deepStrictEqual(got, validate({ patchText: '{"patch": ' }, { today: '2026-01-01' }));
});

// The declarations are hand-written: keep them in step with what the engine accepts and reads.
const dts = readFileSync(new URL('../types.d.ts', import.meta.url), 'utf8');
const keysOf = (iface) => {
  const body = new RegExp(`export interface ${iface} \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
  assert.ok(body, `types.d.ts declares ${iface}`);
  return [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]);
};

test('every ProgramSettings key in types.d.ts is one the engine accepts', () => {
  for (const key of keysOf('ProgramSettings')) {
    const value = { industryClassificationCodeIds: [1], foreignDocumentTypes: ['NationalId'] }[key] ?? false;
    assert.doesNotThrow(() => validate({ patch: {}, settings: { [key]: value } }, { today: '2026-01-01' }), key);
  }
});

test('types.d.ts declares every setting and property the rules read', () => {
  const settings = new Set(keysOf('ProgramSettings'));
  const lists = { addresses: new Set(keysOf('Address')), phones: new Set(keysOf('Phone')) };
  const patch = new Set(keysOf('CustomerPatch'));
  for (const rule of rules()) {
    for (const s of rule.settings) assert.ok(settings.has(s), `${rule.code}: setting ${s}`);
    for (const p of rule.properties) {
      const [list, item] = p.split('[].');
      assert.ok(item === undefined ? patch.has(p) : lists[list]?.has(item), `${rule.code}: property ${p}`);
    }
  }
});

test('text goes into the module as its UTF-8, however it starts: raw and \\u-escaped give one answer', () => {
  // 65 characters (warning 58001 past 64), 132 bytes of UTF-8; the emoji and the CJK come
  // first, so no ASCII run precedes them.
  const name = `😀漢${'é'.repeat(62)}a`;
  const doc = { patch: { customerId: 7, firstName: name, city: 'Zürich' }, context: { today: '2026-01-01' } };
  const raw = JSON.stringify(doc);
  const escaped = raw.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  assert.notEqual(raw, escaped);
  const result = validate(raw);
  assert.deepStrictEqual(validate(escaped), result);
  assert.deepStrictEqual(validate(doc), result);
  assert.deepStrictEqual(result.warnings.map((w) => `${w.code} ${w.path}`), ['58001 /firstName']);
  // A lone surrogate reaches the module as U+FFFD, as TextEncoder writes it.
  const lone = JSON.stringify({ patch: { customerId: 7, firstName: `\ud800${'a'.repeat(63)}` }, context: { today: '2026-01-01' } });
  assert.deepStrictEqual(validate(lone), validate(lone.replace('\ud800', '\ufffd')));
});
