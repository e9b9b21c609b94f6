"""The base of every content model (:mod:`khumue.content.model`,
:mod:`khumue.content.officemodel`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every content model: unknown keys and wrong types are errors (a number is not
    taken for text, nor text for a list)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
