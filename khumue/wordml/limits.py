"""Limits on a package read from outside (a returned DOCX, an ODT, an office's template),
checked before anything in it is inflated whole or parsed: a zip bomb (a 3.5 MB file whose
document.xml inflates to 2 GB), a damaged file or XML nested beyond reason is refused with a
Thai message naming the limit, in well under a second and a few MB of memory.

What is checked, each entry (ZIP "part", ISO/IEC 29500-2 §9 and ECMA-376 Part 2) read as a
stream in chunks of :data:`CHUNK` bytes: the file's size (:data:`MAX_FILE_BYTES`), the number
of parts (:data:`MAX_PARTS`), each part's size as its header declares it and as it inflates
(:data:`MAX_PART_BYTES`; a part that inflates beyond its declared size is damaged), the whole
package's (:data:`MAX_PACKAGE_BYTES`), and every XML part's nesting (:data:`MAX_XML_DEPTH`,
read by lxml's event parser without entities, DTDs or the network).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO

from lxml import etree

from khumue.errors import ImportFailed

MAX_FILE_BYTES = 50 * 2**20  # the file as it lies on disk
MAX_PARTS = 2_000  # parts in the package (a manual has about 20)
MAX_PART_BYTES = 100 * 2**20  # one part, inflated (a manual's document.xml is about 2 MB)
MAX_PACKAGE_BYTES = 250 * 2**20  # every part together, inflated
MAX_XML_DEPTH = 200  # elements inside elements (a manual's deepest is about 30)
CHUNK = 2**20


def check_package(path: Path) -> None:
    """Refuse ``path`` (raises ImportFailed, in Thai, naming the file and the limit) unless it
    is a zip package within every limit of this module."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise _refused(path, f"ไฟล์ใหญ่เกิน {_mb(MAX_FILE_BYTES)}")
    try:
        with zipfile.ZipFile(path) as package:
            _check_entries(path, package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise ImportFailed(f"{path}: ไฟล์เสียหาย อ่านเป็นแพ็กเกจของ Word ไม่ได้ "
                           f"({type(exc).__name__}) ให้เปิดใน Word แล้วบันทึกเป็น .docx อีกครั้ง"
                           ) from None


def _check_entries(path: Path, package: zipfile.ZipFile) -> None:
    entries = package.infolist()
    if len(entries) > MAX_PARTS:
        raise _refused(path, f"มีส่วนย่อยในแพ็กเกจ {len(entries):,} ส่วน เกินที่รับได้ {MAX_PARTS:,}")
    declared = sum(e.file_size for e in entries)
    if declared > MAX_PACKAGE_BYTES:
        raise _refused(path, f"เมื่อคลายออกทั้งไฟล์จะใหญ่ {_mb(declared)} เกินที่รับได้ "
                             f"{_mb(MAX_PACKAGE_BYTES)}")
    total = 0
    for entry in entries:
        if entry.file_size > MAX_PART_BYTES:
            raise _refused(path, f"ส่วน {entry.filename} เมื่อคลายออกจะใหญ่ {_mb(entry.file_size)} "
                                 f"เกินที่รับได้ {_mb(MAX_PART_BYTES)} ต่อส่วน")
        with package.open(entry) as stream:
            if entry.filename.endswith((".xml", ".rels")):
                total += _check_xml(path, entry, stream)
            else:
                total += _inflated(path, entry, stream)
        if total > MAX_PACKAGE_BYTES:
            raise _refused(path, f"เมื่อคลายออกทั้งไฟล์ใหญ่เกิน {_mb(MAX_PACKAGE_BYTES)}")


class _Counted:
    """A part's stream that counts what it gives and stops past the part's limit."""

    def __init__(self, path: Path, entry: zipfile.ZipInfo, stream: IO[bytes]):
        self.path, self.entry, self.stream = path, entry, stream
        self.size = 0

    def read(self, n: int = CHUNK) -> bytes:
        data = self.stream.read(min(n, CHUNK) if n and n > 0 else CHUNK)
        self.size += len(data)
        if self.size > MAX_PART_BYTES:
            raise _refused(self.path, f"ส่วน {self.entry.filename} คลายออกได้ใหญ่เกิน "
                                      f"{_mb(MAX_PART_BYTES)} (ไฟล์บีบอัดผิดปกติ)")
        if self.size > self.entry.file_size:
            raise ImportFailed(f"{self.path}: ไฟล์เสียหาย: ส่วน {self.entry.filename} คลายออกได้ใหญ่"
                               "กว่าที่ไฟล์บอกไว้ ให้เปิดใน Word แล้วบันทึกเป็น .docx อีกครั้ง")
        return data


def _inflated(path: Path, entry: zipfile.ZipInfo, stream: IO[bytes]) -> int:
    counted = _Counted(path, entry, stream)
    while counted.read():
        pass
    return counted.size


def _check_xml(path: Path, entry: zipfile.ZipInfo, stream: IO[bytes]) -> int:
    """Inflate an XML part through lxml's event parser, counting its depth."""
    counted = _Counted(path, entry, stream)
    depth = 0
    try:
        for event, element in etree.iterparse(
                counted, events=("start", "end"), resolve_entities=False,  # type: ignore[arg-type]
                no_network=True, load_dtd=False, huge_tree=False):
            if event == "start":
                depth += 1
                if depth > MAX_XML_DEPTH:
                    raise _refused(path, f"ส่วน {entry.filename} ซ้อนกันลึกเกิน {MAX_XML_DEPTH} ชั้น")
                continue
            depth -= 1
            element.clear()  # what was read is let go: memory stays small, whatever the part
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise ImportFailed(f"{path}: ไฟล์เสียหาย: ส่วน {entry.filename} อ่านไม่ได้ ({exc.msg}) "
                           "ให้เปิดใน Word แล้วบันทึกเป็น .docx อีกครั้ง") from None
    return counted.size


def _refused(path: Path, why: str) -> ImportFailed:
    return ImportFailed(f"{path}: ไม่รับไฟล์นี้: {why} ถ้าเป็นคู่มือจริง ให้เปิดใน Word "
                        "ลบรูปภาพที่ใหญ่มากหรือส่วนที่ไม่ใช้ แล้วบันทึกใหม่")


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"
