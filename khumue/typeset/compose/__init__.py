"""From a staff member's content to the typeset tree of their manual (:mod:`khumue.doctree`).

- :mod:`~khumue.compose.manual`: the parts in order, the table of contents, page numbering;
- :mod:`~khumue.compose.text`: text in the office's digits, rich text and list labels;
- :mod:`~khumue.compose.parts`: cover, foreword, group roles, duties, sections, references;
- :mod:`~khumue.compose.standards`: work-standard tables;
- :mod:`~khumue.compose.processes`: process manuals, summary forms and legends.
"""

from khumue.compose.context import ManualContext
from khumue.compose.manual import compose_manual

__all__ = ["ManualContext", "compose_manual"]
