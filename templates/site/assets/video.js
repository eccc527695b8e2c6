/* Video: pick the rendition for the screen and the connection, and let the learner force one.
   Without this script the browser plays the first <source>, the smallest one. */
(function () {
  "use strict";
  var video = document.querySelector(".player video");
  if (!video) { return; }
  addCaptions();
  var sources = Array.prototype.slice.call(video.querySelectorAll("source[data-label]"));
  var menu = document.querySelector(".quality");
  if (sources.length < 2 || !menu) { return; }
  var select = menu.querySelector("select");
  var download = document.querySelector(".download");
  var downloadLabel = document.querySelector(".download-label");
  var KEY = "moocstudio.quality";

  // Each caption track waits in a <template>, so that nothing names its .vtt file before this
  // script runs: from file:// every file is its own origin, the browser refuses the file and logs
  // an error. There the track gets the same WebVTT text, inlined in the page, as a same-origin
  // blob; over http(s) it loads the file itself.
  function addCaptions() {
    var inline = location.protocol === "file:" && window.Blob && window.URL;
    var templates = document.querySelectorAll("template.captions");
    for (var i = 0; i < templates.length; i++) {
      var track = templates[i].content.querySelector("track");
      if (!track) { continue; }
      track = document.importNode(track, true);
      if (inline) {
        var copy = document.querySelector('template.vtt[data-track="' + templates[i].id + '"]');
        if (!copy) { continue; }
        var text = copy.content.textContent;
        track.src = URL.createObjectURL(new Blob([text], { type: "text/vtt" }));
      }
      video.appendChild(track);
    }
  }

  function remembered() {
    try { return localStorage.getItem(KEY) || "auto"; } catch (e) { return "auto"; }
  }
  function remember(value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* file:// may forbid storage */ }
  }

  function automatic() {
    var connection = navigator.connection || {};
    var type = connection.effectiveType || "";
    // Data saver or a slow link: the smallest rung, whatever the screen.
    if (connection.saveData || type === "slow-2g" || type === "2g" || type === "3g") {
      return sources[0];
    }
    // The tallest rung that fits the screen's short side: 360p on a phone (whichever way it is
    // held), 720p on a laptop.
    var side = Math.min(screen.width || window.innerWidth, screen.height || window.innerHeight);
    var chosen = sources[0];
    for (var i = 0; i < sources.length; i++) {
      if (parseInt(sources[i].getAttribute("data-height"), 10) <= side) { chosen = sources[i]; }
    }
    return chosen;
  }

  function byLabel(label) {
    for (var i = 0; i < sources.length; i++) {
      if (sources[i].getAttribute("data-label") === label) { return sources[i]; }
    }
    return null;
  }

  function play(source) {
    var url = source.getAttribute("src");
    download.setAttribute("href", url);
    if (downloadLabel) { downloadLabel.textContent = source.getAttribute("data-label"); }
    if (video.currentSrc === source.src) { return; }
    var time = video.currentTime, paused = video.paused;
    video.src = url;
    if (time > 0) {
      video.addEventListener("loadedmetadata", function once() {
        video.removeEventListener("loadedmetadata", once);
        video.currentTime = time;
      });
    }
    if (!paused) { video.play(); }
  }

  function choose(value) {
    play(value === "auto" ? automatic() : (byLabel(value) || automatic()));
  }

  var initial = remembered();
  if (initial !== "auto" && !byLabel(initial)) { initial = "auto"; }
  select.value = initial;
  select.addEventListener("change", function () {
    remember(select.value);
    choose(select.value);
  });
  menu.hidden = false;
  choose(initial);
}());
