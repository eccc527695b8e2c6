"""Builder: a course rendered into one static, mobile-first site."""

from __future__ import annotations

from moocstudio.build.site import SiteBuildError, SiteOptions, SiteTree, build_site

__all__ = ["SiteBuildError", "SiteOptions", "SiteTree", "build_site"]
