// The live form: builds the request document from the inputs on every change, validates it
// with the WebAssembly build, and shows each violation (and each warning) beside the field its
// path points to, linked to that field with aria-describedby.
import init, { validate } from '../web.js';

const form = document.getElementById('customer');
const settingsForm = document.getElementById('settings');
const status = document.getElementById('status');

const rowsOf = {
  addresses: document.getElementById('addresses'),
  phones: document.getElementById('phones'),
};
const templateOf = {
  addresses: document.getElementById('address-row'),
  phones: document.getElementById('phone-row'),
};
const rowNoun = { addresses: 'Address', phones: 'Phone' };
const typeKey = { addresses: 'addressType', phones: 'phoneType' };

/** A row's name for people: "Address 2 (Mailing)". */
function rowName(list, row, i) {
  const type = row.querySelector(`input[name=${typeKey[list]}]`).value.trim();
  return `${rowNoun[list]} ${i + 1}${type ? ` (${type})` : ''}`;
}

function addRow(list, values = {}) {
  const row = templateOf[list].content.firstElementChild.cloneNode(true);
  for (const input of row.querySelectorAll('input')) input.value = values[input.name] ?? '';
  row.querySelector('.remove').addEventListener('click', () => {
    row.remove();
    update();
  });
  rowsOf[list].append(row);
}

// Paths are JSON Pointers into the body, so a row's fields are addressed by the row's index:
// renumber after every add or remove. Every field gets an id, a label `for` it, and a notes
// box the input is described by.
function numberFields() {
  for (const [list, container] of Object.entries(rowsOf)) {
    [...container.children].forEach((row, i) => {
      row.dataset.path = `/${list}/${i}`;
      const name = rowName(list, row, i);
      row.setAttribute('aria-label', name);
      row.dataset.name = name;
      row.querySelector('.row-errors').dataset.errorsFor = row.dataset.path;
      row.querySelector('.row-errors').id = `errors${row.dataset.path.replaceAll('/', '-')}`;
      row.setAttribute('aria-describedby', row.querySelector('.row-errors').id);
      row.querySelector('.remove').textContent = 'Remove';
      row.querySelector('.remove').setAttribute('aria-label', `Remove ${name}`);
      for (const field of row.querySelectorAll('.field')) {
        field.dataset.path = `${row.dataset.path}/${field.querySelector('input').name}`;
      }
    });
  }
  for (const field of form.querySelectorAll('.field')) {
    const id = `f${field.dataset.path.replaceAll('/', '-')}`;
    const input = field.querySelector('input');
    input.id = id;
    field.querySelector('label').htmlFor = id;
    let notes = field.querySelector('.notes');
    if (!notes) {
      notes = document.createElement('div');
      notes.className = 'notes';
      field.append(notes);
    }
    notes.id = `${id}-notes`;
    input.setAttribute('aria-describedby', notes.id);
  }
}

/** A field's name for people, for the live region: "First name", "Address 2 (Mailing): city". */
function fieldName(place) {
  if (place.classList.contains('field')) {
    const label = place.querySelector('label').textContent;
    const row = place.closest('.row');
    if (row) return `${row.dataset.name}: ${label.toLowerCase()}`;
    // Fields of a section other than the first are named under it ("Foreign identity document: type").
    const section = place.closest('fieldset');
    return section && section !== form.querySelector('fieldset') ? `${section.querySelector('legend').textContent}: ${label.toLowerCase()}` : label;
  }
  const row = place.closest('.row');
  if (row) return row.dataset.name;
  const legend = place.closest('fieldset')?.querySelector('legend');
  return legend ? `${legend.textContent} (the list)` : 'the request as a whole';
}

// An empty input is an absent property: "null means no change" on the wire.
function valuesOf(scope) {
  const out = {};
  for (const input of scope.querySelectorAll(':scope input')) {
    if (input.value !== '') out[input.name] = input.value;
  }
  return out;
}

function patchOfForm() {
  const patch = {};
  for (const input of form.querySelectorAll('fieldset:not([data-path]) input')) {
    // A checkbox is a boolean property: sent when ticked, or when the customer has it on now.
    if (input.type === 'checkbox') {
      if (input.checked || current[input.name] === true) patch[input.name] = input.checked;
      continue;
    }
    if (input.value === '') continue;
    // A customer id that is not a number is sent as typed, so its type error shows too.
    patch[input.name] = input.name === 'customerId' && /^\d+$/.test(input.value) ? Number(input.value) : input.value;
  }
  for (const [list, container] of Object.entries(rowsOf)) {
    if (container.children.length > 0) patch[list] = [...container.children].map(valuesOf);
  }
  return patch;
}

// The values the form opens with are the customer as Helix has it now: sent as
// context.current, so a property the user leaves as it was is no update (60306, 60450...).
let current = {};

function requestDocument() {
  const settings = {};
  for (const box of settingsForm.querySelectorAll('input[type=checkbox]')) settings[box.name] = box.checked;
  const types = settingsForm.foreignDocumentTypes.value.split(',').map((t) => t.trim()).filter(Boolean);
  if (types.length > 0) settings.foreignDocumentTypes = types;
  const context = { current };
  if (settingsForm.today.value) context.today = settingsForm.today.value;
  const taken = settingsForm.takenTags.value.split(',').map((t) => t.trim()).filter(Boolean);
  // The tags belong to some other customer; which one does not matter to the rule.
  if (taken.length > 0) context.tagOwners = Object.fromEntries(taken.map((t) => [t, 0]));
  return { patch: patchOfForm(), settings, context };
}

// Where a note shows: the field its path names, or failing that its nearest ancestor
// (`/phones/1` for a phone as a whole, `` for the body).
function placeFor(path) {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const field = form.querySelector(`.field[data-path="${CSS.escape(p)}"]`);
    if (field) return field;
    const box = form.querySelector(`.errors[data-errors-for="${CSS.escape(p)}"]`);
    if (box) return box;
    if (p === '') return form.querySelector('.form-errors');
  }
}

function note(v, kind, repeatOf) {
  const p = document.createElement('p');
  p.className = kind;
  p.dataset.code = v.code;
  p.dataset.path = v.path;
  const code = document.createElement('code');
  code.textContent = v.code;
  // The same message in a row (KYC freezes every identity field alike) is written out once;
  // the fields after it point back to the first.
  p.append(code, repeatOf ? ` Same as ${repeatOf}.` : ` ${v.message}`);
  if (repeatOf) p.title = v.message;
  return p;
}

function show(result) {
  for (const old of form.querySelectorAll('.violation, .warning')) old.remove();
  for (const field of form.querySelectorAll('.invalid, .warned')) field.classList.remove('invalid', 'warned');
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const named = { violation: [], warning: [] };
  for (const [list, kind] of [[result.violations, 'violation'], [result.warnings ?? [], 'warning']]) {
    let previous = null;
    // In reading order (the engine orders by code, then path), so "the same message in a row"
    // means as the user reads the form.
    const placed = list.map((v) => ({ v, place: placeFor(v.path) }));
    placed.sort((a, b) => (a.place === b.place ? 0
      : a.place.compareDocumentPosition(b.place) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const { v, place } of placed) {
      const name = fieldName(place);
      const repeat = previous && previous.message === v.message && previous.code === v.code ? previous.name : null;
      const box = place.classList.contains('field') ? place.querySelector('.notes') : place;
      box.append(note(v, kind, repeat));
      if (place.classList.contains('field')) {
        place.classList.add(kind === 'violation' ? 'invalid' : 'warned');
        if (kind === 'violation') place.querySelector('input').setAttribute('aria-invalid', 'true');
      }
      if (!repeat) previous = { message: v.message, code: v.code, name };
      if (!named[kind].includes(name)) named[kind].push(name);
    }
  }
  return named;
}

const and = (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** "First name, Address 2 (Mailing): city and state": a row's fields are named after it once. */
function listing(names) {
  const groups = [];
  for (const name of names) {
    const [row, field] = name.includes(': ') ? name.split(': ') : [null, name];
    const last = groups.at(-1);
    if (row !== null && last?.row === row) last.fields.push(field);
    else groups.push({ row, fields: [field] });
  }
  return and(groups.map((g) => (g.row === null ? g.fields[0] : `${g.row}: ${and(g.fields)}`)));
}
let lastStatus = '';

function update() {
  numberFields();
  const doc = requestDocument();
  document.getElementById('request').textContent = JSON.stringify(doc, null, 2);
  let result;
  try {
    result = validate(doc);
  } catch (e) {
    status.className = 'status error';
    status.textContent = e.message;
    return;
  }
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
  const named = show(result);
  const n = result.violations.length;
  const warned = named.warning.length > 0 ? ` Warnings at ${listing(named.warning)}.` : '';
  const text = result.valid
    ? `Helix would accept this update.${warned}`
    : `Helix would reject this update: ${n} violation${n === 1 ? '' : 's'}, at ${listing(named.violation)}.${warned}`;
  // Announce only a change: typing that changes nothing is not read out again.
  if (text !== lastStatus) {
    status.className = `status ${result.valid ? 'ok' : 'bad'}`;
    status.textContent = text;
    lastStatus = text;
  }
  const on = [...settingsForm.querySelectorAll('input[type=checkbox]')]
    .filter((b) => b.checked !== b.defaultChecked).map((b) => b.parentElement.textContent.trim());
  document.getElementById('settings-summary').textContent = on.length ? `(${on.length} changed)` : '(defaults)';
}

try {
  await init();
} catch (e) {
  window.rulesFailed?.(e.message);
  throw e;
}

addRow('addresses', {
  addressType: 'Residence', addressLine1: '12 Marylebone Rd', city: 'Ames', state: 'IA', postalCode: '50010', country: 'US',
});
addRow('phones', { phoneType: 'Mobile', number: '5152221212' });
numberFields();
current = patchOfForm();
document.getElementById('add-address').addEventListener('click', () => {
  addRow('addresses');
  update();
  rowsOf.addresses.lastElementChild.querySelector('input').focus();
});
document.getElementById('add-phone').addEventListener('click', () => {
  addRow('phones');
  update();
  rowsOf.phones.lastElementChild.querySelector('input').focus();
});
for (const f of [form, settingsForm]) {
  f.addEventListener('input', update);
  f.addEventListener('change', update);
  f.addEventListener('submit', (e) => e.preventDefault());
}
// On a phone the settings come first and start folded, so the form is one tap below them.
if (matchMedia('(max-width: 860px)').matches) document.getElementById('settings-panel').open = false;
update();
document.body.dataset.ready = 'true';
