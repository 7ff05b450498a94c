//! The rules as a validator user writes them: derived field rules, custom functions that take
//! the context, and struct-level (`schema`) functions for rules that read several fields
//! (each names its field in the error's `field` parameter). Every error's code is its Helix
//! code.
//!
//! validator does not pass a context into nested structs (`nested` calls `validate()`), so the
//! address rules that depend on the customer kind or the program (66901, 66907, 66908 and the
//! frozen address types) are a hand-written pass over the addresses, merged into the report
//! where validator puts nested errors (`addresses[i]`).

use std::collections::BTreeMap;

use helix_customer_rules::__private::parse_date;
use helix_customer_rules::ProgramSettings;
use serde::Deserialize;
use validator::{Validate, ValidateArgs, ValidationError, ValidationErrors, ValidationErrorsKind};

use super::{
    digits_only, is_blank, is_card_name, is_culture, is_email, is_name, is_po_box, is_us_state,
    is_zip, longer_than, one_of, set_and_not, too_many_or_repeated, PeerCtx, DPS_MAX_LINE,
    EARLIEST_BIRTH_DATE, MAX_CARD_NAME, MAX_CUSTOMER_ID, MAX_PREFERRED_NAME, PHONE_TYPES,
};

type Res = Result<(), ValidationError>;

fn check(ok: bool, code: &'static str) -> Res {
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(code))
    }
}

/// A struct-level rule's error, naming the field it is about.
fn check_field(ok: bool, code: &'static str, field: &'static str) -> Res {
    check(ok, code).map_err(|mut e| {
        e.add_param("field".into(), &field);
        e
    })
}

fn iso_date(v: &str) -> Res {
    check(parse_date(v).is_some(), "59952")
}

fn valid_customer_id(v: i64) -> Res {
    check((1..=MAX_CUSTOMER_ID).contains(&v), "60001")
}

fn birth_range(v: &str, ctx: &PeerCtx) -> Res {
    check(
        parse_date(v).is_none_or(|d| d > EARLIEST_BIRTH_DATE && d <= ctx.today),
        "60301",
    )
}

fn valid_gender(v: &str) -> Res {
    check(one_of(&["M", "F", "U"], v), "60302")
}

fn email(v: &str) -> Res {
    check(v.is_empty() || is_email(v), "60304")
}

fn industry(v: i64, ctx: &PeerCtx) -> Res {
    check(
        !ctx.business()
            || ctx
                .settings
                .industry_classification_code_ids
                .as_deref()
                .is_none_or(|l| l.contains(&v)),
        "60305",
    )
}

fn name_policy(_: &str, ctx: &PeerCtx) -> Res {
    check(ctx.settings.allow_name_update, "60306")
}

fn email_policy(_: &str, ctx: &PeerCtx) -> Res {
    check(ctx.settings.allow_email_update, "60307")
}

fn kyc<T: ?Sized>(_: &T, ctx: &PeerCtx) -> Res {
    check(!ctx.settings.uses_helix_kyc, "60450")
}

/// 60450 for a date: a text that names no day is no update.
fn kyc_date(v: &str, ctx: &PeerCtx) -> Res {
    check(
        parse_date(v).is_none() || !ctx.settings.uses_helix_kyc,
        "60450",
    )
}

fn foreign_policy(_: &str, ctx: &PeerCtx) -> Res {
    check(ctx.settings.allow_foreign_documents, "60353")
}

fn foreign_date_policy(v: &str, ctx: &PeerCtx) -> Res {
    check(
        parse_date(v).is_none() || ctx.settings.allow_foreign_documents,
        "60353",
    )
}

fn foreign_type(v: &str, ctx: &PeerCtx) -> Res {
    let listed = ctx
        .settings
        .foreign_document_types
        .as_deref()
        .is_none_or(|l| l.iter().any(|k| k.eq_ignore_ascii_case(v)));
    check(!is_blank(Some(v)) && listed, "60352")
}

fn preferred_name_too_long(v: &str) -> Res {
    check(!longer_than(v, MAX_PREFERRED_NAME), "60263")
}

fn preferred_name_chars(v: &str) -> Res {
    check(is_name(v), "60264")
}

fn preferred_name_policy(_: &str, ctx: &PeerCtx) -> Res {
    check(ctx.settings.preferred_name_enabled, "60265")
}

#[allow(clippy::trivially_copy_pass_by_ref)] // validator passes `bool` fields by reference
fn on_card_policy(v: &bool, ctx: &PeerCtx) -> Res {
    check(!*v || ctx.settings.preferred_name_enabled, "60265")
}

fn card_name_too_long(v: &str) -> Res {
    check(!longer_than(v, MAX_CARD_NAME), "60006")
}

fn card_name_chars(v: &str) -> Res {
    check(is_card_name(v), "60007")
}

fn frozen(ctx: &PeerCtx, allowed: fn(&ProgramSettings) -> bool, code: &'static str) -> Res {
    check(!ctx.business() || allowed(&ctx.settings), code)
}

fn legal_name_policy(_: &str, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_business_legal_name_update, "194102")
}
fn dba_policy(_: &str, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_dba_update, "194103")
}
fn entity_policy(_: &str, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_legal_entity_type_update, "194104")
}
#[allow(clippy::trivially_copy_pass_by_ref)] // validator passes `bool` fields by reference
fn tax_exempt_policy(_: &bool, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_is_tax_exempt_update, "194105")
}
fn tax_id_policy(_: &str, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_tax_id_update, "194106")
}
fn tax_id_type_policy(_: &str, ctx: &PeerCtx) -> Res {
    frozen(ctx, |s| s.allow_tax_id_type_update, "194107")
}

/// 58001, one function per documented length (validator's custom functions take no
/// arguments but the value and the context).
macro_rules! max_chars {
    ($($name:ident: $max:literal),* $(,)?) => {
        $(
            fn $name(v: &str) -> Res {
                check(!longer_than(v, $max), "58001")
            }
        )*
    };
}
max_chars!(max_3: 3, max_20: 20, max_30: 30, max_50: 50, max_64: 64, max_100: 100, max_128: 128,
    max_200: 200, max_255: 255, max_300: 300);

fn digits(v: &str) -> Res {
    check(digits_only(v), "58002")
}

fn zip(v: &str) -> Res {
    check(!set_and_not(Some(v), is_zip), "58003")
}

fn state_code(v: &str) -> Res {
    check(!set_and_not(Some(v), is_us_state), "58004")
}

fn us(v: &str) -> Res {
    check(
        !set_and_not(Some(v), |c| c.eq_ignore_ascii_case("US")),
        "58005",
    )
}

fn valid_culture(v: &str) -> Res {
    check(!set_and_not(Some(v), is_culture), "58006")
}

fn not_blank(v: &str) -> Res {
    check(!is_blank(Some(v)), "blank")
}

fn valid_phone_type(v: &str) -> Res {
    check(one_of(&PHONE_TYPES, v), "66801")
}

/// 60303: the tag is free or ours.
fn tag_free(p: &Patch, ctx: &PeerCtx) -> Res {
    check_field(
        !p.tag
            .as_deref()
            .is_some_and(|t| ctx.tag_taken(t, p.customer_id)),
        "60303",
        "tag",
    )
}

/// 60266.
fn on_card_needs_name(p: &Patch) -> Res {
    check_field(
        p.use_preferred_name_on_card != Some(true) || !is_blank(p.preferred_name.as_deref()),
        "60266",
        "usePreferredNameOnCard",
    )
}

fn no_foreign_number(p: &Patch) -> bool {
    is_blank(p.foreign_document_number.as_deref())
}

/// 60354.
fn foreign_type_needs_number(p: &Patch) -> Res {
    check_field(
        p.foreign_document_type.is_none() || !no_foreign_number(p),
        "60354",
        "foreignDocumentType",
    )
}

/// 60355.
fn foreign_country_needs_number(p: &Patch) -> Res {
    check_field(
        p.foreign_document_country_code.is_none() || !no_foreign_number(p),
        "60355",
        "foreignDocumentCountryCode",
    )
}

/// 60356: an expiration date (a real day) needs a number.
fn foreign_expiration_needs_number(p: &Patch) -> Res {
    let sent = p
        .foreign_document_expiration_date
        .as_deref()
        .and_then(parse_date)
        .is_some();
    check_field(
        !sent || !no_foreign_number(p),
        "60356",
        "foreignDocumentExpirationDate",
    )
}

/// 60350.
fn address_count(p: &Patch, ctx: &PeerCtx) -> Res {
    let list = p.addresses.as_deref().unwrap_or_default();
    check_field(
        !too_many_or_repeated(
            ctx.address_types(),
            list.len(),
            list.iter().map(|a| a.address_type.as_deref()),
        ),
        "60350",
        "addresses",
    )
}

/// 60351.
fn phone_count(p: &Patch) -> Res {
    let list = p.phones.as_deref().unwrap_or_default();
    check_field(
        !too_many_or_repeated(
            &PHONE_TYPES,
            list.len(),
            list.iter().map(|p| p.phone_type.as_deref()),
        ),
        "60351",
        "phones",
    )
}

/// The customer patch.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(context = PeerCtx)]
// One `schema` attribute per struct-level rule is validator's syntax, not a duplicate.
#[allow(clippy::duplicated_attributes)]
#[validate(schema(function = "tag_free", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "on_card_needs_name", skip_on_field_errors = false))]
#[validate(schema(function = "foreign_type_needs_number", skip_on_field_errors = false))]
#[validate(schema(
    function = "foreign_country_needs_number",
    skip_on_field_errors = false
))]
#[validate(schema(
    function = "foreign_expiration_needs_number",
    skip_on_field_errors = false
))]
#[validate(schema(function = "address_count", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "phone_count", skip_on_field_errors = false))]
#[allow(missing_docs)]
pub struct Patch {
    #[validate(required(code = "60001"), custom(function = "valid_customer_id"))]
    pub customer_id: Option<i64>,
    #[validate(
        custom(function = "name_policy", use_context),
        custom(function = "kyc", use_context),
        custom(function = "max_64")
    )]
    pub first_name: Option<String>,
    #[validate(custom(function = "kyc", use_context), custom(function = "max_64"))]
    pub middle_name: Option<String>,
    #[validate(
        custom(function = "name_policy", use_context),
        custom(function = "kyc", use_context),
        custom(function = "max_128")
    )]
    pub last_name: Option<String>,
    #[validate(custom(function = "max_20"))]
    pub suffix: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "birth_range", use_context),
        custom(function = "kyc_date", use_context)
    )]
    pub birth_date: Option<String>,
    #[validate(custom(function = "valid_gender"))]
    pub gender: Option<String>,
    #[validate(custom(function = "valid_culture"))]
    pub culture: Option<String>,
    #[validate(
        custom(function = "kyc", use_context),
        custom(function = "tax_id_policy", use_context),
        custom(function = "max_30"),
        custom(function = "digits")
    )]
    pub tax_id: Option<String>,
    #[validate(custom(function = "kyc", use_context), custom(function = "max_30"))]
    pub drivers_license_number: Option<String>,
    #[validate(custom(function = "kyc", use_context), custom(function = "state_code"))]
    pub drivers_license_state: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "kyc_date", use_context)
    )]
    pub drivers_license_issue_date: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "kyc_date", use_context)
    )]
    pub drivers_license_expire_date: Option<String>,
    #[validate(custom(function = "kyc", use_context), custom(function = "max_30"))]
    pub passport_number: Option<String>,
    #[validate(custom(function = "kyc", use_context), custom(function = "max_30"))]
    pub passport_country: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "kyc_date", use_context)
    )]
    pub passport_issue_date: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "kyc_date", use_context)
    )]
    pub passport_expire_date: Option<String>,
    #[validate(
        custom(function = "email"),
        custom(function = "email_policy", use_context),
        custom(function = "kyc", use_context),
        custom(function = "max_255")
    )]
    pub email_address: Option<String>,
    #[validate(custom(function = "max_50"))]
    pub tag: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub custom_field1: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub custom_field2: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub custom_field3: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub custom_field4: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub custom_field5: Option<String>,
    pub is_subject_to_backup_withholding: Option<bool>,
    pub is_opted_in_to_bank_communication: Option<bool>,
    pub is_documents_accepted: Option<bool>,
    #[validate(
        custom(function = "preferred_name_too_long"),
        custom(function = "preferred_name_chars"),
        custom(function = "preferred_name_policy", use_context)
    )]
    pub preferred_name: Option<String>,
    #[validate(custom(function = "on_card_policy", use_context))]
    pub use_preferred_name_on_card: Option<bool>,
    #[validate(
        custom(function = "foreign_type", use_context),
        custom(function = "foreign_policy", use_context)
    )]
    pub foreign_document_type: Option<String>,
    #[validate(
        custom(function = "foreign_policy", use_context),
        custom(function = "max_30")
    )]
    pub foreign_document_number: Option<String>,
    #[validate(
        custom(function = "foreign_policy", use_context),
        custom(function = "max_3")
    )]
    pub foreign_document_country_code: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "foreign_date_policy", use_context)
    )]
    pub foreign_document_expiration_date: Option<String>,
    #[validate(
        custom(function = "legal_name_policy", use_context),
        custom(function = "max_300")
    )]
    pub business_legal_name: Option<String>,
    #[validate(custom(function = "dba_policy", use_context))]
    pub doing_business_as: Option<String>,
    #[validate(custom(function = "entity_policy", use_context))]
    pub legal_entity_type: Option<String>,
    #[validate(custom(function = "tax_exempt_policy", use_context))]
    pub is_tax_exempt: Option<bool>,
    #[validate(custom(function = "tax_id_type_policy", use_context))]
    pub tax_id_type: Option<String>,
    #[validate(custom(function = "max_200"))]
    pub business_description: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub business_website: Option<String>,
    #[validate(custom(function = "state_code"))]
    pub formation_state: Option<String>,
    #[validate(custom(function = "industry", use_context))]
    pub industry_classification_code_id: Option<i64>,
    #[validate(
        custom(function = "card_name_too_long"),
        custom(function = "card_name_chars")
    )]
    pub business_name_on_card: Option<String>,
    #[validate(custom(function = "max_50"))]
    pub attester_name: Option<String>,
    #[validate(custom(function = "max_50"))]
    pub attester_title: Option<String>,
    #[validate(custom(function = "iso_date"))]
    pub attestation_date: Option<String>,
    #[validate(nested)]
    pub addresses: Option<Vec<Address>>,
    #[validate(nested)]
    pub phones: Option<Vec<Phone>>,
}

/// One address: the rules that need nothing but the address.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Address {
    pub address_type: Option<String>,
    #[validate(
        required(code = "66902"),
        custom(function = "not_blank", code = "66902"),
        custom(function = "max_100")
    )]
    pub address_line1: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub address_line2: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub address_line3: Option<String>,
    #[validate(custom(function = "max_100"))]
    pub address_line4: Option<String>,
    #[validate(
        required(code = "66903"),
        custom(function = "not_blank", code = "66903"),
        custom(function = "max_50")
    )]
    pub city: Option<String>,
    #[validate(
        required(code = "66904"),
        custom(function = "not_blank", code = "66904"),
        custom(function = "state_code")
    )]
    pub state: Option<String>,
    #[validate(
        required(code = "66905"),
        custom(function = "not_blank", code = "66905"),
        custom(function = "zip")
    )]
    pub postal_code: Option<String>,
    #[validate(
        required(code = "66906"),
        custom(function = "not_blank", code = "66906"),
        custom(function = "us")
    )]
    pub country: Option<String>,
    pub is_active: Option<bool>,
}

impl Address {
    fn lines(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("address_line1", self.address_line1.as_deref()),
            ("address_line2", self.address_line2.as_deref()),
            ("address_line3", self.address_line3.as_deref()),
            ("address_line4", self.address_line4.as_deref()),
        ]
    }

    fn is(&self, t: &str) -> bool {
        self.address_type
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(t))
    }
}

/// One phone.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Phone {
    #[validate(required(code = "66801"), custom(function = "valid_phone_type"))]
    pub phone_type: Option<String>,
    #[validate(
        required(code = "66802"),
        custom(function = "not_blank", code = "66802"),
        custom(function = "max_50"),
        custom(function = "digits")
    )]
    pub number: Option<String>,
    pub is_active: Option<bool>,
}

/// The address rules that need the context (66901, 66907, 66908, 60308, 60450, 194108,
/// 194109), as validator reports a nested struct's errors; address-level ones under
/// `__all__`.
fn address_rules(a: &Address, ctx: &PeerCtx) -> ValidationErrors {
    let mut e = ValidationErrors::new();
    let s = &ctx.settings;
    if !a
        .address_type
        .as_deref()
        .is_some_and(|t| one_of(ctx.address_types(), t))
    {
        e.add("address_type", ValidationError::new("66901"));
    }
    let physical = a.is(ctx.physical());
    for (name, line) in a.lines() {
        let Some(line) = line else { continue };
        if physical && is_po_box(line) {
            e.add(name, ValidationError::new("66907"));
        }
        if s.dps_client && longer_than(line, DPS_MAX_LINE) {
            e.add(name, ValidationError::new("66908"));
        }
    }
    let mut frozen = |code| e.add("__all__", ValidationError::new(code));
    if ctx.business() {
        if a.is("PrimaryBusiness") && !s.allow_primary_business_address_update {
            frozen("194108");
        }
        if a.is("Mailing") && !s.allow_mailing_address_update {
            frozen("194109");
        }
    } else if a.is("Residence") {
        if !s.allow_residence_address_update {
            frozen("60308");
        }
        if s.uses_helix_kyc {
            frozen("60450");
        }
    }
    e
}

/// Merges the context-dependent address errors into validator's report of the addresses.
fn merge_addresses(errors: &mut ValidationErrors, p: &Patch, ctx: &PeerCtx) {
    for (i, a) in p.addresses.iter().flatten().enumerate() {
        let found = address_rules(a, ctx);
        if found.is_empty() {
            continue;
        }
        let ValidationErrorsKind::List(list) = errors
            .errors_mut()
            .entry("addresses".into())
            .or_insert_with(|| ValidationErrorsKind::List(BTreeMap::new()))
        else {
            unreachable!("addresses holds nested errors only");
        };
        let slot = list.entry(i).or_default();
        for (field, kind) in found.into_errors() {
            if let ValidationErrorsKind::Field(mut new) = kind {
                match slot
                    .errors_mut()
                    .entry(field)
                    .or_insert_with(|| ValidationErrorsKind::Field(Vec::new()))
                {
                    ValidationErrorsKind::Field(old) => old.append(&mut new),
                    _ => unreachable!("an address's fields hold field errors"),
                }
            }
        }
    }
}

/// Validates a typed patch: every failing rule, by field.
pub fn validate(p: &Patch, ctx: &PeerCtx) -> Result<(), ValidationErrors> {
    let mut errors = match p.validate_with_args(ctx) {
        Ok(()) => ValidationErrors::new(),
        Err(e) => e,
    };
    merge_addresses(&mut errors, p, ctx);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Reads and validates a body; a body that does not read is one error.
pub fn validate_json(body: &[u8], ctx: &PeerCtx) -> Result<(), Option<ValidationErrors>> {
    let p: Patch = serde_json::from_slice(body).map_err(|_| None)?;
    validate(&p, ctx).map_err(Some)
}
