"""One conformance suite, three runtimes: every golden case of the Rust tests must give exactly
its expected violations (code, path, message, order) through the Python package."""

import json
import re

import pytest

import helix_customer_rules as hcr
from golden import expected, golden_cases, outcome, violations_of

CASES = golden_cases()


def test_there_are_golden_cases():
    # Guards against a wrong path silently turning the suite into zero tests.
    assert len(CASES) > 100


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['name']}" for c in CASES])
def test_golden_case(case):
    assert outcome(hcr.validate, case["request"], case["today"]) == expected(case)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['name']}" for c in CASES])
def test_json_text_and_bytes_give_what_the_dict_gives(case):
    text = json.dumps(case["request"])
    want = outcome(hcr.validate, case["request"], case["today"])
    assert outcome(hcr.validate, text, case["today"]) == want
    assert outcome(hcr.validate, text.encode(), case["today"]) == want


def test_validate_many_gives_every_case_in_order():
    # validate_many takes one day for the batch: group the cases by their file's day.
    by_day = {}
    for c in CASES:
        by_day.setdefault(c["today"], []).append(c)
    for today, cases in by_day.items():
        got = hcr.validate_many([c["request"] for c in cases], today=today)
        assert len(got) == len(cases)
        for c, r in zip(cases, got):
            if "error" in r:
                got = {"expected": f"request error: {r['error']}", "warnings": []}
            else:
                got = {"expected": r["violations"], "warnings": r["warnings"]}
            assert got == expected(c), c["name"]


CATALOGUE = hcr.rules()


def test_catalogue_is_in_strictly_ascending_code_order():
    codes = [r["code"] for r in CATALOGUE]
    assert codes == sorted(set(codes))


def test_every_rule_has_a_valid_and_an_invalid_case_and_fires_in_one():
    sides = {r["code"]: set() for r in CATALOGUE}
    fired = {v["code"] for c in CASES for v in violations_of(c) + c.get("warnings", [])}
    for c in CASES:
        head, side = c["name"].split("/")[:2]
        # Cases about several rules at once are named after no code (`all/invalid/...`).
        if not head.isdigit():
            continue
        assert int(head) in sides, f"{c['file']} {c['name']}: no rule {head} in rules()"
        sides[int(head)].add(side)
    for code, seen in sides.items():
        assert {"valid", "invalid"} <= seen, f"rule {code} lacks a valid or an invalid case: {seen}"
        assert code in fired, f"no golden case expects rule {code}"


def _fits(template, message):
    # A template's placeholders ({0}, {id}) stand for any text.
    parts = [re.escape(p) for p in re.split(r"\{[^}]*\}", template)]
    return re.fullmatch(".*".join(parts), message, re.S) is not None


def test_every_expected_violation_is_worded_by_its_rules_template():
    by_code = {r["code"]: r for r in CATALOGUE}
    for c in CASES:
        for v in violations_of(c) + c.get("warnings", []):
            rule = by_code.get(v["code"])
            assert rule is not None, f"{c['name']}: code {v['code']} is not in rules()"
            business = rule["businessMessage"]
            assert _fits(rule["message"], v["message"]) or (
                business is not None and _fits(business, v["message"])
            ), f"{c['name']}: {v['message']!r} is not the wording of {v['code']}"
