"""The papers of a meeting and of a year, as Word (.docx) and PDF files."""
