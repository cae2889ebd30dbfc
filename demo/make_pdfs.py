"""Write the demo library's PDFs from their texts: `invoke demo-pdfs`.

Each record in content/publications/ names its PDF; the PDF's full text is demo/texts/<file name
of the record>. The PDFs are committed, so building the site never needs this script. The same
texts give the same bytes (fixed dates and document ids), so regenerating changes nothing unless
a text changed.

Fonts: DejaVu Sans from Debian's fonts-dejavu-core (covers Latin, Greek, Cyrillic and Arabic).
Right-to-left texts (the languages marked `dir: rtl` in content/vocabulary/languages.yml) are
shaped by HarfBuzz (the uharfbuzz package) and set flush right.
"""

import datetime
import hashlib
import sys
from pathlib import Path

import yaml
from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "content" / "publications"
TEXTS = ROOT / "demo" / "texts"
OUTPUT = ROOT / "publications"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
NETWORK = "Example Child Protection Network"
NOTICE = {
    "en": "Sample publication written for the demo library. The network is fictional.",
    "fr": "Publication d'exemple, rédigée pour la bibliothèque de démonstration. "
    "Le réseau est fictif.",
    "es": "Publicación de ejemplo, redactada para la biblioteca de demostración. "
    "La red es ficticia.",
    "ar": "منشور نموذجي كُتب لمكتبة العرض التوضيحي. الشبكة خيالية.",
}
LANGUAGES = yaml.safe_load((ROOT / "content" / "vocabulary" / "languages.yml").read_text("utf-8"))


class DemoPdf(FPDF):
    def __init__(self, running_title: str, lang: str):
        super().__init__(format="A4")
        self.running_title = running_title
        self.rtl = LANGUAGES.get(lang, {}).get("dir") == "rtl"
        self.flow = {"align": "R"} if self.rtl else {}  # right-to-left lines start on the right
        if self.rtl:
            self.set_text_shaping(use_shaping_engine=True, direction="rtl")
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=22)
        for style, name in (
            ("", "DejaVuSans.ttf"),
            ("B", "DejaVuSans-Bold.ttf"),
            ("I", "DejaVuSans-Oblique.ttf"),
        ):
            self.add_font("DejaVu", style, str(FONT_DIR / name))

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90)
        self.cell(self.epw * 0.7, 5, self.running_title, **self.flow)
        self.cell(self.epw * 0.3, 5, NETWORK, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(8)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font("DejaVu", "", 9)
        self.set_text_color(90)
        self.cell(0, 6, str(self.page_no()), align="C")


def front_matter(record: Path) -> dict:
    return yaml.safe_load(record.read_text(encoding="utf-8").split("---")[1])


def publication_date(value) -> datetime.datetime:
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return datetime.datetime(parts[0], parts[1], parts[2], tzinfo=datetime.UTC)


def write_cover(pdf: DemoPdf, meta: dict) -> None:
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_text_color(11, 92, 140)
    pdf.cell(0, 8, NETWORK, **pdf.flow, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(50)
    pdf.set_font("DejaVu", "B", 22)
    pdf.set_text_color(20)
    pdf.multi_cell(0, 11, meta["title"], **pdf.flow, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 12)
    pdf.cell(0, 8, str(meta["date"]), **pdf.flow, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-45)
    pdf.set_font("DejaVu", "" if pdf.rtl else "I", 9)  # the oblique face has no Arabic
    pdf.multi_cell(0, 5, NOTICE.get(meta["lang"], NOTICE["en"]), **pdf.flow)


def write_body(pdf: DemoPdf, text: str) -> None:
    pdf.add_page()
    pdf.set_text_color(20)
    for block in text.strip().split("\n\n"):
        for line in block.strip().splitlines():
            if line.startswith("## "):
                pdf.ln(3)
                pdf.set_font("DejaVu", "B", 13)
                pdf.multi_cell(0, 7, line[3:].strip(), **pdf.flow, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif line.startswith("- "):
                pdf.set_font("DejaVu", "", 10.5)
                pdf.set_x(pdf.l_margin + (0 if pdf.rtl else 5))
                item = "•  " + line[2:].strip()
                pdf.multi_cell(pdf.epw - 5, 5.6, item, **pdf.flow, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("DejaVu", "", 10.5)
                align = "R" if pdf.rtl else "J"
                pdf.multi_cell(0, 5.6, line.strip(), align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)


def make_pdf(record: Path) -> Path:
    meta = front_matter(record)
    text = (TEXTS / record.name).read_text(encoding="utf-8")
    title = meta["title"]
    pdf = DemoPdf(title if len(title) < 70 else title[:67].rsplit(" ", 1)[0] + " …", meta["lang"])
    pdf.set_title(title)
    pdf.set_author(", ".join(meta.get("authors") or [NETWORK]))
    pdf.set_lang(meta["lang"])
    pdf.set_creator("demo/make_pdfs.py")
    pdf.set_creation_date(publication_date(meta["date"]))
    # A document id from the text, not from the clock, keeps the bytes reproducible.
    pdf.file_id = lambda: _file_id(text)
    write_cover(pdf, meta)
    write_body(pdf, text)
    target = OUTPUT / meta["pdf"]
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))
    return target


def _file_id(text: str) -> str:
    digest = hashlib.md5(text.encode("utf-8")).hexdigest().upper()
    return f"<{digest}><{digest}>"


def main() -> int:
    made = 0
    for record in sorted(RECORDS.rglob("*.md")):
        if not (TEXTS / record.name).is_file():
            print(f"{record.relative_to(ROOT)}: no text in demo/texts/, skipped", file=sys.stderr)
            continue
        target = make_pdf(record)
        made += 1
        print(f"{target.relative_to(ROOT)}")
    print(f"{made} PDFs written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
