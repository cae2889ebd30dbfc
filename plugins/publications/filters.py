"""Jinja filters the theme uses to show publication facts."""

from .records import PublicationDate

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def publication_date(date: PublicationDate) -> str:
    """10 May 2023, May 2023 or 2023, as precise as the editor wrote it."""
    value = date.value
    if date.precision == "year":
        return str(value.year)
    month = f"{MONTHS[value.month - 1]} {value.year}"
    return month if date.precision == "month" else f"{value.day} {month}"


def filesize(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


FILTERS = {"publication_date": publication_date, "filesize": filesize}
