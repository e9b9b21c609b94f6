"""Edits made to a DOCX the way Microsoft Word writes them, for the import tests (test helper
only).

Word, when it saves a document someone edited: gives every paragraph a w14:paraId and
w14:textId and a w:rsidR/w:rsidRDefault; splits the run at the edit, the edited piece a run
of its own with its own w:rsidR; with Track Changes on, puts the new text in w:ins and the
old in w:del (its text as w:delText), each with w:id, w:author and w:date, and marks a
paragraph's mark w:pPr/w:rPr/w:ins or w:del; keeps comments in word/comments.xml (its
relationship and content type), each anchored by w:commentRangeStart, w:commentRangeEnd and a
run holding w:commentReference.  Pasted paragraphs lose their bookmarks.
"""

from __future__ import annotations

import copy
import itertools
import zipfile
from pathlib import Path

from lxml import etree

from khumue.typeset.wordjoin import LAYOUT_MARKS, plain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DATE = "2026-11-20T09:30:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text_of(element: etree._Element) -> str:
    """Displayed text: w:t joined, w:tab a tab (not counting deleted text; the zero-width
    break controls our manuals carry are not seen)."""
    out = []
    for node in element.iter(w("t"), w("tab")):
        if node.tag == w("t"):
            out.append(plain(node.text or ""))
        elif node.getparent().tag == w("r"):
            out.append("\t")
    return "".join(out)


def split_seen(text: str, seen: str) -> tuple[str, str] | None:
    """``text`` (which may carry zero-width break controls) before and after the first place
    that reads ``seen``, as a person selecting those letters in Word would cut it; None when
    it does not read so anywhere."""
    visible = [i for i, c in enumerate(text) if c not in LAYOUT_MARKS]
    at = "".join(text[i] for i in visible).find(seen)
    if at < 0:
        return None
    if not seen:
        return text[:visible[at]] if at < len(visible) else text, text[len(text):]
    first, last = visible[at], visible[at + len(seen) - 1]
    return text[:first], text[last + 1:]


def replace_seen(text: str, old: str, new: str) -> str:
    """``text`` with the first place that reads ``old`` retyped as ``new`` (see
    :func:`split_seen`); ``text`` itself when nothing reads ``old``."""
    cut = split_seen(text, old)
    return text if cut is None else cut[0] + new + cut[1]


def _style(p: etree._Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


class WordDocx:
    """A DOCX opened for editing as Word would (call :meth:`save` to write it)."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as package:
            self.parts = {name: package.read(name) for name in package.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.root.find(w("body"))
        self.ids = itertools.count(9000)
        self.rsid = itertools.count(0x00A10000)
        self.comments: list[etree._Element] = []
        for p in self.root.iter(w("p")):  # Word gives every paragraph its ids on save
            p.set(f"{{{W14}}}paraId", f"{next(self.rsid):08X}")
            p.set(f"{{{W14}}}textId", "77777777")
            p.set(w("rsidR"), "00C4E1F2")
            p.set(w("rsidRDefault"), "00C4E1F2")

    # -- finding ---------------------------------------------------------------------------
    def paragraph(self, starts: str, nth: int = 0) -> etree._Element:
        """The ``nth`` paragraph (anywhere: body, cells; not the table of contents) whose text
        starts with ``starts``."""
        found = [p for p in self.root.iter(w("p")) if text_of(p).startswith(starts)
                 and not _style(p).lower().startswith("toc")]
        return found[nth]

    def table(self, header_word: str) -> etree._Element:
        return next(t for t in self.body.iter(w("tbl")) if header_word in text_of(t))

    # -- words -----------------------------------------------------------------------------
    def replace(self, p: etree._Element, old: str, new: str, track: bool = False,
                author: str = "ผู้ตรวจ") -> None:
        """Replace ``old`` by ``new`` in the run holding it, splitting the run at the edit
        (the edited piece its own run with its own w:rsidR); tracked: w:del + w:ins."""
        for r in p.iter(w("r")):
            t = r.find(w("t"))
            cut = split_seen(t.text or "", old) if t is not None else None
            if cut is None:
                continue
            before, after = cut
            pieces = []
            if before:
                pieces.append(self._run_like(r, before))
            if track:
                pieces.append(self._mark("del", [self._run_like(r, old, deleted=True)], author))
                pieces.append(self._mark("ins", [self._run_like(r, new)], author))
            else:
                pieces.append(self._run_like(r, new))
            if after:
                pieces.append(self._run_like(r, after))
            parent = r.getparent()
            index = parent.index(r)
            parent.remove(r)
            for offset, piece in enumerate(pieces):
                parent.insert(index + offset, piece)
            return
        raise AssertionError(f"{old!r} not in {text_of(p)!r}")

    def set_text(self, p: etree._Element, text: str) -> None:
        """The paragraph's last run holds ``text`` (its label run, if any, kept)."""
        runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None]
        for r in runs[1:-1] if len(runs) > 2 else []:
            r.getparent().remove(r)
        runs[-1].find(w("t")).text = text
        runs[-1].set(w("rsidR"), f"{next(self.rsid):08X}")

    def _run_like(self, r: etree._Element, text: str, deleted: bool = False) -> etree._Element:
        out = etree.Element(w("r"))
        out.set(w("rsidR"), f"{next(self.rsid):08X}")
        props = r.find(w("rPr"))
        if props is not None:
            out.append(copy.deepcopy(props))
        t = etree.SubElement(out, w("delText") if deleted else w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return out

    def _mark(self, kind: str, children: list[etree._Element], author: str) -> etree._Element:
        mark = etree.Element(w(kind))
        mark.set(w("id"), str(next(self.ids)))
        mark.set(w("author"), author)
        mark.set(w("date"), DATE)
        mark.extend(children)
        return mark

    def enter(self, p: etree._Element, before: str) -> etree._Element:
        """Press Enter in ``p`` after the text that reads ``before``: the paragraph splits in
        two with the same properties, the run holding the place split between them (the new
        paragraph its own w14:paraId and w:rsidR).  Returns the second paragraph."""
        second = etree.Element(w("p"))
        second.set(f"{{{W14}}}paraId", f"{next(self.rsid):08X}")
        second.set(w("rsidR"), f"{next(self.rsid):08X}")
        props = p.find(w("pPr"))
        if props is not None:
            second.append(copy.deepcopy(props))
        assert text_of(p).startswith(before), f"{text_of(p)!r} does not start {before!r}"
        left, moving = len(before), False  # letters (as seen) still to keep in the first half
        for r in list(p.iterchildren(w("r"))):
            t = r.find(w("t"))
            if moving:
                second.append(r)
                continue
            text = t.text or "" if t is not None else ""
            seen = len(plain(text))
            if t is None or seen < left or (seen == left and left == 0):
                left -= seen
                continue
            visible = [i for i, c in enumerate(text) if c not in LAYOUT_MARKS]
            cut = visible[left] if left < len(visible) else len(text)
            t.text, tail = text[:cut], text[cut:]
            if tail:
                second.append(self._run_like(r, tail))
            moving = True
        assert moving, f"{before!r} not in {text_of(p)!r}"
        p.addnext(second)
        return second

    def set_cell(self, tc: etree._Element, text: str) -> None:
        """Retype a table cell's text (its first run keeps its formatting)."""
        ps = list(tc.iterchildren(w("p")))
        for extra in ps[1:]:
            tc.remove(extra)
        runs = [r for r in ps[0].iter(w("r")) if r.find(w("t")) is not None]
        for r in runs[1:]:
            r.getparent().remove(r)
        runs[0].find(w("t")).text = text
        runs[0].set(w("rsidR"), f"{next(self.rsid):08X}")

    def merge_down(self, table: etree._Element, row: int, column: int) -> None:
        """Table > Merge Cells on the cell at (``row``, ``column``) and the one below, as Word
        does it: the cell's w:tcPr gets w:vMerge w:val="restart", the one below w:vMerge (a
        continuation), and the lower cell's paragraphs move up into the merged cell."""
        rows = list(table.iterchildren(w("tr")))
        top, below = (list(r.iterchildren(w("tc")))[column] for r in rows[row:row + 2])
        for tc, value in ((top, "restart"), (below, None)):
            props = tc.find(w("tcPr"))
            if props is None:
                props = etree.Element(w("tcPr"))
                tc.insert(0, props)
            merge = etree.SubElement(props, w("vMerge"))
            if value:
                merge.set(w("val"), value)
        for paragraph in list(below.iterchildren(w("p"))):
            if text_of(paragraph).strip():
                top.append(paragraph)
            else:
                below.remove(paragraph)
        etree.SubElement(below, w("p"))

    # -- paragraphs and rows --------------------------------------------------------------------
    def insert_after(self, anchor: etree._Element, like: etree._Element, text: str,
                     label: str | None = None, track: bool = False,
                     author: str = "ผู้ตรวจ") -> etree._Element:
        """A new paragraph after ``anchor`` formatted like ``like``: ``label`` and a tab, then
        ``text``; tracked: its runs in w:ins and its mark inserted."""
        p = etree.Element(w("p"))
        p.set(f"{{{W14}}}paraId", f"{next(self.rsid):08X}")
        p.set(w("rsidR"), f"{next(self.rsid):08X}")
        props = like.find(w("pPr"))
        p.append(copy.deepcopy(props) if props is not None else etree.Element(w("pPr")))
        runs = []
        if label is not None:
            label_run = etree.Element(w("r"))
            etree.SubElement(label_run, w("t")).text = label
            etree.SubElement(label_run, w("tab"))
            runs.append(label_run)
        body_run = etree.Element(w("r"))
        etree.SubElement(body_run, w("t")).text = text
        runs.append(body_run)
        if track:
            mark_props = p.find(w("pPr"))
            rpr = mark_props.find(w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(mark_props, w("rPr"))
            rpr.append(self._mark("ins", [], author))
            p.append(self._mark("ins", runs, author))
        else:
            p.extend(runs)
        anchor.addnext(p)
        return p

    def delete(self, element: etree._Element, track: bool = False,
               author: str = "ผู้ตรวจ") -> None:
        """Delete a paragraph or a table row; tracked: its runs in w:del (as w:delText) and
        its mark (w:pPr/w:rPr/w:del, or w:trPr/w:del) deleted."""
        if not track:
            element.getparent().remove(element)
            return
        paragraphs = [element] if element.tag == w("p") else list(element.iter(w("p")))
        for p in paragraphs:
            for r in list(p.iterchildren(w("r"))):
                for t in r.iter(w("t")):
                    t.tag = w("delText")
                index = p.index(r)
                p.remove(r)
                p.insert(index, self._mark("del", [r], author))
            props = p.find(w("pPr"))
            if props is None:
                props = etree.Element(w("pPr"))
                p.insert(0, props)
            rpr = props.find(w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(props, w("rPr"))
            rpr.append(self._mark("del", [], author))
        if element.tag == w("tr"):
            trpr = element.find(w("trPr"))
            if trpr is None:
                trpr = etree.Element(w("trPr"))
                element.insert(0, trpr)
            trpr.append(self._mark("del", [], author))

    def move_after(self, element: etree._Element, anchor: etree._Element) -> None:
        """Cut ``element`` and paste it after ``anchor`` (Word's cut and paste)."""
        element.getparent().remove(element)
        anchor.addnext(element)

    def paste_after(self, elements: list[etree._Element], anchor: etree._Element) -> None:
        """Copy ``elements`` (paragraphs, tables) and paste them after ``anchor``: without
        their bookmarks, with new paragraph ids."""
        for element in reversed(elements):
            pasted = copy.deepcopy(element)
            for mark in list(pasted.iter(w("bookmarkStart"), w("bookmarkEnd"))):
                mark.getparent().remove(mark)
            for p in pasted.iter(w("p")):
                p.set(f"{{{W14}}}paraId", f"{next(self.rsid):08X}")
            anchor.addnext(pasted)

    def blocks_between(self, first: etree._Element, stop: etree._Element) -> list[
            etree._Element]:
        """The body's blocks from ``first`` up to (not including) ``stop``."""
        out = []
        node = first
        while node is not None and node is not stop:
            out.append(node)
            node = node.getnext()
        return out

    # -- comments ---------------------------------------------------------------------------
    def comment(self, p: etree._Element, text: str, author: str = "ผู้อำนวยการกลุ่ม") -> None:
        """A comment on the whole paragraph ``p``, as Word anchors it."""
        ident = str(len(self.comments))
        runs = [r for r in p.iterchildren(w("r"))]
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), ident)
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), ident)
        runs[0].addprevious(start)
        runs[-1].addnext(end)
        reference = etree.Element(w("r"))
        rpr = etree.SubElement(reference, w("rPr"))
        etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
        etree.SubElement(reference, w("commentReference")).set(w("id"), ident)
        end.addnext(reference)
        comment = etree.Element(w("comment"))
        for key, value in (("id", ident), ("author", author), ("date", DATE),
                           ("initials", author[:2])):
            comment.set(w(key), value)
        para = etree.SubElement(comment, w("p"))
        etree.SubElement(etree.SubElement(para, w("r")), w("t")).text = text
        self.comments.append(comment)

    # -- shapes and embedded content -----------------------------------------------------------
    def retype_box(self, old: str, new: str) -> None:
        """Retype a flowchart box: the text of its shape (and of the VML copy of it)."""
        hits = 0
        for txbx in self.root.iter(f"{{{WPS}}}txbx", "{urn:schemas-microsoft-com:vml}textbox"):
            texts = list(txbx.iter(w("t")))
            if texts and plain("".join(t.text or "" for t in texts)).replace("\n", "") == old:
                for t in texts[1:]:
                    t.getparent().remove(t)
                for br in list(txbx.iter(w("br"))):
                    br.getparent().remove(br)
                texts[0].text = new
                hits += 1
        assert hits, f"no box holds {old!r}"

    def drop_embedded_content(self) -> None:
        """What an editor that does not keep custom XML does: the content part is gone."""
        for name in [n for n in self.parts if n.startswith("customXml/")]:
            del self.parts[name]
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        for rel in list(rels):
            if rel.get("Type", "").endswith("/customXml"):
                rels.remove(rel)
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels)

    def save(self, path: Path) -> Path:
        self.parts["word/document.xml"] = etree.tostring(self.root, xml_declaration=True,
                                                         encoding="UTF-8", standalone=True)
        if self.comments:
            self._save_comments()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self.parts.items():
                package.writestr(name, data)
        return path

    def _save_comments(self) -> None:
        root = etree.Element(w("comments"), nsmap={"w": W})
        root.extend(self.comments)
        self.parts["word/comments.xml"] = etree.tostring(root, xml_declaration=True,
                                                         encoding="UTF-8", standalone=True)
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        if not any(r.get("Type") == COMMENTS_TYPE for r in rels):
            rel = etree.SubElement(rels, f"{{{R_NS}}}Relationship")
            rel.set("Id", "rIdComments1")
            rel.set("Type", COMMENTS_TYPE)
            rel.set("Target", "comments.xml")
            self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels)
        types = etree.fromstring(self.parts["[Content_Types].xml"])
        if not any(o.get("PartName") == "/word/comments.xml" for o in types):
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", "/word/comments.xml")
            override.set("ContentType", COMMENTS_CT)
            self.parts["[Content_Types].xml"] = etree.tostring(types)
