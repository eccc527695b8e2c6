"""Allow ``python -m moocstudio``."""

from __future__ import annotations

from moocstudio.launcher import main

main()
