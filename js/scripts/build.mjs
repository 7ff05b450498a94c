// Builds the WebAssembly module and its glue: pkg/node (CommonJS, loads the .wasm from disk)
// and pkg/web (an ES module with an async init() that fetches the .wasm).
// Usage: node scripts/build.mjs (from js/, or via `npm run build`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const js = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(js, '..');
const crate = 'helix-customer-rules-wasm';
const target = 'wasm32-unknown-unknown';
// [profile.wasm] in the root Cargo.toml: optimised for size.
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

for (const [dir, bindgenTarget] of [['node', 'nodejs'], ['web', 'web']]) {
  const out = join(js, 'pkg', dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', ['--target', bindgenTarget, '--out-dir', out, '--out-name', outName,
    '--remove-name-section', '--remove-producers-section', wasm]);
}
// The package is "type": "module"; the Node glue is CommonJS.
writeFileSync(join(js, 'pkg', 'node', 'package.json'), '{ "type": "commonjs" }\n');

const bytes = readFileSync(join(js, 'pkg', 'web', `${outName}_bg.wasm`));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${outName}_bg.wasm: ${bytes.length} bytes (${kib(bytes.length)}), ` +
  `gzip -9: ${gzipSync(bytes, { level: 9 }).length} bytes (${kib(gzipSync(bytes, { level: 9 }).length)})`);
