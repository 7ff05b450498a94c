// The package as a TypeScript user installs it: packs the tarball, runs @arethetypeswrong/cli
// on it (every entry point under node10, node16 from CommonJS and from ESM, and bundler), then
// installs it into throwaway consumer projects, one per setup, compiles each with tsc and runs
// what compiled. Fails on any problem. Usage: node scripts/check-package.mjs (after the build).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(js, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'helix-package-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  run('npm', ['pack', '--pack-destination', work, '--silent'], js);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));

  // ./wasm is the module file itself (for initSync under server-side rendering): no types to
  // resolve there, by design.
  let report;
  try {
    report = run(bin('attw'), [tarball, '--exclude-entrypoints', './wasm', '--format', 'ascii'], work);
  } catch (e) {
    throw new Error(`@arethetypeswrong/cli found problems:\n${e.stdout}${e.stderr}`);
  }
  console.log(report.trim());

  const common = `
    const doc = { patch: { customerId: 42, gender: 'X' }, context: { today: '2026-01-01' } };
    const result: ValidationResult = validate(doc);
    const codes: number[] = result.violations.map((v: Violation) => v.code);
    const warned: number = result.warnings.length;
    const catalogue: readonly RuleInfo[] = rules();
    const ready: Promise<void> = init();
    void ready.catch(() => undefined);
    void webValidate;
    if (codes[0] !== 60302 || catalogue.length === 0 || warned < 0) throw new Error('unexpected result');
    console.log('ok', codes[0]);
  `;
  const consumers = [
    // [name, package.json type, tsconfig compilerOptions, file name, imports, run the output?]
    ['commonjs-node16', 'commonjs', { module: 'node16', moduleResolution: 'node16' }, 'index.ts', 'esm-syntax', true],
    ['commonjs-nodenext-cts', 'module', { module: 'nodenext', moduleResolution: 'nodenext' }, 'index.cts', 'esm-syntax', true],
    ['commonjs-require', 'commonjs', { module: 'node16', moduleResolution: 'node16' }, 'index.ts', 'require', true],
    ['esm-node16', 'module', { module: 'node16', moduleResolution: 'node16' }, 'index.ts', 'esm-syntax', true],
    ['esm-nodenext-mts', 'commonjs', { module: 'nodenext', moduleResolution: 'nodenext' }, 'index.mts', 'esm-syntax', true],
    ['bundler', 'module', { module: 'esnext', moduleResolution: 'bundler' }, 'index.ts', 'esm-syntax', false],
    ['node10', 'commonjs', { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }, 'index.ts', 'esm-syntax', true],
  ];
  const types = 'ValidationResult, Violation, RuleInfo';
  for (const [name, type, options, file, style, execute] of consumers) {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type }));
    run('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball], dir);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], outDir: 'out', ...options },
      files: [file],
    }));
    const imports = style === 'require'
      ? `import main = require('helix-customer-rules');\nimport web = require('helix-customer-rules/web');\n` +
        `import type { ${types} } from 'helix-customer-rules';\nconst { validate, rules } = main;\n` +
        'const init = web.default;\nconst webValidate = web.validate;\n'
      : `import { validate, rules } from 'helix-customer-rules';\nimport type { ${types} } from 'helix-customer-rules';\n` +
        "import init, { validate as webValidate } from 'helix-customer-rules/web';\n";
    writeFileSync(join(dir, file), imports + common);
    try {
      run(bin('tsc'), ['-p', '.'], dir);
    } catch (e) {
      throw new Error(`${name}: tsc failed:\n${e.stdout}${e.stderr}`);
    }
    if (execute) {
      const out = join(dir, 'out', file.replace(/\.([cm]?)ts$/, '.$1js'));
      let printed;
      try {
        printed = run(process.execPath, [out], dir);
      } catch (e) {
        throw new Error(`${name}: the compiled consumer failed:\n${e.stdout}${e.stderr}`);
      }
      if (!printed.startsWith('ok 60302')) throw new Error(`${name}: printed ${printed}`);
    }
    console.log(`consumer ${name}: compiles${execute ? ' and runs' : ''}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
