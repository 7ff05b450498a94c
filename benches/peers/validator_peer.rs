//! The rules as a validator user writes them: derived field rules, custom functions that take
//! the context, and struct-level (`schema`) functions for rules that need several fields.
//! validator does not pass a context into nested structs, so the address rules that depend on
//! the customer kind or the program are struct-level functions of the patch, and each of those
//! reports one error (validator's struct-level functions return a single error).

use helix_customer_rules::__private::parse_date;
use helix_customer_rules::ProgramSettings;
use serde::Deserialize;
use time::macros::date;
use validator::{Validate, ValidateArgs, ValidationError};

use super::{is_blank, is_po_box, one_of, repeats, PeerCtx, PHONE_TYPES};

type Res = Result<(), ValidationError>;

fn check(ok: bool, code: &'static str) -> Res {
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(code))
    }
}

fn iso_date(v: &str) -> Res {
    check(parse_date(v).is_some(), "59952")
}

fn birth_range(v: &str, ctx: &PeerCtx) -> Res {
    check(
        parse_date(v).map_or(true, |d| d > date!(1900 - 01 - 01) && d <= ctx.today),
        "60301",
    )
}

fn valid_gender(v: &str) -> Res {
    check(one_of(&["M", "F", "U"], v), "60302")
}

fn industry(v: i64, ctx: &PeerCtx) -> Res {
    check(
        !ctx.business()
            || ctx
                .settings
                .industry_classification_code_ids
                .as_deref()
                .map_or(true, |l| l.contains(&v)),
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

fn not_blank(v: &str) -> Res {
    check(!is_blank(Some(v)), "blank")
}

fn valid_phone_type(v: &str) -> Res {
    check(one_of(&PHONE_TYPES, v), "66801")
}

/// 60303: the tag is free or ours.
fn tag_free(p: &Patch, ctx: &PeerCtx) -> Res {
    let owner = p.tag.as_deref().and_then(|t| ctx.tags.get(t).copied());
    check(owner.map_or(true, |o| Some(o) == p.customer_id), "60303")
}

fn addresses(p: &Patch) -> &[Address] {
    p.addresses.as_deref().unwrap_or_default()
}

/// 60350.
fn address_count(p: &Patch, ctx: &PeerCtx) -> Res {
    let list = addresses(p);
    check(
        list.len() <= ctx.address_types().len()
            && !repeats(list.iter().map(|a| a.address_type.as_deref())),
        "60350",
    )
}

/// 60351.
fn phone_count(p: &Patch) -> Res {
    let list = p.phones.as_deref().unwrap_or_default();
    check(
        list.len() <= 3 && !repeats(list.iter().map(|p| p.phone_type.as_deref())),
        "60351",
    )
}

/// 66901.
fn address_types(p: &Patch, ctx: &PeerCtx) -> Res {
    check(
        addresses(p).iter().all(|a| {
            a.address_type
                .as_deref()
                .is_some_and(|t| one_of(ctx.address_types(), t))
        }),
        "66901",
    )
}

/// 66907.
fn po_boxes(p: &Patch, ctx: &PeerCtx) -> Res {
    check(
        !addresses(p).iter().any(|a| {
            a.address_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(ctx.physical()))
                && a.lines().iter().flatten().any(|l| is_po_box(l))
        }),
        "66907",
    )
}

/// 66908.
fn dps_lines(p: &Patch, ctx: &PeerCtx) -> Res {
    check(
        !ctx.settings.dps_client
            || addresses(p)
                .iter()
                .all(|a| a.lines().iter().flatten().all(|l| l.chars().count() <= 76)),
        "66908",
    )
}

/// 60308 / 60450 / 194108 / 194109.
fn address_policy(p: &Patch, ctx: &PeerCtx) -> Res {
    let s = &ctx.settings;
    for a in addresses(p) {
        let is = |t: &str| {
            a.address_type
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case(t))
        };
        if ctx.business() {
            if is("PrimaryBusiness") && !s.allow_primary_business_address_update {
                return check(false, "194108");
            }
            if is("Mailing") && !s.allow_mailing_address_update {
                return check(false, "194109");
            }
        } else if is("Residence") {
            if !s.allow_residence_address_update {
                return check(false, "60308");
            }
            if s.uses_helix_kyc {
                return check(false, "60450");
            }
        }
    }
    Ok(())
}

/// The customer patch.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(context = PeerCtx)]
// One `schema` attribute per struct-level rule is validator's syntax, not a duplicate.
#[allow(clippy::duplicated_attributes)]
#[validate(schema(function = "tag_free", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "address_count", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "phone_count", skip_on_field_errors = false))]
#[validate(schema(function = "address_types", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "po_boxes", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "dps_lines", use_context, skip_on_field_errors = false))]
#[validate(schema(function = "address_policy", use_context, skip_on_field_errors = false))]
#[allow(missing_docs)]
pub struct Patch {
    pub customer_id: Option<i64>,
    #[validate(
        custom(function = "name_policy", use_context),
        custom(function = "kyc", use_context)
    )]
    pub first_name: Option<String>,
    #[validate(custom(function = "kyc", use_context))]
    pub middle_name: Option<String>,
    #[validate(
        custom(function = "name_policy", use_context),
        custom(function = "kyc", use_context)
    )]
    pub last_name: Option<String>,
    pub suffix: Option<String>,
    #[validate(
        custom(function = "iso_date"),
        custom(function = "birth_range", use_context),
        custom(function = "kyc", use_context)
    )]
    pub birth_date: Option<String>,
    #[validate(custom(function = "valid_gender"))]
    pub gender: Option<String>,
    pub culture: Option<String>,
    #[validate(
        custom(function = "kyc", use_context),
        custom(function = "tax_id_policy", use_context)
    )]
    pub tax_id: Option<String>,
    #[validate(custom(function = "kyc", use_context))]
    pub drivers_license_number: Option<String>,
    #[validate(custom(function = "kyc", use_context))]
    pub drivers_license_state: Option<String>,
    #[validate(custom(function = "iso_date"), custom(function = "kyc", use_context))]
    pub drivers_license_issue_date: Option<String>,
    #[validate(custom(function = "iso_date"), custom(function = "kyc", use_context))]
    pub drivers_license_expire_date: Option<String>,
    #[validate(custom(function = "kyc", use_context))]
    pub passport_number: Option<String>,
    #[validate(custom(function = "kyc", use_context))]
    pub passport_country: Option<String>,
    #[validate(custom(function = "iso_date"), custom(function = "kyc", use_context))]
    pub passport_issue_date: Option<String>,
    #[validate(custom(function = "iso_date"), custom(function = "kyc", use_context))]
    pub passport_expire_date: Option<String>,
    #[validate(
        email,
        custom(function = "email_policy", use_context),
        custom(function = "kyc", use_context)
    )]
    pub email_address: Option<String>,
    pub tag: Option<String>,
    pub custom_field1: Option<String>,
    pub custom_field2: Option<String>,
    pub custom_field3: Option<String>,
    pub custom_field4: Option<String>,
    pub custom_field5: Option<String>,
    pub is_subject_to_backup_withholding: Option<bool>,
    pub is_opted_in_to_bank_communication: Option<bool>,
    pub is_documents_accepted: Option<bool>,
    pub preferred_name: Option<String>,
    pub use_preferred_name_on_card: Option<bool>,
    pub foreign_document_type: Option<String>,
    pub foreign_document_number: Option<String>,
    pub foreign_document_country_code: Option<String>,
    #[validate(custom(function = "iso_date"))]
    pub foreign_document_expiration_date: Option<String>,
    #[validate(custom(function = "legal_name_policy", use_context))]
    pub business_legal_name: Option<String>,
    #[validate(custom(function = "dba_policy", use_context))]
    pub doing_business_as: Option<String>,
    #[validate(custom(function = "entity_policy", use_context))]
    pub legal_entity_type: Option<String>,
    #[validate(custom(function = "tax_exempt_policy", use_context))]
    pub is_tax_exempt: Option<bool>,
    #[validate(custom(function = "tax_id_type_policy", use_context))]
    pub tax_id_type: Option<String>,
    pub business_description: Option<String>,
    pub business_website: Option<String>,
    pub formation_state: Option<String>,
    #[validate(custom(function = "industry", use_context))]
    pub industry_classification_code_id: Option<i64>,
    pub business_name_on_card: Option<String>,
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
        custom(function = "not_blank", code = "66902")
    )]
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub address_line4: Option<String>,
    #[validate(
        required(code = "66903"),
        custom(function = "not_blank", code = "66903")
    )]
    pub city: Option<String>,
    #[validate(
        required(code = "66904"),
        custom(function = "not_blank", code = "66904")
    )]
    pub state: Option<String>,
    #[validate(
        required(code = "66905"),
        custom(function = "not_blank", code = "66905")
    )]
    pub postal_code: Option<String>,
    #[validate(
        required(code = "66906"),
        custom(function = "not_blank", code = "66906")
    )]
    pub country: Option<String>,
    pub is_active: Option<bool>,
}

impl Address {
    fn lines(&self) -> [Option<&str>; 4] {
        [
            self.address_line1.as_deref(),
            self.address_line2.as_deref(),
            self.address_line3.as_deref(),
            self.address_line4.as_deref(),
        ]
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
        custom(function = "not_blank", code = "66802")
    )]
    pub number: Option<String>,
    pub is_active: Option<bool>,
}

/// Validates a typed patch: every failing rule, by field.
pub fn validate(p: &Patch, ctx: &PeerCtx) -> Result<(), validator::ValidationErrors> {
    p.validate_with_args(ctx)
}

/// Reads and validates a body; a body that does not read is one error.
pub fn validate_json(
    body: &[u8],
    ctx: &PeerCtx,
) -> Result<(), Option<validator::ValidationErrors>> {
    let p: Patch = serde_json::from_slice(body).map_err(|_| None)?;
    p.validate_with_args(ctx).map_err(Some)
}
