"""Render the README's screenshots of the desktop app into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Builds the sample course (with its media) in a temporary folder, then grabs: the start page in
English and French, the main window with the sample open and its video playing over the
waveform and cue list, the same window with a Carpentries Workbench episode (in French) open in
the page editor, the live preview of the slide deck in its phone frame, the Batch Transcode
dialog mid-run on three generated clips, the Export dialog's report after exporting every
format, and the quiz editor on a short quiz about licences (added after the export). Works
offscreen or under Xvfb; nothing is mocked.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import imageio_ffmpeg
from PySide6.QtCore import QSettings, Qt, QThread
from PySide6.QtGui import QImage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moocstudio.app.commands import InsertItems  # noqa: E402
from moocstudio.app.editors.page_editor import PageEditor  # noqa: E402
from moocstudio.app.editors.video_editor import VideoEditor  # noqa: E402
from moocstudio.app.main import make_application  # noqa: E402
from moocstudio.app.translations import install_translations  # noqa: E402
from moocstudio.app.window import RECENT_KEY, MainWindow  # noqa: E402
from moocstudio.importers.pages import import_page  # noqa: E402
from moocstudio.importers.rich_text import render_rich_text  # noqa: E402
from moocstudio.media.course_media import make_media_now  # noqa: E402
from moocstudio.model import (  # noqa: E402
    Choice,
    Course,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Quiz,
    QuizSettings,
    RichText,
    SlideDeck,
    TrueFalse,
    Video,
)
from moocstudio.model.store import create_course, save_course  # noqa: E402
from moocstudio.sample import build_sample_course  # noqa: E402

WAIT_MS = 180_000
PAGE_READY = """(item) => document.body.dataset.item === item &&
document.readyState === "complete" && [...document.images].every(image => {
  const box = image.getBoundingClientRect();
  const inView = box.bottom > 0 && box.top < innerHeight && box.width > 0;
  return !inView || (image.complete && image.naturalWidth > 0);
})"""

EPISODE = """\
---
title: "Réutiliser une image sous licence libre"
teaching: 15
exercises: 10
licence: CC-BY-4.0
---

:::::::::::::::::::::::::::::::::::::: objectifs

- Retrouver la licence d'une image.
- Créditer l'auteur comme le demande la licence.

::::::::::::::::::::::::::::::::::::::::::::::::

## Lire la licence

Une image sous {term}`CC BY <cc-by>` se réutilise à condition de **citer** son auteur.

::::::::::::::::::::::::::::::::::::: défi

## Défi 1 : le crédit complet

Rédigez le crédit de l'image du module 1.

:::::::::::::::::::::::: solution

« Schéma des licences », par *A. Auteur*, CC BY 4.0.

:::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::::

> ## Attention
> Une image trouvée sur le web n'est pas libre par défaut.
{: .callout}

::::::::::::::::::::::::::::::::::::: instructeur

Demandez aux participants d'apporter une image de leur propre cours.

::::::::::::::::::::::::::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::: points-clés

- Une licence libre impose des conditions : les lire avant de réutiliser.

::::::::::::::::::::::::::::::::::::::::::::::::
"""


def wait_until(condition: Callable[[], bool], timeout_ms: int = WAIT_MS) -> None:
    """Run the event loop until ``condition()`` is true."""
    app = QApplication.instance()
    assert app is not None
    remaining = timeout_ms
    while not condition() and remaining > 0:
        app.processEvents()
        QThread.msleep(20)
        remaining -= 20
    if remaining <= 0:
        raise TimeoutError("the app did not reach the expected state in time")


def save(widget: QWidget, target: Path) -> None:
    """Grab ``widget`` (at its device pixel ratio) into ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(target)):
        raise OSError(f"cannot write {target}")
    print(target)  # noqa: T201 (a script's output)


def sample_course(work: Path) -> Path:
    """The sample course with its renditions, poster and subtitles, saved."""
    folder = work / "sample"
    course = build_sample_course(folder).course
    make_media_now(folder, course)
    save_course(folder, course)
    return folder


def clips(work: Path) -> list[Path]:
    """Three lecture-like clips for the batch dialog (the last one long enough to be mid-run)."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    made = []
    for name, seconds in (("lecture-01.mov", 4), ("lecture-02.mov", 6), ("interview.mov", 40)):
        target = work / name
        subprocess.run(
            [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
             f"testsrc2=size=1280x720:rate=25:duration={seconds}", "-f", "lavfi", "-i",
             f"sine=frequency=440:duration={seconds}", "-c:v", "mpeg4", "-q:v", "4",
             "-c:a", "aac", str(target)],
            check=True,
        )  # fmt: skip
        made.append(target)
    return made


def open_episode(window: MainWindow, work: Path) -> None:
    """Import a Carpentries Workbench episode into the open course and show it in its editor."""
    document = window.document
    assert document is not None and window.outline is not None
    source = work / "episode-licences.md"
    source.write_text(EPISODE, encoding="utf-8")
    page = import_page(document.folder, source).item
    module = document.course.modules[0].title
    document.push(InsertItems(document, [page], module, "Import"))
    window.outline.select_id(page.id)
    editor = window.editor_for(page.id)
    assert isinstance(editor, PageEditor)
    wait_until(lambda: editor.preview is not None)
    assert editor.preview is not None
    wait_painted(editor.preview.view, page.id)
    # Settled once every field of the Properties panel has the height its contents ask for.
    panel = window.properties.item_page
    fields = panel.findChildren(QLineEdit) + panel.findChildren(QLabel)
    wait_until(lambda: all(_tall_enough(field) for field in fields if field.isVisible()))


def open_quiz(window: MainWindow) -> None:
    """Add a short quiz on licences to the open course and show it in the quiz editor."""
    document = window.document
    assert document is not None and window.outline is not None

    def text(source: str) -> RichText:
        return render_rich_text(
            source, folder=document.folder, base_file=document.folder / "quiz.md"
        ).text

    questions = [
        MultipleChoice(
            id="q-000000000001",
            stem=text("Which licences allow **commercial** reuse?"),
            choices=[
                Choice(
                    text=text("CC BY 4.0"), credit=0.5, feedback=text("Yes: credit is all it asks.")
                ),
                Choice(text=text("CC BY-SA 4.0"), credit=0.5, feedback=text("Yes, shared alike.")),
                Choice(
                    text=text("CC BY-NC 4.0"), credit=-0.5, feedback=text("NC: non-commercial.")
                ),
            ],
        ),
        TrueFalse(
            id="q-000000000002",
            stem=text("An image found on the web is free to reuse by default."),
            answer=False,
            feedback_true=text("No: all rights are reserved unless a licence says otherwise."),
        ),
        Numeric(
            id="q-000000000003",
            stem=text("How many Creative Commons licences are there (CC0 aside)?"),
            answers=[NumericAnswer(value=6)],
            hint=text("BY, with or without SA, NC and ND."),
        ),
    ]
    quiz = Quiz(
        id="quiz-0000000000aa",
        title="Check: licences",
        questions=questions,
        settings=QuizSettings(attempts=2, show_feedback="immediately"),
    )
    module = document.course.modules[0].title
    document.push(InsertItems(document, [quiz], module, "Add quiz"))
    window.outline.select_id(quiz.id)
    QApplication.processEvents()


def start_pages(app: QApplication, work: Path, sample: Path, out: Path) -> None:
    """The start page in English and French, with the sample and two other recent courses."""
    recent = [str(sample)]
    for title in ("Statistique pour tous", "Écologie urbaine"):
        folder = work / "courses" / title
        create_course(folder, Course(title=title, language="fr"))
        recent.append(str(folder))
    QSettings().setValue(RECENT_KEY, recent)
    for language, name in (("en", "start-page.png"), ("fr", "start-page-fr.png")):
        install_translations(app, language)
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        save(window, out / name)
        window.close()
    install_translations(app, "en")


def show_playing(window: MainWindow, video_id: str) -> None:
    """Play the selected video until a cue is on the picture and the waveform is drawn."""
    editor = window.editor_for(video_id)
    assert isinstance(editor, VideoEditor) and editor.player is not None
    player = editor.player
    wait_until(lambda: bool(player.sources))
    player.play()
    wait_until(
        lambda: (
            player.position() > 6000
            and bool(player.view.caption_text())
            and editor.waveform is not None
            and editor.waveform.has_waveform()
        )
    )
    player.pause()


def show_preview(window: MainWindow, item_id: str) -> None:
    """Open View ▸ Preview in its phone frame, wide enough to read, on the item's page."""
    window.preview_action.trigger()
    dock = window.preview_dock
    assert dock is not None and dock.pane is not None and window.outline is not None
    dock.pane.set_device("phone")
    window.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
    window.resizeDocks([window.outline_dock], [330], Qt.Orientation.Horizontal)
    view = dock.pane.view
    window.outline.select_id(item_id)
    wait_painted(view, item_id)


def wait_painted(view: QWebEngineView, item_id: str) -> None:
    """Wait until the preview ``view`` shows the item's page fully drawn."""
    # The page is ready once its scripts ran and the pictures in view are decoded; offscreen,
    # its frame reaches the widget later still.
    ready: list[bool] = []

    def ask_ready() -> bool:
        script = f"({PAGE_READY})({json.dumps(item_id)})"
        view.page().runJavaScript(script, 0, lambda answer: ready.append(bool(answer)))
        wait_until(lambda: len(ready) > 0)
        return ready.pop()

    wait_until(ask_ready)
    shots: list[QImage] = []

    def settled() -> bool:
        # A grab may show an older frame for a while (the compositor is behind the page):
        # ten equal grabs in a row, a fifth of a second, and it has caught up.
        shots.append(view.grab().toImage())
        recent = shots[-10:]
        return len(recent) == 10 and not _uniform(recent[0]) and all(s == recent[0] for s in recent)

    wait_until(settled)


def _uniform(image: QImage) -> bool:
    """Whether a 9 × 9 grid of the image's pixels is all one colour (nothing painted yet)."""
    if image.isNull():
        return True
    grid = {
        image.pixel(image.width() * x // 10, image.height() * y // 10)
        for x in range(1, 10)
        for y in range(1, 10)
    }
    return len(grid) == 1


def _tall_enough(widget: QWidget) -> bool:
    if widget.hasHeightForWidth():  # wrapped text: as many lines as its width needs
        return widget.height() >= widget.heightForWidth(widget.width())
    return widget.height() >= widget.sizeHint().height()


def main() -> None:
    """Render the README's screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="moocstudio-shots-") as temp:
        work = Path(temp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
        app = make_application(["moocstudio"])
        folder = sample_course(work)
        start_pages(app, work, folder, args.out)
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.open_course(folder)
        assert window.document is not None and window.outline is not None
        video = next(i for i in window.document.course.all_items() if isinstance(i, Video))
        window.outline.select_id(video.id)
        show_playing(window, video.id)
        save(window, args.out / "main-window.png")
        open_episode(window, work)
        save(window, args.out / "page-editor.png")
        deck = next(i for i in window.document.course.all_items() if isinstance(i, SlideDeck))
        show_preview(window, deck.id)
        save(window, args.out / "preview-phone.png")

        window.batch_transcode()
        dialog = window.batch_dialog
        assert dialog is not None
        dialog.resize(900, 520)
        dialog.add_paths(clips(work))
        dialog.set_output_folder(work / "web")
        dialog.start()
        wait_until(
            lambda: any(
                row.record is not None and 0.2 < row.record.progress.fraction < 0.9
                for row in dialog.running()
            )
        )
        save(dialog, args.out / "batch-transcode.png")
        dialog.cancel_all()

        window.export(("site", "scorm12", "scorm2004", "imscc", "imscc11", "olx"))
        export = window.export_dialog
        export.destination.setText(str(work / "packages"))
        export.start()
        wait_until(lambda: export.open_button.isEnabled())
        save(export, args.out / "export-report.png")
        export.close()
        open_quiz(window)
        save(window, args.out / "quiz-editor.png")
        window.document.undo_stack.setClean()
        window.close()


if __name__ == "__main__":
    main()
