"""The manual's parts other than work standards and processes: cover, foreword, table of
contents, group roles, duties, free-form sections and references."""

from __future__ import annotations

import jinja2
import jinja2.sandbox

from khumue.content.model import ListPart, Staff
from khumue.content.templates import FOREWORD
from khumue.errors import TemplateError
from khumue.typeset.compose.context import ManualContext
from khumue.typeset.compose.text import TextComposer
from khumue.typeset.doctree import (
    ContentsEntry,
    CoverPage,
    Heading,
    Node,
    Origin,
    Part,
    Role,
    TableOfContents,
)


class PartsComposer:
    """Composes the simpler parts of ``staff``'s manual."""

    def __init__(self, staff: Staff, ctx: ManualContext, text: TextComposer):
        self.staff = staff
        self.ctx = ctx
        self.text = text

    @property
    def full_position(self) -> str:
        """Position and level as Thai titles join them: ศึกษานิเทศก์ + ชำนาญการพิเศษ."""
        return self.staff.position + (self.staff.level or "")

    def cover(self) -> CoverPage:
        s, o, t = self.staff, self.ctx.office, self.text.t
        return CoverPage(
            title=t(s.cover.title),
            subtitle=t(s.cover.subtitle or ""),
            cover_items=tuple(t(i) for i in s.cover.items),
            person_name=t(s.name),
            position_line=t(f"ตำแหน่ง {self.full_position}"),
            work_unit=t(s.work_unit or ""),
            group=t(s.group),
            office_name=t(o.name),
            office_short_name=t(o.short_name),
            obec=t(o.obec),
            ministry=t(o.ministry),
            fiscal_year_line=t(f"ปีงบประมาณ พ.ศ. {self.ctx.fiscal_year}"),
        )

    def foreword(self) -> list[Node]:
        s, text = self.staff, self.text
        origin = Origin(Part.foreword, ("foreword",))
        if s.foreword is not None:
            paras = text.blocks(s.foreword.text, Role.body, origin.at("text"))
            name = s.foreword.signature_name or s.name
            position = s.foreword.signature_position or self.full_position
        else:
            generated = Origin(Part.foreword)
            paras = [text.para(p, Role.body, generated) for p in self.default_foreword()]
            name, position = s.name, self.full_position
        out: list[Node] = [Heading(text.t("คำนำ"), new_page=True, centered=True,
                                   origin=Origin(Part.foreword)), *paras]
        signature = Origin(Part.foreword)
        out.append(text.para("", Role.signature, signature))
        out.append(text.para(name, Role.signature, signature))
        out.append(text.para(position, Role.signature, signature))
        return out

    def default_foreword(self) -> list[str]:
        """Paragraphs of the default foreword, from the first ``foreword.txt.j2`` of the
        template folders (the office's, then the default).  Content values are data: they are
        not evaluated.  Raises TemplateError (file, line, what to fix) for a broken
        template."""
        env = jinja2.sandbox.SandboxedEnvironment(
            loader=jinja2.FileSystemLoader([str(f) for f in self.ctx.templates.folders]),
            undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False)
        variables = {"name": self.staff.name, "position": self.full_position,
                     "group": self.staff.group, "work_unit": self.staff.work_unit,
                     "office": self.ctx.office.name,
                     "office_short_name": self.ctx.office.short_name,
                     "fiscal_year": self.ctx.fiscal_year}
        path = self.ctx.templates.find(FOREWORD)
        try:
            rendered = env.get_template(FOREWORD).render(**variables)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{path}:{exc.lineno}: แม่แบบคำนำเขียนผิดรูปแบบ ({exc.message}) "
                                "ตรวจวงเล็บ {{ }} และ {% %} ของบรรทัดนี้") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{path}: แม่แบบคำนำใช้ไม่ได้ ({exc.message}) ตัวแปรที่ใช้ได้: "
                                f"{', '.join(variables)}") from None
        except UnicodeDecodeError:
            raise TemplateError(f"{path}: แม่แบบคำนำต้องบันทึกเป็นข้อความ UTF-8") from None
        return [" ".join(p.split()) for p in rendered.split("\n\n") if p.strip()]

    def contents(self, entries: list[ContentsEntry]) -> TableOfContents:
        return TableOfContents(self.text.t("สารบัญ"), entries, Origin(Part.contents))

    def list_part(self, part: ListPart | None, key: str, kind: Part,
                  default_title: str) -> list[Node]:
        if part is None:
            return []
        text = self.text
        origin = Origin(kind, (key,))
        out: list[Node] = [Heading(text.t(part.title or default_title), new_page=True,
                                   origin=origin.at("title"))]
        if part.subtitle:
            out.append(text.para(part.subtitle, Role.subtitle, origin.at("subtitle")))
        out += text.blocks(part.intro, Role.body, origin.at("intro"))
        out += text.items(part.items, part.style, origin.at("items"))
        return out

    def group_roles(self) -> list[Node]:
        return self.list_part(self.staff.group_roles, "group_roles", Part.group_roles,
                              f"บทบาทหน้าที่{self.staff.group}")

    def duties(self) -> list[Node]:
        return self.list_part(self.staff.duties, "duties", Part.duties,
                              "งานในหน้าที่รับผิดชอบ")

    def sections(self) -> list[Node]:
        text = self.text
        out: list[Node] = []
        for index, section in enumerate(self.staff.sections):
            origin = Origin(Part.section, ("sections", index))
            out.append(Heading(text.t(section.title), new_page=True, origin=origin.at("title")))
            if section.subtitle:
                out.append(text.para(section.subtitle, Role.subtitle, origin.at("subtitle")))
            out += text.blocks(section.text, Role.body, origin.at("text"))
        return out

    def references(self) -> list[Node]:
        if self.staff.references is None:
            return []
        origin = Origin(Part.references, ("references",))
        return [Heading(self.text.t("เอกสารอ้างอิง"), new_page=True, origin=Origin(Part.references)),
                *self.text.blocks(self.staff.references, Role.body, origin)]
