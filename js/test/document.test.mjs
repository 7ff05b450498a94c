// What crosses from JavaScript into the engine: values JSON cannot carry are refused with their
// path, nothing is changed silently, deep nesting from an object is judged as the same text,
// document errors name the key and the problem, and the web entry says when it is not ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { rules, validate } from 'helix-customer-rules';
import * as web from '../web.js';

const today = '2026-01-01';
const refused = (doc, message) => assert.throws(() => validate(doc, { today }),
  (e) => e instanceof TypeError && e.message === message, message);

test('NaN, Infinity, functions, symbols and BigInts anywhere are refused with their path', () => {
  const nan = 'NaN cannot be sent as JSON (JSON.stringify would send null)';
  refused({ patch: { customerId: NaN } }, `patch.customerId: ${nan}`);
  refused({ patch: { customerId: Infinity } }, 'patch.customerId: Infinity cannot be sent as JSON (JSON.stringify would send null)');
  refused({ patch: { customerId: -Infinity } }, 'patch.customerId: -Infinity cannot be sent as JSON (JSON.stringify would send null)');
  refused({ patch: { customerId: 1n } }, 'patch.customerId: a BigInt cannot be sent as JSON (pass a number, or the digits as a string)');
  refused({ patch: { addresses: [{}, { city: () => 'Ames' }] } },
    'patch.addresses[1].city: a function cannot be sent as JSON (JSON.stringify would drop it)');
  refused({ patch: { phones: [{ number: Symbol('x') }] } },
    'patch.phones[0].number: a symbol cannot be sent as JSON (JSON.stringify would drop it)');
  refused({ patch: {}, settings: { industryClassificationCodeIds: [1, NaN] } }, `settings.industryClassificationCodeIds[1]: ${nan}`);
  refused({ patch: {}, context: { current: { 'odd key': NaN } } }, `context.current["odd key"]: ${nan}`);
  refused({ patch: { phones: [undefined] } },
    'patch.phones[0]: undefined cannot be sent as JSON in a list (JSON.stringify would send null)');
  refused({ patch: { tags: new Map() } },
    'patch.tags: a Map cannot be sent as JSON (JSON.stringify would send {}); use a plain object or array');
  refused({ patch: { birthDate: new Date('no day') } },
    'patch.birthDate: an invalid Date cannot be sent as JSON (JSON.stringify would send null)');
  refused(() => ({}), 'the request document: a function cannot be sent as JSON (JSON.stringify would drop it)');
  const cycle = { patch: {} };
  cycle.patch.self = cycle.patch;
  refused(cycle, 'patch.self: the object contains itself (a cycle), which JSON cannot carry');
});

test('undefined is absent, and what JSON.stringify keeps (toJSON, boxed values) is judged as JSON', () => {
  const plain = validate({ patch: { customerId: 7, gender: 'X' } }, { today });
  assert.deepStrictEqual(validate({ patch: { customerId: 7, gender: 'X', firstName: undefined } }, { today }), plain);
  assert.deepStrictEqual(validate({ patch: { customerId: 7, gender: new String('X') } }, { today }), plain);
  const birth = new Date('2030-06-01T00:00:00Z');
  assert.deepStrictEqual(validate({ patch: { birthDate: birth } }, { today }),
    validate(JSON.stringify({ patch: { birthDate: birth } }), { today }));
  assert.equal(validate({ patch: { customerId: 7, birthDate: birth } }, { today }).violations[0].code, 60301);
});

test('deep nesting from an object is judged as the same nesting from text', () => {
  for (const depth of [50, 127, 128, 129, 300, 10000]) {
    let deep = [];
    for (let i = 0; i < depth; i++) deep = [deep];
    const doc = { patch: { customerId: 1, addresses: deep } };
    const fromObject = validate(doc, { today });
    const text = `{"patch":{"customerId":1,"addresses":${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}}}`;
    assert.deepStrictEqual(fromObject, validate(text, { today }), `depth ${depth}`);
    assert.equal(fromObject.valid, false, `depth ${depth}`);
  }
});

test('document errors name the key and the problem, without positions or Rust types', () => {
  const error = (doc) => {
    try {
      validate(doc, { today });
    } catch (e) {
      return e.message;
    }
    assert.fail(`${JSON.stringify(doc)} was accepted`);
  };
  assert.equal(error({ patch: {}, settings: { allowNameUpdate: 'false' } }),
    'settings.allowNameUpdate: expected a boolean, found a string');
  assert.equal(error('{"patch": {}, "settings": {"allowNameUpdate": "false"}}'),
    'settings.allowNameUpdate: expected a boolean, found a string');
  assert.equal(error(42), 'the request document: expected an object, found a number');
  assert.equal(error([]), 'the request document: expected an object, found an array');
  assert.equal(error({ patch: {}, context: { current: { addresses: [{}, { city: [5] }] } } }),
    'context.current.addresses[1].city: expected a string, found an array');
  assert.equal(error({ patch: {}, context: { current: { isTaxExempt: 'maybe' } } }),
    'context.current.isTaxExempt: expected a boolean, found a string');
  assert.match(error({ patch: {}, settings: { allowNameUpdates: false } }),
    /^settings\.allowNameUpdates: unknown key; expected one of `usesHelixKyc`/);
  for (const doc of [{ patch: {}, settings: { dpsClient: '123-45-6789' } }, 7, { patch: {}, context: { today: 1 } }]) {
    assert.doesNotMatch(error(doc), /line|column|struct|Document|i64|u32|123-45/);
  }
});

test('a text that is not JSON gives a 59950 result, not an error', () => {
  const got = validate('{"patch": {', { today });
  assert.equal(got.valid, false);
  assert.deepStrictEqual(got.violations.map((v) => v.code), [59950]);
});

test('rules() is built once: the same frozen array on every call', () => {
  const first = rules();
  assert.equal(rules(), first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0].properties));
  assert.throws(() => { first[0].message = 'changed'; }, TypeError);
});

test('the web entry: validate() and rules() before init() say "call init() first"', async () => {
  // A fresh copy of the module, not yet initialised (the conformance file initialises its own).
  const fresh = await import(`../web.js?fresh=${Date.now()}`);
  assert.throws(() => fresh.validate({ patch: {} }), /^Error: call init\(\) first/);
  assert.throws(() => fresh.rules(), /^Error: call init\(\) first/);
  // Under Node, init() fetches a file: URL, which fetch() cannot read: the error says so and
  // names initSync.
  await assert.rejects(fresh.default(), (e) => /^init\(\): could not fetch file:.*helix_customer_rules_bg\.wasm: .*initSync/s.test(e.message));
  await assert.rejects(fresh.default({ module_or_path: new Uint8Array([0, 1, 2, 3]) }),
    /^Error: init\(\): the WebAssembly module could not be compiled or started: /);
  fresh.initSync({ module: readFileSync(new URL('../pkg/helix_customer_rules_bg.wasm', import.meta.url)) });
  assert.equal(fresh.validate({ patch: { customerId: 7, gender: 'X' } }, { today }).violations[0].code, 60302);
  await fresh.default(); // harmless once ready
  assert.equal(web.validate, web.validate);
});

test('init() reports an HTTP error by its status', async (t) => {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => res.writeHead(404).end('not here'));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  t.after(() => server.close());
  const fresh = await import(`../web.js?http=${Date.now()}`);
  const url = `http://127.0.0.1:${server.address().port}/missing.wasm`;
  await assert.rejects(fresh.default({ module_or_path: url }),
    (e) => e.message.startsWith(`init(): ${url} answered HTTP 404`));
  // The older call form, the source itself, is honoured too (not silently replaced by the default).
  await assert.rejects(fresh.default(url), (e) => e.message.startsWith(`init(): ${url} answered HTTP 404`));
});

test('require(\'helix-customer-rules/web\') keeps the contract under CommonJS', async () => {
  const cjs = createRequire(import.meta.url)('helix-customer-rules/web');
  assert.throws(() => cjs.validate({ patch: {} }), /call init\(\) first/);
  await cjs.default();
  assert.equal(cjs.validate({ patch: { customerId: 7, gender: 'X' } }, { today }).violations[0].code, 60302);
});
