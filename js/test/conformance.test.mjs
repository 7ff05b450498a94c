// One conformance suite, two runtimes: every golden case of the Rust tests must give exactly
// its expected violations (code, path, message, order) through the WebAssembly build, with
// both the Node glue and the browser glue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as node from 'helix-customer-rules';
import * as web from 'helix-customer-rules/web';
import { expected, goldenCases, outcome, violationsOf } from './golden.mjs';

web.initSync({ module: readFileSync(new URL('../pkg/helix_customer_rules_bg.wasm', import.meta.url)) });

const cases = goldenCases();

for (const [glue, api] of [['node', node], ['web', web]]) {
  for (const c of cases) {
    test(`${glue}: ${c.file} ${c.name}`, () => {
      assert.deepStrictEqual(outcome(api.validate, c.request, c.today), expected(c));
    });
  }
}

test('the JSON text of a request gives the same result as the object', () => {
  for (const c of cases) {
    assert.deepStrictEqual(
      outcome(node.validate, JSON.stringify(c.request), c.today),
      outcome(node.validate, c.request, c.today),
      c.name,
    );
  }
});

const catalogue = node.rules();
const codeOf = (name) => Number(name.split('/')[0]);

test('both glues return the same catalogue', () => {
  assert.deepStrictEqual(web.rules(), catalogue);
});

test('the catalogue is in strictly ascending code order', () => {
  for (let i = 1; i < catalogue.length; i++) {
    assert.ok(catalogue[i - 1].code < catalogue[i].code, `${catalogue[i - 1].code} then ${catalogue[i].code}`);
  }
});

test('every rule has a valid and an invalid golden case, and fires in one', () => {
  const sides = new Map(catalogue.map((r) => [r.code, new Set()]));
  const fired = new Set(cases.flatMap((c) => [...violationsOf(c), ...(c.warnings ?? [])].map((v) => v.code)));
  for (const c of cases) {
    // Cases about several rules at once are named after no code (`all/invalid/...`).
    const code = codeOf(c.name);
    if (Number.isNaN(code)) continue;
    assert.ok(sides.has(code), `${c.file} ${c.name}: no rule ${code} in rules()`);
    sides.get(code).add(c.name.split('/')[1]);
  }
  for (const [code, seen] of sides) {
    assert.ok(seen.has('valid') && seen.has('invalid'), `rule ${code} lacks a valid or an invalid case: ${[...seen]}`);
    assert.ok(fired.has(code), `no golden case expects rule ${code}`);
  }
});

test('every expected violation is a rule of the catalogue, worded by its template', () => {
  const byCode = new Map(catalogue.map((r) => [r.code, r]));
  // A template's placeholders ({0}, {id}) stand for any text.
  const fits = (template, message) => {
    const parts = template.split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${parts.join('.*')}$`, 's').test(message);
  };
  for (const c of cases) {
    for (const v of [...violationsOf(c), ...(c.warnings ?? [])]) {
      const rule = byCode.get(v.code);
      assert.ok(rule, `${c.name}: code ${v.code} is not in rules()`);
      assert.ok(
        fits(rule.message, v.message) || (rule.businessMessage !== null && fits(rule.businessMessage, v.message)),
        `${c.name}: "${v.message}" is not the wording of ${v.code}`,
      );
    }
  }
});
