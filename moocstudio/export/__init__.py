"""Exporters: the built site wrapped in each platform's package format."""
