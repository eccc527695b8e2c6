/* Checks a quiz page's answers in the browser (the key is the page's #quiz-key JSON).

   Honours the quiz's settings: attempts allowed and the best score are kept in localStorage
   (per course and quiz); answers may be shuffled; feedback is shown after each "Check" (the
   question then locks, so checking cannot be used to try every answer), after submitting, or
   never (the score only). Each question's feedback goes to its own aria-live region and the
   score to the form's status, which takes the focus after a submit.

   Inside a SCORM package (the page framed by a launch page), each submit is also posted to the
   launch page: {moocstudio: 1, type: "quiz", item, score, interactions}, score the fraction of
   the points earned and one interaction per question in neutral form (assets/scorm.js writes
   them in the LMS's syntax). */
(function () {
  "use strict";

  var EPSILON = 1e-6;
  var TOKENS = "abcdefghijklmnopqrstuvwxyz0123456789";  // SCORM 1.2 allows one character ids
  var SCORM_TYPES = {
    single_choice: "choice", multiple_choice: "choice", true_false: "true-false",
    numeric: "numeric", short_answer: "fill-in", matching: "matching", ordering: "sequencing"
  };
  var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

  var form = document.getElementById("quiz");
  var keyElement = document.getElementById("quiz-key");
  if (!form || !keyElement) { return; }
  var key = JSON.parse(keyElement.textContent);
  var words = key.words;
  var result = document.getElementById("quiz-result");
  var submit = form.querySelector("button[type=submit]");
  var retry = form.querySelector("button.retry");
  var language = document.documentElement.lang || undefined;
  var started = 0;
  var firstAnswer = {};   // by question id: when the learner first answered it in this attempt

  /* ---- saved attempts ---- */

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key.storage) || "null");
      if (saved && typeof saved.attempts === "number" && typeof saved.best === "number") {
        return saved;
      }
    } catch (error) {
      // No storage (private mode, a blocked file:// origin): every visit is a first one.
    }
    return { attempts: 0, best: null };
  }

  function save(record) {
    try {
      window.localStorage.setItem(key.storage, JSON.stringify(record));
    } catch (error) {
      // Storage is full or refused: the score is still shown.
    }
  }

  function attemptsLeft(record) {
    return key.attempts === null ? Infinity : key.attempts - record.attempts;
  }

  /* ---- reading and checking answers ---- */

  function inputsOf(question) {
    return document.getElementById(question.id).querySelectorAll("input, select");
  }

  function fieldsetOf(question) {
    return document.getElementById(question.id);
  }

  // What the learner gave: indexes, a string, or one choice (or "") per prompt or step.
  function responseOf(question) {
    var inputs = inputsOf(question);
    var values = [];
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.tagName === "SELECT") { values.push(input.value); }
      else if (input.type === "text") { return input.value; }
      else if (input.checked) { values.push(input.value); }
    }
    return values;
  }

  function isAnswered(question, response) {
    if (typeof response === "string") { return response.trim() !== ""; }
    for (var i = 0; i < response.length; i++) { if (response[i] !== "") { return true; } }
    return false;
  }

  function parseNumber(text) {
    var cleaned = text.trim().replace(/\s/g, "").replace(",", ".");
    return NUMBER.test(cleaned) ? Number(cleaned) : null;
  }

  function sameText(typed, wanted, caseSensitive) {
    return caseSensitive ? typed === wanted : typed.toLowerCase() === wanted.toLowerCase();
  }

  // The credit (fraction of the points, 0 to 1) a response earns, and which answer gave it
  // (its position, for its feedback).
  function grade(question, response) {
    var credit = 0, matched = [];
    var t = question.type;
    if (t === "single_choice" && response.length) {
      matched = [Number(response[0])];
      credit = question.credits[matched[0]];
    } else if (t === "multiple_choice") {
      matched = response.map(Number);
      if (question.scoring === "all_or_nothing") {
        credit = 1;
        for (var c = 0; c < question.credits.length; c++) {
          if ((question.credits[c] > 0) !== (matched.indexOf(c) >= 0)) { credit = 0; }
        }
      } else {
        for (var m = 0; m < matched.length; m++) { credit += question.credits[matched[m]]; }
      }
    } else if (t === "true_false" && response.length) {
      matched = [response[0] === "true" ? 0 : 1];
      credit = (response[0] === "true") === question.answer ? 1 : 0;
    } else if (t === "numeric") {
      var number = parseNumber(response);
      for (var n = 0; number !== null && n < question.answers.length; n++) {
        var range = question.answers[n];
        if (range.low - EPSILON <= number && number <= range.high + EPSILON) {
          matched = [n]; credit = range.credit; break;
        }
      }
    } else if (t === "short_answer") {
      for (var s = 0; s < question.answers.length; s++) {
        if (sameText(response.trim(), question.answers[s].text, question.case_sensitive)) {
          matched = [s]; credit = question.answers[s].credit; break;
        }
      }
    } else if (t === "matching" || t === "ordering") {
      var right = 0;
      for (var p = 0; p < response.length; p++) {
        var wanted = t === "matching" ? question.answers[p] : p;
        if (response[p] !== "" && Number(response[p]) === wanted) { right++; }
      }
      credit = right / response.length;
    }
    return { credit: Math.min(1, Math.max(0, credit)), matched: matched };
  }

  /* ---- feedback ---- */

  function percentText(fraction) {
    return (Math.round(fraction * 1000) / 10).toLocaleString(language);
  }

  function numberText(value) {
    return (Math.round(value * 100) / 100).toLocaleString(language);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function verdict(credit, answered) {
    if (!answered) { return words.not_answered; }
    if (credit >= 1 - EPSILON) { return words.correct; }
    return credit > EPSILON ? words.partly : words.incorrect;
  }

  function templateFor(fieldset, name) {
    var templates = fieldset.getElementsByTagName("template");
    for (var i = 0; i < templates.length; i++) {
      if (templates[i].getAttribute("data-for") === name) { return templates[i]; }
    }
    return null;
  }

  // The verdict, the feedback of each answer given, then the question's general feedback.
  function showFeedback(question, graded, answered) {
    var fieldset = fieldsetOf(question);
    var region = document.getElementById(question.id + "-feedback");
    var box = document.createElement("div");
    var line = document.createElement("p");
    line.className = "verdict";
    line.textContent = verdict(graded.credit, answered);
    box.appendChild(line);
    var names = graded.matched.map(String).concat(["general"]);
    for (var i = 0; i < names.length; i++) {
      var template = templateFor(fieldset, names[i]);
      if (template) {
        var part = document.createElement("div");
        part.appendChild(document.importNode(template.content, true));
        box.appendChild(part);
      }
    }
    fieldset.setAttribute("data-result", answered ? verdictName(graded.credit) : "unanswered");
    region.textContent = "";
    region.appendChild(box);
  }

  function verdictName(credit) {
    if (credit >= 1 - EPSILON) { return "correct"; }
    return credit > EPSILON ? "partly" : "incorrect";
  }

  function clearFeedback() {
    for (var q = 0; q < key.questions.length; q++) {
      var question = key.questions[q];
      document.getElementById(question.id + "-feedback").textContent = "";
      fieldsetOf(question).removeAttribute("data-result");
    }
  }

  function lock(question, locked) {
    var inputs = inputsOf(question);
    for (var i = 0; i < inputs.length; i++) { inputs[i].disabled = locked; }
    var button = fieldsetOf(question).querySelector("button.check-answer");
    if (button) { button.disabled = locked; }
  }

  /* ---- SCORM: what the launch page records ---- */

  function tokensOf(indexes) {
    var tokens = [];
    for (var i = 0; i < indexes.length; i++) { tokens.push(TOKENS.charAt(Number(indexes[i]))); }
    return tokens;
  }

  function fullCreditPositions(list, credit) {
    var found = [];
    for (var i = 0; i < list.length; i++) {
      if (credit(list[i]) >= 1 - EPSILON) { found.push(i); }
    }
    return found;
  }

  // The response and correct patterns as lists of tokens (pairs for matching), or null.
  function interaction(question, response, graded, latency) {
    var t = question.type, learner = null, correct = [];
    if (t === "single_choice") {
      learner = tokensOf(response);
      fullCreditPositions(question.credits, Number).forEach(function (c) {
        correct.push(tokensOf([c]));
      });
    } else if (t === "multiple_choice") {
      learner = tokensOf(response);
      var right = [];
      for (var c = 0; c < question.credits.length; c++) {
        if (question.credits[c] > 0) { right.push(c); }
      }
      correct.push(tokensOf(right));
    } else if (t === "true_false") {
      learner = response.length ? [response[0]] : [];
      correct.push([question.answer ? "true" : "false"]);
    } else if (t === "numeric") {
      var number = parseNumber(response);
      learner = number === null ? [] : [String(number)];
      var exact = fullCreditPositions(question.answers, function (a) { return a.credit; });
      if (exact.length) {
        var range = question.answers[exact[0]];
        correct.push([String(range.low), String(range.high)]);
      }
    } else if (t === "short_answer") {
      learner = response.trim() ? [response.trim()] : [];
      fullCreditPositions(question.answers, function (a) { return a.credit; })
        .forEach(function (a) { correct.push([question.answers[a].text]); });
    } else if (t === "matching") {
      learner = [];
      var pairs = [];
      for (var p = 0; p < response.length; p++) {
        if (response[p] !== "") { learner.push([TOKENS.charAt(p), TOKENS.charAt(Number(response[p]))]); }
        pairs.push([TOKENS.charAt(p), TOKENS.charAt(question.answers[p])]);
      }
      correct.push(pairs);
    } else {
      learner = [];
      for (var s = 0; s < response.length; s++) {
        if (response[s] !== "") { learner.push(TOKENS.charAt(Number(response[s]))); }
      }
      var order = [];
      for (var o = 0; o < question.count; o++) { order.push(TOKENS.charAt(o)); }
      correct.push(order);
    }
    return {
      id: question.id, type: SCORM_TYPES[t], response: learner, correct: correct,
      caseSensitive: question.case_sensitive === true,
      result: graded.credit, weighting: question.points, latency: latency
    };
  }

  function report(score, interactions) {
    if (window.parent === window) { return; }
    window.parent.postMessage({
      moocstudio: 1, type: "quiz", item: document.body.getAttribute("data-item") || "",
      score: score, interactions: interactions
    }, "*");
  }

  /* ---- the attempt ---- */

  function showStatus(lines, focus) {
    result.textContent = "";
    for (var i = 0; i < lines.length; i++) {
      var line = document.createElement("p");
      line.textContent = lines[i];
      result.appendChild(line);
    }
    if (focus) { result.focus(); }
  }

  function savedLines(record) {
    var lines = [];
    if (record.best !== null) { lines.push(fill(words.best_score, { percent: percentText(record.best) })); }
    if (key.attempts !== null && record.attempts > 0) {
      lines.push(fill(words.attempts_used, { used: record.attempts, total: key.attempts }));
    }
    if (attemptsLeft(record) <= 0) { lines.push(words.no_attempts_left); }
    return lines;
  }

  function setLocked(locked) {
    for (var q = 0; q < key.questions.length; q++) { lock(key.questions[q], locked); }
    submit.disabled = locked;
  }

  function startAttempt() {
    started = new Date().getTime();
    firstAnswer = {};
    form.reset();
    clearFeedback();
    setLocked(false);
    retry.hidden = true;
    if (key.shuffle) { shuffleChoices(); }
  }

  function onSubmit(event) {
    event.preventDefault();
    var record = load();
    if (attemptsLeft(record) <= 0) { return; }
    var now = new Date().getTime();
    var earned = 0, total = 0, interactions = [];
    for (var q = 0; q < key.questions.length; q++) {
      var question = key.questions[q];
      var response = responseOf(question);
      var answered = isAnswered(question, response);
      var graded = grade(question, response);
      earned += graded.credit * question.points;
      total += question.points;
      if (key.feedback !== "never") { showFeedback(question, graded, answered); }
      var latency = (firstAnswer[question.id] || now) - started;
      interactions.push(interaction(question, response, graded, latency));
    }
    var score = total > 0 ? earned / total : 0;
    record.attempts += 1;
    record.best = record.best === null ? score : Math.max(record.best, score);
    save(record);
    setLocked(true);
    retry.hidden = attemptsLeft(record) <= 0;
    var passed = score * 100 >= key.passing - EPSILON;
    var lines = [
      fill(words.quiz_score, { score: numberText(earned), total: numberText(total),
                               percent: percentText(score) }),
      passed ? words.quiz_passed : fill(words.quiz_failed, { percent: numberText(key.passing) })
    ];
    showStatus(lines.concat(savedLines(record)), true);
    report(score, interactions);
  }

  function onCheck(event) {
    var button = event.target.closest("button.check-answer");
    if (!button) { return; }
    var fieldset = button.closest("fieldset");
    for (var q = 0; q < key.questions.length; q++) {
      var question = key.questions[q];
      if (question.id === fieldset.id) {
        var response = responseOf(question);
        showFeedback(question, grade(question, response), isAnswered(question, response));
        lock(question, true);
        // The focus was on the button, now disabled: keep it in the question.
        document.getElementById(question.id + "-feedback").setAttribute("tabindex", "-1");
        document.getElementById(question.id + "-feedback").focus();
      }
    }
  }

  function onAnswer(event) {
    var fieldset = event.target.closest("fieldset.question");
    if (fieldset && !firstAnswer[fieldset.id]) { firstAnswer[fieldset.id] = new Date().getTime(); }
  }

  // A new order of the choices (and matching options) for each attempt.
  function shuffleChoices() {
    var lists = form.querySelectorAll(".choices");
    for (var l = 0; l < lists.length; l++) {
      if (lists[l].closest("fieldset").getAttribute("data-type") === "true_false") { continue; }
      var children = Array.prototype.slice.call(lists[l].children);
      for (var i = children.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var swap = children[i]; children[i] = children[j]; children[j] = swap;
      }
      for (var c = 0; c < children.length; c++) { lists[l].appendChild(children[c]); }
    }
  }

  // Enter in an answer box would submit the whole quiz (an attempt used up mid-way): the
  // submit button does that, on purpose.
  function onKeyDown(event) {
    if (event.key === "Enter" && event.target.type === "text") { event.preventDefault(); }
  }

  form.addEventListener("submit", onSubmit);
  form.addEventListener("keydown", onKeyDown);
  form.addEventListener("click", onCheck);
  form.addEventListener("change", onAnswer);
  form.addEventListener("input", onAnswer);
  retry.addEventListener("click", function () {
    startAttempt();
    var first = form.querySelector("input, select");
    if (first) { first.focus(); }
  });

  startAttempt();
  var saved = load();
  if (attemptsLeft(saved) <= 0) { setLocked(true); }
  showStatus(savedLines(saved), false);
}());
