"""The zip writer that compresses members on every core: what zipfile reads back from it."""

import functools
import zipfile

from offline.zipwriter import Member, write_members

DATE = (2024, 6, 20, 10, 30, 42)


def member(name: str, data: bytes, stored: bool = False) -> Member:
    return Member(name, functools.partial(bytes, data), stored)


def test_members_read_back_whole_with_their_names_dates_and_methods(tmp_path):
    text = "Protection de l'enfance — حماية الطفل ".encode() * 500
    members = [
        member("library/README.txt", text),
        member("library/pdf/étude.pdf", b"%PDF-1.7 " + bytes(range(256)) * 40, stored=True),
        member("library/ar/الفهرس.html", b"<!doctype html>" + text),
        member("library/empty.js", b""),
    ]
    write_members(tmp_path / "library.zip", members, DATE, workers=2)

    with zipfile.ZipFile(tmp_path / "library.zip") as archive:
        assert archive.testzip() is None  # every member's CRC checks out
        entries = archive.infolist()
        assert [entry.filename for entry in entries] == [m.name for m in members]
        for entry, original in zip(entries, members, strict=True):
            assert archive.read(entry) == original.read()
            assert entry.date_time == DATE
            assert entry.external_attr >> 16 == 0o644
        assert [entry.compress_type for entry in entries] == [
            zipfile.ZIP_DEFLATED,
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
            zipfile.ZIP_DEFLATED,
        ]
        assert entries[0].compress_size < entries[0].file_size / 10


def test_past_65535_members_the_zip64_end_records_count_them(tmp_path):
    members = [member(f"library/d/{n}.js", f"searchData({n});".encode()) for n in range(70_000)]
    write_members(tmp_path / "many.zip", members, DATE, workers=2)

    with zipfile.ZipFile(tmp_path / "many.zip") as archive:
        names = archive.namelist()
        assert len(names) == 70_000 and names[-1] == "library/d/69999.js"
        assert archive.read("library/d/65536.js") == b"searchData(65536);"


def test_the_same_members_give_the_same_bytes_whatever_the_workers(tmp_path):
    members = [member(f"library/{n}.html", f"<p>{n}</p>".encode() * n) for n in range(300)]
    write_members(tmp_path / "one.zip", members, DATE, workers=1)
    write_members(tmp_path / "four.zip", members, DATE, workers=4)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "four.zip").read_bytes()
