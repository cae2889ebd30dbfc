"""Signals through which the other plugins take part in building the publications."""

from blinker import signal

# Sent by the publications generator with every checked record, before pages are made.
# The pdf_text plugin answers by setting `record.pdf` (the PDF's text, page count and metadata).
publications_read = signal("publications_read")
