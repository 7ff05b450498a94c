// Node entry (CommonJS; `import` gets the same functions): `validate()` and `rules()`.
// The WebAssembly module is compiled synchronously when this file is first required.
'use strict';

const glue = require('./pkg/helix_customer_rules_node.cjs');
const { documentText, dayFrom, freeze } = require('./pkg/document.cjs');

let catalogue;

/** See index.d.cts. */
function validate(request, options) {
  return JSON.parse(glue.validateText(documentText(request), dayFrom(options)));
}

/** The catalogue, built on the first call and the same frozen array on every call after. */
function rules() {
  if (catalogue === undefined) catalogue = freeze(JSON.parse(glue.rulesText()));
  return catalogue;
}

exports.validate = validate;
exports.rules = rules;
