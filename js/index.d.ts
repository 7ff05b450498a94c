// Node entry: `import { validate, rules } from 'helix-customer-rules'` (or `require`).
import type { RequestDocument, RuleInfo, ValidateOptions, ValidationResult } from './types.js';

export type * from './types.js';

/**
 * Validates a request document, given as an object or as its JSON text. Throws an `Error` when
 * the document itself is unusable (unknown setting, no patch, bad `context.today`); problems of
 * the patch are violations.
 */
export function validate(request: RequestDocument | string, options?: ValidateOptions): ValidationResult;

/** The rules catalogue, in ascending code order. */
export function rules(): RuleInfo[];
