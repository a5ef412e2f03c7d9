"""The open-data CSV of a public list: UTF-8 with a byte-order mark (so that spreadsheet programs read it), a header of
the Chinese column names, one row per published entry; text that a spreadsheet would run as a formula is written as
text (`fazhi.cells`, security review M3)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed

from fazhi.cells import csv_cell
from fazhi.text import clean_for_xml

T = TypeVar("T")


def csv_response(
    filename: str, fields: Sequence[tuple[str, str]], items: Iterable[T], row: Callable[[T], dict[str, Any]]
) -> HttpResponse:
    """`items` as a CSV download named `filename`: the columns `fields` (name, Chinese label), each item's values from
    `row(item)`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([label for _, label in fields])
    for item in items:
        values = row(item)
        writer.writerow([csv_cell(values[name]) for name, _ in fields])
    return response


class CleanAtom1Feed(Atom1Feed):
    """An Atom feed that a stored control or bidirectional character cannot break: XML 1.0 refuses the first (one
    published entry made the feed a 500 for every visitor, security review L1), a reader cannot see the second."""

    def add_item(self, title: str, link: str, description: str, *args: Any, **kwargs: Any) -> None:
        kwargs = {key: clean_for_xml(value) if isinstance(value, str) else value for key, value in kwargs.items()}
        super().add_item(clean_for_xml(title), link, clean_for_xml(description or ""), *args, **kwargs)
