"""khumue: builds the work manuals of Thai Educational Service Area Offices as DOCX."""
