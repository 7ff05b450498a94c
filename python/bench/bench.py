"""The Python benchmark: helix_customer_rules against pydantic v2 (bench/pydantic_peer.py) on the
four workloads of the Rust benchmark, per document and per batch, from a dict and from JSON
bytes; and validate_many against the Rust evaluate_request loop (bench/evaluate_loop.rs).

    python bench/bench.py [--batch 1000] [--rust-loop PATH] [--json results.json]

Prints a Markdown table. Each cell is the best of five timed rounds of at least 0.2 s each
(timeit), as nanoseconds per document. Without --rust-loop, builds the loop with cargo.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import sysconfig
import tempfile
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import helix_customer_rules as hcr  # noqa: E402
import pydantic  # noqa: E402
import pydantic_peer as peer  # noqa: E402
from workloads import TAG_OWNERS, TODAY, workloads  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def per_call_ns(fn, docs_per_call: int = 1) -> float:
    timer = timeit.Timer(fn)
    n, _ = timer.autorange()
    n = max(n, 1)
    # autorange stops at 0.2 s.
    best = min(timer.repeat(repeat=5, number=n))
    return best / n / docs_per_call * 1e9


def pydantic_call(fn):
    def run():
        try:
            fn()
        except pydantic.ValidationError:
            pass

    return run


def rust_loop(docs: dict, binary: str = "") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(docs, f)
        path = f.name
    env = dict(os.environ)
    # The example links libpython (PyO3 is a dependency of its package); it calls no Python.
    env["LD_LIBRARY_PATH"] = sysconfig.get_config_var("LIBDIR") + ":" + env.get("LD_LIBRARY_PATH", "")
    if binary:
        cmd = [binary, path]
    else:
        env.setdefault("PYO3_PYTHON", sys.executable)
        cmd = ["cargo", "run", "--quiet", "--release", "-p", "helix-customer-rules-python",
               "--example", "evaluate_loop", "--", path]
    out = subprocess.run(cmd, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    os.unlink(path)
    return json.loads(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--rust-loop", default="", help="a built evaluate_loop binary")
    parser.add_argument("--json", default="", help="also write the figures here")
    args = parser.parse_args()

    rows = []
    for w in workloads():
        name = w["name"]
        req, req_bytes, body = w["request"], w["request_bytes"], w["body"]
        cx = peer.context(w["settings"], w["kind"], TODAY, TAG_OWNERS)
        patch = req["patch"]
        batch_dicts = [req] * args.batch
        batch_bytes = [req_bytes] * args.batch
        peer_dicts = [patch] * args.batch
        peer_json = b"[" + b",".join([body] * args.batch) + b"]"
        cell = {
            "hcr_dict": per_call_ns(lambda: hcr.validate(req)),
            "hcr_bytes": per_call_ns(lambda: hcr.validate(req_bytes)),
            "hcr_many_dict": per_call_ns(lambda: hcr.validate_many(batch_dicts), args.batch),
            "hcr_many_bytes": per_call_ns(lambda: hcr.validate_many(batch_bytes), args.batch),
            "pyd_dict": per_call_ns(pydantic_call(lambda: peer.Patch.model_validate(patch, context=cx))),
            "pyd_bytes": per_call_ns(pydantic_call(lambda: peer.Patch.model_validate_json(body, context=cx))),
            "pyd_many_dict": per_call_ns(
                pydantic_call(lambda: peer.PATCHES.validate_python(peer_dicts, context=cx)), args.batch
            ),
            "pyd_many_bytes": per_call_ns(
                pydantic_call(lambda: peer.PATCHES.validate_json(peer_json, context=cx)), args.batch
            ),
        }
        # Measured right after the Python cells of the same workload, so that both see the
        # same load on a shared machine.
        cell["rust_loop"] = rust_loop({name: req}, args.rust_loop)[name]
        rows.append((name, cell))

    print(f"python {platform.python_version()}, pydantic {pydantic.VERSION}, "
          f"helix-customer-rules {hcr.__version__}, batch {args.batch}\n")
    print("| workload | from | validate | pydantic model | ratio | validate_many | pydantic list | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for name, c in rows:
        for src in ("dict", "bytes"):
            one, pone = c[f"hcr_{src}"], c[f"pyd_{src}"]
            many, pmany = c[f"hcr_many_{src}"], c[f"pyd_many_{src}"]
            print(f"| `{name}` | {src} | {one:,.0f} ns | {pone:,.0f} ns | {pone / one:.2f}x "
                  f"| {many:,.0f} ns | {pmany:,.0f} ns | {pmany / many:.2f}x |")
    print("\n| workload | Rust `evaluate_request` loop | `validate_many` (bytes) | ratio |")
    print("|---|---|---|---|")
    for name, c in rows:
        print(f"| `{name}` | {c['rust_loop']:,.0f} ns | {c['hcr_many_bytes']:,.0f} ns "
              f"| {c['hcr_many_bytes'] / c['rust_loop']:.2f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(rows), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
