"""Writes a JSONL file of generated request documents for trying the bulk recipes.

    python make_requests.py requests.jsonl --count 100000 [--seed 7]

Each line is a golden case's request (tests/cases/) with a day pinned in ``context.today``,
some with a property dropped or a fresh ``customerId``; a few lines are not JSON at all. The
mix touches every rule, valid and invalid, and documents that cannot be evaluated.
"""

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

CASES_DIR = Path(__file__).resolve().parents[2] / "tests" / "cases"


def templates(cases_dir: Path = CASES_DIR) -> List[Dict[str, Any]]:
    """Every golden request, with its file's day written into ``context.today``."""
    out = []
    for path in sorted(cases_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            request = json.loads(json.dumps(case["request"]))
            context = request.get("context")
            if isinstance(context, dict) and "today" not in context:
                context["today"] = doc["today"]
            elif context is None:
                request["context"] = {"today": doc["today"]}
            out.append(request)
    if not out:
        raise RuntimeError(f"no golden cases in {cases_dir}")
    return out


def lines(count: int, seed: int) -> Iterator[str]:
    """``count`` JSONL lines, the same for the same seed."""
    rng = random.Random(seed)
    pool = templates()
    for _ in range(count):
        roll = rng.random()
        if roll < 0.002:
            yield '{"patch": {"firstName": "Ada"'  # a document that is not JSON
            continue
        request = json.loads(json.dumps(rng.choice(pool)))
        patch = request.get("patch")
        if isinstance(patch, dict) and patch:
            if roll < 0.3:
                del patch[rng.choice(sorted(patch))]
            elif roll < 0.6:
                patch["customerId"] = rng.randrange(1, 10**9)
        yield json.dumps(request, ensure_ascii=False)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with open(args.output, "w", encoding="utf-8") as f:
        for line in lines(args.count, args.seed):
            f.write(line)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
