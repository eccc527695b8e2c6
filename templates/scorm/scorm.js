/* moocstudio SCORM runtime (SCORM 1.2 and 2004), shipped as assets/scorm.js.

   The launch page (scorm.html, or sco/<item>.html with one SCO per item) holds the site in an
   iframe and embeds its configuration as JSON (#moocstudio-scorm): SCORM version, structure,
   the items in course order ({id, kind, page}) and the folder of the site relative to the launch
   page. The site's pages report what the learner saw with postMessage (assets/tracking.js),
   and each quiz submitted (assets/quiz.js); this script turns that into SCORM data: status,
   bookmark, suspend_data, session time, one cmi.interactions.n per question answered, and the
   score. With graded quizzes (config.passing set; each quiz item's weight) the score is the
   weighted mean of each quiz's best score, passed or failed against config.passing; without
   any, full marks once the course is complete (a scored LMS would otherwise show 0). A quiz
   item is done once submitted.

   What it writes follows three rules, whatever the LMS hands back:
   - the attempt is never ended by the course: cmi.exit is "suspend", so the LMS keeps the
     attempt's data (in SCORM 2004, any other exit ends the attempt and the next launch starts
     from nothing); only the learner or the LMS ends it;
   - nothing read at launch is lowered: a completed (or passed, or failed) attempt keeps its
     status, progress_measure and the score never go down, success_status is written only
     for graded quizzes and never from passed to failed;
   - a value is sent only when it differs from what the LMS holds (some LMSs count every write,
     e.g. one completion event per progress_measure).

   With no LMS (the package opened on its own, from file:// or a web server) it only shows the
   course, silently. An LMS that answers but refuses the session (Moodle's SCORM 2004 player
   does so for every SCO after the first of a launch) gets the learner a plain message that
   progress is not being saved. Every API call is guarded: a broken LMS never breaks the
   course. */
(function () {
  "use strict";

  var BUCKETS = 20;                   // tracking.js reports a video as 20 equal parts
  var WATCHED_BUCKETS = 18;           // 90 % of them make the video watched
  var FULL_MASK = (1 << BUCKETS) - 1;
  var COMMIT_DELAY_MS = 3000;         // progress is committed at most this often
  var API_SEARCH_DEPTH = 10;
  var API_RETRY_MS = 100;             // how often to look again while the LMS's page loads
  var SUSPEND_VERSION = "1";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var EPSILON = 1e-6;
  var SCORE_STEPS = 1000;             // a quiz's best score is kept in suspend_data in 0.1 %
  // SCORM 2004's most correct_responses per interaction type (RTE 4.2.9); 1.2 sets none.
  var MOST_PATTERNS = { "true-false": 1, choice: 10, "fill-in": 10, numeric: 1, matching: 5,
                        sequencing: 5 };

  var DIALECTS = {
    "1.2": {
      api: "API", initialize: "LMSInitialize", getValue: "LMSGetValue",
      setValue: "LMSSetValue", commit: "LMSCommit", terminate: "LMSFinish",
      lastError: "LMSGetLastError", alreadyInitialized: null,
      location: "cmi.core.lesson_location", locationMax: 255,
      suspendData: "cmi.suspend_data", suspendMax: 4096,
      status: "cmi.core.lesson_status",
      statusRank: { "not attempted": 0, browsed: 1, incomplete: 2, completed: 3, failed: 3,
                    passed: 4 },
      exit: "cmi.core.exit", sessionTime: "cmi.core.session_time",
      formatTime: scorm12Time, progress: null,
      fullMarks: { "cmi.core.score.min": "0", "cmi.core.score.max": "100",
                   "cmi.core.score.raw": "100" },
      score: { raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max",
               scaled: null },
      success: null,                  // 1.2 says passed or failed in lesson_status
      passingScore: "cmi.student_data.mastery_score", passingScale: 100,
      response: "student_response", wrong: "wrong", list: ",", pair: ".", range: null,
      truth: { "true": "t", "false": "f" }, responseMax: 255
    },
    "2004": {
      api: "API_1484_11", initialize: "Initialize", getValue: "GetValue",
      setValue: "SetValue", commit: "Commit", terminate: "Terminate",
      lastError: "GetLastError", alreadyInitialized: "103",
      location: "cmi.location", locationMax: 1000,
      suspendData: "cmi.suspend_data", suspendMax: 64000,
      status: "cmi.completion_status",
      statusRank: { unknown: 0, "not attempted": 0, incomplete: 1, completed: 2 },
      exit: "cmi.exit", sessionTime: "cmi.session_time",
      formatTime: iso8601Duration, progress: "cmi.progress_measure",
      // raw/min/max besides scaled: some LMSs grade on raw (Moodle, Open edX's block)
      fullMarks: { "cmi.score.min": "0", "cmi.score.max": "100", "cmi.score.raw": "100",
                   "cmi.score.scaled": "1" },
      score: { raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
               scaled: "cmi.score.scaled" },
      success: "cmi.success_status",
      passingScore: "cmi.scaled_passing_score", passingScale: 1,
      response: "learner_response", wrong: "incorrect", list: "[,]", pair: "[.]", range: "[:]",
      truth: { "true": "true", "false": "false" }, responseMax: 250
    }
  };

  var config = readConfig();
  var frame = document.getElementById("moocstudio-content");
  if (!config || !frame || !DIALECTS[config.version]) { return; }
  var dialect = DIALECTS[config.version];
  var items = config.items;
  var pages = knownPages();
  // By position in config.items: viewed, the video's watched parts, the quiz's best score
  // (null until submitted).
  var state = { viewed: [], masks: [], best: [] };
  for (var i = 0; i < items.length; i++) {
    state.viewed.push(false); state.masks.push(0); state.best.push(null);
  }
  var passing = typeof config.passing === "number" ? config.passing : null;
  var nextInteraction = 0;                 // cmi.interactions._count, as the LMS said, then ours

  var refused = false;                     // an API answered but refused to initialize
  var lms = null;                          // the adapter, once connected (see start)
  var started = new Date().getTime();
  var held = {};                           // each value as the LMS holds it: read or last set
  var unsaved = false;                     // set since the last commit
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

  // The windows where the API may sit, nearest first: this one and the frames above it (most
  // LMSs), then the window that opened this one and those above it (popups). The walk stops at
  // a page of another origin: nothing there or above can be read.
  function lmsWindows() {
    var found = windowsFrom(window);
    try {
      if (window.opener) { found = found.concat(windowsFrom(window.opener)); }
    } catch (error) {
      // no opener this page may read
    }
    return found;
  }

  function windowsFrom(start) {
    var found = [];
    for (var win = start, depth = 0; win && depth <= API_SEARCH_DEPTH; depth++) {
      try {
        if (!win.document) { break; }  // throws for a page of another origin
      } catch (error) {
        break;
      }
      found.push(win);
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return found;
  }

  function findApi(name) {
    var windows = lmsWindows();
    for (var w = 0; w < windows.length; w++) {
      if (windows[w][name]) { return windows[w][name]; }
    }
    return null;
  }

  // True while a page above this one (or the opener) is still loading: an LMS may add its API
  // only then (Open edX's SCORM block makes it when its page is ready, after its iframe has
  // begun to load this one).
  function lmsPageLoading() {
    var windows = lmsWindows();
    for (var w = 0; w < windows.length; w++) {
      if (windows[w] !== window && windows[w].document.readyState !== "complete") { return true; }
    }
    return false;
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
    if (!api) { return null; }
    if (!initialize(api)) { refused = true; return null; }
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

  // The positions in config.items of the items of one kind ("video", "quiz"), in order.
  function positionsOf(kind) {
    var positions = [];
    for (var p = 0; p < items.length; p++) {
      if (items[p].kind === kind) { positions.push(p); }
    }
    return positions;
  }

  // "~" then two characters per quiz in course order: 0 if never submitted, else 1 + its best
  // score in SCORE_STEPS; nothing for a course without quizzes.
  function encodeScores() {
    var quizzes = positionsOf("quiz");
    if (!quizzes.length) { return ""; }
    var text = "~";
    for (var q = 0; q < quizzes.length; q++) {
      var best = state.best[quizzes[q]];
      var value = best === null ? 0 : 1 + Math.round(best * SCORE_STEPS);
      text += DIGITS.charAt(value >> 6) + DIGITS.charAt(value & 63);
    }
    return text;
  }

  function decodeScores(text) {
    var quizzes = positionsOf("quiz");
    if (text.length !== 2 * quizzes.length) { return; }
    for (var q = 0; q < quizzes.length; q++) {
      var value = DIGITS.indexOf(text.charAt(2 * q)) * 64 + DIGITS.indexOf(text.charAt(2 * q + 1));
      if (value > 0 && value <= SCORE_STEPS + 1) { state.best[quizzes[q]] = (value - 1) / SCORE_STEPS; }
    }
  }

  /* suspend_data: "1" (format version), a mode, the item count, ".", then 6 bits per character:
     one "viewed" bit per item in course order, then per video in course order either its
     20-bit mask of watched parts (mode "m", 4 characters each) or, when that would not fit the
     limit, a single "watched" bit (mode "d"); then, with quizzes, their best scores
     (encodeScores). E.g. "1m3.wAAAA", "1m2.w~Pp" */
  function encodeState() {
    var videos = positionsOf("video");
    var header = SUSPEND_VERSION + "m" + items.length + ".";
    var bits = state.viewed.slice();
    for (var v = 0; v < videos.length; v++) {
      for (var b = 0; b < 24; b++) { bits.push(b < BUCKETS && (state.masks[videos[v]] >> b) & 1); }
    }
    var scores = encodeScores();
    var full = header + digitsOf(bits) + scores;
    if (full.length <= dialect.suspendMax) { return full; }
    bits = state.viewed.slice();
    for (v = 0; v < videos.length; v++) { bits.push(isWatched(state.masks[videos[v]])); }
    var compact = SUSPEND_VERSION + "d" + items.length + "." + digitsOf(bits) + scores;
    return compact.length <= dialect.suspendMax ? compact : null;
  }

  function decodeState(text) {
    var match = /^1([md])(\d+)\.([A-Za-z0-9_-]*)(?:~([A-Za-z0-9_-]*))?$/.exec(text || "");
    if (!match || Number(match[2]) !== items.length) { return; }  // another course layout
    var videos = positionsOf("video");
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
    if (match[4] !== undefined) { decodeScores(match[4]); }
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
    if (items[p].kind === "quiz") { return state.best[p] !== null; }
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

  function sameValue(before, value) {
    if (before === value) { return true; }
    // "1" and "1.0" are the same number to the LMS
    return typeof before === "string" && before !== "" && isFinite(before) &&
      Number(before) === Number(value);
  }

  // Sends a value only when it differs from what the LMS holds.
  function put(key, value) {
    if (!lms || finished || sameValue(held[key], value)) { return; }
    if (lms.set(key, value)) { held[key] = value; unsaved = true; }
  }

  function commitNow() {
    if (commitTimer !== null) { clearTimeout(commitTimer); commitTimer = null; }
    if (lms && !finished && unsaved) { unsaved = false; lms.commit(); }
  }

  function commitSoon() {
    if (lms && !finished && unsaved && commitTimer === null) {
      commitTimer = setTimeout(commitNow, COMMIT_DELAY_MS);
    }
  }

  function rankOf(status) {
    return Object.prototype.hasOwnProperty.call(dialect.statusRank, status) ?
      dialect.statusRank[status] : 0;
  }

  // Writes a status only when it is above the one the LMS holds.
  function raiseStatus(status) {
    if (rankOf(status) > rankOf(held[dialect.status])) { put(dialect.status, status); }
  }

  // Complete by the LMS's word or by the learner's progress. A progress_measure of 1 is the
  // LMS's word too: some answer "" for every status (Open edX's SCORM block) but keep it.
  function isComplete() {
    return rankOf(held[dialect.status]) >= rankOf("completed") ||
      (dialect.progress !== null && Number(held[dialect.progress]) >= 1) ||
      doneCount() === items.length;
  }

  // Everything the learner's progress says, in an order a scored LMS can follow: the score
  // before the status that completes the course (Open edX's block grades on that status).
  function report() {
    var data = encodeState();
    if (data !== null) { put(dialect.suspendData, data); }
    var complete = isComplete();
    if (dialect.progress) {
      var measure = Math.round(doneCount() / items.length * 1000) / 1000;
      put(dialect.progress, String(complete ? 1 :
        Math.max(measure, Number(held[dialect.progress]) || 0)));
    }
    if (passing === null) {
      if (complete) {
        for (var key in dialect.fullMarks) { put(key, dialect.fullMarks[key]); }
      }
      raiseStatus(complete ? "completed" : "incomplete");
      return;
    }
    var verdict = reportScore();
    if (dialect.success === null) {
      // SCORM 1.2: one status says both; a verdict says more than "completed".
      var status = verdict || (complete ? "completed" : "incomplete");
      if (status === "failed" && held[dialect.status] === "completed") { put(dialect.status, status); }
      raiseStatus(status);
      return;
    }
    raiseStatus(complete ? "completed" : "incomplete");
    if (verdict && (verdict === "passed" || held[dialect.success] !== "passed")) {
      put(dialect.success, verdict);
    }
  }

  /* ---- graded quizzes: score and verdict ---- */

  // A decimal the data models accept (no exponent, at most 7 decimals).
  function decimal(value) {
    var text = Number(value).toFixed(7);
    return text.replace(/\.?0+$/, "");
  }

  // The pass mark as a fraction: the LMS's (from the manifest) when it gives one, else ours.
  function passMark() {
    var text = held[dialect.passingScore];
    var value = Number(text) / dialect.passingScale;
    return text !== undefined && text !== "" && isFinite(value) && value >= 0 && value <= 1 ?
      value : passing;
  }

  // Writes the weighted mean of the graded quizzes' best scores (never below what the LMS
  // holds); returns "passed", "failed" (every graded quiz submitted, below the pass mark), or
  // null (not known yet).
  function reportScore() {
    var total = 0, earned = 0, submitted = 0, graded = 0;
    for (var p = 0; p < items.length; p++) {
      var weight = items[p].weight || 0;
      if (items[p].kind !== "quiz" || weight <= 0) { continue; }
      graded++;
      total += weight;
      if (state.best[p] !== null) { earned += weight * state.best[p]; submitted++; }
    }
    if (!submitted) { return null; }
    var raw = Math.round(earned / total * 10000) / 100;
    var before = held[dialect.score.raw];
    if (before !== undefined && before !== "" && isFinite(before)) {
      raw = Math.max(raw, Number(before));
    }
    put(dialect.score.min, "0");
    put(dialect.score.max, "100");
    put(dialect.score.raw, decimal(raw));
    if (dialect.score.scaled) { put(dialect.score.scaled, decimal(raw / 100)); }
    if (raw / 100 >= passMark() - EPSILON) { return "passed"; }
    return submitted === graded ? "failed" : null;
  }

  /* ---- graded quizzes: interactions ---- */

  function isTokenList(list) {
    if (!(list instanceof Array)) { return false; }
    for (var t = 0; t < list.length; t++) {
      var token = list[t];
      var ok = typeof token === "string" || typeof token === "number" ||
        (token instanceof Array && token.length === 2 && typeof token[0] === "string" &&
         typeof token[1] === "string");
      if (!ok) { return false; }
    }
    return true;
  }

  // One of quiz.js's neutral patterns (a list of tokens, pairs for matching) in the LMS's
  // syntax; null when the version has no way to say it.
  function formatted(entry, list, isPattern) {
    if (!list.length) { return null; }
    switch (entry.type) {
      case "matching":
        return list.map(function (pair) { return pair[0] + dialect.pair + pair[1]; })
          .join(dialect.list);
      case "true-false":
        return dialect.truth[list[0]] || null;
      case "numeric":
        if (!isPattern) { return decimal(list[0]); }
        var low = decimal(list[0]), high = decimal(list[1]);
        if (low === high) { return low; }
        return dialect.range === null ? null : low + dialect.range + high;
      case "fill-in":
        var text = String(list[0]).slice(0, dialect.responseMax);
        return isPattern && entry.caseSensitive && dialect.range !== null ?
          "{case_matters=true}" + text : text;
      default:
        return list.join(dialect.list);
    }
  }

  function resultOf(credit) {
    if (credit >= 1 - EPSILON) { return "correct"; }
    return credit <= EPSILON ? dialect.wrong : decimal(credit);
  }

  function isInteraction(entry) {
    return entry && typeof entry.id === "string" &&
      Object.prototype.hasOwnProperty.call(MOST_PATTERNS, entry.type) &&
      isTokenList(entry.response) && entry.correct instanceof Array &&
      typeof entry.result === "number" && typeof entry.weighting === "number" &&
      typeof entry.latency === "number" && entry.latency >= 0;
  }

  // Appends one cmi.interactions.n per answer: its id is the quiz's and the question's.
  function recordInteractions(quizId, entries) {
    if (!(entries instanceof Array)) { return; }
    for (var e = 0; e < entries.length; e++) {
      var entry = entries[e];
      if (!isInteraction(entry)) { continue; }
      var base = "cmi.interactions." + nextInteraction++ + ".";
      put(base + "id", quizId + "." + entry.id);
      put(base + "type", entry.type);
      put(base + "weighting", decimal(entry.weighting));
      var response = formatted(entry, entry.response, false);
      if (response !== null) { put(base + dialect.response, response); }
      put(base + "result", resultOf(entry.result));
      put(base + "latency", dialect.formatTime(entry.latency));
      var written = 0;
      for (var c = 0; c < entry.correct.length && written < MOST_PATTERNS[entry.type]; c++) {
        var pattern = isTokenList(entry.correct[c]) ? formatted(entry, entry.correct[c], true) : null;
        if (pattern !== null) { put(base + "correct_responses." + written++ + ".pattern", pattern); }
      }
    }
  }

  function saveSessionTime() {
    put(dialect.sessionTime, dialect.formatTime(new Date().getTime() - started));
  }

  function bookmark(page) {
    if (page.length <= dialect.locationMax) { put(dialect.location, page); }
  }

  // The LMS refused the session: say so, with the way to a session it accepts.
  function tellNotSaved() {
    var notice = document.getElementById("moocstudio-not-saved");
    if (!notice) { return; }
    notice.hidden = false;
    var hide = notice.getElementsByTagName("button")[0];
    if (hide) { hide.addEventListener("click", function () { notice.hidden = true; }); }
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
    } else if (data.type === "quiz" && position >= 0 && items[position].kind === "quiz" &&
               typeof data.score === "number" && data.score >= 0 && data.score <= 1) {
      recordInteractions(data.item, data.interactions);
      var score = Math.round(data.score * SCORE_STEPS) / SCORE_STEPS;
      if (state.best[position] === null || score > state.best[position]) {
        state.best[position] = score;
      }
      // A submitted quiz is saved at once, whatever changed: the learner waits for the grade.
      report();
      commitNow();
      return;
    } else if (data.type === "watched" && position >= 0 && items[position].kind === "video" &&
               typeof data.buckets === "number" && data.buckets % 1 === 0) {
      var mask = state.masks[position] | (data.buckets & FULL_MASK);
      if (mask !== state.masks[position]) { state.masks[position] = mask; changed = true; }
    } else {
      return;
    }
    if (changed) {
      var status = held[dialect.status];
      report();
      if (held[dialect.status] !== status) { commitNow(); return; }  // e.g. just completed
    }
    commitSoon();
  }

  /* ---- session start and end ---- */

  function begin() {
    if (!lms) {
      if (refused) { tellNotSaved(); }
      show(startPage());
      return;
    }
    var read = [dialect.suspendData, dialect.location, dialect.status];
    if (dialect.progress) { read.push(dialect.progress); }
    for (var key in dialect.fullMarks) { read.push(key); }
    if (positionsOf("quiz").length) {
      read.push(dialect.passingScore, "cmi.interactions._count");
      if (dialect.success) { read.push(dialect.success); }
    }
    for (var r = 0; r < read.length; r++) { held[read[r]] = lms.get(read[r]); }
    decodeState(held[dialect.suspendData]);
    nextInteraction = Math.max(0, Math.floor(Number(held["cmi.interactions._count"]) || 0));
    // cmi.exit is write-only and every session starts without one: set once per session.
    put(dialect.exit, "suspend");
    report();
    commitNow();
    // The bookmark; show() falls back to the start page unless it is one of the course's pages.
    show(held[dialect.location]);
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

  // Connect, looking again while the LMS's page is still loading (its API may not exist yet),
  // then begin: with the LMS's record, or without one once every page above has loaded.
  function start() {
    lms = connect();
    if (!lms && !refused && lmsPageLoading()) {
      setTimeout(start, API_RETRY_MS);
      return;
    }
    begin();
  }

  window.addEventListener("message", onMessage);
  window.addEventListener("pagehide", end);
  document.addEventListener("visibilitychange", onVisibilityChange);
  start();
}());
