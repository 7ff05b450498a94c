"""The rules as a pydantic v2 user writes them: typed models of the body, field validators for
the rules of one property, model validators for the rules that need several, and the program
settings, the customer kind, the day and the tag store read from the validation context
(``Patch.model_validate_json(body, context=...)``).

It covers the rules the Rust peers covered before their newer codes (bench/src/validator_peer.rs),
with Python's own tools: ``datetime.fromisoformat`` for dates, ``re`` for e-mail, and the crate's
PO-box pattern in Python's dialect (po_box.py). Like those peers it
reports codes, not Helix's messages and paths.
"""

import datetime
import re
from typing import Any, Dict, List, Optional

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationInfo, field_validator, model_validator
from pydantic.alias_generators import to_camel

INDIVIDUAL_TYPES = ("Residence", "Mailing", "Prior")
BUSINESS_TYPES = ("PrimaryBusiness", "Business", "Registered", "TaxFormMailing", "Mailing")
PHONE_TYPES = ("Home", "Mobile", "Office")

# The crate's PO-box rule: its reference pattern in Python's dialect (po_box.py).
from po_box import PO_BOX  # noqa: E402

# The WHATWG form of an e-mail address, with a dot required in the domain.
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def parse_date(value: str) -> Optional[datetime.date]:
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def blank(value: Optional[str]) -> bool:
    return value is None or value.strip() == ""


def one_of(allowed, value: str) -> bool:
    low = value.lower()
    return any(a.lower() == low for a in allowed)


def repeats(types) -> bool:
    seen = set()
    for t in types:
        if t is None:
            continue
        if t.lower() in seen:
            return True
        seen.add(t.lower())
    return False


class Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")


class Address(Wire):
    address_type: Optional[str] = None
    address_line1: Optional[str] = None
    address_line2: Optional[str] = None
    address_line3: Optional[str] = None
    address_line4: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = None
    postal_code: Optional[str] = None
    country: Optional[str] = None
    is_active: Optional[bool] = None

    @model_validator(mode="after")
    def required_parts(self):
        missing = [
            code
            for code, value in (
                ("66902", self.address_line1),
                ("66903", self.city),
                ("66904", self.state),
                ("66905", self.postal_code),
                ("66906", self.country),
            )
            if blank(value)
        ]
        if missing:
            raise ValueError(" ".join(missing))
        return self

    def lines(self) -> List[str]:
        return [l for l in (self.address_line1, self.address_line2, self.address_line3, self.address_line4) if l]


class Phone(Wire):
    phone_type: Optional[str] = None
    number: Optional[str] = None
    is_active: Optional[bool] = None

    @field_validator("phone_type")
    @classmethod
    def known_type(cls, v):
        if v is not None and not one_of(PHONE_TYPES, v):
            raise ValueError("66801")
        return v

    @model_validator(mode="after")
    def required_parts(self):
        if self.phone_type is None:
            raise ValueError("66801")
        if blank(self.number):
            raise ValueError("66802")
        return self


def _settings(info: ValidationInfo) -> Dict[str, Any]:
    return info.context["settings"]


def _business(info: ValidationInfo) -> bool:
    return info.context["kind"] == "business"


class Patch(Wire):
    customer_id: Optional[int] = None
    first_name: Optional[str] = None
    middle_name: Optional[str] = None
    last_name: Optional[str] = None
    suffix: Optional[str] = None
    birth_date: Optional[str] = None
    gender: Optional[str] = None
    culture: Optional[str] = None
    tax_id: Optional[str] = None
    drivers_license_number: Optional[str] = None
    drivers_license_state: Optional[str] = None
    drivers_license_issue_date: Optional[str] = None
    drivers_license_expire_date: Optional[str] = None
    passport_number: Optional[str] = None
    passport_country: Optional[str] = None
    passport_issue_date: Optional[str] = None
    passport_expire_date: Optional[str] = None
    email_address: Optional[str] = None
    tag: Optional[str] = None
    custom_field1: Optional[str] = None
    custom_field2: Optional[str] = None
    custom_field3: Optional[str] = None
    custom_field4: Optional[str] = None
    custom_field5: Optional[str] = None
    is_subject_to_backup_withholding: Optional[bool] = None
    is_opted_in_to_bank_communication: Optional[bool] = None
    is_documents_accepted: Optional[bool] = None
    preferred_name: Optional[str] = None
    use_preferred_name_on_card: Optional[bool] = None
    foreign_document_type: Optional[str] = None
    foreign_document_number: Optional[str] = None
    foreign_document_country_code: Optional[str] = None
    foreign_document_expiration_date: Optional[str] = None
    business_legal_name: Optional[str] = None
    doing_business_as: Optional[str] = None
    legal_entity_type: Optional[str] = None
    is_tax_exempt: Optional[bool] = None
    tax_id_type: Optional[str] = None
    business_description: Optional[str] = None
    business_website: Optional[str] = None
    formation_state: Optional[str] = None
    industry_classification_code_id: Optional[int] = None
    business_name_on_card: Optional[str] = None
    addresses: Optional[List[Address]] = None
    phones: Optional[List[Phone]] = None

    # --- one property each ---

    @field_validator(
        "birth_date",
        "drivers_license_issue_date",
        "drivers_license_expire_date",
        "passport_issue_date",
        "passport_expire_date",
        "foreign_document_expiration_date",
    )
    @classmethod
    def iso_date(cls, v):
        if v is not None and parse_date(v) is None:
            raise ValueError("59952")
        return v

    @field_validator("birth_date")
    @classmethod
    def birth_range(cls, v, info: ValidationInfo):
        day = parse_date(v) if v is not None else None
        if day is not None and not (EARLIEST_BIRTH < day <= info.context["today"]):
            raise ValueError("60301")
        return v

    @field_validator("gender")
    @classmethod
    def valid_gender(cls, v):
        if v is not None and not one_of(("M", "F", "U"), v):
            raise ValueError("60302")
        return v

    @field_validator("email_address")
    @classmethod
    def valid_email(cls, v, info: ValidationInfo):
        if v is None:
            return v
        if not EMAIL.match(v):
            raise ValueError("60304")
        if not _settings(info).get("allowEmailUpdate", True):
            raise ValueError("60307")
        return v

    @field_validator("industry_classification_code_id")
    @classmethod
    def industry(cls, v, info: ValidationInfo):
        allowed = _settings(info).get("industryClassificationCodeIds")
        if v is not None and _business(info) and allowed is not None and v not in allowed:
            raise ValueError("60305")
        return v

    @field_validator("first_name", "last_name")
    @classmethod
    def name_policy(cls, v, info: ValidationInfo):
        if v is not None and not _settings(info).get("allowNameUpdate", True):
            raise ValueError("60306")
        return v

    @field_validator(
        "first_name",
        "middle_name",
        "last_name",
        "birth_date",
        "tax_id",
        "drivers_license_number",
        "drivers_license_state",
        "drivers_license_issue_date",
        "drivers_license_expire_date",
        "passport_number",
        "passport_country",
        "passport_issue_date",
        "passport_expire_date",
        "email_address",
    )
    @classmethod
    def kyc(cls, v, info: ValidationInfo):
        if v is not None and _settings(info).get("usesHelixKyc", False):
            raise ValueError("60450")
        return v

    @field_validator(
        "business_legal_name", "doing_business_as", "legal_entity_type", "is_tax_exempt", "tax_id", "tax_id_type"
    )
    @classmethod
    def business_policy(cls, v, info: ValidationInfo):
        switch, code = {
            "business_legal_name": ("allowBusinessLegalNameUpdate", "194102"),
            "doing_business_as": ("allowDbaUpdate", "194103"),
            "legal_entity_type": ("allowLegalEntityTypeUpdate", "194104"),
            "is_tax_exempt": ("allowIsTaxExemptUpdate", "194105"),
            "tax_id": ("allowTaxIdUpdate", "194106"),
            "tax_id_type": ("allowTaxIdTypeUpdate", "194107"),
        }[info.field_name]
        if v is not None and _business(info) and not _settings(info).get(switch, True):
            raise ValueError(code)
        return v

    # --- several properties ---

    @model_validator(mode="after")
    def whole_patch(self, info: ValidationInfo):
        cx = info.context
        settings = cx["settings"]
        business = cx["kind"] == "business"
        types = BUSINESS_TYPES if business else INDIVIDUAL_TYPES
        physical = "primarybusiness" if business else "residence"
        addresses = self.addresses or []
        phones = self.phones or []
        codes = []
        owner = cx["tags"].get(self.tag) if self.tag is not None else None
        if owner is not None and owner != self.customer_id:
            codes.append("60303")
        if len(addresses) > len(types) or repeats(a.address_type for a in addresses):
            codes.append("60350")
        if len(phones) > 3 or repeats(p.phone_type for p in phones):
            codes.append("60351")
        if not all(a.address_type is not None and one_of(types, a.address_type) for a in addresses):
            codes.append("66901")
        if any(
            a.address_type is not None
            and a.address_type.lower() == physical
            and any(PO_BOX.search(l) for l in a.lines())
            for a in addresses
        ):
            codes.append("66907")
        if settings.get("dpsClient", False) and any(len(l) > 76 for a in addresses for l in a.lines()):
            codes.append("66908")
        for a in addresses:
            kind = (a.address_type or "").lower()
            if business:
                if kind == "primarybusiness" and not settings.get("allowPrimaryBusinessAddressUpdate", True):
                    codes.append("194108")
                if kind == "mailing" and not settings.get("allowMailingAddressUpdate", True):
                    codes.append("194109")
            elif kind == "residence":
                if not settings.get("allowResidenceAddressUpdate", True):
                    codes.append("60308")
                if settings.get("usesHelixKyc", False):
                    codes.append("60450")
        if codes:
            raise ValueError(" ".join(codes))
        return self


PATCHES = TypeAdapter(List[Patch])


def context(settings: Dict[str, Any], kind: str, today: str, tags: Dict[str, int]) -> Dict[str, Any]:
    """The validation context a pydantic user passes: what the rules read besides the body."""
    return {
        "settings": settings,
        "kind": kind,
        "today": datetime.date.fromisoformat(today),
        "tags": tags,
    }
