"""The desktop app explains a missing system library instead of letting Qt abort."""

from __future__ import annotations

import ctypes

import pytest

from moocstudio.app import preflight


def test_a_missing_x11_library_is_named_with_the_packages_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preflight.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")

    def refuse(path: str) -> None:
        # What the dynamic loader says when the plugin's dependency is absent.
        raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")

    monkeypatch.setattr(ctypes, "CDLL", refuse)
    if not preflight.x11_plugin().is_file():
        pytest.skip("this PySide6 build has no X11 plugin")
    with pytest.raises(preflight.DesktopUnavailable) as caught:
        preflight.check_desktop()
    message = caught.value.user_message
    assert "libxcb-icccm.so.4 is missing" in message
    assert "sudo apt install libxcb-cursor0" in message


def test_offscreen_and_wayland_need_no_x11_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_load(path: str) -> None:
        raise AssertionError("the X11 plugin was loaded")

    monkeypatch.setattr(ctypes, "CDLL", must_not_load)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    preflight.check_desktop()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    preflight.check_desktop()
