//! The request body of `POST /customer/update`: [`CustomerPatch`] with its [`Address`] and
//! [`Phone`] entries, under Helix's camelCase wire names.
//!
//! Every property is an `Option`: absent and `null` both mean "no change" (the first-party SDKs
//! send unchanged properties as `null`). Dates stay strings, exactly as written, because whether
//! the text is a date at all is itself a rule (59952). Properties the schema does not know are
//! kept in `unknown` and written back on serialization: nothing the caller sent is dropped.
//!
//! New properties are new fields: see [the growth policy](crate#growth-new-properties-are-not-breaking-changes).

pub(crate) mod lenient;
mod scan;

pub(crate) use scan::Scanner;

use std::borrow::Cow;
use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use lenient::{ParseReport, ReadObject, Scalar};

use crate::violation::{ParsePathError, Path, MAX_DEPTH};

macro_rules! kind_ty {
    (Str) => {
        String
    };
    (Date) => {
        String
    };
    (Bool) => {
        bool
    };
    (Int) => {
        i64
    };
}

/// A kind's own field in the borrowed reader: text lives in the struct's `text` slots (one per
/// text property, so a string is stored without a dispatch on which property it is), so a text
/// kind's field is empty.
macro_rules! kind_ref_field {
    (Str, $a:lifetime) => {
        ()
    };
    (Date, $a:lifetime) => {
        ()
    };
    (Bool, $a:lifetime) => {
        Option<bool>
    };
    (Int, $a:lifetime) => {
        Option<i64>
    };
}

/// `None`, once per property it is given.
macro_rules! none_for {
    ($field:ident) => {
        None
    };
}

/// The place a borrowed read keeps a property: its text slot, or its own field.
macro_rules! kind_ref_place {
    (Str, $p:expr, $index:expr, $field:ident) => {
        $p.text[$index]
    };
    (Date, $p:expr, $index:expr, $field:ident) => {
        $p.text[$index]
    };
    (Bool, $p:expr, $index:expr, $field:ident) => {
        $p.$field
    };
    (Int, $p:expr, $index:expr, $field:ident) => {
        $p.$field
    };
}

/// A kind as a view gives it: text as `&str`, the rest by value.
macro_rules! kind_view_ty {
    (Str, $a:lifetime) => {
        &$a str
    };
    (Date, $a:lifetime) => {
        &$a str
    };
    (Bool, $a:lifetime) => {
        bool
    };
    (Int, $a:lifetime) => {
        i64
    };
}

/// Reads a field of either form as the view gives it.
macro_rules! kind_view_get {
    (Str, $e:expr) => {
        $e.as_deref()
    };
    (Date, $e:expr) => {
        $e.as_deref()
    };
    (Bool, $e:expr) => {
        $e
    };
    (Int, $e:expr) => {
        $e
    };
}

/// A borrowed field made owned (`'static` or the owned struct's type).
macro_rules! kind_own {
    (Str, $e:expr) => {
        $e.map(Cow::into_owned)
    };
    (Date, $e:expr) => {
        $e.map(Cow::into_owned)
    };
    (Bool, $e:expr) => {
        $e
    };
    (Int, $e:expr) => {
        $e
    };
}

/// How a kind reads a raw value: dates are text, but a number is no date, so they do not take
/// the number-as-text reading free text does (58007).
macro_rules! kind_read {
    (Str) => {
        <Cow<'de, str> as Scalar<'de>>::read
    };
    (Date) => {
        lenient::read_date
    };
    (Bool) => {
        <bool as Scalar<'de>>::read
    };
    (Int) => {
        <i64 as Scalar<'de>>::read
    };
}

/// Whether a kind holds text (free text, or a date as written): its value must never reach a
/// `Debug` print, and the crate's reader expects a string there.
macro_rules! kind_text {
    (Str) => {
        true
    };
    (Date) => {
        true
    };
    (Bool) => {
        false
    };
    (Int) => {
        false
    };
}

/// The type of the hidden field that keeps a literal from writing out every field of a wire
/// struct: public, so struct update syntax can copy it from a default, but with no way to
/// build one outside the crate. See [the growth policy](crate#growth-new-properties-are-not-breaking-changes).
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct NonExhaustive(());

impl fmt::Debug for NonExhaustive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("..")
    }
}

/// A list as a view gives it: the typed entries or the borrowed ones.
pub(crate) enum Entries<'a, T, R> {
    Typed(&'a [T]),
    Read(&'a [R]),
}

// By hand: a derive would ask `T: Copy` of the entries, when only the slices are copied.
impl<T, R> Clone for Entries<'_, T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, R> Copy for Entries<'_, T, R> {}

/// The entries of a list, in order, as views (a plain index: measured well below a chain of
/// the two slices' iterators).
pub(crate) struct EntryIter<'a, T, R> {
    list: Entries<'a, T, R>,
    at: usize,
}

impl<T, R> Entries<'_, T, R> {
    /// No entries at all.
    pub(crate) const EMPTY: Self = Entries::Typed(&[]);

    /// How many entries the list has (unreadable ones included).
    pub(crate) fn len(self) -> usize {
        match self {
            Entries::Typed(l) => l.len(),
            Entries::Read(l) => l.len(),
        }
    }
}

macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $rname:ident / $vname:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $kind:ident = $wire:literal, )*
        }
        lists {
            $( $(#[doc = $ldoc:literal])* $lfield:ident : $lty:ident / $lref:ident / $lview:ident = $lwire:literal, )*
        }
    ) => {
        wire_struct!(@split [$(#[$meta])*] $name $rname
            [ $( $(#[doc = $fdoc])* $field : $kind, )* ] [] []
            { $( $(#[doc = $ldoc])* $lfield : $lty / $lref, )* });

        impl Default for $name {
            /// Every property `None` (no change), nothing unknown.
            fn default() -> Self {
                $name {
                    $( $field: None, )*
                    $( $lfield: None, )*
                    unknown: Map::new(),
                    _non_exhaustive: NonExhaustive(()),
                }
            }
        }

        impl $name {
            /// The wire names of the properties this type knows, in declaration order.
            pub const PROPERTIES: &'static [&'static str] = &[$($wire,)* $($lwire,)*];
        }

        /// The same properties as the reader finds them in a body: text borrowed from it
        /// (owned only where the JSON had escapes), so reading a body copies no string.
        // In C's layout, the text slots first: each slot sits where the typed struct keeps the
        // same property, so a view's two arms read one offset (measured: an accessor that
        // reads two offsets cost typed `minimal` 8% of its instructions).
        #[repr(C)]
        pub(crate) struct $rname<'a> {
            /// The text properties, in the order of the typed struct's text fields.
            pub(crate) text: [Option<Cow<'a, str>>; $rname::TEXTS],
            $( pub(crate) $field: kind_ref_field!($kind, 'a), )*
            $( pub(crate) $lfield: Option<Vec<$lref<'a>>>, )*
            pub(crate) unknown: Map<String, Value>,
        }

        impl $rname<'_> {
            /// How many text properties the type has (the slots).
            const TEXTS: usize = lenient::text_slot(
                <$rname<'static> as ReadObject<'static>>::TEXT,
                usize::MAX,
            );
            /// Each scalar's slot, by its index (meaningless for a property that is not text).
            const SLOT_OF: &'static [usize] = &[$( $name::$field, )*];
        }

        // Each text property's slot: its place among the text properties.
        #[allow(non_upper_case_globals, dead_code)]
        impl $name {
            $( pub(crate) const $field: usize = lenient::text_slot(
                <$rname<'static> as ReadObject<'static>>::TEXT,
                lenient::wire_index($name::PROPERTIES, $wire),
            ); )*
        }

        impl $rname<'_> {
            /// The typed struct, every text copied.
            pub(crate) fn into_owned(mut self) -> $name {
                $name {
                    $( $field: kind_own!($kind, kind_ref_place!($kind, self, $name::$field, $field).take()), )*
                    $( $lfield: self.$lfield.map(|l| l.into_iter().map($lref::into_owned).collect()), )*
                    unknown: self.unknown,
                    _non_exhaustive: NonExhaustive(()),
                }
            }

            /// The same, borrowing nothing (for a body read from a buffer that is dropped).
            pub(crate) fn into_static(self) -> $rname<'static> {
                $rname {
                    text: self.text.map(|t| t.map(|t| Cow::Owned(t.into_owned()))),
                    $( $field: self.$field, )*
                    $( $lfield: self.$lfield.map(|l| l.into_iter().map($lref::into_static).collect()), )*
                    unknown: self.unknown,
                }
            }
        }

        // Each property's index in `NAMES`, for `read_at`'s match.
        #[allow(non_upper_case_globals)]
        impl $rname<'_> {
            $( pub(crate) const $field: usize = lenient::wire_index($name::PROPERTIES, $wire); )*
            $( pub(crate) const $lfield: usize = lenient::wire_index($name::PROPERTIES, $lwire); )*
        }

        impl<'de> ReadObject<'de> for $rname<'de> {
            const NAMES: &'static [lenient::WireName] = &[
                $( lenient::WireName::new(concat!("\"", $wire, "\"")), )*
                $( lenient::WireName::new(concat!("\"", $lwire, "\"")), )*
            ];

            const TEXT: &'static [bool] = &[$( kind_text!($kind), )*];

            #[inline]
            fn index_of(key: &str) -> Option<usize> {
                match key {
                    $( $wire => Some(Self::$field), )*
                    $( $lwire => Some(Self::$lfield), )*
                    _ => None,
                }
            }

            fn put_at(
                &mut self,
                index: usize,
                value: lenient::Raw<'de>,
                report: &mut ParseReport,
                path: &Path,
            ) {
                match index {
                    $( Self::$field => {
                        report.reread(path, $wire);
                        // A repeated key takes the last value, as Helix's .NET reader does.
                        kind_ref_place!($kind, self, $name::$field, $field) =
                            kind_read!($kind)(value, report, path, $wire);
                    } )*
                    _ => {}
                }
            }

            #[allow(clippy::inline_always)]
            #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
            #[cfg_attr(target_arch = "wasm32", inline)]
            fn put_text(
                &mut self,
                index: usize,
                value: Cow<'de, str>,
                report: &mut ParseReport,
                path: &Path,
            ) {
                // A string is text for every text kind: stored in its slot, no dispatch.
                debug_assert!(Self::TEXT.get(index) == Some(&true));
                let slot = Self::SLOT_OF.get(index).and_then(|&s| self.text.get_mut(s));
                if let (Some(&name), Some(slot)) = ($name::PROPERTIES.get(index), slot) {
                    report.reread(path, name);
                    *slot = Some(value);
                }
            }

            fn read_at<S: lenient::Source<'de>>(
                &mut self,
                index: usize,
                source: &mut S,
                report: &mut ParseReport,
                path: &Path,
            ) -> Result<(), S::Error> {
                if index < Self::TEXT.len() {
                    let value = source.raw()?;
                    self.put_at(index, value, report, path);
                    return Ok(());
                }
                match index {
                    $( Self::$lfield => {
                        report.reread(path, $lwire);
                        self.$lfield = source.list(report, path.name($lwire))?;
                    } )*
                    _ => {}
                }
                Ok(())
            }

            fn keep_unknown(&mut self, key: String, value: Value) {
                self.unknown.insert(key, value);
            }
        }

        /// What the rules read: a typed struct or a borrowed read, through one set of
        /// accessors, so neither is converted into the other to be judged.
        #[derive(Clone, Copy)]
        pub(crate) enum $vname<'a> {
            Typed(&'a $name),
            Read(&'a $rname<'a>),
        }

        impl<'a> Iterator for EntryIter<'a, $name, $rname<'a>> {
            type Item = $vname<'a>;

            #[inline]
            fn next(&mut self) -> Option<$vname<'a>> {
                let entry = self.list.get(self.at)?;
                self.at += 1;
                Some(entry)
            }
        }

        impl<'a> From<&'a $name> for $vname<'a> {
            fn from(p: &'a $name) -> Self {
                $vname::Typed(p)
            }
        }

        #[allow(dead_code)] // every accessor exists; not every rule family reads every field
        impl<'a> $vname<'a> {
            $(
                #[inline]
                pub(crate) fn $field(self) -> Option<kind_view_ty!($kind, 'a)> {
                    match self {
                        $vname::Typed(p) => kind_view_get!($kind, p.$field),
                        $vname::Read(p) => kind_view_get!($kind, kind_ref_place!($kind, p, $name::$field, $field)),
                    }
                }
            )*
            $(
                #[inline]
                pub(crate) fn $lfield(self) -> Option<Entries<'a, $lty, $lref<'a>>> {
                    match self {
                        $vname::Typed(p) => p.$lfield.as_deref().map(Entries::Typed),
                        $vname::Read(p) => p.$lfield.as_deref().map(Entries::Read),
                    }
                }
            )*
        }

        impl<'a> Entries<'a, $name, $rname<'a>> {
            /// Entry `i`, if the list has one.
            #[allow(dead_code)]
            #[inline]
            pub(crate) fn get(self, i: usize) -> Option<$vname<'a>> {
                match self {
                    Entries::Typed(l) => l.get(i).map($vname::Typed),
                    Entries::Read(l) => l.get(i).map($vname::Read),
                }
            }

            /// The entries, in order.
            #[allow(dead_code)]
            pub(crate) fn iter(self) -> EntryIter<'a, $name, $rname<'a>> {
                EntryIter { list: self, at: 0 }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Strict: a property of the wrong type is an error naming its path (never its value).
            /// `validate_json` reads leniently instead and reports such properties as violations.
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                lenient::read_strict::<$rname<'de>, D>(d).map($rname::into_owned)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                $( if let Some(v) = &self.$field { m.serialize_entry($wire, v)?; } )*
                $( if let Some(v) = &self.$lfield { m.serialize_entry($lwire, v)?; } )*
                for (k, v) in &self.unknown {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }

        impl fmt::Debug for $name {
            /// Shows which properties are set; free-text values print as `<redacted>` (PII).
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut d = f.debug_struct(stringify!($name));
                $( if let Some(v) = &self.$field {
                    if kind_text!($kind) {
                        d.field(stringify!($field), &format_args!("<redacted>"));
                    } else {
                        d.field(stringify!($field), v);
                    }
                } )*
                $( if let Some(v) = &self.$lfield { d.field(stringify!($lfield), v); } )*
                if !self.unknown.is_empty() {
                    let keys: Vec<&String> = self.unknown.keys().collect();
                    d.field("unknown", &keys);
                }
                d.finish()
            }
        }
    };
    // Text fields first, in order, then the others: the typed struct's layout, which the
    // borrowed one's slots follow.
    (@split $meta:tt $name:ident $rname:ident
        [ $(#[doc = $d:literal])* $f:ident : Str, $($rest:tt)* ] [$($text:tt)*] [$($other:tt)*] $lists:tt) => {
        wire_struct!(@split $meta $name $rname [$($rest)*] [$($text)* $(#[doc = $d])* $f : Str,] [$($other)*] $lists);
    };
    (@split $meta:tt $name:ident $rname:ident
        [ $(#[doc = $d:literal])* $f:ident : Date, $($rest:tt)* ] [$($text:tt)*] [$($other:tt)*] $lists:tt) => {
        wire_struct!(@split $meta $name $rname [$($rest)*] [$($text)* $(#[doc = $d])* $f : Date,] [$($other)*] $lists);
    };
    (@split $meta:tt $name:ident $rname:ident
        [ $(#[doc = $d:literal])* $f:ident : $k:ident, $($rest:tt)* ] [$($text:tt)*] [$($other:tt)*] $lists:tt) => {
        wire_struct!(@split $meta $name $rname [$($rest)*] [$($text)*] [$($other)* $(#[doc = $d])* $f : $k,] $lists);
    };
    (@split [$($meta:tt)*] $name:ident $rname:ident []
        [ $( $(#[doc = $td:literal])* $tf:ident : $tk:ident, )* ]
        [ $( $(#[doc = $od:literal])* $of:ident : $ok:ident, )* ]
        { $( $(#[doc = $ldoc:literal])* $lfield:ident : $lty:ident / $lref:ident, )* }) => {
        $($meta)*
        ///
        /// Build it as `Self { ..., ..Self::default() }`: new Helix properties become new
        /// fields (see [the growth policy](crate#growth-new-properties-are-not-breaking-changes)).
        #[derive(Clone, PartialEq)]
        #[repr(C)]
        pub struct $name {
            $( $(#[doc = $td])* pub $tf: Option<kind_ty!($tk)>, )*
            $( $(#[doc = $od])* pub $of: Option<kind_ty!($ok)>, )*
            $( $(#[doc = $ldoc])* pub $lfield: Option<Vec<$lty>>, )*
            /// Properties Helix's schema does not name, kept as sent (and never validated).
            pub unknown: Map<String, Value>,
            /// Keeps literals that write out every field from compiling (the growth policy).
            #[doc(hidden)]
            pub _non_exhaustive: NonExhaustive,
        }

        impl Default for $rname<'_> {
            #[inline]
            fn default() -> Self {
                $rname {
                    // One `None` per slot, written out: only each tag word is stored.
                    text: [$( none_for!($tf), )*],
                    $( $tf: (), )*
                    $( $of: None, )*
                    $( $lfield: None, )*
                    unknown: Map::new(),
                }
            }
        }

        #[cfg(test)]
        impl $name {
            /// Asserts that each property of the borrowed struct, every text slot included,
            /// sits at the typed struct's offset of it: what lets a view's two arms read one
            /// offset (the borrowed struct's comment).
            pub(crate) fn assert_borrowed_layout_matches() {
                /// Where `field` sits in `base`, in bytes.
                fn offset<B, F>(base: &B, field: &F) -> usize {
                    (field as *const F as usize) - (base as *const B as usize)
                }
                let (t, r) = ($name::default(), $rname::default());
                assert_eq!(std::mem::size_of::<$name>(), std::mem::size_of::<$rname<'_>>());
                $( assert_eq!(offset(&t, &t.$tf), offset(&r, &r.text[$name::$tf]), stringify!($tf)); )*
                $( assert_eq!(offset(&t, &t.$of), offset(&r, &r.$of), stringify!($of)); )*
                $( assert_eq!(offset(&t, &t.$lfield), offset(&r, &r.$lfield), stringify!($lfield)); )*
                assert_eq!(offset(&t, &t.unknown), offset(&r, &r.unknown));
            }
        }
    };
}

wire_struct! {
    /// The body of `POST /customer/update`, individual and business properties alike.
    ///
    /// ```
    /// use helix_customer_rules::CustomerPatch;
    /// let p: CustomerPatch = serde_json::from_str(r#"{"customerId": 7, "firstName": "Ada", "lastName": null}"#).unwrap();
    /// assert_eq!(p.first_name.as_deref(), Some("Ada"));
    /// assert_eq!(p.last_name, None); // null: no change
    /// ```
    pub struct CustomerPatch / CustomerPatchRef / CustomerPatchView {
        /// `customerId`: identifies the record.
        customer_id: Int = "customerId",
        /// `firstName` (at most 64).
        first_name: Str = "firstName",
        /// `middleName` (at most 64).
        middle_name: Str = "middleName",
        /// `lastName` (at most 128).
        last_name: Str = "lastName",
        /// `suffix` (at most 20).
        suffix: Str = "suffix",
        /// `birthDate`: an ISO-8601 date or date-time, as written.
        birth_date: Date = "birthDate",
        /// `gender`: `M`, `F` or `U`.
        gender: Str = "gender",
        /// `culture`: `en-US` or `es-US`.
        culture: Str = "culture",
        /// `taxId`: digits only.
        tax_id: Str = "taxId",
        /// `driversLicenseNumber`.
        drivers_license_number: Str = "driversLicenseNumber",
        /// `driversLicenseState` (two letters).
        drivers_license_state: Str = "driversLicenseState",
        /// `driversLicenseIssueDate`.
        drivers_license_issue_date: Date = "driversLicenseIssueDate",
        /// `driversLicenseExpireDate`.
        drivers_license_expire_date: Date = "driversLicenseExpireDate",
        /// `passportNumber`.
        passport_number: Str = "passportNumber",
        /// `passportCountry`.
        passport_country: Str = "passportCountry",
        /// `passportIssueDate`.
        passport_issue_date: Date = "passportIssueDate",
        /// `passportExpireDate`.
        passport_expire_date: Date = "passportExpireDate",
        /// `emailAddress` (at most 254 by this crate's email profile).
        email_address: Str = "emailAddress",
        /// `tag`: unique within the program.
        tag: Str = "tag",
        /// `customField1`.
        custom_field1: Str = "customField1",
        /// `customField2`.
        custom_field2: Str = "customField2",
        /// `customField3`.
        custom_field3: Str = "customField3",
        /// `customField4`.
        custom_field4: Str = "customField4",
        /// `customField5`.
        custom_field5: Str = "customField5",
        /// `isSubjectToBackupWithholding`.
        is_subject_to_backup_withholding: Bool = "isSubjectToBackupWithholding",
        /// `isOptedInToBankCommunication`.
        is_opted_in_to_bank_communication: Bool = "isOptedInToBankCommunication",
        /// `isDocumentsAccepted`.
        is_documents_accepted: Bool = "isDocumentsAccepted",
        /// `preferredName` (at most 21).
        preferred_name: Str = "preferredName",
        /// `usePreferredNameOnCard`.
        use_preferred_name_on_card: Bool = "usePreferredNameOnCard",
        /// `foreignDocumentType`.
        foreign_document_type: Str = "foreignDocumentType",
        /// `foreignDocumentNumber`.
        foreign_document_number: Str = "foreignDocumentNumber",
        /// `foreignDocumentCountryCode`.
        foreign_document_country_code: Str = "foreignDocumentCountryCode",
        /// `foreignDocumentExpirationDate`.
        foreign_document_expiration_date: Date = "foreignDocumentExpirationDate",
        /// `businessLegalName` (business customers).
        business_legal_name: Str = "businessLegalName",
        /// `doingBusinessAs`, Helix's "dba" (business customers).
        doing_business_as: Str = "doingBusinessAs",
        /// `legalEntityType` (business customers).
        legal_entity_type: Str = "legalEntityType",
        /// `isTaxExempt` (business customers).
        is_tax_exempt: Bool = "isTaxExempt",
        /// `taxIdType` (business customers).
        tax_id_type: Str = "taxIdType",
        /// `businessDescription` (business customers).
        business_description: Str = "businessDescription",
        /// `businessWebsite` (business customers).
        business_website: Str = "businessWebsite",
        /// `formationState` (business customers).
        formation_state: Str = "formationState",
        /// `industryClassificationCodeId`: from the program's list (business customers).
        industry_classification_code_id: Int = "industryClassificationCodeId",
        /// `businessNameOnCard`: the business name printed on cards (at most 26).
        business_name_on_card: Str = "businessNameOnCard",
        /// `attesterName`: who attests a business customer's information (at most 50).
        attester_name: Str = "attesterName",
        /// `attesterTitle`: the attester's title (at most 50).
        attester_title: Str = "attesterTitle",
        /// `attestationDate`: when the attestation was made.
        attestation_date: Date = "attestationDate",
    }
    lists {
        /// `addresses`: at most one per type.
        addresses: Address / AddressRef / AddressView = "addresses",
        /// `phones`: at most one per type.
        phones: Phone / PhoneRef / PhoneView = "phones",
    }
}

wire_struct! {
    /// One entry of `addresses`.
    pub struct Address / AddressRef / AddressView {
        /// `addressType`: `Residence`, `Mailing`, `Prior` (individuals) or `PrimaryBusiness`,
        /// `Business`, `Registered`, `TaxFormMailing`, `Mailing` (businesses); any case.
        address_type: Str = "addressType",
        /// `addressLine1` (required).
        address_line1: Str = "addressLine1",
        /// `addressLine2`.
        address_line2: Str = "addressLine2",
        /// `addressLine3`.
        address_line3: Str = "addressLine3",
        /// `addressLine4`.
        address_line4: Str = "addressLine4",
        /// `city` (required).
        city: Str = "city",
        /// `state` (required): two-letter US code.
        state: Str = "state",
        /// `postalCode` (required): ZIP or ZIP+4 without hyphen.
        postal_code: Str = "postalCode",
        /// `country` (required): `US`.
        country: Str = "country",
        /// `isActive`.
        is_active: Bool = "isActive",
    }
    lists {}
}

wire_struct! {
    /// One entry of `phones`.
    pub struct Phone / PhoneRef / PhoneView {
        /// `phoneType`: `Home`, `Mobile` or `Office`; any case.
        phone_type: Str = "phoneType",
        /// `number` (required): digits only.
        number: Str = "number",
        /// `isActive`.
        is_active: Bool = "isActive",
    }
    lists {}
}

impl Address {
    /// The four address lines with their wire names, in order.
    #[must_use]
    pub fn lines(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("addressLine1", self.address_line1.as_deref()),
            ("addressLine2", self.address_line2.as_deref()),
            ("addressLine3", self.address_line3.as_deref()),
            ("addressLine4", self.address_line4.as_deref()),
        ]
    }
}

impl<'a> AddressView<'a> {
    /// The four address lines with their wire names, in order.
    pub(crate) fn lines(self) -> [(&'static str, Option<&'a str>); 4] {
        [
            ("addressLine1", self.address_line1()),
            ("addressLine2", self.address_line2()),
            ("addressLine3", self.address_line3()),
            ("addressLine4", self.address_line4()),
        ]
    }
}

/// Whether the crate's own reader and the serde reader read `bytes` alike: `Ok(true)` when both
/// read it and agree, `Ok(false)` when the crate's reader gives up (the serde reader alone
/// decides), `Err` naming what differs. The differential fuzz target and the tests call it.
pub(crate) fn readers_agree(bytes: &[u8]) -> Result<bool, String> {
    let Some((fast, fast_report)) = std::str::from_utf8(bytes)
        .ok()
        .and_then(CustomerPatchRef::scan)
    else {
        return Ok(false);
    };
    let (slow, slow_report) = CustomerPatchRef::read_serde(bytes);
    if slow_report.syntax_error {
        return Err("the serde reader found a syntax error the crate's reader did not".into());
    }
    if fast_report != slow_report {
        return Err(format!(
            "reports differ: {fast_report:?} against {slow_report:?}"
        ));
    }
    let (fast, slow) = (fast.into_owned(), slow.into_owned());
    if fast != slow {
        // Which properties, never their values (bodies may be PII).
        let (f, s) = (
            serde_json::to_value(&fast).unwrap_or_default(),
            serde_json::to_value(&slow).unwrap_or_default(),
        );
        let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        return Err(format!(
            "patches differ: {:?} against {:?}",
            keys(&f),
            keys(&s)
        ));
    }
    Ok(true)
}

/// The static wire name equal to `name`, if the schema has one (at any depth).
pub(crate) fn wire_name(name: &str) -> Option<&'static str> {
    [
        CustomerPatch::PROPERTIES,
        Address::PROPERTIES,
        Phone::PROPERTIES,
    ]
    .into_iter()
    .flatten()
    .find(|w| **w == name)
    .copied()
}

/// Pointers as this crate writes them, their names the schema's static wire names.
impl std::str::FromStr for Path {
    type Err = ParsePathError;

    fn from_str(text: &str) -> Result<Path, ParsePathError> {
        if text.is_empty() {
            return Ok(Path::root());
        }
        let rest = text
            .strip_prefix('/')
            .ok_or(ParsePathError("a JSON Pointer starts with '/'"))?;
        let mut path = Path::root();
        for seg in rest.split('/') {
            if path.segments().len() == MAX_DEPTH {
                return Err(ParsePathError("a path has at most three segments"));
            }
            let is_index = !seg.is_empty()
                && seg.bytes().all(|b| b.is_ascii_digit())
                && (seg == "0" || !seg.starts_with('0'));
            path = if is_index {
                let i = seg
                    .parse()
                    .map_err(|_| ParsePathError("an array index out of range"))?;
                path.index(i)
            } else {
                // The segment is not echoed: a pointer from elsewhere may hold anything.
                let name = wire_name(seg)
                    .ok_or(ParsePathError("a property name the schema does not have"))?;
                path.name(name)
            };
        }
        Ok(path)
    }
}

impl<'de> Deserialize<'de> for Path {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Path, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a Helix `GET /customer/get` answer could not be read as a current record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError(String);

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RecordError {}

impl CustomerPatch {
    /// The current record from Helix's own answer to `GET /customer/get`: its `data` object,
    /// as JSON. Give it to [`Context::with_current`](crate::Context::with_current).
    ///
    /// "Unchanged" means the same text as the record holds (a date: the same day), and this
    /// is the text as Helix stores it: `"emailAddress": ""` for a customer without an email,
    /// `""` for unset custom fields, `"culture": "en-US/es-US"` where Helix says so. A client
    /// that sends such values back (object-model SDKs send every property) sends no update.
    /// Properties the update body does not have (`createdDate`, `status`, an address's
    /// `addressId`...) are kept in `unknown`; they are compared with nothing and never
    /// validated. A property of the wrong JSON type is an error naming its path, never its
    /// value. Where Helix masks a value in its answer, a body that sends it counts as an
    /// update (the conservative answer).
    ///
    /// ```
    /// use helix_customer_rules::{validate, Context, CustomerPatch, ProgramSettings};
    /// use time::macros::date;
    /// let data = br#"{"customerId": 7, "firstName": "Ada", "emailAddress": "", "createdDate": "2021-03-04T10:00:00.000-05:00"}"#;
    /// let current = CustomerPatch::from_helix_record(data).unwrap();
    /// assert_eq!(current.email_address.as_deref(), Some(""));
    /// assert!(current.unknown.contains_key("createdDate"));
    ///
    /// // An SDK that sends the record back, unchanged, under a program that freezes email:
    /// let settings = ProgramSettings { allow_email_update: false, ..ProgramSettings::default() };
    /// let patch = CustomerPatch { email_address: Some(String::new()), ..CustomerPatch::default() };
    /// let cx = Context::new(date!(2026 - 11 - 23)).with_current(&current);
    /// assert!(!validate(&patch, &settings, &cx).iter().any(|v| v.code().get() == 60307));
    /// ```
    pub fn from_helix_record(data: &[u8]) -> Result<CustomerPatch, RecordError> {
        serde_json::from_slice(data)
            .map_err(|e| RecordError(format!("the customer record could not be read: {e}")))
    }

    /// As [`CustomerPatch::from_helix_record`], from the whole response body
    /// (`{"data": {...}, "errors": [], "requestId": ..., "status": 200}`). An answer with
    /// errors, or without a `data` object, is an error (Helix's codes named, not its messages).
    pub fn from_helix_response(body: &[u8]) -> Result<CustomerPatch, RecordError> {
        #[derive(Deserialize)]
        struct Envelope {
            #[serde(default)]
            data: Option<CustomerPatch>,
            #[serde(default)]
            errors: Vec<HelixError>,
        }
        #[derive(Deserialize)]
        struct HelixError {
            #[serde(default)]
            code: Option<i64>,
        }
        let envelope: Envelope = serde_json::from_slice(body)
            .map_err(|e| RecordError(format!("the response could not be read: {e}")))?;
        if !envelope.errors.is_empty() {
            let codes: Vec<String> = envelope
                .errors
                .iter()
                .map(|e| e.code.map_or_else(|| "?".to_owned(), |c| c.to_string()))
                .collect();
            return Err(RecordError(format!(
                "Helix answered with errors: {}",
                codes.join(", ")
            )));
        }
        envelope
            .data
            .ok_or_else(|| RecordError("the response has no \"data\" object".into()))
    }

    /// Reads a body leniently: never fails, and records what could not be read.
    pub(crate) fn read_lenient(bytes: &[u8]) -> (CustomerPatch, ParseReport) {
        let (patch, report) = CustomerPatchRef::read(bytes);
        (patch.into_owned(), report)
    }
}

impl<'b> CustomerPatchRef<'b> {
    /// Reads a body leniently, borrowing its text: never fails, and records what could not
    /// be read.
    pub(crate) fn read(bytes: &'b [u8]) -> (CustomerPatchRef<'b>, ParseReport) {
        let mut patch = CustomerPatchRef::default();
        let mut report = ParseReport::default();
        Self::read_into(bytes, &mut patch, &mut report);
        (patch, report)
    }

    /// As [`CustomerPatchRef::read`], into `patch` and `report` (both as `default()` gives
    /// them): the patch is a kilobyte, and copying it out of a return costs more than the
    /// reading of most of its properties.
    pub(crate) fn read_into(bytes: &'b [u8], patch: &mut Self, report: &mut ParseReport) {
        if let Ok(text) = std::str::from_utf8(bytes) {
            if scan::read_whole(text, patch, report).is_ok() {
                return;
            }
            *patch = CustomerPatchRef::default();
        }
        (*patch, *report) = Self::read_serde(bytes);
    }

    /// Reads a body with the serde reader, which decides every body the crate's own reader
    /// gives up on.
    pub(crate) fn read_serde(bytes: &'b [u8]) -> (CustomerPatchRef<'b>, ParseReport) {
        let mut report = ParseReport::default();
        let mut patch = CustomerPatchRef::default();
        let mut whole = lenient::read_all(bytes, &mut patch, &mut report);
        if !whole {
            if let Some(body) = lenient::stand_in_body(bytes) {
                let mut again = CustomerPatchRef::default();
                report = ParseReport::default();
                whole = lenient::read_all(&body, &mut again, &mut report);
                // The new body is dropped here: what it lent is copied.
                patch = again.into_static();
            }
        }
        report.syntax_error = !whole;
        (patch, report)
    }
}

impl<'b> CustomerPatchRef<'b> {
    /// Reads a body with the crate's own reader: `None` where it gives up, and the serde
    /// reader decides (a syntax error, a stand-in needed, deep nesting).
    pub(crate) fn scan(text: &'b str) -> Option<(CustomerPatchRef<'b>, ParseReport)> {
        let mut report = ParseReport::default();
        let mut patch = CustomerPatchRef::default();
        scan::read_whole(text, &mut patch, &mut report).ok()?;
        Some((patch, report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_slot_sits_where_the_typed_struct_keeps_its_property() {
        CustomerPatch::assert_borrowed_layout_matches();
        Address::assert_borrowed_layout_matches();
        Phone::assert_borrowed_layout_matches();
    }

    #[test]
    fn debug_never_prints_values() {
        let p: CustomerPatch = serde_json::from_str(
            r#"{"taxId":"123456789","birthDate":"1980-01-01","addresses":[{"addressLine1":"1 Secret St"}],"isTaxExempt":true}"#,
        )
        .unwrap();
        let s = format!("{p:?}");
        assert!(
            !s.contains("123456789") && !s.contains("1980") && !s.contains("Secret"),
            "{s}"
        );
        assert!(
            s.contains("tax_id") && s.contains("is_tax_exempt: true"),
            "{s}"
        );
    }

    #[test]
    fn strict_error_names_path_not_value() {
        let e = serde_json::from_str::<CustomerPatch>(r#"{"phones":[{"number":{"n":5551234}}]}"#)
            .unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("/phones/0/number") && !s.contains("5551234"),
            "{s}"
        );
    }

    #[test]
    fn numbers_and_booleans_where_text_belongs_read_as_dotnet_writes_them() {
        let (p, r) = CustomerPatch::read_lenient(
            br#"{"firstName":42,"middleName":1.50,"lastName":1e3,"suffix":true,"tag":false,
                "customField1":-0.5,"customField2":1e21,"customField3":0.00001,"customField4":18446744073709551615,
                "birthDate":19800101,"addresses":[{"postalCode":50010}]}"#,
        );
        assert_eq!(p.first_name.as_deref(), Some("42"));
        assert_eq!(p.middle_name.as_deref(), Some("1.5"));
        assert_eq!(p.last_name.as_deref(), Some("1000"));
        assert_eq!(p.suffix.as_deref(), Some("True"));
        assert_eq!(p.tag.as_deref(), Some("False"));
        assert_eq!(p.custom_field1.as_deref(), Some("-0.5"));
        assert_eq!(p.custom_field2.as_deref(), Some("1E+21"));
        assert_eq!(p.custom_field3.as_deref(), Some("1E-05"));
        assert_eq!(p.custom_field4.as_deref(), Some("18446744073709551615"));
        // A number is no date: unreadable, as before.
        assert_eq!(p.birth_date, None);
        assert!(r.is_broken(Path::field("birthDate")));
        let postal = &p.addresses.as_ref().unwrap()[0];
        assert_eq!(postal.postal_code.as_deref(), Some("50010"));
        assert!(!r.is_broken(Path::field("firstName")));
    }

    #[test]
    fn unknown_properties_survive_a_round_trip() {
        let text = r#"{"customerId":1,"attesterName":"x","addresses":[{"city":"A","zip4":"1"}]}"#;
        let p: CustomerPatch = serde_json::from_str(text).unwrap();
        let back: Value = serde_json::to_value(&p).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn lenient_read_keeps_indexes_and_completed_properties() {
        let (p, r) = CustomerPatch::read_lenient(
            br#"{"firstName":"A","phones":[5,{"phoneType":"Home"}],"gender":[7],"lastName":"#,
        );
        assert_eq!(p.first_name.as_deref(), Some("A"));
        assert_eq!(p.phones.as_ref().map(Vec::len), Some(2));
        assert!(r.is_broken(Path::field("phones").index(0)));
        assert!(r.is_broken(Path::field("gender")));
        assert!(r.syntax_error);
    }
}
