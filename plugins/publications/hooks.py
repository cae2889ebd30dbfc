"""Signals through which the other plugins take part in building the publications."""

from blinker import signal

# Sent by the publications generator with every checked record, before pages are made.
# The pdf_text plugin answers by setting `record.pdf` (the PDF's text, page count and metadata).
publications_read = signal("publications_read")

# Sent next, with the records and the vocabulary, once every record has its text. The taxonomy
# plugin answers by suggesting tags from the text and filling in the fields editors left out.
publications_with_text = signal("publications_with_text")

# Sent once every page is written, with the records, the vocabulary and the output folder. The
# search plugin answers by indexing every language version and writing the browser's index.
publications_written = signal("publications_written")
