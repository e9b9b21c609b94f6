"""What reviewers left in a Word file besides their edits: comments (word/comments.xml) and
tracked changes not yet accepted, as notes at the content value of the paragraph they stand
in (or at the top, when it has none)."""

from __future__ import annotations

from collections.abc import Sequence

from khumue.content.fieldpath import Loc
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.own.content import short
from khumue.wordml.reader import ReadDocument, ReadPara, ReadRevision

_KINDS = {"ins": "แทรก", "del": "ลบ", "moveTo": "ย้ายมา", "moveFrom": "ย้ายออก",
          "paragraph-ins": "แทรกย่อหน้า", "paragraph-del": "ลบย่อหน้า", "row-ins": "แทรกแถว",
          "row-del": "ลบแถว"}


def remarks(document: ReadDocument, placed: Sequence[tuple[Loc, ReadPara]],
            rejected: bool = False) -> list[Note]:
    """A note for each comment and tracked change of ``document``: at the content path of
    the paragraph it stands in (``placed``: the paragraphs found, with their paths), else at
    the top with the text it stands by.  ``rejected``: the changes were left out."""
    comments = {c.id: c for c in document.comments}
    notes: list[Note] = []
    said_comments: set[str] = set()
    said_revisions: set[int] = set()
    for path, para in placed:
        for ident in para.comments:
            if ident in comments and ident not in said_comments:
                said_comments.add(ident)
                notes.append(Note(path, _comment(comments[ident].author, comments[ident].text),
                                  NoteKind.comment))
        for group in _replacements([i for i in para.revisions if i < len(document.revisions)
                                    and i not in said_revisions], document):
            said_revisions.update(group)
            notes.append(Note(path, describe(*(document.revisions[i] for i in group),
                                             rejected=rejected), NoteKind.revision))
    for comment in document.comments:
        if comment.id not in said_comments:
            notes.append(Note((), _comment(comment.author, comment.text) +
                              (f" (ที่ \"{short(comment.anchor)}\")" if comment.anchor else ""),
                              NoteKind.comment))
    left = [i for i in range(len(document.revisions)) if i not in said_revisions]
    for group in _replacements(left, document):
        first = document.revisions[group[0]]
        notes.append(Note((), describe(*(document.revisions[i] for i in group),
                                       rejected=rejected) +
                          (f" (ใน \"{short(first.context)}\")" if first.context else ""),
                          NoteKind.revision))
    return notes


def _replacements(indexes: list[int], document: ReadDocument) -> list[list[int]]:
    """The tracked changes, a deletion followed by an insertion by the same person at the
    same time (a replaced word) as one."""
    out: list[list[int]] = []
    for index in indexes:
        revision = document.revisions[index]
        if out and len(out[-1]) == 1 and out[-1][0] == index - 1 and revision.kind == "ins":
            before = document.revisions[out[-1][0]]
            if before.kind == "del" and (before.author, before.date) == (revision.author,
                                                                        revision.date):
                out[-1].append(index)
                continue
        out.append([index])
    return out


def _comment(author: str, text: str) -> str:
    return f"{author or 'ผู้ตรวจ'}: {' '.join(text.split())}"


def describe(*revisions: ReadRevision, rejected: bool = False) -> str:
    """A tracked change (or a deletion and the insertion that replaces it) in words: what,
    by whom, when, and whether it was taken."""
    first = revisions[0]
    taken = "ไม่ได้นำมาใช้ (--reject-changes)" if rejected else "นำมาใช้ตามที่เสนอ"
    if len(revisions) == 2:
        what = f"แก้ \"{short(first.text)}\" เป็น \"{short(revisions[1].text)}\""
    else:
        what = f"{_KINDS.get(first.kind, first.kind)} \"{short(first.text)}\""
    day = first.date[:10] or "ไม่ระบุวัน"
    return (f"การแก้ไขแบบติดตามที่ยังไม่ได้ยอมรับโดย {first.author or 'ไม่ระบุชื่อ'} "
            f"เมื่อ {day}: {what} {taken}")
