// Browser entry: `import init, { validate, rules } from 'helix-customer-rules/web'`.
// Call (and await) `init()` once before `validate()` or `rules()`.
import type { RequestDocument, RuleInfo, ValidateOptions, ValidationResult } from './types.js';

export type * from './types.js';

/** Where the `.wasm` comes from; by default, beside this module (`new URL(..., import.meta.url)`). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches and instantiates the module; resolves when `validate()` is ready. Safe to call twice. */
export default function init(
  options?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Instantiates the module from bytes or a compiled `WebAssembly.Module`, synchronously. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/** As in Node: see `index.d.ts`. */
export function validate(request: RequestDocument | string, options?: ValidateOptions): ValidationResult;

/** The rules catalogue, in ascending code order. */
export function rules(): RuleInfo[];
