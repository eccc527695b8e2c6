/* Slide deck: one slide at a time, with buttons, arrow keys and swipe.
   Without this script every slide stays visible in one column, which is fine too. */
(function () {
  "use strict";
  var deck = document.querySelector(".deck");
  if (!deck) { return; }
  var slides = deck.querySelectorAll(".slide");
  if (slides.length < 2) { return; }
  var nav = deck.querySelector(".deck-nav");
  var prev = deck.querySelector(".deck-prev");
  var next = deck.querySelector(".deck-next");
  var status = deck.querySelector(".deck-status");
  var pattern = deck.getAttribute("data-of");
  var current = 0;

  function show(index, quiet) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    for (var i = 0; i < slides.length; i++) { slides[i].hidden = i !== current; }
    prev.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    status.textContent = pattern.replace("{n}", current + 1).replace("{total}", slides.length);
    if (quiet) { return; }
    try {
      // Keep the slide in the address so reload and sharing land on it; file:// may refuse.
      history.replaceState(null, "", "#slide-" + (current + 1));
    } catch (e) { /* the deck still works without it */ }
  }

  function fromHash() {
    var match = /^#slide-(\d+)$/.exec(location.hash);
    return match ? parseInt(match[1], 10) - 1 : 0;
  }

  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.altKey || event.ctrlKey || event.metaKey || tag === "input" ||
        tag === "select" || tag === "textarea") { return; }
    if (event.key === "ArrowLeft") { show(current - 1); }
    else if (event.key === "ArrowRight") { show(current + 1); }
  });

  var startX = null, startY = null;
  deck.addEventListener("touchstart", function (event) {
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    if (startX === null) { return; }
    var dx = event.changedTouches[0].clientX - startX;
    var dy = event.changedTouches[0].clientY - startY;
    startX = null;
    // A horizontal swipe only: vertical moves are the learner scrolling the notes.
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) { show(current + (dx < 0 ? 1 : -1)); }
  }, { passive: true });

  deck.className += " js";
  nav.hidden = false;
  show(fromHash(), true);
  // The browser scrolled to the slide's anchor before the others were hidden: scroll again.
  if (fromHash() > 0) { deck.scrollIntoView(); }
}());
