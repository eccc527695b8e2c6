"""Text as XML and lxml can hold it: without NUL and the control characters XML 1.0 forbids.

Titles, notes and transcripts come from the author (or from a deck or a subtitle file) and may
hold a stray bell or form feed; lxml refuses to put those in a tree, so they are dropped.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (NUL and most control codes)."""
    return _NOT_XML.sub("", text)
