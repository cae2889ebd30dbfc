"""Signals through which the other plugins take part in building the publications."""

from blinker import signal

# Sent by the publications generator with every checked record, before pages are made.
# The pdf_text plugin answers by setting `record.pdf` (the PDF's text, page count and metadata)
# and `record.pdf_digest`; then the covers plugin by setting `record.cover`.
publications_read = signal("publications_read")

# Sent next, with the records and the vocabulary, once every record has its text. The taxonomy
# plugin answers by suggesting tags from the text and filling in the fields editors left out;
# then the related plugin by setting `record.related`.
publications_with_text = signal("publications_with_text")

# Sent once every page is written, with the records, the vocabulary and the output folder. The
# covers plugin answers by copying the images, the search plugin by indexing every language
# version and writing the browser's index, the citations plugin by writing cite/, the
# discovery plugin (under `invoke publish`) by writing the sitemap and oai.xml.
publications_written = signal("publications_written")


def send(hook, sender, **values) -> None:
    """Sends `hook` to its receivers in the order their plugins have in PLUGINS, which is the
    pipeline's: blinker calls receivers in the order of a set, and a plugin may rely on what
    the plugins listed before it did (covers on pdf_text's digests, related on the tags)."""
    plugins = sender.settings["PLUGINS"]

    def rank(receiver) -> int:
        name = receiver.__module__.split(".")[0]
        return plugins.index(name) if name in plugins else len(plugins)

    for receiver in sorted(hook.receivers_for(sender), key=rank):
        receiver(sender, **values)
