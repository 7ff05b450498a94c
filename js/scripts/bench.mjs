// The cost of one validate() in Node, beside what it is compared with (issue targets):
//   validate(object)  vs JSON.stringify(the same object)          target: within 2x
//   validate(text)    vs the native validate_json of the same body  target: within 2x
//   rules()           built once: later calls cost nothing
// and where validate(object) spends its time: documentText (the check for values JSON cannot
// carry, then JSON.stringify), validateText (the text into the module, the engine, the result
// text out) and JSON.parse of the result.
// The request is the benchmarks' `full_valid` workload (bench/src/workloads.rs: every
// identity property, three addresses, three phones), with its day and tag owner.
// Usage: npm run bench [-- --no-native]   (the native figure needs cargo; one run, same machine)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { validate, rules } = require('../index.cjs');
const { validateText } = require('../pkg/helix_customer_rules_node.cjs');
const { documentText } = require('../pkg/document.cjs');

const root = fileURLToPath(new URL('../..', import.meta.url));
const workloads = readFileSync(new URL('../../bench/src/workloads.rs', import.meta.url), 'utf8');
const body = /const FULL_VALID: &str = r#"([\s\S]*?)"#;/.exec(workloads)?.[1];
if (!body) throw new Error('FULL_VALID not found in bench/src/workloads.rs');
const request = {
  patch: JSON.parse(body),
  context: { today: '2026-11-23', tagOwners: { 'vip-1': 8 } },
};
const text = JSON.stringify(request);
if (!validate(request).valid) throw new Error('the full_valid workload should be valid');

/** Median nanoseconds per call over `rounds` batches of `per` calls. */
function time(f, per = 2000, rounds = 25) {
  for (let i = 0; i < per; i++) f();
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < per; i++) f();
    samples.push(Number(process.hrtime.bigint() - start) / per);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

// The native figures are timed before and after the JS ones, and the faster of the two kept
// (as the JS figures are the best of their passes): the load on a shared machine changes
// within a run, and a ratio of figures taken at different moments would carry that.
let native = null;
function timeNative() {
  if (process.argv.includes('--no-native')) return;
  try {
    const out = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'helix-customer-rules-wasm',
      '--example', 'native_timing'],
    { cwd: root, input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] }));
    native = native === null ? out : {
      validate_json_ns: Math.min(native.validate_json_ns, out.validate_json_ns),
      evaluate_request_ns: Math.min(native.evaluate_request_ns, out.evaluate_request_ns),
    };
  } catch (e) {
    console.error(`(no native figure: ${e.message.split('\n')[0]})`);
  }
}
timeNative();

let sink = 0;
// Interleaved three times, so a slow spell on a shared machine does not favour one side.
const resultText = validateText(text, '2026-11-23');
const figures = { stringify: [], object: [], text: [], documentText: [], validateText: [], parse: [] };
for (let pass = 0; pass < 3; pass++) {
  figures.stringify.push(time(() => { sink += JSON.stringify(request).length; }));
  figures.object.push(time(() => { sink += validate(request).violations.length; }));
  figures.text.push(time(() => { sink += validate(text).violations.length; }));
  figures.documentText.push(time(() => { sink += documentText(request).length; }));
  figures.validateText.push(time(() => { sink += validateText(text, '2026-11-23').length; }));
  figures.parse.push(time(() => { sink += JSON.parse(resultText).violations.length; }));
}
const best = (xs) => Math.min(...xs);
const stringify = best(figures.stringify);
const object = best(figures.object);
const fromText = best(figures.text);
const parts = { documentText: best(figures.documentText), validateText: best(figures.validateText), parse: best(figures.parse) };

const firstStart = process.hrtime.bigint();
rules();
const firstRules = Number(process.hrtime.bigint() - firstStart);
const laterRules = time(() => { sink += rules().length; }, 10000, 11);
timeNative();

const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;
const rows = [
  ['JSON.stringify(request)', us(stringify), ''],
  ['validate(request object)', us(object), `${(object / stringify).toFixed(2)}x JSON.stringify (target <= 2x)`],
  ['validate(request text)', us(fromText), native ? `${(fromText / native.validate_json_ns).toFixed(2)}x native validate_json (target <= 2x)` : ''],
];
if (native) {
  rows.push(['native validate_json(body)', us(native.validate_json_ns), '']);
  rows.push(['native evaluate_request(text)', us(native.evaluate_request_ns), `validate(text) is ${(fromText / native.evaluate_request_ns).toFixed(2)}x this`]);
}
rows.push(['of which `documentText(request)`', us(parts.documentText), `${(parts.documentText / stringify).toFixed(2)}x JSON.stringify: the check, then JSON.stringify`]);
rows.push(['of which `validateText(text)`', us(parts.validateText), native ? `text in, engine, text out: ${(parts.validateText / native.evaluate_request_ns).toFixed(2)}x native evaluate_request` : 'text in, engine, text out']);
rows.push(['of which `JSON.parse(result)`', us(parts.parse), 'the result text, once']);
rows.push(['rules(), first call', us(firstRules), 'parses the catalogue once']);
rows.push(['rules(), later calls', us(laterRules), 'the same frozen array']);
console.log(`full_valid request: ${text.length} bytes of JSON; Node ${process.version}\n`);
console.log('| measure | per call | ratio |\n|---|---|---|');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
if (sink === 0.5) console.log(sink);
