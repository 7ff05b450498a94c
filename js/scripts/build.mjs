// Builds the WebAssembly module once and the two glues around that one file, all in pkg/:
//   pkg/helix_customer_rules_bg.wasm   the module (one copy, shared)
//   pkg/helix_customer_rules.js        ES module glue with an async init() (the web entry)
//   pkg/helix_customer_rules_node.cjs  CommonJS glue that compiles the module on require (Node)
//   (both with one change to wasm-bindgen's glue: strings go in with one encodeInto)
//   pkg/document.cjs                   a CommonJS copy of ../document.js for the Node entry
// and types.d.cts, the CommonJS twin of types.d.ts. Prints the module's size.
// Usage: node scripts/build.mjs (from js/, or via `npm run build`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const js = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(js, '..');
const crate = 'helix-customer-rules-wasm';
const target = 'wasm32-unknown-unknown';
// [profile.wasm] in the root Cargo.toml.
const profile = 'wasm';
const outName = 'helix_customer_rules';

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

// The CLI and the crate must be the same wasm-bindgen version, or the glue does not match the
// module; say so plainly rather than fail with a schema error.
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const pinned = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
let cli = '';
try {
  cli = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' }).trim();
} catch {
  throw new Error(`wasm-bindgen not found: cargo install wasm-bindgen-cli --version =${pinned}`);
}
if (pinned && cli !== `wasm-bindgen ${pinned}`) {
  throw new Error(`Cargo.lock pins wasm-bindgen ${pinned} but the CLI is "${cli}": ` +
    `cargo install wasm-bindgen-cli --version =${pinned}`);
}

run('cargo', ['build', '--profile', profile, '--target', target, '-p', crate]);

// Respects CARGO_TARGET_DIR and any configured target dir.
const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'],
  { cwd: root, encoding: 'utf8' }));
const wasm = join(meta.target_directory, target, profile, `${crate.replaceAll('-', '_')}.wasm`);

const pkg = join(js, 'pkg');
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
const bindgen = (bindgenTarget, out, name) => run('wasm-bindgen', ['--target', bindgenTarget, '--out-dir', out,
  '--out-name', name, '--no-typescript', '--remove-name-section', '--remove-producers-section', wasm]);

// wasm-bindgen's glue copies a string into the module one UTF-16 unit at a time while it is
// ASCII, and only then hands the rest to TextEncoder.encodeInto. For the request text that loop
// is the dearest part of the binding (measured 13.0 -> 9.7 µs per validateText of the
// full_valid request, JSON.stringify of it 4.5 µs): one encodeInto writes the whole text into
// the module's memory instead, into room for the longest UTF-8 it can be (3 bytes a unit),
// then gives back what it did not use. Same bytes, same lengths for the module to free.
const copyLoop = /^function passStringToWasm0\(arg, malloc, realloc\) \{\n[\s\S]*?\n\}\n/m;
const encodeIntoWhole = `function passStringToWasm0(arg, malloc, realloc) {
    const room = arg.length * 3;
    let ptr = malloc(room, 1) >>> 0;
    const { written } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + room));
    if (written !== room) ptr = realloc(ptr, room, written, 1) >>> 0;
    WASM_VECTOR_LEN = written;
    return ptr;
}
`;
function encodeWhole(file) {
  const glue = readFileSync(file, 'utf8');
  const found = copyLoop.exec(glue)?.[0];
  if (!found || !found.includes('if (code > 0x7F) break;') || !found.includes('cachedTextEncoder.encodeInto(arg, view)')) {
    throw new Error(`${file}: passStringToWasm0 is not the one build.mjs knows: update build.mjs`);
  }
  writeFileSync(file, glue.replace(found, encodeIntoWhole));
}

bindgen('web', pkg, outName);
encodeWhole(join(pkg, `${outName}.js`));
// The Node glue is generated aside; it must expect the very same module, so the package ships
// one .wasm that both glues load.
const aside = mkdtempSync(join(tmpdir(), 'helix-node-glue-'));
try {
  // Same out-name, so the same module: its imports are named after it.
  bindgen('nodejs', aside, outName);
  const shared = readFileSync(join(pkg, `${outName}_bg.wasm`));
  if (!shared.equals(readFileSync(join(aside, `${outName}_bg.wasm`)))) {
    throw new Error('wasm-bindgen wrote different modules for the web and Node glues: one copy cannot serve both');
  }
  const glue = readFileSync(join(aside, `${outName}.js`), 'utf8');
  if (!glue.includes(`${outName}_bg.wasm`)) throw new Error(`the Node glue does not load ${outName}_bg.wasm: update build.mjs`);
  writeFileSync(join(pkg, `${outName}_node.cjs`), glue);
  encodeWhole(join(pkg, `${outName}_node.cjs`));
} finally {
  rmSync(aside, { recursive: true, force: true });
}

// document.js is an ES module (the browser loads it as is); the Node entry is CommonJS.
const documentJs = readFileSync(join(js, 'document.js'), 'utf8');
const exported = [...documentJs.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
writeFileSync(join(pkg, 'document.cjs'), `// Generated by scripts/build.mjs from ../document.js: do not edit.\n'use strict';\n${
  documentJs.replace(/^export function /gm, 'function ')}\n${exported.map((n) => `exports.${n} = ${n};`).join('\n')}\n`);
// The same declarations, read as CommonJS by TypeScript (for index.d.cts and web.d.cts).
writeFileSync(join(js, 'types.d.cts'), `// Generated by scripts/build.mjs from types.d.ts: do not edit.\n${
  readFileSync(join(js, 'types.d.ts'), 'utf8')}`);

const bytes = readFileSync(join(pkg, `${outName}_bg.wasm`));
const gz = gzipSync(bytes, { level: 9 }).length;
const glueBytes = ['helix_customer_rules.js', 'helix_customer_rules_node.cjs'].map((f) => readFileSync(join(pkg, f)).length);
// The module's size budget (issue 15), gzip -9.
const budget = 120 * 1024;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const num = (n) => n.toLocaleString('en-US');
console.log(`\n| ${outName}_bg.wasm | bytes |\n|---|---|\n| raw | ${num(bytes.length)} (${kib(bytes.length)}) |\n` +
  `| gzip -9 | ${num(gz)} (${kib(gz)}) |\n\nglue: web ${kib(glueBytes[0])}, node ${kib(glueBytes[1])}\n` +
  `budget: ${kib(budget)} gzipped, ${gz <= budget ? 'met' : `not met (${kib(gz - budget)} over)`}`);
