"""Instructions per document (valgrind --tool=callgrind), for the two targets, where timings on
a shared machine move too much: the difference between a run of N documents and a run of none,
divided by N, so that start-up and imports cancel out.

    python bench/instructions.py --rust-loop PATH [--n 300]

Counts, per workload: validate_many from bytes, validate from bytes, pydantic's
model_validate_json, and the Rust evaluate_request loop.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from workloads import workloads  # noqa: E402

DRIVER = r"""
import sys
sys.path.insert(0, {here!r})
import helix_customer_rules as hcr
import pydantic_peer as peer
from workloads import TAG_OWNERS, TODAY, workloads
w = {{x["name"]: x for x in workloads()}}[{name!r}]
cx = peer.context(w["settings"], w["kind"], TODAY, TAG_OWNERS)
n = {n}
mode = {mode!r}
req, body = w["request_bytes"], w["body"]
batch = [req] * n
# Warm everything once, outside the difference.
hcr.validate_many([req]); hcr.validate(req)
try:
    peer.Patch.model_validate_json(body, context=cx)
except Exception:
    pass
if mode == "many":
    hcr.validate_many(batch)
elif mode == "one":
    for _ in range(n):
        hcr.validate(req)
elif mode == "pydantic":
    for _ in range(n):
        try:
            peer.Patch.model_validate_json(body, context=cx)
        except Exception:
            pass
"""


def callgrind(cmd, env=None) -> int:
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
            env=env, capture_output=True, text=True,
        )
        m = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or not m:
            raise RuntimeError(run.stderr[-2000:])
        return int(m.group(1))


def python_count(name: str, mode: str, n: int) -> float:
    def run(k):
        return callgrind([sys.executable, "-c", DRIVER.format(here=str(HERE), name=name, n=k, mode=mode)])

    return (run(n) - run(0)) / n


def rust_count(binary: str, name: str, doc, n: int) -> float:
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = sysconfig.get_config_var("LIBDIR") + ":" + env.get("LD_LIBRARY_PATH", "")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({name: doc}, f)
    try:
        return (callgrind([binary, f.name, str(n)], env) - callgrind([binary, f.name, "0"], env)) / n
    finally:
        os.unlink(f.name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rust-loop", required=True)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    print("| workload | Rust loop | `validate_many` (bytes) | ratio | `validate` (bytes) | pydantic `model_validate_json` | pydantic / `validate` |")
    print("|---|---|---|---|---|---|---|")
    for w in workloads():
        name = w["name"]
        rust = rust_count(args.rust_loop, name, w["request"], args.n)
        many = python_count(name, "many", args.n)
        one = python_count(name, "one", args.n)
        pyd = python_count(name, "pydantic", args.n)
        print(f"| `{name}` | {rust:,.0f} | {many:,.0f} | {many / rust:.2f}x | {one:,.0f} | {pyd:,.0f} | {pyd / one:.2f}x |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
