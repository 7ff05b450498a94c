// Reads the golden case files of the Rust tests (../tests/cases/*.json), unchanged.
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../tests/cases/', import.meta.url);

/** Every case: `{ file, name, request, expected, today }`, files in name order. */
export function goldenCases() {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no golden files in ${dir.pathname}`);
  return files.flatMap((file) => {
    const doc = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.today ?? '')) {
      throw new Error(`${file}: top-level "today" must be a YYYY-MM-DD date`);
    }
    return doc.cases.map((c) => ({ file, today: doc.today, ...c }));
  });
}

/**
 * What the Rust harness (tests/golden.rs) compares: `{expected, warnings}`, the violation and
 * warning lists, or `{expected: "request error: <message>", warnings: []}` when the document is
 * refused. `expected(c)` gives a case's side of the comparison.
 */
export function outcome(validate, request, today) {
  let result;
  try {
    result = validate(request, { today });
  } catch (e) {
    return { expected: `request error: ${e.message}`, warnings: [] };
  }
  // `valid` is part of the printed result: it must agree with the list.
  if (result.valid !== (result.violations.length === 0)) {
    throw new Error(`valid is ${result.valid} with ${result.violations.length} violations`);
  }
  return { expected: result.violations, warnings: result.warnings };
}

/** A golden case's expected lists, in the shape `outcome` returns (no `warnings` key: none). */
export function expected(c) {
  return { expected: c.expected, warnings: c.warnings ?? [] };
}

/** A case's expected violations, or none for a case that expects a request error. */
export function violationsOf(c) {
  return Array.isArray(c.expected) ? c.expected : [];
}
