// The browser entry's API for CommonJS code under Node (test runners such as Jest, server-side
// rendering): the same functions and the same "call init() first" contract, on the Node build.
'use strict';

const main = require('./index.cjs');

const NOT_READY = 'call init() first: await init() once (or initSync({ module: bytes }) under server-side ' +
  'rendering) before validate() or rules()';
let ready = false;

/** Resolves at once: under Node the module is already compiled. */
async function init() {
  ready = true;
}

/** Ready at once: under Node the module is already compiled. */
function initSync() {
  ready = true;
}

function validate(request, options) {
  if (!ready) throw new Error(NOT_READY);
  return main.validate(request, options);
}

function rules() {
  if (!ready) throw new Error(NOT_READY);
  return main.rules();
}

Object.defineProperty(exports, '__esModule', { value: true });
exports.default = init;
exports.init = init;
exports.initSync = initSync;
exports.validate = validate;
exports.rules = rules;
