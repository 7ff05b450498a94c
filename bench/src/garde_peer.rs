//! The rules as a garde user writes them: derived rules on the wire types, custom validators
//! that read the context (settings, kind, day, tag store) and sibling fields through `self`.
//! Each rule's error message is its Helix code; garde's report gives the field path.

// garde hands custom rules the field as declared: `&Option<T>`.
#![allow(clippy::ref_option)]

use garde::Validate;
use helix_customer_rules::__private::parse_date;
use helix_customer_rules::ProgramSettings;
use serde::Deserialize;

use super::{
    is_blank, is_card_name, is_culture, is_email, is_name, is_po_box, is_us_state, is_zip,
    longer_than, max_length, one_of, set_and_not, too_many_or_repeated, PeerCtx,
    EARLIEST_BIRTH_DATE, MAX_ADDRESS_LINE, MAX_CARD_NAME, MAX_CITY, MAX_CUSTOMER_ID,
    MAX_PHONE_NUMBER, MAX_PREFERRED_NAME, PHONE_TYPES,
};

type Res = garde::Result;

fn check(ok: bool, code: &'static str) -> Res {
    if ok {
        Ok(())
    } else {
        Err(garde::Error::new(code))
    }
}

/// A date property's value when it names a day: an unreadable date counts as absent.
fn day(v: &Option<String>) -> Option<time::Date> {
    v.as_deref().and_then(parse_date)
}

/// 59952: an ISO-8601 date or date-time.
fn iso_date(v: &Option<String>, _: &PeerCtx) -> Res {
    check(v.is_none() || day(v).is_some(), "59952")
}

/// 60001: an int32 id, required.
fn valid_customer_id(v: &Option<i64>, _: &PeerCtx) -> Res {
    check(
        v.is_some_and(|id| (1..=MAX_CUSTOMER_ID).contains(&id)),
        "60001",
    )
}

/// 60301: after 1900-01-01, not after today.
fn birth_range(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(
        day(v).is_none_or(|d| d > EARLIEST_BIRTH_DATE && d <= ctx.today),
        "60301",
    )
}

/// 60302.
fn valid_gender(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        v.as_deref().is_none_or(|g| one_of(&["M", "F", "U"], g)),
        "60302",
    )
}

/// 60303: the tag is free or ours.
fn tag_free(me: Option<i64>) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    move |v, ctx| check(!v.as_deref().is_some_and(|t| ctx.tag_taken(t, me)), "60303")
}

/// 60304: the crate's email profile; `""` is no address to judge.
fn email(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        v.as_deref().is_none_or(|e| e.is_empty() || is_email(e)),
        "60304",
    )
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

/// A program switch: the property may not be set (60306, 60307, 60353).
fn policy<T>(
    allowed: fn(&ProgramSettings) -> bool,
    code: &'static str,
) -> impl FnOnce(&Option<T>, &PeerCtx) -> Res {
    move |v, ctx| check(v.is_none() || allowed(&ctx.settings), code)
}

/// 60450: identity properties are frozen under Helix KYC.
fn kyc<T>(v: &Option<T>, ctx: &PeerCtx) -> Res {
    check(v.is_none() || !ctx.settings.uses_helix_kyc, "60450")
}

/// 60450 for a date: a text that names no day is no update.
fn kyc_date(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(day(v).is_none() || !ctx.settings.uses_helix_kyc, "60450")
}

/// 60353 for a date.
fn foreign_date_policy(v: &Option<String>, ctx: &PeerCtx) -> Res {
    check(
        day(v).is_none() || ctx.settings.allow_foreign_documents,
        "60353",
    )
}

/// 1941xx: a business property the program freezes.
fn frozen<T>(
    allowed: fn(&ProgramSettings) -> bool,
    code: &'static str,
) -> impl FnOnce(&Option<T>, &PeerCtx) -> Res {
    move |v, ctx| {
        check(
            v.is_none() || !ctx.business() || allowed(&ctx.settings),
            code,
        )
    }
}

/// 58001: a documented length.
fn max_chars(max: usize) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    move |v, _| check(!v.as_deref().is_some_and(|t| longer_than(t, max)), "58001")
}

/// 58001 for a top-level property, by wire name.
fn documented_length(name: &str) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    max_chars(max_length(name))
}

/// 58002.
fn digits(v: &Option<String>, _: &PeerCtx) -> Res {
    check(v.as_deref().is_none_or(super::digits_only), "58002")
}

/// 58004.
fn state_code(v: &Option<String>, _: &PeerCtx) -> Res {
    check(!set_and_not(v.as_deref(), is_us_state), "58004")
}

/// 58006.
fn valid_culture(v: &Option<String>, _: &PeerCtx) -> Res {
    check(!set_and_not(v.as_deref(), is_culture), "58006")
}

/// 60263 / 60006: at most `max` characters.
fn at_most(max: usize, code: &'static str) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res {
    move |v, _| check(!v.as_deref().is_some_and(|t| longer_than(t, max)), code)
}

/// 60264.
fn name_chars(v: &Option<String>, _: &PeerCtx) -> Res {
    check(v.as_deref().is_none_or(is_name), "60264")
}

/// 60007.
fn card_chars(v: &Option<String>, _: &PeerCtx) -> Res {
    check(v.as_deref().is_none_or(is_card_name), "60007")
}

/// 60265 for the flag: turning it on needs preferred names.
#[allow(clippy::trivially_copy_pass_by_ref)] // garde passes fields by reference
fn on_card_policy(v: &Option<bool>, ctx: &PeerCtx) -> Res {
    check(
        *v != Some(true) || ctx.settings.preferred_name_enabled,
        "60265",
    )
}

/// 60266: the flag needs a preferred name.
fn on_card_needs_name(name: Option<&str>) -> impl FnOnce(&Option<bool>, &PeerCtx) -> Res + '_ {
    move |v, _| check(*v != Some(true) || !is_blank(name), "60266")
}

/// 60352: not blank, and one of the program's types when it lists them.
fn foreign_type(v: &Option<String>, ctx: &PeerCtx) -> Res {
    let listed = |t: &str| {
        ctx.settings
            .foreign_document_types
            .as_deref()
            .is_none_or(|l| l.iter().any(|k| k.eq_ignore_ascii_case(t)))
    };
    check(
        v.as_deref().is_none_or(|t| !is_blank(Some(t)) && listed(t)),
        "60352",
    )
}

/// 60354 / 60355: sent only with a foreign document number.
fn needs_number<'a, T>(
    number: Option<&'a str>,
    code: &'static str,
) -> impl FnOnce(&Option<T>, &PeerCtx) -> Res + 'a {
    move |v, _| check(v.is_none() || !is_blank(number), code)
}

/// 60356: an expiration date (a real day) needs a number.
fn expiration_needs_number(
    number: Option<&str>,
) -> impl FnOnce(&Option<String>, &PeerCtx) -> Res + '_ {
    move |v, _| check(day(v).is_none() || !is_blank(number), "60356")
}

/// 60350: at most one address per type.
fn address_count(v: &Option<Vec<Address>>, ctx: &PeerCtx) -> Res {
    let list = v.as_deref().unwrap_or_default();
    check(
        !too_many_or_repeated(
            ctx.address_types(),
            list.len(),
            list.iter().map(|a| a.address_type.as_deref()),
        ),
        "60350",
    )
}

/// 60351: at most one phone per type.
fn phone_count(v: &Option<Vec<Phone>>, _: &PeerCtx) -> Res {
    let list = v.as_deref().unwrap_or_default();
    check(
        !too_many_or_repeated(
            &PHONE_TYPES,
            list.len(),
            list.iter().map(|p| p.phone_type.as_deref()),
        ),
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
        !ctx.settings.dps_client
            || !v
                .as_deref()
                .is_some_and(|l| longer_than(l, super::DPS_MAX_LINE)),
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

/// 58003.
fn zip(v: &Option<String>, _: &PeerCtx) -> Res {
    check(!set_and_not(v.as_deref(), is_zip), "58003")
}

/// 58005.
fn us(v: &Option<String>, _: &PeerCtx) -> Res {
    check(
        !set_and_not(v.as_deref(), |c| c.eq_ignore_ascii_case("US")),
        "58005",
    )
}

impl Address {
    fn is(&self, t: &str) -> bool {
        self.address_type
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(t))
    }
}

/// An address type the program freezes: the customer kind it applies to, the type, whether
/// the program freezes it.
fn frozen_address(
    a: &Address,
    ctx: &PeerCtx,
    business: bool,
    address_type: &str,
    frozen_now: bool,
    code: &'static str,
) -> Res {
    check(
        !(ctx.business() == business && a.is(address_type) && frozen_now),
        code,
    )
}

/// 60308.
fn residence_policy(a: &Address, ctx: &PeerCtx) -> Res {
    let frozen_now = !ctx.settings.allow_residence_address_update;
    frozen_address(a, ctx, false, "Residence", frozen_now, "60308")
}

/// 60450 for the Residence address.
fn residence_kyc(a: &Address, ctx: &PeerCtx) -> Res {
    let frozen_now = ctx.settings.uses_helix_kyc;
    frozen_address(a, ctx, false, "Residence", frozen_now, "60450")
}

/// 194108.
fn primary_business_policy(a: &Address, ctx: &PeerCtx) -> Res {
    let frozen_now = !ctx.settings.allow_primary_business_address_update;
    frozen_address(a, ctx, true, "PrimaryBusiness", frozen_now, "194108")
}

/// 194109.
fn mailing_policy(a: &Address, ctx: &PeerCtx) -> Res {
    let frozen_now = !ctx.settings.allow_mailing_address_update;
    frozen_address(a, ctx, true, "Mailing", frozen_now, "194109")
}

/// The customer patch.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[garde(context(PeerCtx as ctx))]
#[allow(missing_docs)]
pub struct Patch {
    #[garde(custom(valid_customer_id))]
    pub customer_id: Option<i64>,
    #[garde(
        custom(policy(|s| s.allow_name_update, "60306")),
        custom(kyc),
        custom(documented_length("firstName"))
    )]
    pub first_name: Option<String>,
    #[garde(custom(kyc), custom(documented_length("middleName")))]
    pub middle_name: Option<String>,
    #[garde(
        custom(policy(|s| s.allow_name_update, "60306")),
        custom(kyc),
        custom(documented_length("lastName"))
    )]
    pub last_name: Option<String>,
    #[garde(custom(documented_length("suffix")))]
    pub suffix: Option<String>,
    #[garde(custom(iso_date), custom(birth_range), custom(kyc_date))]
    pub birth_date: Option<String>,
    #[garde(custom(valid_gender))]
    pub gender: Option<String>,
    #[garde(custom(valid_culture))]
    pub culture: Option<String>,
    #[garde(
        custom(kyc),
        custom(frozen(|s| s.allow_tax_id_update, "194106")),
        custom(documented_length("taxId")),
        custom(digits)
    )]
    pub tax_id: Option<String>,
    #[garde(custom(kyc), custom(documented_length("driversLicenseNumber")))]
    pub drivers_license_number: Option<String>,
    #[garde(custom(kyc), custom(state_code))]
    pub drivers_license_state: Option<String>,
    #[garde(custom(iso_date), custom(kyc_date))]
    pub drivers_license_issue_date: Option<String>,
    #[garde(custom(iso_date), custom(kyc_date))]
    pub drivers_license_expire_date: Option<String>,
    #[garde(custom(kyc), custom(documented_length("passportNumber")))]
    pub passport_number: Option<String>,
    #[garde(custom(kyc), custom(documented_length("passportCountry")))]
    pub passport_country: Option<String>,
    #[garde(custom(iso_date), custom(kyc_date))]
    pub passport_issue_date: Option<String>,
    #[garde(custom(iso_date), custom(kyc_date))]
    pub passport_expire_date: Option<String>,
    #[garde(
        custom(email),
        custom(policy(|s| s.allow_email_update, "60307")),
        custom(kyc),
        custom(documented_length("emailAddress"))
    )]
    pub email_address: Option<String>,
    #[garde(custom(tag_free(self.customer_id)), custom(documented_length("tag")))]
    pub tag: Option<String>,
    #[garde(custom(documented_length("customField1")))]
    pub custom_field1: Option<String>,
    #[garde(custom(documented_length("customField2")))]
    pub custom_field2: Option<String>,
    #[garde(custom(documented_length("customField3")))]
    pub custom_field3: Option<String>,
    #[garde(custom(documented_length("customField4")))]
    pub custom_field4: Option<String>,
    #[garde(custom(documented_length("customField5")))]
    pub custom_field5: Option<String>,
    #[garde(skip)]
    pub is_subject_to_backup_withholding: Option<bool>,
    #[garde(skip)]
    pub is_opted_in_to_bank_communication: Option<bool>,
    #[garde(skip)]
    pub is_documents_accepted: Option<bool>,
    #[garde(
        custom(at_most(MAX_PREFERRED_NAME, "60263")),
        custom(name_chars),
        custom(policy(|s| s.preferred_name_enabled, "60265"))
    )]
    pub preferred_name: Option<String>,
    #[garde(
        custom(on_card_policy),
        custom(on_card_needs_name(self.preferred_name.as_deref()))
    )]
    pub use_preferred_name_on_card: Option<bool>,
    #[garde(
        custom(foreign_type),
        custom(policy(|s| s.allow_foreign_documents, "60353")),
        custom(needs_number(self.foreign_document_number.as_deref(), "60354"))
    )]
    pub foreign_document_type: Option<String>,
    #[garde(
        custom(policy(|s| s.allow_foreign_documents, "60353")),
        custom(documented_length("foreignDocumentNumber"))
    )]
    pub foreign_document_number: Option<String>,
    #[garde(
        custom(policy(|s| s.allow_foreign_documents, "60353")),
        custom(needs_number(self.foreign_document_number.as_deref(), "60355")),
        custom(documented_length("foreignDocumentCountryCode"))
    )]
    pub foreign_document_country_code: Option<String>,
    #[garde(
        custom(iso_date),
        custom(foreign_date_policy),
        custom(expiration_needs_number(self.foreign_document_number.as_deref()))
    )]
    pub foreign_document_expiration_date: Option<String>,
    #[garde(
        custom(frozen(|s| s.allow_business_legal_name_update, "194102")),
        custom(documented_length("businessLegalName"))
    )]
    pub business_legal_name: Option<String>,
    #[garde(custom(frozen(|s| s.allow_dba_update, "194103")))]
    pub doing_business_as: Option<String>,
    #[garde(custom(frozen(|s| s.allow_legal_entity_type_update, "194104")))]
    pub legal_entity_type: Option<String>,
    #[garde(custom(frozen(|s| s.allow_is_tax_exempt_update, "194105")))]
    pub is_tax_exempt: Option<bool>,
    #[garde(custom(frozen(|s| s.allow_tax_id_type_update, "194107")))]
    pub tax_id_type: Option<String>,
    #[garde(custom(documented_length("businessDescription")))]
    pub business_description: Option<String>,
    #[garde(custom(documented_length("businessWebsite")))]
    pub business_website: Option<String>,
    #[garde(custom(state_code))]
    pub formation_state: Option<String>,
    #[garde(custom(industry))]
    pub industry_classification_code_id: Option<i64>,
    #[garde(custom(at_most(MAX_CARD_NAME, "60006")), custom(card_chars))]
    pub business_name_on_card: Option<String>,
    #[garde(custom(documented_length("attesterName")))]
    pub attester_name: Option<String>,
    #[garde(custom(documented_length("attesterTitle")))]
    pub attester_title: Option<String>,
    #[garde(custom(iso_date))]
    pub attestation_date: Option<String>,
    #[garde(custom(address_count), dive)]
    pub addresses: Option<Vec<Address>>,
    #[garde(custom(phone_count), dive)]
    pub phones: Option<Vec<Phone>>,
}

/// One address.
#[derive(Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
#[garde(context(PeerCtx as ctx))]
#[garde(custom(residence_policy))]
#[garde(custom(residence_kyc))]
#[garde(custom(primary_business_policy))]
#[garde(custom(mailing_policy))]
#[allow(missing_docs)]
pub struct Address {
    #[garde(custom(valid_address_type))]
    pub address_type: Option<String>,
    #[garde(
        custom(required("66902")),
        custom(no_po_box(self.address_type.as_deref())),
        custom(dps),
        custom(max_chars(MAX_ADDRESS_LINE))
    )]
    pub address_line1: Option<String>,
    #[garde(
        custom(no_po_box(self.address_type.as_deref())),
        custom(dps),
        custom(max_chars(MAX_ADDRESS_LINE))
    )]
    pub address_line2: Option<String>,
    #[garde(
        custom(no_po_box(self.address_type.as_deref())),
        custom(dps),
        custom(max_chars(MAX_ADDRESS_LINE))
    )]
    pub address_line3: Option<String>,
    #[garde(
        custom(no_po_box(self.address_type.as_deref())),
        custom(dps),
        custom(max_chars(MAX_ADDRESS_LINE))
    )]
    pub address_line4: Option<String>,
    #[garde(custom(required("66903")), custom(max_chars(MAX_CITY)))]
    pub city: Option<String>,
    #[garde(custom(required("66904")), custom(state_code))]
    pub state: Option<String>,
    #[garde(custom(required("66905")), custom(zip))]
    pub postal_code: Option<String>,
    #[garde(custom(required("66906")), custom(us))]
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
    #[garde(
        custom(required("66802")),
        custom(max_chars(MAX_PHONE_NUMBER)),
        custom(digits)
    )]
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
