"""The four workloads of the Rust benchmark (bench/src/workloads.rs) as request documents:
the bodies are read from that file, so both benchmarks measure the very same bytes."""

import json
import re
from pathlib import Path
from typing import Any, Dict, List

WORKLOADS_RS = Path(__file__).resolve().parents[2] / "bench" / "src" / "workloads.rs"
TODAY = "2026-11-23"
# The program's tag store of the Rust workloads: `vip-1` belongs to customer 8.
TAG_OWNERS = {"vip-1": 8}


def _consts() -> Dict[str, str]:
    text = WORKLOADS_RS.read_text(encoding="utf-8")
    found = dict(re.findall(r'const (\w+): &str = r#"(.*?)"#;', text, re.S))
    minimal = re.search(r'body: br#"(.*?)"#', text, re.S)
    if minimal is None or not {"FULL_VALID", "FULL_INVALID", "BUSINESS"} <= set(found):
        raise RuntimeError(f"{WORKLOADS_RS}: the workload bodies moved; update bench/workloads.py")
    found["MINIMAL"] = minimal.group(1)
    return found


def workloads() -> List[Dict[str, Any]]:
    """``[{name, body (bytes), settings, kind, request (dict), request_bytes}]``, in report order."""
    bodies = _consts()
    spec = [
        ("minimal", "MINIMAL", {}, "individual"),
        ("full_valid", "FULL_VALID", {}, "individual"),
        (
            "full_invalid",
            "FULL_INVALID",
            {
                "usesHelixKyc": True,
                "allowNameUpdate": False,
                "allowEmailUpdate": False,
                "allowResidenceAddressUpdate": False,
                "dpsClient": True,
                "industryClassificationCodeIds": [1, 2, 3],
            },
            "individual",
        ),
        ("business", "BUSINESS", {"industryClassificationCodeIds": [1, 2, 3, 5411, 7372]}, "business"),
    ]
    out = []
    for name, const, settings, kind in spec:
        body = bodies[const].encode()
        request = {
            "patch": json.loads(body),
            "settings": settings,
            "context": {"today": TODAY, "customerKind": kind, "tagOwners": TAG_OWNERS},
        }
        out.append(
            {
                "name": name,
                "body": body,
                "settings": settings,
                "kind": kind,
                "request": request,
                "request_bytes": json.dumps(request).encode(),
            }
        )
    return out
