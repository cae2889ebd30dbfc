"""A zip file written with its members compressed on every core.

Python's `zipfile` compresses each member as it writes it, on one core, and cannot take members
compressed elsewhere. Here members are deflated in a pool of threads (zlib works outside the
interpreter's lock) and the records are written as the zip specification (PKWARE's APPNOTE)
lays them out: a local header and the data of each member, then the central directory, then
its end record, with the zip64 records once there are more than 65,535 members or the
directory starts past 4 GiB. `zipfile` reads what this writes, and the tests check it does.
"""

import struct
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

UTF8_NAMES = 0x0800  # general purpose flag: names are UTF-8
STORED, DEFLATED = 0, 8
UNIX_20, NEEDS_20, NEEDS_ZIP64 = (3 << 8) | 20, 20, 45
MODE = 0o644 << 16  # rw-r--r--, as zipfile writes it
LIMIT_16, LIMIT_32 = 0xFFFF, 0xFFFFFFFF
AHEAD = 16  # members compressed ahead of the writing, per worker: memory stays bounded


@dataclass(frozen=True)
class Member:
    name: str
    read: Callable[[], bytes]
    stored: bool  # already compressed (a PDF, an image): kept as it is


def write_members(target: Path, members: list[Member], date_time: tuple, workers: int) -> None:
    """Writes `members`, in their order, into the zip `target`, all dated `date_time`."""
    dos_time, dos_date = _dos(date_time)
    with ThreadPoolExecutor(max_workers=workers) as pool, target.open("wb") as out:
        packed = _in_order(pool, members, workers * AHEAD)
        shown = tqdm(
            packed,
            total=len(members),
            unit="file",
            desc="Zip",
            leave=False,
            disable=not sys.stderr.isatty(),  # a bar on a terminal, nothing in a log
        )
        entries = [_write_local(out, entry, dos_time, dos_date) for entry in shown]
        start = out.tell()
        for entry in entries:
            out.write(_central(entry, dos_time, dos_date))
        _write_end(out, len(entries), start, out.tell() - start)


def _in_order(pool: ThreadPoolExecutor, members: list[Member], ahead: int) -> Iterator[tuple]:
    """The members packed, in their order, at most `ahead` of them at a time."""
    waiting: deque = deque()
    for member in members:
        waiting.append(pool.submit(_pack, member))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


def _pack(member: Member) -> tuple[bytes, int, int, int, bytes]:
    """(name, method, crc, size, data) of a member, deflated unless it is stored."""
    data = member.read()
    if member.stored:
        packed, method = data, STORED
    else:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed, method = compressor.compress(data) + compressor.flush(), DEFLATED
    return member.name.encode("utf-8"), method, zlib.crc32(data), len(data), packed


def _write_local(out, packed: tuple, dos_time: int, dos_date: int) -> tuple:
    name, method, crc, size, data = packed
    offset = out.tell()
    if len(data) > LIMIT_32 or size > LIMIT_32:
        raise ValueError(f"{name.decode()}: a member of 4 GiB or more is not supported")
    out.write(
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            NEEDS_20,
            UTF8_NAMES,
            method,
            dos_time,
            dos_date,
            crc,
            len(data),
            size,
            len(name),
            0,
        )
    )
    out.write(name)
    out.write(data)
    return name, method, crc, len(data), size, offset


def _central(entry: tuple, dos_time: int, dos_date: int) -> bytes:
    name, method, crc, packed_size, size, offset = entry
    # Past 4 GiB, the member's offset goes into a zip64 extra field.
    extra = struct.pack("<HHQ", 0x0001, 8, offset) if offset > LIMIT_32 else b""
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            UNIX_20,
            NEEDS_ZIP64 if extra else NEEDS_20,
            UTF8_NAMES,
            method,
            dos_time,
            dos_date,
            crc,
            packed_size,
            size,
            len(name),
            len(extra),
            0,
            0,
            0,
            MODE,
            LIMIT_32 if extra else offset,
        )
        + name
        + extra
    )


def _write_end(out, count: int, start: int, size: int) -> None:
    if count > LIMIT_16 or start > LIMIT_32 or size > LIMIT_32:
        zip64_end = out.tell()
        out.write(
            struct.pack(
                "<IQHHIIQQQQ", 0x06064B50, 44, UNIX_20, NEEDS_ZIP64, 0, 0, count, count, size, start
            )
        )
        out.write(struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1))
        count, size, start = min(count, LIMIT_16), min(size, LIMIT_32), min(start, LIMIT_32)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))


def _dos(date_time: tuple) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day
