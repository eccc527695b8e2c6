"""GIFT question banks in the shapes they come in, written here as text (nothing copied).

MOODLE_EXPORT follows what Moodle's GIFT exporter writes: a '// question: N  name: ...' comment
before each question, '$CATEGORY: $course$/top/...' switches, [html] text with escaped colons,
'=%100%' weights, empty '#' feedback markers, and essay and description questions among the
rest. TEACHER_BANK is what a teacher types: no titles, answers on one line or several,
comments, a missing-word question, T/F shorthands, markdown with maths.
"""

from __future__ import annotations

MOODLE_EXPORT = """\
// question: 0  name: Switch category to $course$/top/Default for Biology 101
$CATEGORY: $course$/top/Default for Biology 101


// question: 0  name: Switch category to $course$/top/Default for Biology 101/Cells
$CATEGORY: $course$/top/Default for Biology 101/Cells


// question: 1234  name: Organelle
::Organelle::[html]<p>Which organelle makes most of a cell's ATP?</p>{
\t=<p>The mitochondrion</p>#<p>Right\\: it is the powerhouse.</p>
\t~<p>The ribosome</p>#<p>No, ribosomes make proteins.</p>
\t~%-50%<p>The nucleus</p>#
\t####<p>ATP synthase sits in the inner membrane.</p>
}


// question: 1235  name: Walls
::Walls::[html]<p>Animal cells have walls.</p>{FALSE#<p>Plant cells do.</p>#<p>Right.</p>}


// question: 1236  name: pH
::pH::[html]<p>What is the pH of pure water at 25 °C?</p>{#
\t=%100%7\\:0.1#<p>Neutral.</p>
\t=%50%7\\:1#<p>Close.</p>
}


// question: 1237  name: Capital
::Capital::[html]<p>Which city is the capital of France?</p>{
\t=%100%Paris#
\t=%50%paris, France#
}


// question: 1238  name: Match
::Match::[html]<p>Match each molecule with its role.</p>{
\t=<p>DNA</p> -> stores genes
\t=<p>ATP</p> -> carries energy
\t=<p>Haemoglobin</p> -> carries oxygen
}


// question: 1239  name: Essay
::Essay::[html]<p>Discuss the endosymbiotic theory.</p>{}


// question: 1240  name: Intro
::Intro::[html]<p>The next questions are about membranes.</p>


// question: 1241  name: Membranes
::Membranes::[html]<p>Which molecules form the membrane?</p>{
\t~%50%<p>Phospholipids</p>#
\t~%50%<p>Proteins</p>#
\t~%-100%<p>Starch</p>#
}

"""
"""Eight questions, of which six import: Organelle, Walls, pH, Capital, Match, Membranes."""

MOODLE_IMPORTED_TITLES = ["Organelle", "Walls", "pH", "Capital", "Match", "Membranes"]


def line_of(text: str, start: str) -> int:
    """The 1-based number of the first line of ``text`` starting with ``start``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


TEACHER_BANK = """\
// Week 3 check -- written by hand

Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}

Grant is {~buried =entombed ~living} in Grant's tomb.

The sun rises in the east.{T}

The sun rises in the west.{FALSE}

// several lines per answer, markdown and maths
[markdown]What is $\\\\sqrt\\{4\\}$, written as a **number**?{
    #2:0
}

Give a whole number from 1 to 5.{#1..5}

What is the *French* word for "cat"?{
    =chat
    =le chat # with the article, fine
}

::Pairs:: Match the capitals. {
    =France -> Paris
    =Italy -> Rome
    =Spain -> Madrid
    = -> Lisbon
}
"""
"""Eight questions, every one of which imports."""
