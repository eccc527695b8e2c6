from __future__ import annotations

from moocstudio.cli.group import PROFILE_NAMES
from moocstudio.media.renditions import PROFILES


def test_cli_offers_exactly_the_rendition_profiles() -> None:
    # The CLI lists profile names without importing the media stack (fast --help).
    assert set(PROFILE_NAMES) == set(PROFILES)
