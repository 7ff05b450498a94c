// The live form: builds the request document from the inputs on every change, validates it
// with the WebAssembly build, and shows each violation beside the field its path points to.
import init, { validate } from '../pkg/web/helix_customer_rules.js';

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
// renumber after every add or remove.
function numberRows() {
  for (const [list, container] of Object.entries(rowsOf)) {
    [...container.children].forEach((row, i) => {
      row.dataset.path = `/${list}/${i}`;
      row.querySelector('.row-errors').dataset.errorsFor = row.dataset.path;
      for (const field of row.querySelectorAll('.field')) {
        field.dataset.path = `${row.dataset.path}/${field.querySelector('input').name}`;
      }
    });
  }
}

// An empty input is an absent property: "null means no change" on the wire.
function valuesOf(scope) {
  const out = {};
  for (const input of scope.querySelectorAll(':scope input')) {
    if (input.value !== '') out[input.name] = input.value;
  }
  return out;
}

function requestDocument() {
  const patch = {};
  for (const input of form.querySelectorAll('fieldset:first-of-type input')) {
    if (input.value === '') continue;
    // A customer id that is not a number is sent as typed, so its type error shows too.
    patch[input.name] = input.name === 'customerId' && /^\d+$/.test(input.value) ? Number(input.value) : input.value;
  }
  for (const [list, container] of Object.entries(rowsOf)) {
    if (container.children.length > 0) patch[list] = [...container.children].map(valuesOf);
  }
  const settings = {};
  for (const box of settingsForm.querySelectorAll('input[type=checkbox]')) settings[box.name] = box.checked;
  const context = {};
  if (settingsForm.today.value) context.today = settingsForm.today.value;
  const taken = settingsForm.takenTags.value.split(',').map((t) => t.trim()).filter(Boolean);
  // The tags belong to some other customer; which one does not matter to the rule.
  if (taken.length > 0) context.tagOwners = Object.fromEntries(taken.map((t) => [t, 0]));
  return { patch, settings, context };
}

// Where a violation shows: the element its path names, or failing that its nearest ancestor
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

function show(violations) {
  for (const old of form.querySelectorAll('.violation')) old.remove();
  for (const field of form.querySelectorAll('.invalid')) field.classList.remove('invalid');
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const v of violations) {
    const place = placeFor(v.path);
    const note = document.createElement('p');
    note.className = 'violation';
    note.dataset.code = v.code;
    note.dataset.path = v.path;
    const code = document.createElement('code');
    code.textContent = v.code;
    note.append(code, ` ${v.message}`);
    place.append(note);
    if (place.classList.contains('field')) {
      place.classList.add('invalid');
      place.querySelector('input').setAttribute('aria-invalid', 'true');
    }
  }
}

function update() {
  numberRows();
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
  show(result.violations);
  const n = result.violations.length;
  status.className = `status ${result.valid ? 'ok' : 'bad'}`;
  status.textContent = result.valid
    ? 'Helix would accept this update.'
    : `Helix would reject this update: ${n} violation${n === 1 ? '' : 's'}.`;
}

await init();

addRow('addresses', {
  addressType: 'Residence', addressLine1: '12 Marylebone Rd', city: 'Ames', state: 'IA', postalCode: '50010', country: 'US',
});
addRow('phones', { phoneType: 'Mobile', number: '5152221212' });
document.getElementById('add-address').addEventListener('click', () => {
  addRow('addresses');
  update();
});
document.getElementById('add-phone').addEventListener('click', () => {
  addRow('phones');
  update();
});
for (const f of [form, settingsForm]) {
  f.addEventListener('input', update);
  f.addEventListener('change', update);
  f.addEventListener('submit', (e) => e.preventDefault());
}
update();
document.body.dataset.ready = 'true';
