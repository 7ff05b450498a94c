"""The request and result documents as ``TypedDict``s (camelCase keys, as on the wire)."""

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

__all__ = [
    "Context",
    "ErrorItem",
    "Request",
    "Result",
    "Rule",
    "Settings",
    "Violation",
]


class Settings(TypedDict, total=False):
    """A program's policy, as configured at Helix. Every key is optional; the defaults are
    those of a program without restrictions. An unknown key is a ``RequestError``."""

    usesHelixKyc: bool
    allowNameUpdate: bool
    allowEmailUpdate: bool
    allowResidenceAddressUpdate: bool
    dpsClient: bool
    industryClassificationCodeIds: Optional[List[int]]
    allowBusinessLegalNameUpdate: bool
    allowDbaUpdate: bool
    allowLegalEntityTypeUpdate: bool
    allowIsTaxExemptUpdate: bool
    allowTaxIdUpdate: bool
    allowTaxIdTypeUpdate: bool
    allowPrimaryBusinessAddressUpdate: bool
    allowMailingAddressUpdate: bool
    preferredNameEnabled: bool
    allowForeignDocuments: bool
    #: Matched in any case; an empty list allows none, absent any non-blank type.
    foreignDocumentTypes: Optional[List[str]]


class Context(TypedDict, total=False):
    """What the body is judged against besides itself."""

    #: ``YYYY-MM-DD``; without it, the ``today`` argument or the local calendar day.
    today: str
    customerKind: Literal["individual", "business"]
    #: The customer's current record (a patch-shaped dict), for rules about changes.
    current: Dict[str, Any]
    #: Who owns each tag in the program: tag -> customer id.
    tagOwners: Dict[str, int]


class Request(TypedDict, total=False):
    """A request document: ``patch`` (the body as JSON) or ``patchText`` (the body as text)."""

    patch: Any
    patchText: str
    settings: Settings
    context: Context
    #: Codes switched off for this request; a code that is not in ``rules()`` is an error.
    ignore: List[int]


class Violation(TypedDict):
    """One reason Helix would refuse the update, worded as Helix words it."""

    code: int
    #: A JSON pointer into the body (``/addresses/0/postalCode``); ``""`` for the whole body.
    path: str
    message: str


class Result(TypedDict):
    """The result document, as the command line prints it. ``violations`` hold Helix's codes
    and decide ``valid``; ``warnings`` hold the crate's own (58xxx)."""

    valid: bool
    violations: List[Violation]
    warnings: List[Violation]


class ErrorItem(TypedDict):
    """``validate_many``'s answer for a document that cannot be evaluated."""

    error: str


class Rule(TypedDict):
    """One rule of the catalogue."""

    code: int
    name: str
    #: The family's title in rules.md (``Identity``, ``Addresses``, ...).
    family: str
    #: ``error``: Helix's own code, in ``violations``; ``warning``: the crate's, in ``warnings``.
    severity: Literal["error", "warning"]
    #: Where the rule comes from (``update-page``, ``server-response``, ...).
    source: str
    #: The crate version that added the rule.
    since: str
    message: str
    #: ``None`` unless Helix words it differently for business customers.
    businessMessage: Optional[str]
    properties: List[str]
    settings: List[str]
    #: Markdown.
    docs: str


#: What ``validate`` accepts: the document, or its JSON as text or bytes.
RequestLike = Union[Request, Dict[str, Any], str, bytes, bytearray]
