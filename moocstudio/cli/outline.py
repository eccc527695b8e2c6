"""The course outline as plain text, as ``info`` and ``demo`` print it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moocstudio.model import Course, Item


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def describe(item: Item) -> str:
    """One line for an item: its kind, title and what it holds."""
    from moocstudio.model import Page, Quiz, SlideDeck

    if isinstance(item, Quiz):
        points = f"{item.total_points:g} point" + ("" if item.total_points == 1 else "s")
        return f"quiz “{item.title}” ({_count(len(item.questions), 'question')}, {points})"
    if isinstance(item, SlideDeck):
        hidden = len(item.slides) - len(item.visible_slides)
        extra = f", {hidden} hidden" if hidden else ""
        return f"slides “{item.title}” ({_count(len(item.slides), 'slide')}{extra})"
    if isinstance(item, Page):
        images = f", {_count(len(item.images), 'image')}" if item.images else ""
        return f"page “{item.title}”{images}"
    probe = item.probe
    parts = [_duration(probe.duration)]
    if probe.video and probe.video.display_size:
        width, height = probe.video.display_size
        parts.append(f"{width}x{height} {probe.video.codec}")
    if probe.audio:
        parts.append(f"audio {probe.audio.codec}")
    else:
        parts.append("no audio")
    if item.renditions:
        parts.append("renditions " + "/".join(r.label for r in item.renditions))
    if item.poster:
        parts.append("poster")
    for track in item.subtitles:
        parts.append(f"subtitles {track.language} ({track.status})")
    kind = "video" if probe.video else "audio"
    return f"{kind} “{item.title}” ({', '.join(parts)})"


def format_outline(course: Course) -> str:
    """The course outline as plain text, one line per module and item."""
    from moocstudio.model import Video

    items = course.all_items()
    video_seconds = sum(i.duration for i in items if isinstance(i, Video))
    lines = [course.title + (f" — {course.subtitle}" if course.subtitle else "")]
    licence = course.effective_licence().short_name
    lines.append(
        f"  {course.id} · language {course.language} · licence {licence}"
        f" · {_count(len(course.modules), 'module')}, {_count(len(items), 'item')},"
        f" {_duration(video_seconds)} of media"
    )
    if course.authors:
        lines.append("  by " + ", ".join(person.name for person in course.authors))
    for m_index, module in enumerate(course.modules, start=1):
        lines.append(f"{m_index}. {module.title}")
        for i_index, item in enumerate(module.items, start=1):
            licence = course.effective_licence(item).short_name
            own = "" if item.licence is None else " (own licence)"
            lines.append(f"   {m_index}.{i_index} {describe(item)} · {licence}{own}")
    if not course.modules:
        lines.append("  (no modules yet: add files with 'moocstudio add')")
    return "\n".join(lines)
