// Browser entry: `import init, { validate, rules } from 'helix-customer-rules/web'`.
// Await `init()` once before `validate()` or `rules()`; under server-side rendering call
// `initSync({ module: bytes })` instead.
import type { RequestDocument, RuleInfo, ValidateOptions, ValidationResult } from './types.js';

export type * from './types.js';

/** Where the `.wasm` comes from; by default `pkg/helix_customer_rules_bg.wasm` beside this module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Fetches and instantiates the module; resolves when `validate()` is ready. Safe to call again.
 * Rejects with an `Error` saying why: the fetch failed (under Node: use `initSync`), the server
 * answered an HTTP error, or the bytes are not the module.
 */
export default function init(options?: { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;

/**
 * Instantiates the module synchronously from its bytes or a compiled `WebAssembly.Module`: the
 * path for server-side rendering, e.g.
 * `initSync({ module: readFileSync(fileURLToPath(import.meta.resolve('helix-customer-rules/wasm'))) })`.
 */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): void;

/** As in Node (see `index.d.cts`); throws `call init() first` before `init()` has resolved. */
export function validate(request: RequestDocument | string, options?: ValidateOptions): ValidationResult;

/** The rules catalogue, in ascending code order: built once, the same frozen array every call. */
export function rules(): readonly RuleInfo[];
