"""Desktop app figures for issue #5 (a script, not a test).

Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_app.py [CORPUS_DIR] [--bundle-only]``

Prints, from one run:
- issue #15: the installed-app start-up, the PyInstaller bundle against the ``pip install``
  venv that packaging/build-linux made it from (``build/linux/``): each runs
  ``moocstudio open SAMPLE`` under Xvfb until its window shows the course's title
  (target: bundle <= 1.3x venv);
- launch to a usable window with the sample course open (a fresh process: interpreter start,
  imports, QApplication, window, course loaded, first event-loop turn), against a bare
  ``python -c pass`` and a bare QApplication+QMainWindow shown (the floors);
- the worst event-loop stall while the Batch Transcode dialog converts the corpus clips (or
  three generated clips without a corpus): a 10 ms timer's largest gap;
- the resident memory of the idle app with a 100-item course open.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
BUILT = ROOT / "build" / "linux"  # what packaging/build-linux leaves: the venv and the bundle
BUNDLE_TARGET = 1.3
WINDOW_GIVE_UP_S = 120

LAUNCH = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from moocstudio.app.main import make_application
    from moocstudio.app.window import MainWindow
    app = make_application(["moocstudio"])
    window = MainWindow()
    window.show()
    window.open_course(Path(sys.argv[1]))
    def usable():
        print(time.time(), flush=True)
        window.document.undo_stack.setClean()
        app.quit()
    QTimer.singleShot(0, usable)
    app.exec()
    """
)
BARE_QT = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.show()
    QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
    app.exec()
    """
)


def launch_seconds(code: str, *args: str) -> float:
    """Median seconds from spawning ``python -c code`` to the time it prints."""
    times = []
    for _ in range(RUNS):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        printed = [line for line in done.stdout.splitlines() if line.strip()]
        times.append(float(printed[-1]) - start if printed else time.time() - start)
    return sorted(times)[len(times) // 2]


def sample_folder(work: Path) -> Path:
    """The sample course with its media, saved."""
    sys.path.insert(0, str(ROOT))
    from moocstudio.media.course_media import make_media_now
    from moocstudio.model.store import save_course
    from moocstudio.sample import build_sample_course

    folder = work / "sample"
    course = build_sample_course(folder).course
    make_media_now(folder, course)
    save_course(folder, course)
    return folder


def hundred_items(sample: Path, work: Path) -> Path:
    """A 100-item course: the sample's items repeated over 10 modules (new ids)."""
    from moocstudio.model import Module
    from moocstudio.model.ids import new_id
    from moocstudio.model.store import load_course, save_course

    course = load_course(sample)
    items = course.all_items()
    course.modules = [
        Module(title=f"Semaine {week}", items=[
            items[(week * 10 + n) % len(items)].model_copy(
                update={"id": new_id(items[(week * 10 + n) % len(items)].kind)}, deep=True
            )
            for n in range(10)
        ])
        for week in range(1, 11)
    ]  # fmt: skip
    folder = work / "hundred"
    subprocess.run(["cp", "-al", str(sample), str(folder)], check=True)
    save_course(folder, course)
    return folder


IDLE_MEMORY = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from moocstudio.app.main import make_application
    from moocstudio.app.window import MainWindow
    app = make_application(["moocstudio"])
    window = MainWindow()
    window.show()
    window.open_course(Path(sys.argv[1]))
    def measure():
        for _ in range(20):
            app.processEvents()
        rss = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
        print(rss, flush=True)
        window.document.undo_stack.setClean()
        app.quit()
    QTimer.singleShot(500, measure)
    app.exec()
    """
)


def idle_megabytes(folder: Path) -> float:
    """Resident memory of the app idle on ``folder``'s course, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", IDLE_MEMORY, str(folder)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return int(done.stdout.split()[-1]) / 1_000_000


def queue_wait_ms() -> float:
    """Milliseconds this thread waited for a CPU while runnable (Linux schedstat), or 0."""
    import threading

    try:
        fields = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat").read_text()
    except OSError:
        return 0.0
    return int(fields.split()[1]) / 1e6


def worst_stall_ms(clips: list[Path], work: Path) -> tuple[float, float, float]:
    """Worst gap of a 10 ms timer (raw, and without the kernel's run-queue wait), and wall time."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from moocstudio.app.batch_dialog import BatchTranscodeDialog
    from moocstudio.app.jobs import JobCenter
    from moocstudio.app.main import make_application

    app = make_application(["moocstudio"])
    jobs = JobCenter()
    dialog = BatchTranscodeDialog(jobs)
    dialog.show()
    dialog.add_paths(clips)
    dialog.set_output_folder(work / "web")
    clock = QElapsedTimer()
    gaps: list[float] = []
    own: list[float] = []
    last = [0.0, queue_wait_ms()]

    def tick() -> None:
        now, waited = clock.nsecsElapsed() / 1e6, queue_wait_ms()
        gaps.append(now - last[0])
        own.append(now - last[0] - (waited - last[1]))
        last[0], last[1] = now, waited

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    start = time.perf_counter()
    dialog.start()
    while dialog.running():
        app.processEvents()
        time.sleep(0.002)
    wall = time.perf_counter() - start
    timer.stop()
    jobs.shutdown()
    return max(gaps[1:]) - 10, max(own[1:]) - 10, wall


def window_seconds(program: Path, folder: Path, title: str, display: str) -> float:
    """Seconds from spawning ``program open folder`` until a window named ``title`` exists."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ["HOME"], "DISPLAY": display}
    env.update({k: v for k, v in os.environ.items() if k.startswith(("XDG_", "MOOCSTUDIO_"))})
    start = time.monotonic()
    app = subprocess.Popen(
        [str(program), "open", str(folder)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        # Xvfb runs no window manager to announce new windows: ask the server every 10 ms.
        # (The title starts with ``title``: Qt leaves a space where the unsaved mark goes.)
        while f'"{title}' not in subprocess.run(
            ["xwininfo", "-root", "-tree", "-display", display],
            capture_output=True, text=True, check=False,
        ).stdout:  # fmt: skip
            if app.poll() is not None:
                raise SystemExit(f"{program} ended: {app.stderr.read().decode()[-2000:]}")
            if time.monotonic() - start > WINDOW_GIVE_UP_S:
                raise SystemExit(f"{program}: no window {title!r} in {WINDOW_GIVE_UP_S} s")
            time.sleep(0.01)
        return time.monotonic() - start
    finally:
        app.kill()
        app.wait()


def bundle_vs_venv(folder: Path) -> None:
    """Start-up of the bundle and of the venv it was built from, side by side, under Xvfb."""
    bundle = BUILT / "dist" / "moocstudio" / "moocstudio"
    venv = BUILT / "venv" / "bin" / "moocstudio"
    if not (bundle.is_file() and venv.is_file()):
        say(f"bundle vs venv: no {bundle} or {venv}: run packaging/build-linux first")
        return
    from moocstudio.model.store import load_course

    title = f"{load_course(folder).title} — moocstudio"
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            display = f":{announced.readline().strip()}"
        # A first run of each fills the page cache and, for the venv, compiles the
        # translation the bundle ships compiled: both then start as they would every day.
        # Then they take turns, so a busy spell of the machine weighs on both alike.
        for program in (bundle, venv):
            window_seconds(program, folder, title, display)
        pairs = [
            (window_seconds(venv, folder, title, display),
             window_seconds(bundle, folder, title, display))
            for _ in range(RUNS)
        ]  # fmt: skip
        venv_s = sorted(pair[0] for pair in pairs)[RUNS // 2]
        bundle_s = sorted(pair[1] for pair in pairs)[RUNS // 2]
    finally:
        xvfb.terminate()
        xvfb.wait()
    ratio = bundle_s / venv_s
    verdict = "within" if ratio <= BUNDLE_TARGET else "OVER"
    say(f"window with the sample open, 'moocstudio open' under Xvfb (median of {RUNS}):")
    say(f"  bundle {bundle_s * 1000:.0f} ms, pip-installed venv {venv_s * 1000:.0f} ms")
    say(f"  bundle / venv = {ratio:.2f} ({verdict} the {BUNDLE_TARGET}x target)")


def main() -> None:
    """Print the app's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--bundle-only", action="store_true", help="only bundle vs venv")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="moocstudio-bench-app-") as temp:
        work = Path(temp)
        os.environ["MOOCSTUDIO_CACHE_DIR"] = str(work / "cache")
        # The app's settings (recent courses, language) go to a private place, not the user's.
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")
        sample = sample_folder(work)
        bundle_vs_venv(sample)
        if args.bundle_only:
            return
        python = launch_seconds("pass")
        bare = launch_seconds(BARE_QT)
        app = launch_seconds(LAUNCH, str(sample))
        say(f"launch to usable window, sample open: {app * 1000:.0f} ms (median of {RUNS})")
        say(f"  floors: python -c pass {python * 1000:.0f} ms, bare window {bare * 1000:.0f} ms")
        say(f"  app / bare QMainWindow = {app / bare:.2f}")
        hundred = idle_megabytes(hundred_items(sample, work))
        say(f"idle RSS: 100-item course {hundred:.0f} MB, sample {idle_megabytes(sample):.0f} MB")
        names = ("lecture_1080p30.mp4", "slides_720p30.mp4", "phone_portrait.mp4", "vfr_720p.mp4")
        clips = (
            [args.corpus / n for n in names] if args.corpus else list(sample.glob("media/*.mp4"))
        )
        stall, own, wall = worst_stall_ms(clips, work)
        say(f"batch transcode, {len(clips)} clips in the dialog: {wall:.1f} s")
        say(f"  worst event-loop stall beyond the 10 ms tick: {stall:.0f} ms raw,")
        say(f"  {own:.0f} ms without the time the kernel kept the GUI thread off a busy CPU")


def say(line: str) -> None:
    """One line of the report."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
