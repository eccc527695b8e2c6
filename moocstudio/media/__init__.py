"""Media: probing, and (later) locating ffmpeg, renditions, posters, subtitles and their cache."""
