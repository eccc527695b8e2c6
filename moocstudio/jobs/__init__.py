"""Jobs: long work with progress and cancel, in plain Python (no Qt)."""
