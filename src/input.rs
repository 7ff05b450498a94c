//! What every rule sees: the patch, the settings, the context and the parse report, plus what
//! several rules ask of the patch, worked out once per call: each date parsed, and the type of
//! each of a list's first eight entries classified.

use crate::context::{Context, CustomerKind};
use crate::model::lenient::ParseReport;
use crate::model::{
    Address, AddressRef, AddressView, CustomerPatchView, Entries, Phone, PhoneRef, PhoneView,
};
use crate::settings::ProgramSettings;
use crate::text::dates::{parse_day, DateValue, PackedDate};
use crate::violation::Path;
use crate::vocabulary::{
    type_is, DateProperty, BUSINESS_ADDRESS_TYPES, INDIVIDUAL_ADDRESS_TYPES, PHONE_TYPES,
};

/// How many entries of each list get their type classified when the input is built. Helix
/// takes at most five addresses and three phones, so this covers every list it accepts; a
/// longer list's later entries are classified when a rule asks, by the same function.
const TYPED_ENTRIES: usize = 8;

/// The type of each of a list's first entries, as an index into the list's type names, or
/// [`NO_TYPE`]. A byte each, so the whole is one machine word to build.
struct EntryTypes([u8; TYPED_ENTRIES]);

/// An entry whose type is none of the list's type names.
const NO_TYPE: u8 = u8::MAX;

impl EntryTypes {
    /// The types of an empty list.
    const NONE: EntryTypes = EntryTypes([NO_TYPE; TYPED_ENTRIES]);

    fn of<T>(list: impl Iterator<Item = T>, type_of: impl Fn(T) -> Option<usize>) -> EntryTypes {
        let mut types = [NO_TYPE; TYPED_ENTRIES];
        for (slot, entry) in types.iter_mut().zip(list) {
            // Type lists hold at most five names (asserted beside them), so an index fits.
            *slot = type_of(entry).map_or(NO_TYPE, |i| i as u8);
        }
        EntryTypes(types)
    }

    /// The type of `entry`, which must be entry `i` of the list these were built from (its
    /// index in the whole list, broken entries counted), classified by the same `type_of`.
    fn get<T>(&self, i: usize, entry: T, type_of: impl Fn(T) -> Option<usize>) -> Option<usize> {
        match self.0.get(i) {
            Some(&NO_TYPE) => None,
            Some(&t) => Some(usize::from(t)),
            None => type_of(entry),
        }
    }
}

/// The index of `value` among `types`, matched in any case.
#[inline]
fn type_index(types: &[&str], value: Option<&str>) -> Option<usize> {
    types.iter().position(|t| type_is(value, t))
}

/// What every rule sees.
pub(crate) struct Input<'a> {
    pub(crate) patch: CustomerPatchView<'a>,
    pub(crate) settings: &'a ProgramSettings,
    pub(crate) cx: &'a Context<'a>,
    pub(crate) report: &'a ParseReport,
    /// The date properties, in the order of [`DateProperty::ALL`]: several rules read each.
    dates: [PackedDate; 7],
    /// Five rules ask each entry's type (60350, 66901 and 66907 of addresses, 60351 and
    /// 66801 of phones).
    address_type_ids: EntryTypes,
    phone_type_ids: EntryTypes,
    /// The lists (empty when absent), looked up once: many rules walk them.
    address_list: Entries<'a, Address, AddressRef<'a>>,
    phone_list: Entries<'a, Phone, PhoneRef<'a>>,
}

impl<'a> Input<'a> {
    pub(crate) fn new(
        patch: CustomerPatchView<'a>,
        settings: &'a ProgramSettings,
        cx: &'a Context<'a>,
        report: &'a ParseReport,
    ) -> Input<'a> {
        let dates = DateProperty::all_of(patch);
        let addresses = patch.addresses().unwrap_or(Entries::EMPTY);
        let phones = patch.phones().unwrap_or(Entries::EMPTY);
        // An absent list is tested for before the loops: their constants and saved registers
        // cost a patch without lists about 75 instructions of `minimal`'s 590 (measured).
        // One arm per kind, so each matches against a constant list of names: the list
        // `address_types(kind)` gives, which classifies entries past the first eight.
        // `entry_types_at_every_index_of_long_lists` checks both kinds agree.
        let address_type_ids = match cx.kind() {
            _ if addresses.len() == 0 => EntryTypes::NONE,
            CustomerKind::Individual => EntryTypes::of(addresses.iter(), |a| {
                address_type(&INDIVIDUAL_ADDRESS_TYPES, a)
            }),
            CustomerKind::Business => EntryTypes::of(addresses.iter(), |a| {
                address_type(&BUSINESS_ADDRESS_TYPES, a)
            }),
        };
        let phone_type_ids = if phones.len() == 0 {
            EntryTypes::NONE
        } else {
            EntryTypes::of(phones.iter(), phone_type)
        };
        Input {
            patch,
            settings,
            cx,
            report,
            dates,
            address_type_ids,
            phone_type_ids,
            address_list: addresses,
            phone_list: phones,
        }
    }

    pub(crate) fn is_business(&self) -> bool {
        self.cx.kind() == CustomerKind::Business
    }

    /// The patch's value of a date property.
    pub(crate) fn date(&self, d: DateProperty) -> DateValue {
        self.dates[d as usize].value()
    }

    /// The address types of the customer's kind, in Helix's canonical case.
    pub(crate) fn address_types(&self) -> &'static [&'static str] {
        address_types(self.cx.kind())
    }

    /// The type of address `i` (`a`, as [`Input::addresses`] gives them), as an index into
    /// [`Input::address_types`].
    pub(crate) fn address_type(&self, i: usize, a: AddressView<'_>) -> Option<usize> {
        let names = self.address_types();
        self.address_type_ids.get(i, a, |a| address_type(names, a))
    }

    /// The type of phone `i` (`p`, as [`Input::phones`] gives them), as an index into
    /// [`PHONE_TYPES`].
    pub(crate) fn phone_type(&self, i: usize, p: PhoneView<'_>) -> Option<usize> {
        self.phone_type_ids.get(i, p, phone_type)
    }

    /// Whether a property is an update: set, and (with a current record) different from it.
    pub(crate) fn updated<T: PartialEq>(
        &self,
        get: impl Fn(CustomerPatchView<'a>) -> Option<T>,
    ) -> bool {
        match get(self.patch) {
            None => false,
            Some(v) => self.current().map_or(true, |c| get(c) != Some(v)),
        }
    }

    /// The current record, as the rules read a patch.
    pub(crate) fn current(&self) -> Option<CustomerPatchView<'a>> {
        self.cx.current().map(CustomerPatchView::Typed)
    }

    /// The text the record holds for a property once this update is applied: the patch's
    /// value when it sends one (`""` clears it), else the current record's.
    pub(crate) fn on_record(
        &self,
        get: impl Fn(CustomerPatchView<'a>) -> Option<&'a str>,
    ) -> Option<&'a str> {
        get(self.patch).or_else(|| self.current().and_then(get))
    }

    /// The addresses with their indexes, skipping entries that were not objects.
    pub(crate) fn addresses(&self) -> impl Iterator<Item = (usize, AddressView<'a>)> + '_ {
        self.entries(self.address_list.iter(), "addresses")
    }

    /// The phones with their indexes, skipping entries that were not objects.
    pub(crate) fn phones(&self) -> impl Iterator<Item = (usize, PhoneView<'a>)> + '_ {
        self.entries(self.phone_list.iter(), "phones")
    }

    fn entries<'s, T>(
        &'s self,
        list: impl Iterator<Item = T> + 's,
        name: &'static str,
    ) -> impl Iterator<Item = (usize, T)> + 's {
        list.enumerate()
            .filter(move |(i, _)| !self.report.is_broken_at(|| Path::field(name).index(*i)))
    }

    /// Whether a date property is an update: as [`Input::updated`], except that two texts
    /// naming the same day are equal (`1980-01-01T00:00:00` is `1980-01-01`), and that a text
    /// naming no day counts as absent, as every unreadable property does (it is 59952's).
    pub(crate) fn updated_date(&self, d: DateProperty) -> bool {
        let (Some(text), DateValue::Day(day)) = (d.of(self.patch), self.date(d)) else {
            return false;
        };
        match self.current().and_then(|c| d.of(c)) {
            None => true,
            Some(current) => current != text && parse_day(current) != Some(day),
        }
    }

    /// The addresses of type `wanted` (any case) that are updates: the current record has no
    /// address of that type, or its properties differ from a property the patch address sets.
    ///
    /// Helix keeps one address per type, so the first current address of the type is the one
    /// compared; looking it up once keeps the cost linear in both lists.
    pub(crate) fn updated_addresses<'s>(
        &'s self,
        wanted: &'static str,
    ) -> impl Iterator<Item = usize> + 's {
        let current = self
            .cx
            .current()
            .and_then(|c| c.addresses.as_deref())
            .and_then(|list| {
                list.iter()
                    .find(|c| type_is(c.address_type.as_deref(), wanted))
            })
            .map(AddressView::Typed);
        self.addresses()
            .filter(move |(_, a)| type_is(a.address_type(), wanted))
            .filter(move |(_, a)| !current.is_some_and(|c| same_address(*a, c)))
            .map(|(i, _)| i)
    }
}

fn address_types(kind: CustomerKind) -> &'static [&'static str] {
    match kind {
        CustomerKind::Business => &BUSINESS_ADDRESS_TYPES,
        CustomerKind::Individual => &INDIVIDUAL_ADDRESS_TYPES,
    }
}

fn address_type(names: &[&str], a: AddressView<'_>) -> Option<usize> {
    type_index(names, a.address_type())
}

fn phone_type(p: PhoneView<'_>) -> Option<usize> {
    type_index(&PHONE_TYPES, p.phone_type())
}

/// Every property the patch address sets equals the current address's.
fn same_address(a: AddressView<'_>, c: AddressView<'_>) -> bool {
    same(a.address_line1(), c.address_line1())
        && same(a.address_line2(), c.address_line2())
        && same(a.address_line3(), c.address_line3())
        && same(a.address_line4(), c.address_line4())
        && same(a.city(), c.city())
        && same(a.state(), c.state())
        && same(a.postal_code(), c.postal_code())
        && same(a.country(), c.country())
        && same(a.is_active(), c.is_active())
}

/// A patch value equals the current one, or is not set (`null` changes nothing).
#[allow(clippy::needless_pass_by_value)] // `Option<&str>`, `Option<bool>`: copies
fn same<T: PartialEq>(patch: Option<T>, current: Option<T>) -> bool {
    patch.is_none() || patch == current
}
