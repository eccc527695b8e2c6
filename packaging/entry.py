"""The bundle's entry script (PyInstaller needs a file; the logic is in moocstudio.launcher)."""

from __future__ import annotations

from moocstudio.launcher import main

main()
