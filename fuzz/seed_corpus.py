#!/usr/bin/env python3
"""Rebuilds fuzz/corpus/<target>/ from the golden cases in tests/cases/*.json, and
fuzz/dict/json_body.dict from the schema's wire names (src/model/mod.rs).

json_body seeds are a 5-byte header (settings and context; layout in fuzz/src/lib.rs,
split_header) followed by the case's body. structured_patch seeds are the bodies (arbitrary data
with a realistic shape). matchers seeds are mode 2 (invariants on a given text) followed by
every address line and email address the cases use. po_box_diff seeds are the lines of the
PO-box corpus (tests/corpora/po_box.tsv) and the cases' address lines, as plain text.

Run from anywhere: python3 fuzz/seed_corpus.py
"""
import datetime
import hashlib
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
EPOCH = datetime.date(1900, 1, 1)

BYTE0 = [("usesHelixKyc", True), ("allowNameUpdate", False), ("allowEmailUpdate", False),
         ("allowResidenceAddressUpdate", False), ("dpsClient", True)]
BYTE1 = ["allowBusinessLegalNameUpdate", "allowDbaUpdate", "allowLegalEntityTypeUpdate",
         "allowIsTaxExemptUpdate", "allowTaxIdUpdate", "allowTaxIdTypeUpdate",
         "allowPrimaryBusinessAddressUpdate", "allowMailingAddressUpdate"]


def header(request, file_today):
    settings = request.get("settings") or {}
    context = request.get("context") or {}
    b0 = 0
    for bit, (key, when) in enumerate(BYTE0):
        if settings.get(key, not when) == when:
            b0 |= 1 << bit
    if context.get("customerKind") == "business":
        b0 |= 1 << 5
    if context.get("current") is not None:
        b0 |= 1 << 6
    if context.get("tagOwners"):
        b0 |= 1 << 7
    b1 = sum(1 << bit for bit, key in enumerate(BYTE1) if settings.get(key, True) is False)
    today = datetime.date.fromisoformat(context.get("today") or file_today or "2026-11-23")
    days = max(0, min(65535, (today - EPOCH).days))
    ids = settings.get("industryClassificationCodeIds")
    b4 = max(1, min(255, max(ids))) if ids else 0
    return bytes([b0, b1, days & 0xFF, days >> 8, b4])


def body(request):
    if "patchText" in request:
        return request["patchText"].encode("utf-8", "surrogatepass")
    return json.dumps(request.get("patch"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def declared_orders():
    """Each wire struct's property names in declaration order (src/model/mod.rs), keyed by
    the property that holds its entries ("" for the patch itself)."""
    src = (ROOT / "src" / "model" / "mod.rs").read_text(encoding="utf-8")
    blocks = re.findall(r"wire_struct! \{(.*?)\n\}", src, re.S)
    names = [re.findall(r'= "(\w+)",', b) for b in blocks]
    patch = next(n for n in names if "customerId" in n)
    address = next(n for n in names if "addressType" in n)
    phone = next(n for n in names if "phoneType" in n)
    return {"": patch, "addresses": address, "phones": phone}


def in_declared_order(value, orders, holder=""):
    """`value` with each object's keys in the model's declared order (the order the crate's
    reader tries first), unknown keys after."""
    if isinstance(value, dict):
        names = orders.get(holder, [])
        place = {n: i for i, n in enumerate(names)}
        keys = sorted(value, key=lambda k: place.get(k, len(names)))
        return {k: in_declared_order(value[k], orders, k if holder == "" else None) for k in keys}
    if isinstance(value, list):
        return [in_declared_order(v, orders, holder) for v in value]
    return value


def texts(value):
    """Every address line and email address in a patch."""
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str) and (k.startswith("addressLine") or k == "emailAddress"):
                yield v
            else:
                yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)


ENUMS = ["Residence", "Mailing", "Prior", "PrimaryBusiness", "Business", "Registered",
         "TaxFormMailing", "Home", "Mobile", "Office", "M", "F", "U", "true", "false", "US",
         "1900-01-01", "T00:00:00.000+00:00", "PO Box", "Apartado", "@example.com"]
SYNTAX = ["{", "}", "[", "]", ":", ",", "null", "true", "false", "\\\\u00a0", "\\\\ud800",
          "1e400", "-0"]


def write_dict():
    src = (ROOT / "src" / "model" / "mod.rs").read_text(encoding="utf-8")
    names = sorted(set(re.findall(r'= "([a-zA-Z0-9]+)",', src)))
    lines = ["# Tokens for the json_body target: the schema's wire names, enum values, JSON syntax."]
    lines += [f'"\\"{n}\\":"' for n in names]
    lines += [f'"\\"{v}\\""' for v in ENUMS]
    lines += [f'"{t}"' for t in SYNTAX]
    out = ROOT / "fuzz" / "dict" / "json_body.dict"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"json_body.dict: {len(lines) - 1} tokens")


def main():
    write_dict()
    seeds = {
        "json_body": set(),
        "structured_patch": set(),
        "matchers": set(),
        "po_box_diff": set(),
        "readers_diff": set(),
    }
    orders = declared_orders()
    escape = re.compile(r"\\u\{([0-9a-fA-F]+)\}")
    for row in (ROOT / "tests" / "corpora" / "po_box.tsv").read_text(encoding="utf-8").splitlines():
        if not row.startswith("#"):
            line = escape.sub(lambda m: chr(int(m.group(1), 16)), row.split("\t")[0])
            seeds["po_box_diff"].add(line.encode("utf-8"))
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc.get("cases", []):
            request = case["request"]
            b = body(request)
            seeds["json_body"].add(header(request, doc.get("today")) + b)
            seeds["structured_patch"].add(b)
            seeds["readers_diff"].add(b)
            if "patch" in request:
                ordered = in_declared_order(request["patch"], orders)
                seeds["readers_diff"].add(
                    json.dumps(ordered, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass")
                )
            for t in texts(request.get("patch")):
                seeds["matchers"].add(b"\x02" + t.encode("utf-8", "surrogatepass"))
                seeds["po_box_diff"].add(t.encode("utf-8", "surrogatepass"))
    for target, items in seeds.items():
        out = CORPUS / target
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for item in items:
            (out / hashlib.sha1(item).hexdigest()[:16]).write_bytes(item)
        size = sum(len(i) for i in items)
        print(f"{target}: {len(items)} seeds, {size} bytes")


if __name__ == "__main__":
    main()
