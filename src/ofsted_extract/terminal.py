"""Tables for a person at a terminal: records and timelines that fit the console's width.

Why not let rich fold cells: at 80 columns a nine-column table folds every
value mid-word ("Stockt/on-on-/Tees") and takes ten lines a record. Here each
cell is laid out before rich sees it: values wrap only between words, a record
takes at most `MAX_LINES` lines, a value too long for its column is cut with
an ellipsis, columns that are empty everywhere are left out, and the rest
shrink (long lists first) or, when even their narrowest form does not fit,
are dropped and named in a footnote. Records are grouped under their file's
base name; a timeline is one block per council with its events as rows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .models import InspectionRecord
    from .timeline import CouncilHistory

MAX_LINES = 3
ELLIPSIS = "…"
#: Below this, README's Confidence section says to check the record; the table marks it.
LOW_CONFIDENCE = 0.8
#: Gap between columns.
GAP = 2

#: One paragraph of a cell: its words and a rich style. A paragraph wraps only between words.
Para = tuple[str, str]


def human(value: str | None) -> str:
    """A vocabulary value as a person writes it: `requires_improvement` -> `requires improvement`."""
    return (value or "").replace("_", " ")


def cut(line: str, width: int) -> str:
    """`line` in at most `width` characters, ending in an ellipsis when it had to be shortened."""
    return line if len(line) <= width else line[:max(width - 1, 0)].rstrip() + ELLIPSIS


def wrap_cell(paras: Sequence[Para], width: int, max_lines: int = MAX_LINES) -> list[Para]:
    """The lines of a cell at `width`: words kept whole, at most `max_lines`, an ellipsis where cut."""
    lines: list[Para] = []
    for words, style in paras:
        if not words and lines:
            continue
        pieces = words_wrapped(words, width) or [""]
        lines += [(cut(piece, width), style) for piece in pieces]
    if len(lines) > max_lines:
        words, style = lines[max_lines - 1]
        marked = words + " " + ELLIPSIS
        if len(marked) > width:
            marked = words[:width - 1].rstrip() + ELLIPSIS
        lines = lines[:max_lines - 1] + [(marked, style)]
    return lines


@dataclass
class Column:
    """One column: its header, a cell per row, and how it gives way when the console is narrow.

    `shrink` and `drop` are ranks on one scale (lower first): when the column narrows towards its
    narrowest, and when it is left out (None: never).
    `floor` is the narrowest the column may get (a council name or a date is never cut).
    """

    header: str
    cells: list[list[Para]]
    shrink: int = 99
    drop: int | None = None
    floor: int | None = None
    justify: str = "left"
    width: int = field(init=False, default=0)

    def natural(self) -> int:
        return max([len(self.header)] + [len(words) for cell in self.cells for words, _ in cell])

    def narrowest(self) -> int:
        if self.floor is not None:
            return max(self.floor, len(self.header))
        words = [len(w) for cell in self.cells for text, _ in cell for w in text.split()]
        return max([len(self.header), *words]) if words else len(self.header)

    def empty(self) -> bool:
        return not any(words for cell in self.cells for words, _ in cell)


def fit(columns: list[Column], width: int) -> tuple[list[Column], list[str]]:
    """Widths for the columns that fit in `width`, and the headers of those dropped.

    Empty columns go first. Then, lowest rank first, until the rest fit, each
    step either narrows a column (`shrink` rank) towards its narrowest or
    drops one (`drop` rank); space a drop frees goes back to the narrowed
    columns, in the order they were narrowed.
    """
    shown = [c for c in columns if not c.empty()]
    dropped: list[str] = []
    for column in shown:
        column.width = column.natural()

    def total() -> int:
        return sum(c.width for c in shown) + GAP * (len(shown) - 1)

    steps = sorted([(c.shrink, 0, n, c) for n, c in enumerate(shown)]
                   + [(c.drop, 1, n, c) for n, c in enumerate(shown) if c.drop is not None],
                   key=lambda step: step[:3])
    for _, is_drop, _, column in steps:
        if total() <= width:
            break
        if column not in shown:
            continue
        if not is_drop:
            column.width = max(column.narrowest(), column.width - (total() - width))
            continue
        shown.remove(column)
        dropped.append(column.header)
        for other in sorted(shown, key=lambda c: c.shrink):
            other.width = min(other.natural(), other.width + max(0, width - total()))
    if total() > width:  # nothing left to give: cut the widest column hard
        widest = max(shown, key=lambda c: c.width)
        widest.width = max(1, widest.width - (total() - width))
    return shown, dropped


def render(console: Console, groups: Sequence[tuple[Text | None, list[int]]], columns: list[Column],
           footnotes: Iterable[str] = ()) -> None:
    """Print the rows in `groups` (a heading and row numbers each) as tables of one fixed layout."""
    shown, dropped = fit(columns, console.width)
    notes = list(footnotes)
    if dropped:
        notes.append(f"not shown at this width: {', '.join(dropped)} (widen the terminal, or --format csv)")
    for number, (heading, rows) in enumerate(groups):
        if heading is not None:
            heading.no_wrap, heading.overflow = True, "ellipsis"
            console.print(heading, no_wrap=True, overflow="ellipsis", crop=True)
        table = Table(box=None, show_header=number == 0, header_style="bold", pad_edge=False,
                      padding=(0, GAP // 2), show_edge=False, expand=False)
        for column in shown:
            table.add_column(column.header, width=column.width, no_wrap=True, overflow="ellipsis",
                             justify=column.justify)  # type: ignore[arg-type]
        for row in rows:
            table.add_row(*(lines_text(wrap_cell(column.cells[row], column.width)) for column in shown))
        console.print(table)
    for note in notes:
        console.print(Text(note, style="dim"), no_wrap=True, overflow="ellipsis", crop=True)


def lines_text(lines: list[Para]) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, (words, style) in enumerate(lines):
        if number:
            text.append("\n")
        text.append(words, style=style)
    return text


def grades_list(judgements: dict[str, str]) -> str:
    return "; ".join(f"{human(area)}: {human(grade)}" for area, grade in judgements.items())


def confidence_cell(confidence: float) -> list[Para]:
    low = confidence < LOW_CONFIDENCE
    return [(f"{confidence:.2f}{'?' if low else ' '}", "bold yellow" if low else "")]


def council_cell(name: str, code: str | None) -> list[Para]:
    return [(name, "bold"), (code or "not in gazetteer", "dim")]


def words_wrapped(value: str, width: int) -> list[str]:
    return textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False)


def council_floor(names: Iterable[str]) -> int:
    """The narrowest council column that holds every name whole in at most two lines (the code is the third)."""
    def two_lines(name: str) -> int:
        return next(w for w in range(1, len(name) + 1)
                    if len(lines := words_wrapped(name, w)) <= 2 and all(len(line) <= w for line in lines))

    return max((two_lines(name) for name in names if name), default=0)


def write_records(records: Sequence[InspectionRecord], stream: IO[str], console: Console | None = None) -> None:
    """Records as a table grouped by file: council and code, type, grade, dates, prior, judgements, confidence."""
    console = console or Console(file=stream)
    if not records:
        console.print("[dim]no records[/dim]")
        return
    groups: list[tuple[Text | None, list[int]]] = []
    for number, record in enumerate(records):
        if not number or record.source != records[number - 1].source:  # one heading per input, named by base name
            groups.append((Text(Path(record.source).name, style="cyan"), []))
        groups[-1][1].append(number)
    names = [r.council for r in records]
    columns = [
        Column("council", [council_cell(r.council, r.ons_code) for r in records], shrink=3,
               floor=council_floor(names)),
        Column("type", [[(human(r.inspection_type), "")] for r in records], shrink=2),
        Column("grade", [[(human(r.grade), "bold")] for r in records], shrink=5),
        Column("inspected", [[(r.inspection_date or "", "")] for r in records], shrink=99, floor=10, drop=8),
        Column("published", [[(r.published_date or "", "")] for r in records], shrink=99, floor=10, drop=4),
        Column("prior", [[(" ".join(filter(None, [human(r.prior_grade), str(r.prior_year or "")])), ""),
                          (grades_list(r.prior_judgements), "")] for r in records], shrink=1, drop=7),
        Column("judgements", [[(grades_list(r.judgements), "")] for r in records], shrink=0, floor=20, drop=6),
        Column("conf.", [confidence_cell(r.confidence) for r in records], shrink=99, floor=5, justify="right"),
    ]
    notes = []
    if any(r.confidence < LOW_CONFIDENCE for r in records):
        notes.append(f"? confidence below {LOW_CONFIDENCE}: check the record against its text")
    render(console, groups, columns, notes)


ARROWS = {"improved": ("▲ improved", "green"), "declined": ("▼ declined", "red"), "unchanged": ("= unchanged", "")}


def write_timeline(histories: Sequence[CouncilHistory], stream: IO[str], console: Console | None = None) -> None:
    """One block per council (name and code as its heading), its events as rows."""
    console = console or Console(file=stream)
    if not histories:
        console.print("[dim]no records[/dim]")
        return
    events = [(history, event) for history in histories for event in history.events]
    groups: list[tuple[Text | None, list[int]]] = []
    start = 0
    for history in histories:
        heading = Text(history.council, style="bold")
        heading.append(f"  {history.ons_code or 'not in gazetteer'}", style="dim")
        if len(history.ons_codes) > 1:
            heading.append(f" (also {', '.join(history.ons_codes[:-1])})", style="dim")
        groups.append((heading, list(range(start, start + len(history.events)))))
        start += len(history.events)

    def sources(paths: list[str]) -> list[Para]:
        names = [Path(p).name for p in paths]
        if len(names) > MAX_LINES:
            names = names[:MAX_LINES - 1] + [f"and {len(names) - MAX_LINES + 1} more"]
        return [(name, "") for name in names]

    def grade(event) -> list[Para]:
        return [(human(event.grade), "bold")] + ([("(prior)", "dim")] if event.derived else [])

    columns = [
        Column("date", [[(e.date or "undated", "")] for _, e in events], floor=10),
        Column("type", [[(human(e.inspection_type), "")] for _, e in events], shrink=2),
        Column("grade", [grade(e) for _, e in events], shrink=4),
        Column("direction", [[ARROWS.get(e.direction or "", ("", ""))] for _, e in events], shrink=99, drop=6),
        Column("judgements", [[(grades_list(e.judgements), "")] for _, e in events], shrink=0, floor=20, drop=5),
        Column("sources", [sources(e.sources) for _, e in events], shrink=1, floor=20, drop=3),
    ]
    render(console, groups, columns)


def rendered(write: Callable[..., None], items: Sequence, width: int) -> str:
    """What `write` prints at `width` columns, as plain text (for tests and the README's examples)."""
    import io

    buffer = io.StringIO()
    write(items, buffer, Console(file=buffer, width=width, color_system=None, legacy_windows=False))
    return buffer.getvalue()
