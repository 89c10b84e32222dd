"""Rendering: rows to table/md/csv/json, the Word and Markdown report, writing output files."""
