"""Importers: source files (.pptx, .md, video) into model items, their files copied into media/."""
