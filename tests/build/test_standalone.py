"""The standalone rendering: item pages that need neither the site's style sheet nor its scripts.

Built from model items made here (no media pipeline): what each kind of item becomes, where its
files are named, and how the whole page is written.
"""

from __future__ import annotations

from lxml import html

from moocstudio.build.standalone import (
    FIT_WIDTH,
    SCROLL_SIDEWAYS,
    WRAP_LINES,
    StandaloneUrls,
    home_body,
    html_bytes,
    item_body,
    played_first,
    standalone_document,
)
from moocstudio.model import (
    Asset,
    Attribution,
    Course,
    LicenceId,
    MediaInfo,
    Module,
    Page,
    Rendition,
    Slide,
    SlideDeck,
    SubtitleTrack,
    Video,
)

URLS = StandaloneUrls(media=lambda asset: f"FILES/{asset.original_name}")


def _asset(name: str, digit: str = "0") -> Asset:
    return Asset(path=f"media/{name}", sha256=digit * 64, size=1, original_name=name)


def _course(*items: Page | SlideDeck | Video, language: str = "en") -> Course:
    course = Course(title="Lines", language=language, licence=LicenceId.CC_BY_4_0)
    course.modules.append(Module(title="First steps", objectives=["Fit a line"], items=[*items]))
    return course


def _page(page_html: str, **fields: object) -> Page:
    return Page(
        id="page-000000000001",
        title="Fitting",
        source=_asset("fitting.md"),
        html=page_html,
        **fields,  # type: ignore[arg-type]
    )


def _rendition(label: str, width: int, height: int) -> Rendition:
    return Rendition(label=label, width=width, height=height, file=_asset(f"video-{label}.mp4"))


def _video(**fields: object) -> Video:
    return Video(
        id="video-000000000001",
        source=_asset("lecture.mov"),
        probe=MediaInfo(container="mov", duration=2.0, size_bytes=1),
        **{"title": "The slope", **fields},  # type: ignore[arg-type]
    )


def _styles(root: html.HtmlElement, xpath: str) -> list[str]:
    return [str(element.get("style")) for element in root.xpath(xpath)]


def test_a_page_inlines_what_the_site_style_sheet_did() -> None:
    page = _page(
        '<h1>Fitting</h1><p><img src="media/plot.png" alt="A plot"></p>'
        "<pre><code>numpy.polyfit(x, y, 1)</code></pre><table><tr><td>1</td></tr></table>",
        images=[_asset("plot.png")],
        keypoints=["A line has a slope"],
    )
    body = item_body(_course(page), page, URLS)
    assert [(img.get("src"), img.get("style")) for img in body.iter("img")] == [
        ("FILES/plot.png", FIT_WIDTH)
    ]
    assert _styles(body, "//pre") == [WRAP_LINES]
    # The keyboard scroll boxes stay (role, tabindex, name) and scroll where styles survive.
    boxes = body.xpath('//div[@role="region"]')
    assert [box.get("style") for box in boxes] == [SCROLL_SIDEWAYS, SCROLL_SIDEWAYS]
    (aside,) = body.xpath('//div[@class="admonition keypoints"]')
    assert "border-left" in aside.get("style")
    assert "font-weight: bold" in aside[0].get("style")
    licence = body[-1]
    assert licence.get("class") == "moocstudio-licence"
    assert licence.find("a").get("href") == "https://creativecommons.org/licenses/by/4.0/"


def test_links_to_other_pages_go_unless_the_package_can_map_them() -> None:
    page = _page('<p>See <a href="other.md#fit">the other page</a> and <a href="#top">top</a>.</p>')
    dropped = item_body(_course(page), page, URLS)
    assert dropped[0].text_content() == "See the other page and top."
    assert [a.get("href") for a in dropped[0].iter("a")] == ["#top"]
    mapped_urls = StandaloneUrls(media=URLS.media, page=lambda key, fragment: f"/u/{key}")
    mapped = item_body(_course(page), page, mapped_urls)
    assert [a.get("href") for a in mapped[0].iter("a")] == ["/u/other.md", "#top"]


def test_a_deck_is_its_visible_slides_in_order_with_pictures_text_and_notes() -> None:
    deck = SlideDeck(
        id="slides-000000000001",
        title="Deck",
        source=_asset("deck.pptx"),
        slides=[
            Slide(number=1, title="Lines", image=_asset("s1.png"), image_alt="Lines. y = a + bx",
                  notes="Say hello.\n\nThen the plot."),
            Slide(number=2, title="Hidden", hidden=True, image=_asset("s2.png")),
            Slide(number=3, title="", body=["No picture", "Two paragraphs"]),
        ],
    )  # fmt: skip
    body = item_body(_course(deck), deck, URLS)
    slides = body.find_class("moocstudio-slide")
    assert [slide.findtext("h2") for slide in slides] == ["Slide 1 of 2 — Lines", "Slide 2 of 2"]
    (picture,) = slides[0].iter("img")
    assert (picture.get("src"), picture.get("alt"), picture.get("style")) == (
        "FILES/s1.png",
        "Lines. y = a + bx",
        FIT_WIDTH,
    )
    assert [p.text for p in slides[0].iter("p")][1:] == ["Say hello.", "Then the plot."]
    assert slides[0].findtext("h3") == "Speaker notes"
    assert [p.text for p in slides[1].iter("p")] == ["No picture", "Two paragraphs"]
    assert "s2.png" not in html.tostring(body, encoding="unicode")
    assert not body.xpath("//button | //script | //*[@hidden]")


def test_a_video_plays_one_source_with_caption_tracks_download_links_and_transcript() -> None:
    video = _video(
        renditions=[_rendition("720p", 1280, 720), _rendition("360p", 640, 360),
                    _rendition("540p", 960, 540)],
        subtitles=[SubtitleTrack(language="en", vtt=_asset("talk-en.vtt", "1")),
                   SubtitleTrack(language="fr", vtt=_asset("talk-fr.vtt", "2"))],
        poster=_asset("poster.jpg", "3"),
        transcript="First line.\n\nSecond line.",
    )  # fmt: skip
    body = item_body(_course(video), video, URLS)
    (player,) = body.iter("video")
    assert (player.get("width"), player.get("height"), player.get("style")) == (
        "960",
        "540",
        FIT_WIDTH,
    )
    assert player.get("poster") is None  # no importer rewrites it
    assert [s.get("src") for s in player.iter("source")] == ["FILES/video-540p.mp4"]
    tracks = [(t.get("src"), t.get("srclang"), t.get("default")) for t in player.iter("track")]
    assert tracks == [("FILES/talk-en.vtt", "en", "default"), ("FILES/talk-fr.vtt", "fr", None)]
    (downloads,) = body.find_class("moocstudio-downloads")
    assert downloads.text_content() == "Download the video: 360p · 540p · 720p"
    assert [a.get("href") for a in downloads.iter("a")][0] == "FILES/video-360p.mp4"
    assert [p.text for p in body.xpath("h2/following-sibling::p")][:2] == [
        "First line.",
        "Second line.",
    ]


def test_a_video_without_renditions_plays_and_offers_its_source() -> None:
    video = _video(subtitles=[SubtitleTrack(language="de", vtt=_asset("talk-de.vtt"))])
    body = item_body(_course(video, language="fr"), video, URLS)
    (player,) = body.iter("video")
    assert [s.get("src") for s in player.iter("source")] == ["FILES/lecture.mov"]
    assert player.find("track").get("default") == "default"  # the only track, though German
    assert [a.text for a in body.find_class("moocstudio-downloads")[0].iter("a")] == ["lecture.mov"]


def test_renditions_play_540p_first_else_the_largest() -> None:
    ladder = [_rendition("720p", 1280, 720), _rendition("360p", 640, 360)]
    assert [r.label for r in played_first(ladder)] == ["720p", "360p"]
    assert [r.label for r in played_first(ladder[1:])] == ["360p"]


def test_the_home_page_names_every_item_without_linking_it() -> None:
    page = _page("<h1>Fitting</h1>")
    body = home_body(_course(page))
    text = body.text_content()
    assert "1. First steps" in text and "Fit a line" in text and "Fitting (Page)" in text
    assert [a.get("rel") for a in body.iter("a")] == ["license"]


def test_the_document_opens_with_the_title_and_closes_void_elements_the_html5_way() -> None:
    video = _video(
        title="Bell\x07 and <b>tags</b>",
        subtitles=[SubtitleTrack(language="en", vtt=_asset("a.vtt"))],
        attribution=Attribution(title="</track> clip", author="Ada"),
    )
    course = _course(video)
    document = standalone_document(course, item_body(course, video, URLS), video).decode()
    assert document.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h1>Bell and &lt;b&gt;tags&lt;/b&gt;</h1>" in document
    assert "<title>Bell and &lt;b&gt;tags&lt;/b&gt; · Lines</title>" in document
    # <track> closed in place: a libxml2 parser (Moodle's Purifier) would nest what follows.
    assert '<track kind="captions" src="FILES/a.vtt"' in document and "</track>" not in document
    assert "&lt;/track&gt; clip" in document  # the author's text, escaped, is left alone
    parsed = html.fragment_fromstring(document.split("<body>")[1].split("</body>")[0])
    assert [child.tag for child in parsed.find("video")] == ["source", "track", "p"]


def test_a_page_that_opens_with_its_title_gets_no_second_one() -> None:
    page = _page("<h1>Fitting</h1><p>Text.</p>")
    course = _course(page)
    document = standalone_document(course, item_body(course, page, URLS), page)
    assert document.count(b"<h1") == 1
    assert html_bytes(html.fragment_fromstring("<p>x</p>")) == b"<p>x</p>\n"
