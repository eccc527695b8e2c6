"""The live preview: the course as the offline site renders it, in Qt WebEngine.

``site`` keeps a private build of the course up to date (no Qt WebEngine there); ``web`` holds
the web page, its request interceptor and its view; ``pane`` frames a view as a device, with
its toolbar; ``dock`` is the window's Preview dock. Qt WebEngine is imported only by ``web``,
which the app loads when a preview is first shown.
"""
