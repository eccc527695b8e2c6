"""moocstudio: MOOC modules from slides, video and markdown, exported as open-licensed packages."""

from __future__ import annotations

__version__ = "0.1.0"
