"""The crate's PO-box rule (66907) in Python's ``re`` dialect: the reference pattern of
``fuzz/src/po_box_reference.rs`` (``PATTERN``, which the crate's matcher is proven identical to),
piece for piece.

Python's ``re`` has no ``\\p{..}`` classes, so the letter, number and dash classes are built from
``unicodedata`` (the categories L*, N* and Pd), and ``\\s`` is spelled out as the Unicode
White_Space set the Rust pattern means (Python's ``\\s`` also takes U+001C-U+001F). ``$`` is
``\\Z``: Python's ``$`` also matches before a final newline. ``re.IGNORECASE`` stands for ``(?i)``.
"""

import re
import sys
import unicodedata
from typing import Callable, List


def _class(test: Callable[[str], bool]) -> str:
    """The inside of a character class holding every code point ``test`` accepts."""
    ranges: List[str] = []
    start = None
    for cp in range(sys.maxunicode + 2):
        inside = cp <= sys.maxunicode and test(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            end = cp - 1
            ranges.append(f"\\U{start:08X}" if start == end else f"\\U{start:08X}-\\U{end:08X}")
            start = None
    return "".join(ranges)


_L = _class(lambda c: unicodedata.category(c).startswith("L"))
_N = _class(lambda c: unicodedata.category(c).startswith("N"))
_PD = _class(lambda c: unicodedata.category(c) == "Pd")
# Unicode White_Space, as Rust's \s.
_WS = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

SEP_CHAR = f"[{_WS}{_PD}.,/_'\u2019:\u00b7]"
SEP = SEP_CHAR + "*"
NUMBER_WORD = "(?:NO\\.?|NUMBER|N\u00ba|N\u00b0)"
BOX_NUMBER = f"(?:{SEP_CHAR}+{NUMBER_WORD})?{SEP}#?{SEP}[{_N}]"
OFFICE = "(?:OFFICE|OFFC|OFC|OFF)"
END_OF_WORD = f"(?:[^{_L}]|\\Z)"

PATTERN = (
    f"(?:^|[^{_L}{_N}])(?:"
    # PO Box, P.O. Box, P0 Box, POBox, PO Bx, POB, Post Office Box, Postal Box, Post Box, PO B0X
    f"(?:P{SEP}[O0]|POST(?:AL)?{SEP}(?:{OFFICE}{SEP})?){SEP}(?:B{SEP}[O0]{SEP}X|BX|B){END_OF_WORD}"
    # "PO" followed by a box number: PO 123, P.O. #123, PO123, P.O. No. 5
    f"|P{SEP}O{BOX_NUMBER}"
    # The same with a zero for the O, set off from the number: P0 123, P.0. #5 (not P05)
    f"|P{SEP}0(?:{SEP_CHAR}{SEP}(?:{NUMBER_WORD})?{SEP}#?|#){SEP}[{_N}]"
    # "Post Office" followed by a box number: Post Office 123, Post Ofc #5
    f"|POST{SEP}(?:OFFICE|OFC){BOX_NUMBER}"
    # The words the other way round: Box PO, Box 12 P.O., Box 7, Post Office
    f"|BOX(?:{SEP}#?{SEP}[{_N}]+)?{SEP}(?:P{SEP}O|POST(?:AL)?{SEP}{OFFICE}){END_OF_WORD}"
    # Publication 28 section 283 designations, maybe followed by Box or Service, then a box
    # number or a box letter: Caller 5, Caller Box 5, Caller Service 5, Firm Caller K
    f"|(?:(?:FIRM{SEP})?CALLER|BIN|LOCK{SEP}BOX|DRAWER)(?:{SEP}(?:BOX|SERVICE|SVC))?"
    f"(?:{BOX_NUMBER}|{SEP_CHAR}+[{_L}]{END_OF_WORD})"
    # Puerto Rico: Apartado (PO box), Apdo
    f"|APARTADO{END_OF_WORD}|APDO{END_OF_WORD}"
    ")"
)

PO_BOX = re.compile(PATTERN, re.IGNORECASE)


def is_po_box(line: str) -> bool:
    """Whether an address line holds a PO box."""
    return PO_BOX.search(line) is not None
