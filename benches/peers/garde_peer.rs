//! The rules as a garde user writes them: derived rules on the wire types, custom validators
//! that read the context (settings, kind, day, tag store) and sibling fields through `self`.

// garde hands custom rules the field as declared: `&Option<T>`.
#![allow(clippy::ref_option)]

use garde::Validate;
use helix_customer_rules::__private::parse_date;
use serde::Deserialize;
use time::macros::date;

use super::{is_blank, is_po_box, one_of, repeats, PeerCtx, PHONE_TYPES};

type Res = garde::Result;

fn fail(code: &'static str) -> Res {
    Err(garde::Error::new(code))
}

fn check(ok: bool, code: &'static str) -> Res {
    if ok {
        Ok(())
    } else {
        fail(code)
    }
}

/// 59952: an ISO-8601 date or date-time.
fn iso_date(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        v.as_deref().map_or(true, |s| parse_date(s).is_some()),
        "59952",
    )
}

/// 60301: after 1900-01-01, not after today.
fn birth_range(v: &Option<String>, ctx: &PeerCtx) -> Res {
    let d = v.as_deref().and_then(parse_date);
    check(
        d.map_or(true, |d| d > date!(1900 - 01 - 01) && d <= ctx.today),
        "60301",
    )
}

/// 60302.
fn valid_gender(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        v.as_deref().map_or(true, |g| one_of(&["M", "F", "U"], g)),
        "60302",
    )
}

/// 60303: the tag is free or ours.
fn tag_free(me: Option<i64>) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    move |v, ctx| {
        let owner = v.as_deref().and_then(|t| ctx.tags.get(t).copied());
        check(owner.map_or(true, |o| Some(o) == me), "60303")
    }
}

/// 60305: business customers only.
fn industry(v: &Option<i64>, ctx: &PeerCtx) -> Res {
    let list = ctx.settings.industry_classification_code_ids.as_deref();
    check(
        match (v, list) {
            (Some(id), Some(list)) if ctx.business() => list.contains(id),
            _ => true,
        },
        "60305",
    )
}

/// 60306.
fn name_policy(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(v.is_none() || ctx.settings.allow_name_update, "60306")
}

/// 60307.
fn email_policy(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(v.is_none() || ctx.settings.allow_email_update, "60307")
}

/// 60450: identity properties are frozen under Helix KYC.
fn kyc<T>(v: &Option<T>, ctx: &PeerCtx) -> Res {
    check(v.is_none() || !ctx.settings.uses_helix_kyc, "60450")
}

/// 1941xx: a business property the program freezes.
fn frozen<T>(
    allowed: fn(&helix_customer_rules::ProgramSettings) -> bool,
    code: &'static str,
) -> impl FnOnce(&Option<T>, &PeerCtx) -> Res {
    move |v, ctx| {
        check(
            v.is_none() || !ctx.business() || allowed(&ctx.settings),
            code,
        )
    }
}

/// 60350: at most one address per type.
fn unique_address_types(v: &Option<Vec<Address>>, _: &PeerCtx) -> Res {
    let list = v.as_deref().unwrap_or_default();
    check(
        !repeats(list.iter().map(|a| a.address_type.as_deref())),
        "60350",
    )
}

/// 60351: at most one phone per type.
fn unique_phone_types(v: &Option<Vec<Phone>>, _: &PeerCtx) -> Res {
    let list = v.as_deref().unwrap_or_default();
    check(
        !repeats(list.iter().map(|p| p.phone_type.as_deref())),
        "60351",
    )
}

/// Required text (6690x, 66802): present and not blank.
fn required(code: &'static str) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    move |v, _| check(!is_blank(v.as_deref()), code)
}

/// 66907: no PO box on the physical address.
fn no_po_box(address_type: Option<&str>) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res + '_ {
    move |v, ctx| {
        let physical = address_type.is_some_and(|t| t.eq_ignore_ascii_case(ctx.physical()));
        check(!(physical && v.as_deref().is_some_and(is_po_box)), "66907")
    }
}

/// 66908: DPS programs take 76 characters per line.
fn dps(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(
        !ctx.settings.dps_client || v.as_deref().map_or(true, |l| l.chars().count() <= 76),
        "66908",
    )
}

/// 66901.
fn valid_address_type(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(
        v.as_deref().is_some_and(|t| one_of(ctx.address_types(), t)),
        "66901",
    )
}

/// 66801.
fn valid_phone_type(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        v.as_deref().is_some_and(|t| one_of(&PHONE_TYPES, t)),
        "66801",
    )
}

/// 60308 / 60450 / 194108 / 194109: address updates the program freezes.
fn address_policy(a: &Address, ctx: &PeerCtx) -> Res {
    let is = |t: &str| {
        a.address_type
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(t))
    };
    let s = &ctx.settings;
    if ctx.business() {
        if is("PrimaryBusiness") && !s.allow_primary_business_address_update {
            return fail("194108");
        }
        if is("Mailing") && !s.allow_mailing_address_update {
            return fail("194109");
        }
    } else if is("Residence") {
        if !s.allow_residence_address_update {
            return fail("60308");
        }
        if s.uses_helix_kyc {
            return fail("60450");
        }
    }
    Ok(())
}

/// The customer patch.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[garde(context(PeerCtx as ctx))]
#[allow(missing_docs)]
pub struct Patch {
    #[garde(skip)]
    pub customer_id: Option<i64>,
    #[garde(custom(name_policy), custom(kyc))]
    pub first_name: Option<String>,
    #[garde(custom(kyc))]
    pub middle_name: Option<String>,
    #[garde(custom(name_policy), custom(kyc))]
    pub last_name: Option<String>,
    #[garde(skip)]
    pub suffix: Option<String>,
    #[garde(custom(iso_date), custom(birth_range), custom(kyc))]
    pub birth_date: Option<String>,
    #[garde(custom(valid_gender))]
    pub gender: Option<String>,
    #[garde(skip)]
    pub culture: Option<String>,
    #[garde(custom(kyc), custom(frozen(|s| s.allow_tax_id_update, "194106")))]
    pub tax_id: Option<String>,
    #[garde(custom(kyc))]
    pub drivers_license_number: Option<String>,
    #[garde(custom(kyc))]
    pub drivers_license_state: Option<String>,
    #[garde(custom(iso_date), custom(kyc))]
    pub drivers_license_issue_date: Option<String>,
    #[garde(custom(iso_date), custom(kyc))]
    pub drivers_license_expire_date: Option<String>,
    #[garde(custom(kyc))]
    pub passport_number: Option<String>,
    #[garde(custom(kyc))]
    pub passport_country: Option<String>,
    #[garde(custom(iso_date), custom(kyc))]
    pub passport_issue_date: Option<String>,
    #[garde(custom(iso_date), custom(kyc))]
    pub passport_expire_date: Option<String>,
    #[garde(email, custom(email_policy), custom(kyc))]
    pub email_address: Option<String>,
    #[garde(custom(tag_free(self.customer_id)))]
    pub tag: Option<String>,
    #[garde(skip)]
    pub custom_field1: Option<String>,
    #[garde(skip)]
    pub custom_field2: Option<String>,
    #[garde(skip)]
    pub custom_field3: Option<String>,
    #[garde(skip)]
    pub custom_field4: Option<String>,
    #[garde(skip)]
    pub custom_field5: Option<String>,
    #[garde(skip)]
    pub is_subject_to_backup_withholding: Option<bool>,
    #[garde(skip)]
    pub is_opted_in_to_bank_communication: Option<bool>,
    #[garde(skip)]
    pub is_documents_accepted: Option<bool>,
    #[garde(skip)]
    pub preferred_name: Option<String>,
    #[garde(skip)]
    pub use_preferred_name_on_card: Option<bool>,
    #[garde(skip)]
    pub foreign_document_type: Option<String>,
    #[garde(skip)]
    pub foreign_document_number: Option<String>,
    #[garde(skip)]
    pub foreign_document_country_code: Option<String>,
    #[garde(custom(iso_date))]
    pub foreign_document_expiration_date: Option<String>,
    #[garde(custom(frozen(|s| s.allow_business_legal_name_update, "194102")))]
    pub business_legal_name: Option<String>,
    #[garde(custom(frozen(|s| s.allow_dba_update, "194103")))]
    pub doing_business_as: Option<String>,
    #[garde(custom(frozen(|s| s.allow_legal_entity_type_update, "194104")))]
    pub legal_entity_type: Option<String>,
    #[garde(custom(frozen(|s| s.allow_is_tax_exempt_update, "194105")))]
    pub is_tax_exempt: Option<bool>,
    #[garde(custom(frozen(|s| s.allow_tax_id_type_update, "194107")))]
    pub tax_id_type: Option<String>,
    #[garde(skip)]
    pub business_description: Option<String>,
    #[garde(skip)]
    pub business_website: Option<String>,
    #[garde(skip)]
    pub formation_state: Option<String>,
    #[garde(custom(industry))]
    pub industry_classification_code_id: Option<i64>,
    #[garde(skip)]
    pub business_name_on_card: Option<String>,
    #[garde(
        length(max = ctx.address_types().len()),
        custom(unique_address_types),
        dive
    )]
    pub addresses: Option<Vec<Address>>,
    #[garde(length(max = 3), custom(unique_phone_types), dive)]
    pub phones: Option<Vec<Phone>>,
}

/// One address.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[garde(context(PeerCtx as ctx))]
#[garde(custom(address_policy))]
#[allow(missing_docs)]
pub struct Address {
    #[garde(custom(valid_address_type))]
    pub address_type: Option<String>,
    #[garde(
        custom(required("66902")),
        custom(no_po_box(self.address_type.as_deref())),
        custom(dps)
    )]
    pub address_line1: Option<String>,
    #[garde(custom(no_po_box(self.address_type.as_deref())), custom(dps))]
    pub address_line2: Option<String>,
    #[garde(custom(no_po_box(self.address_type.as_deref())), custom(dps))]
    pub address_line3: Option<String>,
    #[garde(custom(no_po_box(self.address_type.as_deref())), custom(dps))]
    pub address_line4: Option<String>,
    #[garde(custom(required("66903")))]
    pub city: Option<String>,
    #[garde(custom(required("66904")))]
    pub state: Option<String>,
    #[garde(custom(required("66905")))]
    pub postal_code: Option<String>,
    #[garde(custom(required("66906")))]
    pub country: Option<String>,
    #[garde(skip)]
    pub is_active: Option<bool>,
}

/// One phone.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[garde(context(PeerCtx as ctx))]
#[allow(missing_docs)]
pub struct Phone {
    #[garde(custom(valid_phone_type))]
    pub phone_type: Option<String>,
    #[garde(custom(required("66802")))]
    pub number: Option<String>,
    #[garde(skip)]
    pub is_active: Option<bool>,
}

/// Validates a typed patch: every failing rule, with its path.
pub fn validate(p: &Patch, ctx: &PeerCtx) -> Result<(), garde::Report> {
    p.validate_with(ctx)
}

/// Reads and validates a body; a body that does not read is one error.
pub fn validate_json(body: &[u8], ctx: &PeerCtx) -> Result<(), Option<garde::Report>> {
    let p: Patch = serde_json::from_slice(body).map_err(|_| None)?;
    p.validate_with(ctx).map_err(Some)
}
