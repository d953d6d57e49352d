"""Bytes to normalised text: encoding detection, binary refusal, NFC, ``\\n`` line ends."""

from __future__ import annotations

import re
import unicodedata

from ..errors import BinaryInput, EmptyInput

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# C0/C1 control characters other than tab and newline; they carry no text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag near its top, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, source: str = "input", declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``, returning (text, encoding): a byte-order mark, then UTF-8, then the encoding
    the document ``declared`` (HTML meta), then detection. Refuses binary and empty input clearly."""
    if not data.strip():
        raise EmptyInput(f"{source}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    head = data[:65536]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in head or _looks_binary(head):
        raise BinaryInput(f"{source}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    guess = best.encoding if best is not None and best.encoding not in {"ascii", "utf_8"} else "cp1252"
    candidates = []
    for encoding in dict.fromkeys([guess, "cp1252"]):
        try:
            candidates.append((_plausibility(data.decode(encoding)), encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    if not candidates:
        return data.decode("cp1252", errors="replace"), "cp1252"
    _, encoding = max(candidates, key=lambda c: c[0])  # max keeps the first (the detector's) on a tie
    return data.decode(encoding), encoding


# Letters frequent in Western European text; single-byte detectors confuse cp1252 with cp1250 and
# similar code pages on short texts, and these letters decide between them.
_WESTERN = frozenset("àâäçéèêëîïôöùûüÿñáíóúßæøåœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜÑÁÍÓÚÆØÅŒ")


def _plausibility(text: str) -> float:
    return sum(1.0 if c in _WESTERN else 0.5 if c.isalpha() and not c.isascii() else 0.0 for c in text)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark: its NULs sit on every other byte."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    encoding = ("utf-16-le" if odd > 0.3 * pairs and even < 0.02 * pairs
                else "utf-16-be" if even > 0.3 * pairs and odd < 0.02 * pairs else None)
    if encoding is None:
        return None
    sample = head[: pairs * 2].decode(encoding, errors="replace")
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return encoding if printable >= 0.95 * len(sample) else None


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def normalize(text: str) -> str:
    """The contract's normal form: NFC, ``\\n`` line ends, plain spaces, no control characters,
    no trailing blanks on lines, no leading or trailing blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("", text)
    return text.strip("\n")


def read_text(data: bytes, source: str = "input", declared: str | None = None) -> tuple[str, str]:
    """Decode and normalise; (text, encoding). Raises EmptyInput if nothing but blanks is left."""
    text, encoding = decode(data, source, declared)
    text = normalize(text)
    if not text.strip():
        raise EmptyInput(f"{source}: the file holds only blank space")
    return text, encoding
