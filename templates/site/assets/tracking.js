/* Tells the package's launch page what the learner has seen, so a platform can record progress.
   The launch page (scorm.html in SCORM packages) holds the page in an iframe; messages go to it
   with postMessage, which also works between file:// pages. Alone (no launch page), it is silent.

   Messages: {moocstudio: 1, type: "viewed", item: id or "", page: "items/id.html"}
             {moocstudio: 1, type: "watched", item: id, buckets: n}, where bit i of n is set once
             the learner has played the i-th twentieth of the video. */
(function () {
  "use strict";
  var BUCKETS = 20;
  if (window.parent === window) { return; }
  var item = document.body.getAttribute("data-item") || "";
  var page = item ? "items/" + item + ".html" : "index.html";

  function send(message) {
    message.moocstudio = 1;
    message.item = item;
    window.parent.postMessage(message, "*");
  }

  send({ type: "viewed", page: page });

  var video = document.querySelector(".player video");
  if (!item || !video) { return; }
  var sent = -1;

  // video.played lists the ranges really played (seeking past a part does not count it).
  function watched() {
    var duration = video.duration;
    if (!duration || !isFinite(duration)) { return; }
    var buckets = 0;
    for (var b = 0; b < BUCKETS; b++) {
      var middle = (b + 0.5) * duration / BUCKETS;
      for (var r = 0; r < video.played.length; r++) {
        if (video.played.start(r) <= middle && middle <= video.played.end(r)) {
          buckets |= 1 << b;
          break;
        }
      }
    }
    if (buckets !== sent) {
      sent = buckets;
      send({ type: "watched", buckets: buckets });
    }
  }

  video.addEventListener("timeupdate", watched);
  video.addEventListener("pause", watched);
  video.addEventListener("ended", watched);
}());
