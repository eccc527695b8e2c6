"""Allow ``python -m moocstudio``."""

from __future__ import annotations

from moocstudio.cli import main

main()
