"""The video editor's player and the cue editor synced with it: real Qt Multimedia, real clips.

Each test makes a course around a clip encoded by ffmpeg (``make_clip``), with an English
track of three cues, and shows the video editor in a main window (refusals go to its status
bar). Every wait is on a signal or a condition, never a sleep.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from moocstudio.app.document import CourseDocument
from moocstudio.app.editors.cue_table import START, TEXT, split_text
from moocstudio.app.editors.video_editor import VideoEditor
from moocstudio.app.jobs import JobCenter
from moocstudio.app.translations import install_translations
from moocstudio.importers.videos import import_video
from moocstudio.media.cues import Cue
from moocstudio.media.subtitle_files import render_webvtt
from moocstudio.model import Course, SubtitleTrack
from moocstudio.model.store import add_asset_bytes, asset_path
from tests.conftest import MakeClip

multimedia = pytest.importorskip(
    "PySide6.QtMultimedia",
    reason="Qt Multimedia cannot load here: its system libraries are missing (see .ci/run)",
)
QMediaPlayer = multimedia.QMediaPlayer
from moocstudio.app.editors.player import VideoPlayer  # noqa: E402 (needs Qt Multimedia)

CUES = [Cue(0.5, 1.5, "One."), Cue(1.5, 2.5, "Two words here."), Cue(3.0, 3.8, "Three.")]
LOAD_MS = 20_000  # loading a clip takes well under a second; a loaded CI machine may be slow


@pytest.fixture
def document(tmp_path: Path, make_clip: MakeClip) -> Iterator[CourseDocument]:
    """A course holding one 8-second video (320×240, a tone) with three English cues.

    The cues are in its first 4 seconds: a slow machine playing on does not reach the end.
    """
    clip = make_clip("lecture", seconds=8.0)
    folder = tmp_path / "course"
    document = CourseDocument.create(folder, Course(title="Player"))
    video = import_video(folder, clip).item
    vtt = add_asset_bytes(folder, render_webvtt(CUES, language="en").encode(), "en.vtt")
    video.subtitles = [SubtitleTrack(language="en", status="draft", vtt=vtt)]
    document.course.add_item(video, "Module 1")
    yield document
    document.undo_stack.clear()


@pytest.fixture
def window(qtbot: QtBot, app: object) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 760)
    return window


def open_editor(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> tuple[VideoEditor, VideoPlayer]:
    """Show the video's editor in ``window`` and wait until its file is loaded."""
    video_id = document.course.modules[0].items[0].id
    editor = VideoEditor(document, video_id, jobs)
    window.setCentralWidget(editor)
    window.show()
    qtbot.waitExposed(window)
    player = editor.player
    assert player is not None
    qtbot.waitUntil(
        lambda: player.media.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=LOAD_MS
    )
    return editor, player


def seek_paused(qtbot: QtBot, player: VideoPlayer, ms: int) -> None:
    player.seek(ms)
    qtbot.waitUntil(lambda: abs(player.position() - ms) <= 40, timeout=LOAD_MS)


def select(editor: VideoEditor, row: int) -> None:
    editor.cues.table.setCurrentIndex(editor.cue_model.index(row, TEXT))


def test_a_split_cue_shares_its_words() -> None:
    # A two-line cue cut near its middle splits at the author's line break.
    assert split_text("Bonjour à toutes\net à tous.", 0.4) == ("Bonjour à toutes", "et à tous.")
    # Otherwise at the word boundary nearest the share of the time.
    assert split_text("one two three four", 0.25) == ("one", "two three four")
    assert split_text("one two three four", 0.95) == ("one two three", "four")  # a word each
    assert split_text("one", 0.5) == ("one", "")
    assert split_text("Bonjour à toutes\net à tous.", 0.9) == ("Bonjour à toutes et à", "tous.")


def test_qt_multimedia_loads_only_when_a_video_editor_is_shown(document: CourseDocument) -> None:
    # A fresh interpreter: this test process has loaded Qt Multimedia already.
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from moocstudio.app.window import MainWindow\n"
        "from moocstudio.app.document import CourseDocument\n"
        "from moocstudio.app.editors.video_editor import VideoEditor\n"
        "from moocstudio.app.jobs import JobCenter\n"
        "window = MainWindow()\n"
        "document = CourseDocument.open(__import__('pathlib').Path(sys.argv[1]))\n"
        "editor = VideoEditor(document, document.course.modules[0].items[0].id, window.jobs)\n"
        "print('before', 'PySide6.QtMultimedia' in sys.modules)\n"
        "editor.show()\n"
        "print('after', 'PySide6.QtMultimedia' in sys.modules)\n"
        "window.jobs.shutdown()\n"
    )
    document.save()
    done = subprocess.run(
        [sys.executable, "-c", script, str(document.folder)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["before", "False", "after", "True"]


def test_the_player_plays_a_real_clip(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    assert [source.label for source in player.sources] == ["Source: lecture.mp4"]
    assert player.duration() == pytest.approx(8000, abs=50)
    frames = []
    player.video_sink().videoFrameChanged.connect(lambda frame: frames.append(frame.startTime()))
    # What the editor shows at each playhead position, seen as it moves (however fast).
    seen: list[tuple[int, int, str, int]] = []
    editor.position_changed.connect(
        lambda ms: seen.append((ms, editor.cue_model.playing_row, player.view.caption_text(),
                                editor.cues.table.currentIndex().row()))
    )  # fmt: skip
    with qtbot.waitSignal(player.playing_changed, timeout=LOAD_MS):
        qtbot.keyClick(editor.cues.table, Qt.Key.Key_Space)  # Space plays, from the cue table too
    qtbot.waitUntil(lambda: player.position() > 2600, timeout=LOAD_MS)
    assert len(frames) >= 10 and frames == sorted(frames)  # moving pictures, in order
    # The cue under the playhead is drawn over the picture, marked and selected in the table.
    in_two = [(row, text, current) for ms, row, text, current in seen if 1500 <= ms < 2500]
    assert in_two and set(in_two) == {(1, "Two words here.", 1)}
    assert all(text == "" for ms, _row, text, _current in seen if 2500 <= ms < 3000)
    with qtbot.waitSignal(player.playing_changed, timeout=LOAD_MS) as stopped:
        player.toggle()
    assert stopped.args == [False]
    # Another item shown in its place: the hidden video stops.
    with qtbot.waitSignal(player.playing_changed, timeout=LOAD_MS):
        qtbot.keyClick(player.view, Qt.Key.Key_Space)
    with qtbot.waitSignal(player.playing_changed, timeout=LOAD_MS) as stopped:
        editor.hide()
    assert stopped.args == [False]


def test_steps_and_speed(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    seek_paused(qtbot, player, 2000)
    for button, expected in zip(player.step_buttons, (0, 1000, 3000, 7000), strict=True):
        seek_paused(qtbot, player, 2000)
        button.click()
        qtbot.waitUntil(lambda want=expected: abs(player.position() - want) <= 40)
    player.set_rate(0.5)
    assert player.media.playbackRate() == 0.5
    assert player.speed.currentText() == "0.5×"
    player.set_rate(2.0)
    assert player.media.playbackRate() == 2.0
    # Space presses a focused button of the cue editor; it does not play.
    count = document.undo_stack.count()
    editor.cues.add_button.setFocus()
    qtbot.waitUntil(editor.cues.add_button.hasFocus)
    qtbot.keyClick(editor.cues.add_button, Qt.Key.Key_Space)
    assert document.undo_stack.count() == count + 1  # a cue was added
    assert not player.is_playing()
    # Between cues nothing is drawn over the picture.
    seek_paused(qtbot, player, 2800)
    assert player.view.caption_text() == ""


def test_play_from_cue_seeks_to_its_start(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    table = editor.cues.table
    cell = table.visualRect(editor.cue_model.index(2, START)).center()
    positions: list[int] = []
    captions: list[str] = []
    player.position_changed.connect(positions.append)
    editor.position_changed.connect(lambda _ms: captions.append(player.view.caption_text()))
    with qtbot.waitSignal(player.playing_changed, timeout=LOAD_MS):
        # A double-click, as Qt receives it: a press and release, then the double-click.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert positions and abs(positions[0] - 3000) <= 100
    assert captions[0] == "Three."
    assert editor.cues.play_button.isEnabled()


def test_timing_edits_are_each_one_undo_step(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    cues = editor.cues
    model = editor.cue_model
    stack = document.undo_stack

    def check(action_or_key: object, row: int, playhead: int, expected: list[Cue]) -> None:
        seek_paused(qtbot, player, playhead)
        select(editor, row)
        before = list(model.cues)
        count = stack.count()
        if isinstance(action_or_key, Qt.Key):
            qtbot.keyClick(cues.table, action_or_key)
        else:
            action_or_key.trigger()  # type: ignore[attr-defined]
        assert model.cues == expected, cues.message.text()
        assert stack.count() == count + 1
        stack.undo()
        assert model.cues == before
        stack.redo()
        assert model.cues == expected

    one, two, three = CUES
    check(Qt.Key.Key_F11, 2, 2600, [one, two, Cue(2.6, 3.8, "Three.")])  # set start (F11)
    check(cues.set_end_action, 0, 1300, [Cue(0.5, 1.3, "One."), two, Cue(2.6, 3.8, "Three.")])
    expected = [Cue(0.5, 1.3, "One."), two, Cue(2.6, 3.8, "Three.")]
    check(cues.nudge_earlier_action, 1, 0, [expected[0], Cue(1.4, 2.4, two.text), expected[2]])
    expected = list(model.cues)
    check(cues.nudge_later_action, 1, 0, [expected[0], Cue(1.5, 2.5, two.text), expected[2]])
    expected = list(model.cues)
    split = [expected[0], Cue(1.5, 2.0, "Two words"), Cue(2.0, 2.5, "here."), expected[2]]
    check(cues.split_action, 1, 2000, split)
    assert player.view.caption_text() == "here."  # the picture shows the edited cue at once
    check(cues.merge_action, 1, 0, [expected[0], Cue(1.5, 2.5, "Two words\nhere."), expected[2]])
    # Undoing everything brings back the cues as loaded: nothing left to save.
    while stack.canUndo():
        stack.undo()
    assert model.cues == CUES and not model.modified
    assert not cues.save_button.isEnabled()
    # The shortcuts are shown in the menu.
    shown = {action.text(): action.shortcut().toString() for action in cues.timing_menu.actions()}
    assert shown["Set &Start at Playhead"] == "F11" and shown["Set &End at Playhead"] == "F12"


def test_overlapping_and_negative_cues_are_refused(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    cues = editor.cues
    count = document.undo_stack.count()
    seek_paused(qtbot, player, 2000)  # inside cue 2
    select(editor, 0)
    cues.set_end_action.trigger()
    reason = "Cue 1 would overlap cue 2, which runs from 00:01.500 to 00:02.500."
    assert cues.message.text() == reason
    assert window.statusBar().currentMessage() == reason
    assert editor.cue_model.cues == CUES
    select(editor, 1)
    cues.nudge_later_action.trigger()  # cue 2 ends at 2.5 and cue 3 starts at 3.0: room
    cues.nudge_earlier_action.trigger()
    assert editor.cue_model.cues == CUES
    count += 2
    select(editor, 0)
    for _ in range(5):
        cues.nudge_earlier_action.trigger()  # 0.5 s → 0.0 s: allowed; one more: negative
    cues.nudge_earlier_action.trigger()
    assert "negative" in cues.message.text()
    assert "negative" in window.statusBar().currentMessage()
    assert editor.cue_model.cues[0] == Cue(0.0, 1.0, "One.")
    assert document.undo_stack.count() == count + 5
    seek_paused(qtbot, player, 2800)  # between cues 2 and 3
    select(editor, 2)
    cues.split_action.trigger()
    assert "not inside cue 3" in cues.message.text()
    cues.merge_action.trigger()
    assert "no next cue" in cues.message.text()
    assert document.undo_stack.count() == count + 5


def test_a_file_that_cannot_be_played_is_said_so(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    video = document.course.modules[0].items[0]
    asset_path(document.folder, video.source).write_bytes(b"not a video at all")  # type: ignore[union-attr]
    editor = VideoEditor(document, video.id, jobs)
    window.setCentralWidget(editor)
    window.show()
    player = editor.player
    assert player is not None
    qtbot.waitUntil(lambda: player.message.isVisible(), timeout=LOAD_MS)
    assert player.message.text().startswith("“lecture.mp4” cannot be played")
    player.toggle()  # nothing to play, nothing breaks
    assert not player.is_playing()
    # The file gone from the course folder altogether: said so too.
    asset_path(document.folder, video.source).unlink()  # type: ignore[union-attr]
    editor = VideoEditor(document, video.id, jobs)
    window.setCentralWidget(editor)
    qtbot.waitUntil(lambda: editor.player is not None)
    assert editor.player is not None
    assert editor.player.message.text() == "No file of this video is in the course folder."


def test_a_rendition_can_be_played_instead_of_the_source(
    qtbot: QtBot, window: QMainWindow, sample: tuple[Path, Course], jobs: JobCenter
) -> None:
    folder, course = sample
    document = CourseDocument(folder, course.model_copy(deep=True))
    video = next(item for item in document.course.all_items() if item.kind == "video")
    editor = VideoEditor(document, video.id, jobs)
    window.setCentralWidget(editor)
    window.show()
    player = editor.player
    assert player is not None and len(player.sources) > 1
    player.source.setCurrentIndex(len(player.sources) - 1)
    rendition = player.sources[-1]
    assert rendition.label.startswith("Rendition ")
    assert player.media.source().toLocalFile() == str(rendition.path)
    qtbot.waitUntil(
        lambda: player.media.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia, timeout=LOAD_MS
    )
    assert not player.message.isVisible()
    with qtbot.waitSignal(player.video_sink().videoFrameChanged, timeout=LOAD_MS):
        player.play()
    qtbot.waitUntil(lambda: player.position() > 500, timeout=LOAD_MS)
    player.pause()


def test_the_waveform_slot_sits_between_player_and_cues(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    from PySide6.QtWidgets import QLabel

    strip = QLabel("waveform")
    strip.setMinimumHeight(60)
    editor.set_waveform(strip)
    qtbot.waitUntil(strip.isVisible)
    below_player = player.mapTo(window, QPoint(0, player.height())).y()
    above_cues = editor.cues.mapTo(window, QPoint(0, 0)).y()
    top = strip.mapTo(window, QPoint(0, 0)).y()
    assert below_player <= top < above_cues
    assert strip.height() >= 60
    moved: list[int] = []
    editor.position_changed.connect(moved.append)
    editor.seek(1200)
    qtbot.waitUntil(lambda: moved and abs(moved[-1] - 1200) <= 40, timeout=LOAD_MS)
    # A dragged edge: one undo step, or refused like any timing edit.
    count = document.undo_stack.count()
    assert editor.move_cue(1, 1.6, 2.9)
    assert editor.cue_model.cues[1] == Cue(1.6, 2.9, "Two words here.")
    assert not editor.move_cue(1, 1.6, 3.2)
    assert "would overlap cue 3" in editor.cues.message.text()
    document.undo_stack.undo()
    assert editor.cue_model.cues == CUES and document.undo_stack.count() == count + 1


def _player_texts(qtbot: QtBot, document: CourseDocument, jobs: JobCenter) -> list[tuple[str, str]]:
    from tests.app.test_french import _menu_texts, _widget_texts

    video_id = document.course.modules[0].items[0].id
    editor = VideoEditor(document, video_id, jobs)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.player is not None
    texts = [(f"tab {i}", editor.tabs.tabText(i)) for i in range(editor.tabs.count())]
    texts += _widget_texts(editor.player, "player")
    texts += _widget_texts(editor.cues, "cues")
    texts += _menu_texts(editor.cues.timing_menu, "timing")
    return [(place, text) for place, text in texts if re.search(r"[^\W\d_]", text or "")]


def test_the_player_and_the_timing_menu_speak_french(
    qtbot: QtBot, app: QApplication, document: CourseDocument, jobs: JobCenter
) -> None:
    english = _player_texts(qtbot, document, jobs)
    assert install_translations(app, "fr") == "fr"
    french = _player_texts(qtbot, document, jobs)
    assert [place for place, _ in french] == [place for place, _ in english]
    same = [
        (place, text)
        for (place, text), (_, translated) in zip(english, french, strict=True)
        if text == translated and not re.fullmatch(r"[−+]\d s", text)  # "+5 s" in both
    ]
    assert same == []
    found = dict(french)
    assert found["tab 0"] == "Le&cteur"
    assert "Placer le &début à la tête de lecture" in found.values()
    assert len(english) > 30


WAVEFORM_MS = 60_000  # one ffmpeg pass over an 8-second clip: well under a second when idle


def test_the_editor_shows_the_waveform_and_a_dragged_edge_is_one_undo_step(
    qtbot: QtBot, window: QMainWindow, document: CourseDocument, jobs: JobCenter
) -> None:
    editor, player = open_editor(qtbot, window, document, jobs)
    strip = editor.waveform
    assert strip is not None and strip.isVisible()
    qtbot.waitUntil(strip.has_waveform, timeout=WAVEFORM_MS)
    spans = [(span.start, span.end) for span in strip.cues()]
    assert spans == [(500, 1500), (1500, 2500), (3000, 3800)]
    # The playhead follows the player; a click on the strip moves the player.
    seek_paused(qtbot, player, 1200)
    qtbot.waitUntil(lambda: abs(strip.position() - 1200) <= 40, timeout=LOAD_MS)
    strip.seekRequested.emit(2000)
    qtbot.waitUntil(lambda: abs(player.position() - 2000) <= 40, timeout=LOAD_MS)
    # A finished drag of cue 3's start: one undo step, drawn at once; undo puts it back.
    count = document.undo_stack.count()
    strip.cueEdgeMoved.emit(2, "start", 2700)
    assert editor.cue_model.cues[2] == Cue(2.7, 3.8, "Three.")
    assert (strip.cues()[2].start, document.undo_stack.count()) == (2700, count + 1)
    document.undo_stack.undo()
    assert editor.cue_model.cues == CUES and strip.cues()[2].start == 3000
    # A drag the editor refuses (into cue 2) leaves the cue, and the strip, as they were.
    strip.cueEdgeMoved.emit(2, "start", 2000)
    assert editor.cue_model.cues == CUES and strip.cues()[2].start == 3000
    assert "would overlap cue 2" in editor.cues.message.text()
