// Compiled, never run (the first step of `npm test`): the declarations accept what the README shows
// and give the result its types.
import { rules, validate } from 'helix-customer-rules';
import type { RequestDocument, RuleInfo, ValidationResult, Violation } from 'helix-customer-rules';
import init, { initSync, validate as validateInBrowser } from 'helix-customer-rules/web';

const address = { addressType: 'Residence', addressLine1: 'PO Box 7', city: 'Ames', state: 'IA', postalCode: '50010', country: 'US' };
const doc: RequestDocument = {
  patch: { customerId: 42, gender: 'X', addresses: [address], middleName: null },
  settings: { dpsClient: true, industryClassificationCodeIds: [1, 2] },
  context: { today: '2026-01-01', customerKind: 'business', current: { tag: 'a' }, tagOwners: { a: 7 } },
};
const result: ValidationResult = validate(doc, { today: '2026-01-01' });
const first: Violation | undefined = result.violations[0];
const code: number | undefined = first?.code;
const text: ValidationResult = validate('{"patch": {}}');
const raw: ValidationResult = validate({ patchText: 'not json' });
const catalogue: readonly RuleInfo[] = rules();
const warned: Violation[] = validate({ patch: {}, ignore: [60302] }).warnings;
// @ts-expect-error: the catalogue is frozen.
catalogue[0].code = 1;
const switches: string[] = catalogue.flatMap((r) => r.settings);

async function browser(): Promise<boolean> {
  await init();
  await init({ module_or_path: '/assets/helix_customer_rules_bg.wasm' });
  return validateInBrowser({ patch: { emailAddress: 'ada@' } }).valid;
}

// @ts-expect-error: a misspelled setting is not a ProgramSettings key.
validate({ patch: {}, settings: { allowNameUpdates: false } });
// @ts-expect-error: patch and patchText are exclusive.
validate({ patch: {}, patchText: '{}' });
// @ts-expect-error: options take only `today`.
validate({ patch: {} }, { day: '2026-01-01' });

function serverSide(bytes: Uint8Array): boolean {
  initSync({ module: bytes });
  return validateInBrowser({ patch: {} }).valid;
}

export { browser, code, raw, serverSide, switches, text, warned };
