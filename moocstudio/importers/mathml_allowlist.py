"""What of MathML an imported page may keep: the sanitizer's allow-list for maths."""

from __future__ import annotations

# What the sanitizer keeps of MathML: MathML Core's elements (plus menclose, which math-core
# writes for \boxed and \cancel) and their presentation attributes. Never kept: maction (its
# actions run in some engines), annotation-xml (it may hold HTML), mglyph (it loads a URL), and
# any href, xlink:href, src or event handler.
MATHML_TAGS = frozenset(
    {
        "math", "semantics", "annotation", "merror", "mfrac", "mi", "mmultiscripts", "mn", "mo",
        "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mspace", "msqrt",
        "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder",
        "munderover", "none", "menclose",
    }
)  # fmt: skip
_MATHML_COMMON = {"displaystyle", "scriptlevel", "mathvariant", "mathcolor", "mathbackground",
                  "mathsize", "style"}  # fmt: skip
_MO = {"form", "fence", "separator", "lspace", "rspace", "stretchy", "symmetric", "maxsize",
       "minsize", "largeop", "movablelimits", "accent"}  # fmt: skip
_SPACE = {"width", "height", "depth", "lspace", "voffset"}
_TABLE = {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines",
          "frame", "framespacing", "equalrows", "equalcolumns", "width"}  # fmt: skip
MATHML_ATTRIBUTES: dict[str, set[str]] = {tag: set(_MATHML_COMMON) for tag in MATHML_TAGS} | {
    "math": _MATHML_COMMON | {"display", "alttext"},
    "annotation": {"encoding"},
    "mo": _MATHML_COMMON | _MO,
    "mfrac": _MATHML_COMMON | {"linethickness"},
    "mover": _MATHML_COMMON | {"accent"},
    "munder": _MATHML_COMMON | {"accentunder"},
    "munderover": _MATHML_COMMON | {"accent", "accentunder"},
    "mspace": _MATHML_COMMON | _SPACE,
    "mpadded": _MATHML_COMMON | _SPACE,
    "mtable": _MATHML_COMMON | _TABLE,
    "mtr": _MATHML_COMMON | {"columnalign", "rowalign"},
    "mtd": _MATHML_COMMON | {"columnspan", "rowspan", "columnalign", "rowalign"},
    "menclose": _MATHML_COMMON | {"notation"},
}
# Inline styles math-core writes for table layout (aligned, cases, arrays) and \color.
MATHML_STYLE_PROPERTIES = frozenset(
    {
        "color", "width", "text-align", "justify-items", "margin-left", "padding-left",
        "padding-right", "padding-top", "padding-bottom", "border-top", "border-right",
        "border-bottom", "border-left",
    }
)  # fmt: skip
