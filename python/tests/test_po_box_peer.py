"""The pydantic peer's PO-box pattern (python/bench/po_box.py) against the crate's PO-box corpus
(tests/corpora/po_box.tsv): every row, the same verdict as the crate's rule."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "bench"))

from po_box import is_po_box  # noqa: E402


def _unescape(line: str) -> str:
    return re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), line)


def test_every_corpus_line_gets_the_crates_verdict() -> None:
    rows = [
        r.split("\t")
        for r in (ROOT / "tests" / "corpora" / "po_box.tsv").read_text(encoding="utf-8").splitlines()
        if r and not r.startswith("#")
    ]
    assert len(rows) > 150
    wrong = [
        (row[0], row[1])
        for row in rows
        if is_po_box(_unescape(row[0])) != (row[1] == "box")
    ]
    assert not wrong, wrong


def test_python_dialect_pitfalls() -> None:
    # U+001C is whitespace to Python's \s, not to Rust's: no separator.
    assert not is_po_box("P\x1cO Box 1")
    assert is_po_box("P\u00a0O Box 1")
    assert is_po_box("PO Box \u0665")  # an Arabic-Indic digit is a number
    assert not is_po_box("\u00e9PO Box 1")  # a letter before the P
