"""The PySpark example in Spark's local mode on 100,000 generated documents: its counts per code
must equal the command line's `check --jsonl --statistics` on the same file, and its rows must
name the right lines.

Needs the command line: HELIX_RULES_BIN is the path of a `helix-rules` binary (.ci/python.sh
builds it with `cargo build --release -p helix-rules` and sets it). Without it the test fails;
it never skips.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import helix_customer_rules as hcr

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES))

import make_requests  # noqa: E402

COUNT = 100_000
# Every generated document but the ones that are not JSON carries its own context.today; this
# is the day for those (it changes no answer about a body that is not JSON).
TODAY = "2026-01-01"


@pytest.fixture(scope="module")
def requests_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("spark") / "requests.jsonl"
    make_requests.main([str(path), "--count", str(COUNT), "--seed", "16"])
    return path


@pytest.fixture(scope="module")
def spark_output(requests_file):
    out = requests_file.parent / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "spark_validate.py"), str(requests_file), str(out),
         "--master", "local[2]", "--today", TODAY],
        env=env, capture_output=True, text=True, timeout=1200,
    )
    assert run.returncode == 0, f"spark_validate.py failed ({run.returncode}):\n{run.stderr[-4000:]}"
    return out


def cli_statistics(path):
    binary = os.environ.get("HELIX_RULES_BIN")
    if not binary:
        pytest.fail(
            "HELIX_RULES_BIN is not set: it must name the helix-rules binary "
            "(cargo build --release -p helix-rules; .ci/python.sh sets it)"
        )
    if not os.access(binary, os.X_OK):
        pytest.fail(f"HELIX_RULES_BIN={binary} is not an executable file")
    run = subprocess.run(
        [binary, "check", "--jsonl", "--statistics", "--format", "json", str(path)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        stats = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"helix-rules printed no JSON (exit {run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    assert isinstance(stats, list), stats
    return stats


def spark_counts(out):
    rows = []
    for part in sorted((out / "counts").glob("part-*.json")):
        rows += [json.loads(line) for line in part.read_text().splitlines() if line.strip()]
    return rows


def test_counts_per_code_equal_the_command_lines_statistics(requests_file, spark_output):
    spark = {r["code"]: r for r in spark_counts(spark_output)}
    cli = {r["code"]: r for r in cli_statistics(requests_file)}
    # Codes the command line lists with a zero count are codes nobody hit.
    cli = {code: r for code, r in cli.items() if r["count"] > 0}
    assert sorted(spark) == sorted(cli)
    for code, r in cli.items():
        assert (spark[code]["name"], spark[code]["severity"], spark[code]["count"]) == (
            r["name"], r["severity"], r["count"]), code
    # The generated mix reaches most of the catalogue, so the comparison means something.
    assert len(spark) >= len(hcr.rules()) * 3 // 4


def test_rows_name_the_lines_they_come_from(requests_file, spark_output):
    table = pq.read_table(spark_output / "violations").to_pylist()
    by_line = {}
    for row in table:
        by_line.setdefault(row["line"], []).append(row)
    lines = requests_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == COUNT
    assert min(by_line) >= 1 and max(by_line) <= COUNT
    # Lines across the whole file, both partitions included.
    for n in list(range(1, 200)) + list(range(COUNT // 2 - 100, COUNT // 2 + 100)) + list(range(COUNT - 200, COUNT + 1)):
        result = hcr.validate_many([lines[n - 1]], today=TODAY)[0]
        if "error" in result:
            want = [(None, None, result["error"])]
        else:
            want = [(v["code"], v["path"], None) for v in result["violations"] + result["warnings"]]
        got = [(r["code"], r["path"], r["error"]) for r in by_line.get(n, [])]
        assert sorted(got, key=repr) == sorted(want, key=repr), f"line {n}"
