"""Run the media core's job for one video through the JobCenter and apply what it made.

Shared by the video editor's "Generate Renditions" button and meant for the window's Media menu
(which runs the same thing for every video): one place decides how a result becomes an undoable
command.
"""

from __future__ import annotations

from copy import deepcopy

from moocstudio.app.commands import replace_item
from moocstudio.app.document import CourseDocument
from moocstudio.app.jobs import JobCenter, JobRecord
from moocstudio.media.course_media import MediaSettings, VideoMedia, apply_media, video_media_job
from moocstudio.model import Video


def submit_video_media(
    document: CourseDocument,
    jobs: JobCenter,
    video: Video,
    settings: MediaSettings,
    *,
    name: str,
    command_text: str,
) -> JobRecord:
    """Make what ``video`` lacks (renditions, poster, subtitles) off the GUI thread.

    When the job succeeds, its result is applied to a copy of the course and the video's changed
    fields are pushed as one undoable command named ``command_text``; a video removed meanwhile
    is left alone.

    Args:
        document: The open course.
        jobs: Where the job runs (the jobs dock shows it).
        video: The video to work on.
        settings: What to make.
        name: The job's name in the jobs dock.
        command_text: The undo step's name ("Generate media").

    Raises:
        JobConflict: The same kind of job is already queued or running for this video.
    """
    kind = "subtitles" if settings.subtitles and not settings.posters else "renditions"
    # The job runs on a worker thread: give it its own copy of the video, not the live model.
    job = video_media_job(document.folder, document.course, deepcopy(video), settings)

    def made(result: VideoMedia) -> None:
        try:
            document.find_item(result.video_id)
        except KeyError:
            return  # the video was removed while its job ran
        updated = deepcopy(document.course)
        apply_media(updated, [result])
        new = next(item for item in updated.all_items() if item.id == result.video_id)
        command = replace_item(document, new, command_text)
        if command.after:  # all found in the cache as recorded: nothing to undo
            document.push(command)

    return jobs.submit(name, job, kind=kind, key=f"{video.id}-{kind}", on_success=made)
