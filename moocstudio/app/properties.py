"""The properties panel: the course's own fields, or the selected item's licence and credit.

Each field commits when editing finishes (focus leaves, Enter), as one undoable command.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moocstudio.app.commands import SetFields, Target
from moocstudio.app.document import CourseDocument
from moocstudio.app.licence_picker import LicencePicker
from moocstudio.model import Attribution, Course, LicenceId, Person


class _CommitText(QPlainTextEdit):
    """A multi-line field that reports when the user leaves it."""

    def __init__(self, on_done: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """Commit on leaving the field."""
        super().focusOutEvent(event)
        self._on_done()


def people_text(people: list[Person]) -> str:
    """One author per line: ``Name (Affiliation)``."""
    return "\n".join(f"{p.name} ({p.affiliation})" if p.affiliation else p.name for p in people)


def parse_people(text: str) -> list[Person]:
    """Authors from one-per-line text; ``Name (Affiliation)`` keeps the affiliation."""
    people = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, rest = line.partition("(")
        affiliation = rest.rstrip(")").strip() or None
        people.append(Person(name=name.strip() or line, affiliation=affiliation))
    return people


class CourseProperties(QWidget):
    """Title, subtitle, language, description, authors, keywords and licence of the course."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.title = QLineEdit(self)
        self.subtitle = QLineEdit(self)
        self.language = QLineEdit(self)
        self.language.setPlaceholderText("fr, en, es-419…")
        self.description = _CommitText(lambda: self._commit("description"), self)
        self.authors = _CommitText(lambda: self._commit("authors"), self)
        self.authors.setPlaceholderText(self.tr("One per line: Name (Affiliation)"))
        self.keywords = QLineEdit(self)
        self.keywords.setPlaceholderText(self.tr("Comma-separated"))
        self.licence = LicencePicker(allow_inherit=False, parent=self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight);")
        form = QFormLayout(self)
        for label, widget in (
            (self.tr("&Title"), self.title),
            (self.tr("S&ubtitle"), self.subtitle),
            (self.tr("&Language"), self.language),
            (self.tr("&Description"), self.description),
            (self.tr("&Authors"), self.authors),
            (self.tr("&Keywords"), self.keywords),
            (self.tr("Li&cence"), self.licence),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)  # the & shortcut focuses the field
            form.addRow(caption, widget)
            widget.setAccessibleName(label.replace("&", ""))
        form.addRow(self.problem)
        for name in ("title", "subtitle", "language", "keywords"):
            field = getattr(self, name)
            field.editingFinished.connect(lambda name=name: self._commit(name))
        self.licence.chosen.connect(lambda _value: self._commit("licence"))
        document.course_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the course's current values."""
        course = self.document.course
        self.title.setText(course.title)
        self.subtitle.setText(course.subtitle)
        self.language.setText(course.language)
        self.description.setPlainText(course.description)
        self.authors.setPlainText(people_text(course.authors))
        self.keywords.setText(", ".join(course.keywords))
        self.licence.set_value(course.licence.value)

    def _field_names(self) -> dict[str, str]:
        """The course's fields as the Edit menu names them ("Undo Change course title")."""
        return {
            "title": self.tr("title"),
            "subtitle": self.tr("subtitle"),
            "language": self.tr("language"),
            "description": self.tr("description"),
            "authors": self.tr("authors"),
            "keywords": self.tr("keywords"),
            "licence": self.tr("licence"),
        }

    def _value(self, name: str) -> Any:
        if name == "description":
            return self.description.toPlainText().strip()
        if name == "authors":
            return parse_people(self.authors.toPlainText())
        if name == "keywords":
            return [k.strip() for k in self.keywords.text().split(",") if k.strip()]
        if name == "licence":
            return LicenceId(self.licence.value())
        return getattr(self, name).text().strip()

    def _commit(self, name: str) -> None:
        value = self._value(name)
        if value == getattr(self.document.course, name):
            return
        try:
            # Validate on a copy first: the course refuses e.g. an empty title or a bad tag.
            Course.model_validate({**self.document.course.model_dump(), name: value})
        except ValidationError as exc:
            self.problem.setText(self.tr("Not changed: %1").replace("%1", _first_error(exc)))
            return
        self.problem.clear()
        label = self.tr("Change course %1").replace("%1", self._field_names().get(name, name))
        self.document.push(SetFields(self.document, Target("course"), {name: value}, label))


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"


class ItemProperties(QWidget):
    """Title, licence override and attribution of one item."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.item_id = ""
        self.title = QLineEdit(self)
        self.licence = LicencePicker(allow_inherit=True, parent=self)
        self.credit_title = QLineEdit(self)
        self.credit_author = QLineEdit(self)
        self.credit_url = QLineEdit(self)
        self.credit_url.setPlaceholderText("https://…")
        self.credit_notes = QLineEdit(self)
        self.credit_notes.setPlaceholderText(self.tr("Changes made, or any other credit"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("Li&cence"), self.licence)
        credit = QGroupBox(self.tr("Attribution (reused material)"), self)
        credit_form = QFormLayout(credit)
        credit_form.addRow(self.tr("Work title"), self.credit_title)
        credit_form.addRow(self.tr("Author"), self.credit_author)
        credit_form.addRow(self.tr("Source URL"), self.credit_url)
        credit_form.addRow(self.tr("Notes"), self.credit_notes)
        form.addRow(credit)
        form.addRow(self.problem)
        self.title.setAccessibleName(self.tr("Item title"))
        self.licence.combo.setAccessibleName(self.tr("Item licence"))
        for widget, name in (
            (self.credit_title, self.tr("Work title")),
            (self.credit_author, self.tr("Author")),
            (self.credit_url, self.tr("Source URL")),
            (self.credit_notes, self.tr("Notes")),
        ):
            widget.setAccessibleName(name)
            widget.editingFinished.connect(self._commit_attribution)
        self.title.editingFinished.connect(self._commit_title)
        self.licence.chosen.connect(self._commit_licence)
        document.item_changed.connect(self._item_changed)

    def _item_changed(self, item_id: str) -> None:
        if item_id == self.item_id:
            self.refresh()

    def show_item(self, item_id: str) -> None:
        """Edit the item with this id."""
        self.item_id = item_id
        self.problem.clear()
        self.refresh()

    def refresh(self) -> None:
        """Show the item's current values."""
        _module, _index, item = self.document.find_item(self.item_id)
        self.title.setText(item.title)
        self.licence.set_value(item.licence.value if item.licence else "")
        credit = item.attribution or Attribution()
        self.credit_title.setText(credit.title or "")
        self.credit_author.setText(credit.author or "")
        self.credit_url.setText(str(credit.source_url or ""))
        self.credit_notes.setText(credit.notes or "")

    def _push(self, changes: dict[str, Any], label: str) -> None:
        self.document.push(SetFields(self.document, Target("item", self.item_id), changes, label))

    def _commit_title(self) -> None:
        title = self.title.text().strip()
        item = self.document.find_item(self.item_id)[2]
        if title and title != item.title:
            self._push({"title": title}, self.tr("Rename"))

    def _commit_licence(self, value: str) -> None:
        licence = LicenceId(value) if value else None
        if licence != self.document.find_item(self.item_id)[2].licence:
            self._push({"licence": licence}, self.tr("Change licence"))

    def _commit_attribution(self) -> None:
        fields = {
            "title": self.credit_title.text().strip() or None,
            "author": self.credit_author.text().strip() or None,
            "source_url": self.credit_url.text().strip() or None,
            "notes": self.credit_notes.text().strip() or None,
        }
        try:
            credit = Attribution(**fields) if any(fields.values()) else None
        except ValidationError as exc:
            self.problem.setText(self.tr("Not changed: %1").replace("%1", _first_error(exc)))
            return
        self.problem.clear()
        if credit != self.document.find_item(self.item_id)[2].attribution:
            self._push({"attribution": credit}, self.tr("Change attribution"))


class PropertiesPanel(QStackedWidget):
    """The course's properties, or the selected item's."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.course_page = CourseProperties(document, self)
        self.item_page = ItemProperties(document, self)
        for page in (self.course_page, self.item_page):
            holder = QWidget(self)
            layout = QVBoxLayout(holder)
            layout.addWidget(page)
            layout.addStretch(1)
            self.addWidget(holder)

    def show_course(self) -> None:
        """Show the course's fields."""
        self.setCurrentIndex(0)

    def show_item(self, item_id: str) -> None:
        """Show an item's fields."""
        self.item_page.show_item(item_id)
        self.setCurrentIndex(1)
