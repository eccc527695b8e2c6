/* moocstudio SCORM runtime (SCORM 1.2 and 2004), shipped as assets/scorm.js.

   The launch page (scorm.html, or sco/<item>.html with one SCO per item) holds the site in an
   iframe and embeds its configuration as JSON (#moocstudio-scorm): SCORM version, structure,
   the items in course order ({id, kind, page}) and the folder of the site relative to the launch
   page. The site's pages report what the learner saw with postMessage (assets/tracking.js);
   this script turns that into SCORM data: status, bookmark, suspend_data, session time.

   With no LMS (the package opened on its own, from file:// or a web server) it only shows the
   course, silently. Every API call is guarded: a broken LMS never breaks the course. */
(function () {
  "use strict";

  var BUCKETS = 20;                   // tracking.js reports a video as 20 equal parts
  var WATCHED_BUCKETS = 18;           // 90 % of them make the video watched
  var FULL_MASK = (1 << BUCKETS) - 1;
  var COMMIT_DELAY_MS = 3000;         // progress is committed at most this often
  var API_SEARCH_DEPTH = 10;
  var SUSPEND_VERSION = "1";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  var DIALECTS = {
    "1.2": {
      api: "API", initialize: "LMSInitialize", getValue: "LMSGetValue",
      setValue: "LMSSetValue", commit: "LMSCommit", terminate: "LMSFinish",
      lastError: "LMSGetLastError", alreadyInitialized: null,
      location: "cmi.core.lesson_location", locationMax: 255,
      suspendData: "cmi.suspend_data", suspendMax: 4096,
      status: "cmi.core.lesson_status", doneStatuses: { completed: 1, passed: 1 },
      exit: "cmi.core.exit", exitDone: "", sessionTime: "cmi.core.session_time",
      formatTime: scorm12Time, progress: null
    },
    "2004": {
      api: "API_1484_11", initialize: "Initialize", getValue: "GetValue",
      setValue: "SetValue", commit: "Commit", terminate: "Terminate",
      lastError: "GetLastError", alreadyInitialized: "103",
      location: "cmi.location", locationMax: 1000,
      suspendData: "cmi.suspend_data", suspendMax: 64000,
      status: "cmi.completion_status", doneStatuses: { completed: 1 },
      exit: "cmi.exit", exitDone: "normal", sessionTime: "cmi.session_time",
      formatTime: iso8601Duration, progress: "cmi.progress_measure"
    }
  };

  var config = readConfig();
  var frame = document.getElementById("moocstudio-content");
  if (!config || !frame || !DIALECTS[config.version]) { return; }
  var dialect = DIALECTS[config.version];
  var items = config.items;
  var pages = knownPages();
  var state = { viewed: [], masks: [] };   // by position in config.items
  for (var i = 0; i < items.length; i++) { state.viewed.push(false); state.masks.push(0); }

  var lms = connect();
  var started = new Date().getTime();
  var completed = false;
  var finished = false;
  var commitTimer = null;

  /* ---- configuration and pages ---- */

  function readConfig() {
    var element = document.getElementById("moocstudio-scorm");
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  // The pages the iframe may show: only those the package lists (site-relative paths).
  function knownPages() {
    var known = {};
    if (config.home) { known[config.home] = -1; }
    for (var p = 0; p < items.length; p++) { known[items[p].page] = p; }
    return known;
  }

  function isKnownPage(page) {
    return typeof page === "string" && Object.prototype.hasOwnProperty.call(pages, page);
  }

  function startPage() {
    return config.home || (items.length ? items[0].page : null);
  }

  function show(page) {
    if (!isKnownPage(page)) { page = startPage(); }
    if (!page) { return; }
    frame.addEventListener("load", focusContent);
    frame.src = config.root + page;
  }

  // Keys (the slides' arrows, Tab to the skip link) must reach the course page, not this
  // wrapper with nothing to focus. Later pages open inside the frame, which keeps the focus.
  function focusContent() {
    frame.removeEventListener("load", focusContent);
    try {
      frame.contentWindow.focus();
    } catch (error) {
      // Focus stays where the browser put it; the learner can still click into the page.
    }
  }

  /* ---- the LMS API ---- */

  // The API sits in a parent frame (most LMSs) or in the window that opened this one (popups).
  function findApi(name) {
    var found = searchUp(window, name);
    if (found) { return found; }
    try {
      return window.opener ? searchUp(window.opener, name) : null;
    } catch (error) {
      return null;
    }
  }

  function searchUp(start, name) {
    var win = start;
    for (var depth = 0; win && depth <= API_SEARCH_DEPTH; depth++) {
      try {
        if (win[name]) { return win[name]; }
        if (win.parent === win) { return null; }
        win = win.parent;
      } catch (error) {
        return null;  // a frame of another origin: nothing to find above it
      }
    }
    return null;
  }

  function call(api, method, first, second) {
    try {
      var result = arguments.length > 3 ? api[method](first, second) :
        arguments.length > 2 ? api[method](first) : api[method]();
      return result === undefined || result === null ? "" : String(result);
    } catch (error) {
      return "";
    }
  }

  // Initialize; a 2004 LMS that kept the session open (the launch page reloaded) says error 103.
  function initialize(api) {
    return call(api, dialect.initialize, "") === "true" ||
      (dialect.alreadyInitialized !== null &&
       call(api, dialect.lastError) === dialect.alreadyInitialized);
  }

  // An adapter with the same four verbs for both versions, or null when no LMS answers.
  function connect() {
    var api = findApi(dialect.api);
    if (!api || !initialize(api)) { return null; }
    return {
      get: function (key) { return call(api, dialect.getValue, key); },
      set: function (key, value) { return call(api, dialect.setValue, key, String(value)) === "true"; },
      commit: function () { return call(api, dialect.commit, ""); },
      terminate: function () { return call(api, dialect.terminate, ""); }
    };
  }

  /* ---- progress: suspend_data ---- */

  function digitsOf(bits) {
    var text = "";
    for (var start = 0; start < bits.length; start += 6) {
      var value = 0;
      for (var b = 0; b < 6; b++) { value = value * 2 + (bits[start + b] ? 1 : 0); }
      text += DIGITS.charAt(value);
    }
    return text;
  }

  function bitsOf(text) {
    var bits = [];
    for (var c = 0; c < text.length; c++) {
      var value = DIGITS.indexOf(text.charAt(c));
      if (value < 0) { return null; }
      for (var b = 5; b >= 0; b--) { bits.push((value >> b) & 1); }
    }
    return bits;
  }

  function videoPositions() {
    var positions = [];
    for (var p = 0; p < items.length; p++) {
      if (items[p].kind === "video") { positions.push(p); }
    }
    return positions;
  }

  /* suspend_data: "1" (format version), a mode, the item count, ".", then 6 bits per character:
     one "viewed" bit per item in course order, then per video in course order either its
     20-bit mask of watched parts (mode "m", 4 characters each) or, when that would not fit the
     limit, a single "watched" bit (mode "d"). E.g. "1m3.wAAAA" */
  function encodeState() {
    var videos = videoPositions();
    var header = SUSPEND_VERSION + "m" + items.length + ".";
    var bits = state.viewed.slice();
    for (var v = 0; v < videos.length; v++) {
      for (var b = 0; b < 24; b++) { bits.push(b < BUCKETS && (state.masks[videos[v]] >> b) & 1); }
    }
    var full = header + digitsOf(bits);
    if (full.length <= dialect.suspendMax) { return full; }
    bits = state.viewed.slice();
    for (v = 0; v < videos.length; v++) { bits.push(isWatched(state.masks[videos[v]])); }
    var compact = SUSPEND_VERSION + "d" + items.length + "." + digitsOf(bits);
    return compact.length <= dialect.suspendMax ? compact : null;
  }

  function decodeState(text) {
    var match = /^1([md])(\d+)\.([A-Za-z0-9_-]*)$/.exec(text || "");
    if (!match || Number(match[2]) !== items.length) { return; }  // another course layout
    var videos = videoPositions();
    var perVideo = match[1] === "m" ? 24 : 1;
    var bits = bitsOf(match[3]);
    if (!bits || bits.length < items.length + videos.length * perVideo) { return; }
    for (var p = 0; p < items.length; p++) { state.viewed[p] = bits[p] === 1; }
    var offset = items.length;
    for (var v = 0; v < videos.length; v++, offset += perVideo) {
      var mask = 0;
      if (perVideo === 1) {
        mask = bits[offset] ? FULL_MASK : 0;
      } else {
        for (var b = 0; b < BUCKETS; b++) { mask |= bits[offset + b] << b; }
      }
      state.masks[videos[v]] = mask;
    }
  }

  /* ---- progress: completion ---- */

  function countBits(mask) {
    var count = 0;
    for (; mask; mask &= mask - 1) { count++; }
    return count;
  }

  function isWatched(mask) {
    return countBits(mask) >= WATCHED_BUCKETS;
  }

  function isDone(p) {
    return state.viewed[p] && (items[p].kind !== "video" || isWatched(state.masks[p]));
  }

  function doneCount() {
    var count = 0;
    for (var p = 0; p < items.length; p++) { if (isDone(p)) { count++; } }
    return count;
  }

  /* ---- session time ---- */

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS
  function scorm12Time(ms) {
    var centis = Math.floor(ms / 10);
    var hours = Math.min(Math.floor(centis / 360000), 9999);
    var minutes = Math.floor(centis / 6000) % 60;
    var seconds = Math.floor(centis / 100) % 60;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(centis % 100, 2);
  }

  // SCORM 2004 timeinterval (ISO 8601 duration): PT1H2M3.45S
  function iso8601Duration(ms) {
    var centis = Math.floor(ms / 10);
    var hours = Math.floor(centis / 360000);
    var minutes = Math.floor(centis / 6000) % 60;
    var seconds = (centis % 6000) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds + "S";
  }

  /* ---- writing to the LMS ---- */

  function commitNow() {
    if (commitTimer !== null) { clearTimeout(commitTimer); commitTimer = null; }
    if (lms && !finished) { lms.commit(); }
  }

  function commitSoon() {
    if (lms && !finished && commitTimer === null) {
      commitTimer = setTimeout(commitNow, COMMIT_DELAY_MS);
    }
  }

  function saveProgress() {
    if (!lms || finished) { return; }
    var data = encodeState();
    if (data !== null) { lms.set(dialect.suspendData, data); }
    if (dialect.progress && items.length) {
      lms.set(dialect.progress, String(Math.round(doneCount() / items.length * 1000) / 1000));
    }
  }

  function markCompletedIfDone() {
    if (completed || doneCount() < items.length) { return false; }
    completed = true;
    if (lms && !finished) {
      lms.set(dialect.status, "completed");
      lms.set(dialect.exit, dialect.exitDone);
    }
    return true;
  }

  function saveSessionTime() {
    if (lms && !finished) {
      lms.set(dialect.sessionTime, dialect.formatTime(new Date().getTime() - started));
    }
  }

  function bookmark(page) {
    if (lms && !finished && page.length <= dialect.locationMax) { lms.set(dialect.location, page); }
  }

  /* ---- what the site reports ---- */

  function positionOf(id) {
    for (var p = 0; p < items.length; p++) { if (items[p].id === id) { return p; } }
    return -1;
  }

  // Only messages from our own iframe, in tracking.js's exact shape, count.
  function onMessage(event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || !data || typeof data !== "object") { return; }
    if (data.moocstudio !== 1 || typeof data.item !== "string") { return; }
    var position = positionOf(data.item);
    var changed = false;
    if (data.type === "viewed" && isKnownPage(data.page) && pages[data.page] === position) {
      bookmark(data.page);
      if (position >= 0 && !state.viewed[position]) { state.viewed[position] = true; changed = true; }
    } else if (data.type === "watched" && position >= 0 && items[position].kind === "video" &&
               typeof data.buckets === "number" && data.buckets % 1 === 0) {
      var mask = state.masks[position] | (data.buckets & FULL_MASK);
      if (mask !== state.masks[position]) { state.masks[position] = mask; changed = true; }
    } else {
      return;
    }
    if (!changed) { commitSoon(); return; }
    saveProgress();
    if (markCompletedIfDone()) { commitNow(); } else { commitSoon(); }
  }

  /* ---- session start and end ---- */

  function begin() {
    if (!lms) { show(startPage()); return; }
    decodeState(lms.get(dialect.suspendData));
    completed = dialect.doneStatuses.hasOwnProperty(lms.get(dialect.status));
    // The bookmark; show() falls back to the start page unless it is one of the course's pages.
    var location = lms.get(dialect.location);
    if (completed) {
      lms.set(dialect.exit, dialect.exitDone);  // a new session starts with no exit value
    } else if (!markCompletedIfDone()) {
      lms.set(dialect.status, "incomplete");
      lms.set(dialect.exit, "suspend");
    }
    saveProgress();
    commitNow();
    show(location);
  }

  // The session ends on pagehide: unload is unreliable (often never fired on mobile). Chrome
  // refuses synchronous requests in any event of a page being dismissed (pagehide included), and
  // many LMS APIs make one per call, so progress is also committed as it is made (throttled)
  // and whenever the page is hidden, e.g. when the learner switches apps.
  function end() {
    if (!lms || finished) { return; }
    saveSessionTime();
    commitNow();
    finished = true;
    lms.terminate();
  }

  function onVisibilityChange() {
    if (document.visibilityState === "hidden" && lms && !finished) {
      saveSessionTime();
      commitNow();
    }
  }

  window.addEventListener("message", onMessage);
  window.addEventListener("pagehide", end);
  document.addEventListener("visibilitychange", onVisibilityChange);
  begin();
}());
