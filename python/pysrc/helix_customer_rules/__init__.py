"""helix-customer-rules: whether the Helix banking API will accept a customer update, and if
not exactly why (the same codes and messages), decided in-process by the Rust engine.

>>> from helix_customer_rules import validate
>>> out = validate({"patch": {"gender": "X"}, "context": {"today": "2026-11-23"}})
>>> out["valid"], out["violations"][0]["code"]
(False, 60302)
"""

from ._errors import RequestError
from ._native import __version__, rules, validate, validate_many
from ._types import (
    Context,
    ErrorItem,
    Request,
    RequestLike,
    Result,
    Rule,
    Settings,
    Violation,
)

__all__ = [
    "Context",
    "ErrorItem",
    "Request",
    "RequestError",
    "RequestLike",
    "Result",
    "Rule",
    "Settings",
    "Violation",
    "__version__",
    "rules",
    "validate",
    "validate_many",
]
