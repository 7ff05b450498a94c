// What both entries do before the WebAssembly module sees a request: turn the caller's object
// into JSON text without changing anything silently, read the options, and pick the day.
// An ES module; the build writes a CommonJS copy (pkg/document.cjs) for the Node entry.

// Deeper than this, the quick check hands over to the step-by-step writer below, which has no
// depth limit (the engine then answers exactly as for the same text) and notices cycles.
const QUICK_DEPTH = 64;

/** True when JSON.stringify(value) is exactly the value: plain data, finite numbers, shallow. */
function plain(value, depth) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > QUICK_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (item === undefined || !plain(item, depth + 1)) return false;
        }
        return true;
      }
      // Dates, Maps and class instances take the careful path (toJSON, refusals).
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        const item = value[key];
        // An undefined property is absent, as JSON.stringify leaves it out.
        if (item !== undefined && !plain(item, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const step = (path, key) => {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENT.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
};
const where = (path) => (path === '' ? 'the request document' : path);

/** Why a value cannot be sent, or null when it can (after toJSON and unboxing). */
function refusal(value) {
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) return 'NaN cannot be sent as JSON (JSON.stringify would send null)';
      if (!Number.isFinite(value)) {
        return `${value > 0 ? 'Infinity' : '-Infinity'} cannot be sent as JSON (JSON.stringify would send null)`;
      }
      return null;
    case 'bigint':
      return 'a BigInt cannot be sent as JSON (pass a number, or the digits as a string)';
    case 'function':
      return 'a function cannot be sent as JSON (JSON.stringify would drop it)';
    case 'symbol':
      return 'a symbol cannot be sent as JSON (JSON.stringify would drop it)';
    default:
      return null;
  }
}

function fail(path, why) {
  throw new TypeError(`${where(path)}: ${why}`);
}

/** The value JSON.stringify would write for `value` under `key`, or a TypeError naming `path`. */
function resolve(holder, key, value, path) {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint') && typeof value.toJSON === 'function') {
    if (value instanceof Date && Number.isNaN(value.getTime())) {
      fail(path, 'an invalid Date cannot be sent as JSON (JSON.stringify would send null)');
    }
    value = value.toJSON(typeof key === 'number' ? String(key) : key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    fail(path, `a ${value.constructor.name} cannot be sent as JSON (JSON.stringify would send {}); use a plain object or array`);
  }
  const why = refusal(value);
  if (why) fail(path, why);
  return value;
}

/**
 * JSON text of any depth, written step by step (no recursion, so no stack overflow), with the
 * path of anything JSON cannot carry. Used for what the quick check declines.
 */
function careful(root) {
  const out = [];
  const open = new Set();
  // Each frame: the container, its keys (objects), the next index, its path, a comma flag.
  const stack = [];
  const enter = (value, path) => {
    if (value === null || typeof value !== 'object') {
      out.push(JSON.stringify(value));
      return;
    }
    if (open.has(value)) fail(path, 'the object contains itself (a cycle), which JSON cannot carry');
    open.add(value);
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ value, keys: null, i: 0, path, first: true });
    } else {
      out.push('{');
      stack.push({ value, keys: Object.keys(value), i: 0, path, first: true });
    }
  };
  enter(resolve(undefined, '', root, ''), '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { value, keys } = frame;
    const length = keys === null ? value.length : keys.length;
    if (frame.i >= length) {
      out.push(keys === null ? ']' : '}');
      open.delete(value);
      stack.pop();
      continue;
    }
    const key = keys === null ? frame.i : keys[frame.i];
    frame.i += 1;
    const path = step(frame.path, key);
    const item = value[key];
    if (keys === null) {
      // In an array JSON.stringify writes null for undefined: that would change the list.
      if (item === undefined) fail(path, 'undefined cannot be sent as JSON in a list (JSON.stringify would send null)');
      const resolved = resolve(value, key, item, path);
      if (resolved === undefined) fail(path, 'undefined cannot be sent as JSON in a list (JSON.stringify would send null)');
      if (!frame.first) out.push(',');
      frame.first = false;
      enter(resolved, path);
    } else {
      if (item === undefined) continue;
      const resolved = resolve(value, key, item, path);
      // toJSON may answer undefined: absent, as JSON.stringify has it.
      if (resolved === undefined) continue;
      if (!frame.first) out.push(',');
      frame.first = false;
      out.push(JSON.stringify(key), ':');
      enter(resolved, path);
    }
  }
  return out.join('');
}

/** The request document as JSON text: strings are the text itself. */
export function documentText(request) {
  if (typeof request === 'string') return request;
  if (request === undefined || request === null) {
    throw new TypeError('validate() needs a request document: an object, or its JSON text');
  }
  if (typeof request === 'object' && plain(request, 0)) return JSON.stringify(request);
  return careful(request);
}

const pad = (n, width) => String(n).padStart(width, '0');

/** The host's local calendar day, `YYYY-MM-DD`: what a form's user calls "today". */
export function localToday() {
  const now = new Date();
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

/** The day from `validate()`'s options: `options.today`, or the host's local day. */
export function dayFrom(options) {
  if (options === undefined || options === null) return localToday();
  if (typeof options !== 'object') throw new TypeError('options must be an object such as { today: "2026-01-01" }');
  for (const key of Object.keys(options)) {
    if (key !== 'today') throw new TypeError(`options.${key}: unknown option; the only one is \`today\``);
  }
  const { today } = options;
  if (today === undefined || today === null) return localToday();
  if (typeof today !== 'string') throw new TypeError('options.today must be a YYYY-MM-DD date');
  return today;
}

/** Deep-frozen, so the one catalogue every rules() call returns cannot be changed by a caller. */
export function freeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) freeze(value[key]);
    Object.freeze(value);
  }
  return value;
}
