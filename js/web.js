// Browser entry (an ES module): `import init, { validate, rules } from 'helix-customer-rules/web'`.
// Await init() once (it fetches the .wasm), or call initSync({ module }) with its bytes (for
// server-side rendering), before validate() or rules().
import load, { initSync as loadSync, rulesText, validateText } from './pkg/helix_customer_rules.js';
import { dayFrom, documentText, freeze } from './document.js';

const WASM = 'helix_customer_rules_bg.wasm';
const NOT_READY = 'call init() first: await init() once (or initSync({ module: bytes }) under server-side ' +
  'rendering) before validate() or rules()';

let ready = false;
let loading;
let catalogue;

const nodeHint = () => (typeof process === 'object' && process.versions?.node
  ? ' Under Node (server-side rendering) fetch() cannot read files: call initSync({ module: ' +
    `readFileSync(fileURLToPath(import.meta.resolve('helix-customer-rules/wasm'))) }) instead, or use the main entry 'helix-customer-rules'.`
  : '');

async function fetchModule(source) {
  const url = source instanceof Request ? source.url : String(source);
  let response;
  try {
    response = await fetch(source);
  } catch (e) {
    throw new Error(`init(): could not fetch ${url}: ${e.message}.${nodeHint()}`, { cause: e });
  }
  if (!response.ok) {
    throw new Error(`init(): ${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; ` +
      `serve ${WASM} beside the module or pass init({ module_or_path })`);
  }
  return response;
}

/** Loads the rules; resolves when validate() is ready. Calling it again is harmless. */
export default async function init(options) {
  if (ready) return;
  loading ??= (async () => {
    // `{ module_or_path }`, or (as older wasm-bindgen glue took it) the source itself.
    const given = options !== null && typeof options === 'object' && 'module_or_path' in options ? options.module_or_path : options;
    let source = (await given) ?? new URL(`./pkg/${WASM}`, import.meta.url);
    if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
      source = await fetchModule(source);
    }
    try {
      await load({ module_or_path: source });
    } catch (e) {
      throw new Error(`init(): the WebAssembly module could not be compiled or started: ${e.message}`, { cause: e });
    }
    ready = true;
  })();
  try {
    await loading;
  } catch (e) {
    loading = undefined; // a later call may try again (the network may be back)
    throw e;
  }
}

/** Instantiates the module from its bytes or a compiled WebAssembly.Module, synchronously. */
export function initSync(options) {
  if (ready) return;
  const module = options?.module;
  if (module === undefined) throw new TypeError(`initSync() needs { module }: the bytes of ${WASM} or a WebAssembly.Module`);
  try {
    loadSync({ module });
  } catch (e) {
    throw new Error(`initSync(): the WebAssembly module could not be compiled or started: ${e.message}`, { cause: e });
  }
  ready = true;
}

/** See web.d.ts. */
export function validate(request, options) {
  if (!ready) throw new Error(NOT_READY);
  return JSON.parse(validateText(documentText(request), dayFrom(options)));
}

/** The catalogue, built on the first call and the same frozen array on every call after. */
export function rules() {
  if (!ready) throw new Error(NOT_READY);
  catalogue ??= freeze(JSON.parse(rulesText()));
  return catalogue;
}
