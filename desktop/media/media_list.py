"""A media list in and out as CSV (or the workbook of a media database).

The export columns the media databases have in common are found by their names, compared
without case, spacing or punctuation and in a few languages, through the results
import's own reading (``desktop.importing.reading``: encoding, delimiter, preamble) and
column matching (``desktop.importing.mapping.find_column``). A row without a name, or
with an email address that is not one, is reported with its line number; the person
imports the good rows or nothing. Someone already on the list (same email, or same name
at the same outlet) is left as they are. A do-not-contact mark comes in with its reason,
and the apostrophe an export puts before a would-be formula ("'@jane") is taken off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from db import models as m
from db.enums import ContactKind
from db.unit_of_work import UnitOfWork
from desktop.csv_export import FORMULA_STARTS, write_csv
from desktop.errors import ValidationError
from desktop.importing.mapping import find_column
from desktop.importing.reading import inspect_export, iter_rows
from desktop.media.contacts import (
    EMAIL_PATTERN,
    KIND_TEXT,
    ContactInput,
    OutletInput,
    insert_contact,
    insert_outlet,
    normal_domain,
    normal_name,
)

#: The roles of a media list's columns, and the names the databases give them.
COLUMNS: dict[str, str] = {
    "name": "Name|Full name|Contact|Contact name|Journalist|Journalist name|Person|Nombre|Kontakt",
    "first_name": "First name|Firstname|Given name|Vorname|Prénom",
    "last_name": "Last name|Lastname|Surname|Family name|Nachname|Nom",
    "outlet": "Outlet|Media outlet|Outlet name|Publication|Media|Medium|Company|Medio|Redaktion",
    "beat": "Title/Beat|Title|Job title|Beat|Beats|Topics|Position|Role|Titel|Ressort",
    "email": "Email|E-mail|Email address|E-mail address|Work email|Mail",
    "x_handle": "Twitter/X|Twitter|X|X handle|Twitter handle|X (Twitter)|Twitter username",
    "linkedin": "LinkedIn|LinkedIn URL|LinkedIn profile|Linkedin link",
    "kind": "Kind|Type|Contact type|Media type",
    "preferred_channel": "Preferred channel|Preferred contact|Contact preference",
    "domain": "Outlet website|Website|Outlet URL|Domain|Web domain",
    "tier": "Tier|Outlet tier",
    "do_not_contact": "Do not contact|Do-not-contact|DNC|Opted out|Opt out",
    "do_not_contact_reason": "Do-not-contact reason|Do not contact reason|DNC reason|"
                             "Opt-out reason|Opted out reason",
}
#: How a media list says yes in its do-not-contact column.
_YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "ja", "oui", "si", "sí"})
EXPORT_HEADER = ("Name", "Outlet", "Title/Beat", "Email", "Twitter/X", "LinkedIn", "Kind",
                 "Preferred channel", "Outlet website", "Tier", "Do not contact",
                 "Do-not-contact reason")
_KIND_WORDS = {normal_name(word): kind for kind, word in KIND_TEXT.items()} | {
    "reporter": ContactKind.JOURNALIST, "writer": ContactKind.JOURNALIST,
    "freelancer": ContactKind.JOURNALIST, "podcast": ContactKind.PODCASTER,
    "host": ContactKind.PODCASTER, "influencer": ContactKind.CREATOR,
    "blogger": ContactKind.CREATOR, "youtuber": ContactKind.CREATOR,
    "editor in chief": ContactKind.EDITOR, "redakteur": ContactKind.EDITOR,
}


@dataclass(frozen=True)
class ListRow:
    line: int
    name: str
    outlet: str
    beat: str
    email: str
    x_handle: str
    linkedin: str
    kind: ContactKind
    preferred_channel: str
    domain: str
    tier: int | None
    do_not_contact: bool = False
    do_not_contact_reason: str = ""


@dataclass(frozen=True)
class ParsedList:
    file_name: str
    rows: tuple[ListRow, ...]
    problems: tuple[tuple[int, str], ...]  # (line, what is wrong)
    columns: dict[str, str] = field(default_factory=dict)  # role -> the file's column

    def problem_text(self, limit: int = 5) -> str:
        said = "; ".join(f"line {line}: {text}" for line, text in self.problems[:limit])
        more = len(self.problems) - limit
        return said + (f"; and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class ImportedList:
    contact_ids: tuple[int, ...]
    outlet_ids: tuple[int, ...]
    already_listed: int
    left_out: int  # rows with a problem, not imported

    def sentence(self) -> str:
        parts = [f"{len(self.contact_ids)} contacts added"]
        if self.outlet_ids:
            parts.append(f"{len(self.outlet_ids)} new outlets")
        if self.already_listed:
            parts.append(f"{self.already_listed} already on the list")
        if self.left_out:
            parts.append(f"{self.left_out} rows with a problem left out")
        return ", ".join(parts) + "."


def _unprotected(text: str) -> str:
    """The cell without the apostrophe a CSV export (ours too) puts before a value that a
    spreadsheet would run as a formula, so "@jane" reads back as "@jane"."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _kind(text: str) -> ContactKind:
    key = normal_name(text)
    return next((kind for word, kind in _KIND_WORDS.items() if word and word in key),
                ContactKind.JOURNALIST)


def read_media_list(path: Path) -> ParsedList:
    """The contacts of a media list file, and its rows' problems with their line numbers."""
    layout = inspect_export(Path(path))
    columns = {role: find_column(spec, layout.header) for role, spec in COLUMNS.items()}
    columns = {role: column for role, column in columns.items() if column}
    if "name" not in columns and not {"first_name", "last_name"} <= set(columns):
        raise ValidationError(
            f"{Path(path).name} has no column of names (looked for Name, Full name, Contact, "
            "or First name and Last name), so it is not a media list.")
    index = {column: i for i, column in enumerate(layout.header)}
    rows: list[ListRow] = []
    problems: list[tuple[int, str]] = []
    for line, cells in iter_rows(layout):
        def cell(role: str, cells: object = cells) -> str:
            column = columns.get(role)
            at = index.get(column, -1) if column else -1
            return _unprotected(str(cells[at]).strip()) \
                if 0 <= at < len(cells) and cells[at] is not None else ""

        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        email = cell("email")
        if not any(str(c).strip() for c in cells):
            continue
        if not name:
            problems.append((line, "no name"))
            continue
        if email and not EMAIL_PATTERN.match(email):
            problems.append((line, f"'{email}' is not an email address"))
            continue
        tier_text = cell("tier").lower().removeprefix("tier").strip()
        tier = int(tier_text) if tier_text in ("1", "2", "3") else None
        marked = cell("do_not_contact").casefold() in _YES_WORDS
        reason = cell("do_not_contact_reason") if marked else ""
        rows.append(ListRow(line, name, cell("outlet"), cell("beat"), email, cell("x_handle"),
                            cell("linkedin"), _kind(cell("kind") or cell("beat")),
                            cell("preferred_channel"), cell("domain"), tier, marked,
                            reason or (f"Marked do-not-contact in {Path(path).name}"
                                       if marked else "")))
    return ParsedList(Path(path).name, tuple(rows), tuple(problems), columns)


def import_media_list(uow: UnitOfWork, parsed: ParsedList, *,
                      good_rows_only: bool = False) -> ImportedList:
    """Add the list's new contacts (and their outlets) in one transaction."""
    if parsed.problems and not good_rows_only:
        raise ValidationError(f"{parsed.file_name} has rows that cannot be imported: "
                              f"{parsed.problem_text()}. Import the good rows only, or fix the "
                              "file; nothing was imported.")
    if not parsed.rows:
        raise ValidationError(f"{parsed.file_name} holds no contacts.")
    with uow.write() as session:
        outlets = {normal_name(o.name): o for o in session.scalars(select(m.Outlet))}
        known = session.execute(select(m.MediaContact.email, m.MediaContact.name,
                                       m.MediaContact.outlet_id)).all()
        emails = {email.lower() for email, _n, _o in known if email}
        names = {(normal_name(name), outlet) for _e, name, outlet in known}
        new_contacts: list[int] = []
        new_outlets: list[int] = []
        already = 0
        for row in parsed.rows:
            outlet = outlets.get(normal_name(row.outlet)) if row.outlet else None
            if row.outlet and outlet is None:
                outlet = insert_outlet(session, OutletInput(
                    row.outlet, row.tier or 2, web_domain=normal_domain(row.domain)))
                outlets[normal_name(row.outlet)] = outlet
                new_outlets.append(outlet.id)
            outlet_id = outlet.id if outlet else None
            if (row.email and row.email.lower() in emails) \
                    or (normal_name(row.name), outlet_id) in names:
                already += 1
                continue
            contact = insert_contact(session, ContactInput(
                row.name, outlet_id, row.kind, row.beat, row.email, row.x_handle, row.linkedin,
                row.preferred_channel))
            if row.do_not_contact:
                contact.do_not_contact = True
                contact.do_not_contact_reason = row.do_not_contact_reason
                contact.do_not_contact_on = date.today()
                contact.do_not_contact_by_id = uow.person_id
            new_contacts.append(contact.id)
            emails.add(row.email.lower())
            names.add((normal_name(row.name), outlet_id))
        return ImportedList(tuple(new_contacts), tuple(new_outlets), already,
                            len(parsed.problems))


def take_back(uow: UnitOfWork, imported: ImportedList) -> None:
    """Undo of an import: its contacts, then the outlets it added."""
    with uow.write() as session:
        for contact_id in imported.contact_ids:
            row = session.get(m.MediaContact, contact_id)
            if row is not None:
                session.delete(row)
        session.flush()
        for outlet_id in imported.outlet_ids:
            row = session.get(m.Outlet, outlet_id)
            if row is not None:
                session.delete(row)


def export_media_list(uow: UnitOfWork, path: Path) -> int:
    """Write the media list as CSV in the databases' common columns; returns the rows."""
    with uow.read() as session:
        rows = session.execute(
            select(m.MediaContact, m.Outlet).outerjoin(m.Outlet, m.Outlet.id ==
                                                       m.MediaContact.outlet_id)
            .order_by(m.MediaContact.name)).all()
        table = [(c.name, o.name if o else "", c.beat, c.email, c.x_handle, c.linkedin,
                  KIND_TEXT[ContactKind(c.kind)], c.preferred_channel,
                  o.web_domain if o else "", o.tier if o else "",
                  "yes" if c.do_not_contact else "", c.do_not_contact_reason)
                 for c, o in rows]
    write_csv(Path(path), EXPORT_HEADER, table)
    return len(table)
