// Node entry: `import { validate, rules } from 'helix-customer-rules'` or
// `const { validate, rules } = require('helix-customer-rules')`: one CommonJS module for both.
import type { RequestDocument, RuleInfo, ValidateOptions, ValidationResult } from './types.cjs';

export type * from './types.cjs';

/**
 * Validates a request document, given as an object or as its JSON text.
 *
 * Throws an `Error` when the document itself is unusable (an unknown setting, no patch, a bad
 * `context.today`; the message names the key, such as `settings.allowNameUpdate: expected a
 * boolean, found a string`), and a `TypeError` naming the path of a value JSON cannot carry
 * (`NaN`, `Infinity`, a function, a symbol, a `BigInt`, a cycle). Problems of the patch are
 * violations, not errors; a text that is not JSON at all gives a 59950 result.
 */
export declare function validate(request: RequestDocument | string, options?: ValidateOptions): ValidationResult;

/** The rules catalogue, in ascending code order: built once, the same frozen array every call. */
export declare function rules(): readonly RuleInfo[];
