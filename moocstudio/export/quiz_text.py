"""Quiz text as a package shows it: the sanitized HTML with its pictures pointed into the package.

Shared by the packages that write questions out (Common Cartridge QTI, Open edX problems), which
each serve the quiz's pictures from their own folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from lxml import html

from moocstudio.build.page_content import ImageUrl, inner_html, point_images
from moocstudio.model import Quiz, RichText
from moocstudio.model.questions import Question


class QuizText:
    """Renders one quiz's texts for one package.

    Args:
        quiz: The quiz (its ``images`` are the pictures its texts show).
        image_url: Where the package serves a picture of the quiz.
        labels: The site's words in the course language (``labels_for``).
    """

    def __init__(self, quiz: Quiz, image_url: ImageUrl, labels: Mapping[str, str]) -> None:
        self.quiz = quiz
        self.labels = labels
        # Every picture of the quiz goes into the package once, whichever texts show it.
        self.urls = {image.path: image_url(image) for image in quiz.images}

    def html(self, text: RichText) -> str:
        """``text``'s HTML, pictures pointed into the package; "" for an empty text."""
        if not text.html.strip():
            return ""
        if "<img" not in text.html:
            return text.html  # sanitized when imported, and nothing to point: as it is
        body = html.fragment_fromstring(text.html, create_parent="div")
        point_images(body, self.urls, self.labels)
        return inner_html(body)


def question_name(quiz: Quiz, question: Question) -> str:
    """How a report names a question: ``quiz “Week 1”, question 3 “Capitals” (matching)``."""
    number = next(n for n, q in enumerate(quiz.questions, 1) if q.id == question.id)
    title = f" “{question.title}”" if question.title else ""
    return f"quiz “{quiz.title}”, question {number}{title} ({question.type.replace('_', ' ')})"


def number_text(value: float) -> str:
    """A number as a learner types it: ``3.14``, ``5``, ``0.0000001`` (never ``1e-07``)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" if text == "-0" else text


def passing_score_note(quiz: Quiz, why: str) -> str:
    """The report's sentence on a quiz's passing score, which a package cannot carry (``why``)."""
    return (
        f"quiz “{quiz.title}”: its passing score ({quiz.settings.passing_percent:g} %) is not "
        f"carried: {why}"
    )
