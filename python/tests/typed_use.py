"""Typed use of the package, checked by `mypy --strict` in .ci/python.sh (and run by pytest
through test_typed_use.py): the stubs must type what a user writes."""

import datetime
from typing import List, Union

import helix_customer_rules as hcr
from helix_customer_rules import ErrorItem, Request, RequestError, Result, Rule, Violation


def first_codes(request: Request) -> List[int]:
    result: Result = hcr.validate(request, today=datetime.date(2026, 11, 23))
    found: List[Violation] = result["violations"] + result["warnings"]
    return [v["code"] for v in found]


def batch(requests: List[Union[Request, bytes, str]]) -> int:
    answers: List[Union[Result, ErrorItem]] = hcr.validate_many(requests, today="2026-11-23")
    failures = 0
    for a in answers:
        if "error" in a:
            failures += 1
    return failures


def catalogue_names() -> List[str]:
    rules: List[Rule] = hcr.rules()
    return [r["name"] for r in rules if r["severity"] == "error"]


def refused() -> str:
    try:
        hcr.validate({"patch": {}, "settings": {"usesHelixKyc": True}, "ignore": [1]})
    except RequestError as e:
        return str(e)
    return ""


def main() -> None:
    request: Request = {"patch": {"customerId": 42, "gender": "X"}, "settings": {"dpsClient": True}, "context": {"customerKind": "individual"}}
    assert first_codes(request) == [60302]
    assert batch([request, b'{"patch": {}, "settings": {"x": 1}}']) == 1
    assert "InvalidGender" in catalogue_names()
    assert refused() == "ignore: 1 is not a code this crate reports"
    print(hcr.__version__)
