"""Load the app's translation: the .qm compiled from the shipped .ts, once, into the cache.

The French source is ``resources/i18n/moocstudio_fr.ts``. A bundle (packaging/) ships its .qm
beside it, compiled at build time. Otherwise it is compiled at first run with the ``lrelease``
that ships inside the PySide6 wheel (no tool for the user to install), into the user cache,
and recompiled when the .ts changes. Either file is named by the digest of its .ts, so a stale
one is never loaded.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from moocstudio.errors import MoocstudioError
from moocstudio.media.process import run
from moocstudio.paths import user_cache_dir
from moocstudio.resources import resource_path

LANGUAGE_KEY = "language"
"""QSettings key of the Preferences choice: "" follows the system, else a code such as "fr"."""
LRELEASE_TIMEOUT = 60  # seconds; compiling a .ts takes well under one
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def available_languages() -> list[str]:
    """Languages the app speaks: English (the source) and every shipped translation."""
    folder = resource_path("i18n")
    shipped = {p.stem.removeprefix("moocstudio_") for p in folder.glob("*.ts")}
    return ["en", *sorted(shipped - {"en"})]


def compiled_name(source: Path) -> str:
    """File name of the .qm compiled from ``source``: stem and content digest, never stale."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return f"{source.stem}-{digest}.qm"


def compiled_translation(language: str) -> Path | None:
    """The .qm for ``language`` ("fr", "fr_CA"…), compiled if needed; None if not shipped."""
    source = resource_path("i18n", f"moocstudio_{language.split('_')[0]}.ts")
    if not source.is_file():
        return None
    name = compiled_name(source)
    shipped = source.with_name(name)
    if shipped.is_file():
        return shipped
    target = user_cache_dir() / "i18n" / name
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part.qm")
    lrelease = Path(PySide6.__file__).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
    try:
        done = run([lrelease, "-silent", source, "-qm", partial], timeout=LRELEASE_TIMEOUT)
        if done.returncode != 0:
            raise OSError(done.stderr_tail)
        partial.replace(target)
    except (MoocstudioError, OSError):
        partial.unlink(missing_ok=True)
        return None  # the app still works, in English
    return target


def install_translations(app: QCoreApplication, language: str) -> str:
    """Install moocstudio's and Qt's own translations for ``language``; return the one used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    compiled = compiled_translation(language)
    # Dates and numbers follow the interface's language ("4 décembre 2026", "1,5 Mbit/s").
    system = QLocale.system()
    english_locale = system if system.language() == QLocale.Language.English else QLocale("en_US")
    QLocale.setDefault(QLocale(language) if compiled is not None else english_locale)
    if compiled is None:
        # English is the source; its small file only gives plural forms ("1 item", "2 items").
        english = compiled_translation("en")
        if english is not None:
            plurals = QTranslator(app)
            if plurals.load(str(english)):
                app.installTranslator(plurals)
                _installed.append(plurals)
        return "en"
    ours = QTranslator(app)
    if ours.load(str(compiled)):
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings (standard buttons: Save, Cancel…) in the same language.
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    return language.split("_")[0]
