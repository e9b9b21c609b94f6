"""The one layer that reads and writes WordprocessingML (DOCX)."""
