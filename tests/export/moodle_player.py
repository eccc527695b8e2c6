"""Moodle's SCORM player navigation, modelled on the rules of its code, for the tests.

Moodle (mod/scorm, 4.x and 5.0) turns a package's default organization into:

- a table of contents whose top level is the organization's items (the organization itself is
  not a node in the player); an item with a launchable resource is a link carrying the SCO's
  id and URL, an item without one (a folder, a 2004 cluster) is plain text: no URL, no id;
  items with ``isvisible="false"`` are left out with what they hold
  (``scorm_format_toc_for_treeview``);
- a navigation table (``scorm_get_adlnav_json``) over the organization and every item in
  document order: previous/next SCO of the whole walk, previous/next *sibling* only between
  consecutive items of the same parent, the parent's id, and ``flow`` read from the item's own
  ``imsss:controlMode`` or else its parent's. The organization's own ``controlMode`` is not read
  there (the player loads the organization without its sequencing data).

Its "‹"/"›" buttons (``module.js``: ``scorm_prev``/``scorm_next``, ``scorm_skipprev``/
``scorm_skipnext``, enabled by ``scorm_fixnav``) walk that tree: "›" goes into a node's first
child, else to the next sibling *that has a URL*, else climbs to the parent and tries its next
sibling; the button is greyed out when the node found has no URL or no id. A folder therefore
ends the walk: from the last SCO of a module, the next sibling of the module is another folder,
which has no URL. When the current SCO's ``flow`` is 1, the buttons ask Moodle's server-side
sequencer instead (``sequencinghandler.php``), which this model does not play: it reports it.

This is a model of those rules written for the tests, not Moodle's code; the real player is
exercised by the LMS tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lxml import etree


class NeedsSequencer(Exception):
    """The player would ask Moodle's server-side sequencer (flow = 1), not walk its tree."""


@dataclass(eq=False)
class TocNode:
    """One node of the player's table of contents."""

    identifier: str
    title: str
    url: str | None  # only a launchable item has one ("title" attribute of its link)
    sco_id: str | None  # only a launchable item has one ("data-scoid")
    parent: TocNode | None = None
    children: list[TocNode] = field(default_factory=list)

    def next(self) -> TocNode | None:
        """The next sibling in the tree, if any."""
        siblings = self.parent.children if self.parent else []
        index = siblings.index(self)
        return siblings[index + 1] if index + 1 < len(siblings) else None

    def previous(self) -> TocNode | None:
        """The previous sibling in the tree, if any."""
        siblings = self.parent.children if self.parent else []
        index = siblings.index(self)
        return siblings[index - 1] if index > 0 else None


@dataclass
class NavEntry:
    """One row of the player's navigation table."""

    url: str
    parent: str
    visible: bool = True
    flow: int | None = None
    parent_sco: str | None = None
    prev_sco: str | None = None
    next_sco: str | None = None
    prev_sibling: str | None = None
    next_sibling: str | None = None
    hide_continue: bool = False
    hide_previous: bool = False


class MoodlePlayer:
    """The table of contents and navigation buttons of Moodle's player over one manifest."""

    def __init__(self, manifest: bytes) -> None:
        """Load ``manifest`` (an ``imsmanifest.xml``) as Moodle does, and open its first SCO."""
        root = etree.fromstring(manifest)
        namespace = etree.QName(root).namespace
        self._cp = f"{{{namespace}}}"
        self._launchable = {
            resource.get("identifier")
            for resource in root.iter(f"{self._cp}resource")
            if resource.get("href")
        }
        organizations = root.find(f"{self._cp}organizations")
        default = organizations.get("default")
        organization = next(
            o
            for o in organizations.iter(f"{self._cp}organization")
            if o.get("identifier") == default
        )
        self.root = TocNode("(tree root)", "", None, None)
        self.nav: dict[str, NavEntry] = {}
        self._walk: list[str] = []
        org_id = organization.get("identifier")
        self.nav[org_id] = NavEntry(url=f"scoid={org_id}", parent="/")
        self._walk.append(org_id)
        for item in organization.findall(f"{self._cp}item"):
            self._add(item, self.root, org_id)
        self._link_walk()
        self.launch_sco = self.scos()[0]
        self.current = self._node_by_url(self.nav[self.launch_sco].url)

    # Loading ---------------------------------------------------------------------------------
    def _add(self, item: etree._Element, parent_node: TocNode | None, parent_id: str) -> None:
        identifier = item.get("identifier")
        launchable = item.get("identifierref") in self._launchable
        visible = item.get("isvisible", "true") != "false"
        url = f"scoid={identifier}"
        entry = NavEntry(url=url, parent=parent_id, visible=visible, parent_sco=parent_id)
        flow = _control_mode_flow(item)
        if flow is not None:
            entry.flow = flow
        elif self.nav[parent_id].flow is not None:
            entry.flow = self.nav[parent_id].flow
        hidden = _hidden_lms_ui(item)
        entry.hide_continue = "continue" in hidden
        entry.hide_previous = "previous" in hidden
        self.nav[identifier] = entry
        self._walk.append(identifier)
        node = None  # a hidden item is not in the table of contents, nor is anything it holds
        if visible and parent_node is not None:
            title = item.findtext(f"{self._cp}title") or identifier
            node = TocNode(
                identifier,
                title,
                url if launchable else None,
                identifier if launchable else None,
                parent=parent_node,
            )
            parent_node.children.append(node)
        for child in item.findall(f"{self._cp}item"):
            self._add(child, node, identifier)

    def _link_walk(self) -> None:
        for before, after in zip(self._walk, self._walk[1:], strict=False):
            self.nav[after].prev_sco = before
            self.nav[before].next_sco = after
            if self.nav[before].parent == self.nav[after].parent:
                self.nav[after].prev_sibling = before
                self.nav[before].next_sibling = after

    # Queries ---------------------------------------------------------------------------------
    def scos(self) -> list[str]:
        """Ids of the launchable items, in the table of contents' order."""
        found: list[str] = []

        def visit(node: TocNode) -> None:
            if node.sco_id is not None:
                found.append(node.sco_id)
            for child in node.children:
                visit(child)

        visit(self.root)
        return found

    def titles(self) -> list[str]:
        """What the table of contents shows, depth-first."""
        shown: list[str] = []

        def visit(node: TocNode) -> None:
            for child in node.children:
                shown.append(child.title)
                visit(child)

        visit(self.root)
        return shown

    def depth(self) -> int:
        """How many levels the table of contents has."""

        def levels(node: TocNode) -> int:
            return 1 + max((levels(child) for child in node.children), default=0)

        return levels(self.root) - 1

    def can_go_next(self) -> bool:
        """Whether "›" is enabled on the current SCO (``scorm_fixnav``)."""
        node = self._next(self.current, update=False)
        entry = self.nav[self.launch_sco]
        return not (
            node is None
            or (node.url is None and entry.flow != 1)
            or node.sco_id is None
            or not self.nav[node.sco_id].visible
            or entry.hide_continue
        )

    def can_go_previous(self) -> bool:
        """Whether "‹" is enabled on the current SCO (``scorm_fixnav``)."""
        node = self._prev(self.current, update=False)
        entry = self.nav[self.launch_sco]
        return not (
            node is None
            or node.sco_id is None
            or not self.nav[node.sco_id].visible
            or node.url is None
            or entry.hide_previous
        )

    # Buttons ---------------------------------------------------------------------------------
    def open(self, sco: str) -> None:
        """Click ``sco`` in the table of contents (it becomes the SCO the buttons start from)."""
        self.current = self._node_by_url(self.nav[sco].url)
        assert self.current.sco_id == sco, f"{sco} is not in the table of contents"
        self.launch_sco = sco

    def press_next(self) -> str:
        """Press "›": open the next SCO and return its id."""
        if self.nav[self.launch_sco].flow == 1:
            raise NeedsSequencer(self.launch_sco)
        self._activate(self._next(self.current, update=True))
        return self.launch_sco

    def press_previous(self) -> str:
        """Press "‹": open the previous SCO and return its id."""
        if self.nav[self.launch_sco].flow == 1:
            raise NeedsSequencer(self.launch_sco)
        self._activate(self._prev(self.current, update=True))
        return self.launch_sco

    def _activate(self, node: TocNode | None) -> None:
        # The tree's own "select" handler returns early here (the node is already the current
        # one), so the SCO Moodle tracks next is the one the button's walk chose.
        assert node is not None and node.url is not None, "the player opened nothing"
        self.current = node

    # module.js, in Python --------------------------------------------------------------------
    def _node_by_url(self, url: str) -> TocNode:
        found = self._find(self.root, url)
        return found if found is not None else self.root.children[0]

    def _find(self, node: TocNode, url: str) -> TocNode | None:
        for child in node.children:
            if child.url == url:
                return child
            deeper = self._find(child, url)
            if deeper is not None:
                return deeper
        return None

    def _step(self, node: TocNode, sco: str, update: bool) -> TocNode:
        """The node of ``sco`` (``node`` if it is that one); the launched SCO if ``update``."""
        url = self.nav[sco].url
        found = node if node.url == url else self._node_by_url(url)
        if update:
            self.launch_sco = sco
        return found

    def _next(self, node: TocNode, update: bool) -> TocNode | None:
        entry = self.nav[self.launch_sco]
        if node.children and entry.next_sco is not None:
            return self._step(node.children[0], entry.next_sco, update)
        return self._skip_next(node, update)

    def _skip_next(self, node: TocNode, update: bool) -> TocNode | None:
        entry = self.nav[self.launch_sco]
        following = node.next()
        if following is not None and following.url and entry.next_sibling is not None:
            return self._step(following, entry.next_sibling, update)
        if node.parent is not None and node.parent.parent is not None and entry.parent_sco:
            return self._skip_next(self._step(node.parent, entry.parent_sco, update), update)
        return None

    def _prev(self, node: TocNode, update: bool) -> TocNode | None:
        entry = self.nav[self.launch_sco]
        before = node.previous()
        if before is not None and before.children and entry.prev_sco is not None:
            last = before
            while last.children:
                last = last.children[-1]
            return self._step(last, entry.prev_sco, update)
        return self._skip_prev(node, update)

    def _skip_prev(self, node: TocNode, update: bool) -> TocNode | None:
        entry = self.nav[self.launch_sco]
        before = node.previous()
        if before is not None and entry.prev_sibling is not None:
            assert entry.prev_sco is not None  # module.js reads it here (a JS error if absent)
            # module.js compares with the previous SCO's URL but looks up the previous sibling's.
            if before.url != self.nav[entry.prev_sco].url:
                before = self._node_by_url(self.nav[entry.prev_sibling].url)
            if update:
                self.launch_sco = entry.prev_sibling
            return before
        if node.parent is not None and node.parent.parent is not None and entry.parent_sco:
            return self._step(node.parent, entry.parent_sco, update)
        return None


def _control_mode_flow(item: etree._Element) -> int | None:
    for element in item:
        if etree.QName(element).localname != "sequencing":
            continue
        for control in element:
            if etree.QName(control).localname == "controlMode" and control.get("flow"):
                return 1 if control.get("flow") == "true" else 0
    return None


def _hidden_lms_ui(item: etree._Element) -> set[str]:
    return {
        (element.text or "").strip()
        for element in item.iter()
        if isinstance(element.tag, str) and etree.QName(element).localname == "hideLMSUI"
    }


def walk(player: MoodlePlayer, button: Literal["next", "previous"]) -> list[str]:
    """Press "›" (next) or "‹" (previous) from the current SCO while it is enabled.

    Returns:
        The SCOs opened, in order, starting with the current one.
    """
    enabled, press = (
        (player.can_go_next, player.press_next)
        if button == "next"
        else (player.can_go_previous, player.press_previous)
    )
    opened = [player.launch_sco]
    while enabled():
        opened.append(press())
        assert len(opened) <= len(player.nav), "the player's walk loops"
    return opened
