"""Compile a Qt Linguist ``.ts`` file to the ``.qm`` QTranslator loads, without Qt's tools.

``make`` compiles with ``pyside6-lrelease``; a wheel built where PySide6 is not importable (pip's
isolated build environment, ``pipx install .`` from a fresh clone) has no lrelease, so setup.py
uses this writer when the ``.qm`` is missing. Standard library only: setup.py loads this file by its
path. tests/test_translations.py checks that QTranslator finds every message in its output as in
lrelease's.

The format (Qt's linguist/shared/qm.cpp, read by qtranslator.cpp): a magic number, then tagged
blocks. Messages holds one record per translated message (its translations in UTF-16BE, then its
comment, source text and context in UTF-8, so a lookup can confirm the match); Hashes holds
(ELF hash of source text + comment, offset of the record) pairs sorted by hash, which QTranslator
binary-searches. Unfinished messages are left out, so the source text shows, as with lrelease.
"""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
HASHES, MESSAGES, LANGUAGE = 0x42, 0x69, 0xA7
TAG_END, TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8


def elf_hash(data: bytes) -> int:
    """QTranslator's hash of a message (source text followed by comment, as UTF-8)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _tagged(tag: int, data: bytes) -> bytes:
    """A block of the file, or a field of a message record: tag, big-endian length, data."""
    return struct.pack(">BI", tag, len(data)) + data


def messages(ts: Path) -> list[tuple[str, str, str, list[str]]]:
    """(context, source, comment, translations) of every finished message of ``ts``."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            element = message.find("translation")
            if element is None or element.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [form.text or "" for form in element.iter("numerusform")]
            texts = forms if message.get("numerus") == "yes" else [element.text or ""]
            if not any(texts):
                continue
            source = message.findtext("source") or ""
            found.append((name, source, message.findtext("comment") or "", texts))
    return found


def compile_ts(ts: Path, qm: Path) -> int:
    """Write ``qm`` from ``ts``; returns how many messages it holds."""
    records = bytearray()
    hashes = []
    for context, source, comment, texts in messages(ts):
        offset = len(records)
        for text in texts:
            records += _tagged(TAG_TRANSLATION, text.encode("utf-16-be"))
        if comment:
            records += _tagged(TAG_COMMENT, comment.encode())
        records += _tagged(TAG_SOURCE, source.encode())
        records += _tagged(TAG_CONTEXT, context.encode())
        records.append(TAG_END)
        hashes.append((elf_hash((source + comment).encode()), offset))
    table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
    language = ET.parse(ts).getroot().get("language") or ""
    data = MAGIC
    if language:
        data += _tagged(LANGUAGE, language.encode("latin-1"))
    data += _tagged(HASHES, table) + _tagged(MESSAGES, bytes(records))
    partial = qm.with_name(qm.name + ".part")
    partial.write_bytes(data)
    partial.replace(qm)
    return len(hashes)


if __name__ == "__main__":
    count = compile_ts(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[2]}: {count} messages")
