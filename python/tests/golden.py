"""Reads the golden cases of the Rust tests (../../tests/cases/*.json), unchanged, and says what
the Rust harness (tests/golden.rs) compares."""

import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, List

CASES_DIR = Path(__file__).resolve().parents[2] / "tests" / "cases"


def golden_cases() -> List[Dict[str, Any]]:
    """Every case as ``{file, name, request, expected, today, ...}``, files in name order."""
    files = sorted(CASES_DIR.glob("*.json"))
    if not files:
        raise RuntimeError(f"no golden files in {CASES_DIR}")
    out = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        today = doc.get("today", "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
            raise RuntimeError(f'{path.name}: top-level "today" must be a YYYY-MM-DD date')
        for case in doc["cases"]:
            out.append({"file": path.name, "today": today, **case})
    return out


def outcome(validate: Callable[..., Any], request: Any, today: str) -> Dict[str, Any]:
    """What the Rust harness (tests/golden.rs) compares: ``{expected, warnings}``, the violation
    and warning lists, or ``{expected: "request error: <message>", warnings: []}`` when the
    document is refused."""
    from helix_customer_rules import RequestError

    try:
        result = validate(request, today=today)
    except RequestError as e:
        return {"expected": f"request error: {e}", "warnings": []}
    # `valid` is part of the printed result: it must agree with the list.
    if result["valid"] != (len(result["violations"]) == 0):
        raise AssertionError(f"valid is {result['valid']} with {len(result['violations'])} violations")
    return {"expected": result["violations"], "warnings": result["warnings"]}


def expected(case: Dict[str, Any]) -> Dict[str, Any]:
    """A golden case's expected lists, in the shape ``outcome`` returns (no ``warnings``: none)."""
    return {"expected": case["expected"], "warnings": case.get("warnings", [])}


def violations_of(case: Dict[str, Any]) -> List[Dict[str, Any]]:
    """A case's expected violations, or none for a case that expects a request error."""
    return case["expected"] if isinstance(case["expected"], list) else []
