"""The few words the site itself says, in the course's language (English when unknown)."""

from __future__ import annotations

from collections.abc import Mapping

_EN: dict[str, str] = {
    "skip": "Skip to content",
    "home": "Course home",
    "breadcrumb": "Breadcrumb",
    "outline": "Course outline",
    "objectives": "Learning objectives",
    "questions": "Questions",
    "keypoints": "Key points",
    "web_image": "An image on the web",
    "code": "Code {n}",
    "code_in": "Code {n}, {language}",
    "table": "Table {n}",
    "equation": "Equation {n}",
    "by": "By",
    "licence": "Licence",
    "licensed": "This content is licensed under",
    "previous": "Previous",
    "next": "Next",
    "pager": "Previous and next items",
    "page": "Page",
    "slides": "Slides",
    "video": "Video",
    "n_slides": "{n} slides",
    "reading": "{n} min read",
    "slide_of": "Slide {n} of {total}",
    "slide_nav": "Slide navigation",
    "notes": "Speaker notes",
    "transcript": "Transcript",
    "quality": "Quality",
    "auto": "Auto",
    "download": "Download the video",
    "downloads": "Download the video:",
    "captions": "Captions",
    "no_video": "Your browser cannot play this video; download it below.",
    "start": "Start the course",
    "not_saved": "Your progress is not being saved.",
    "not_saved_how": (
        "The learning platform refused this part's connection. To save your progress, leave"
        " this activity, then open it again from the course page and go straight to this part."
    ),
    "hide_message": "Hide this message",
    "credit": "Credit:",
    # Quiz words the packages write into questions (Common Cartridge, Open edX).
    "quiz": "Quiz",
    "answer_true": "True",
    "answer_false": "False",
    "position": "Position {n}",
}

_FR: dict[str, str] = {
    "skip": "Aller au contenu",
    "home": "Accueil du cours",
    "breadcrumb": "Fil d’Ariane",
    "outline": "Plan du cours",
    "objectives": "Objectifs d’apprentissage",
    "questions": "Questions",
    "keypoints": "Points clés",
    "web_image": "Une image sur le web",
    "code": "Code {n}",
    "code_in": "Code {n}, {language}",
    "table": "Tableau {n}",
    "equation": "Équation {n}",
    "by": "Par",
    "licence": "Licence",
    "licensed": "Ce contenu est placé sous",
    "previous": "Précédent",
    "next": "Suivant",
    "pager": "Éléments précédent et suivant",
    "page": "Page",
    "slides": "Diaporama",
    "video": "Vidéo",
    "n_slides": "{n} diapositives",
    "reading": "{n} min de lecture",
    "slide_of": "Diapositive {n} sur {total}",
    "slide_nav": "Navigation des diapositives",
    "notes": "Notes de l’orateur",
    "transcript": "Transcription",
    "quality": "Qualité",
    "auto": "Auto",
    "download": "Télécharger la vidéo",
    "downloads": "Télécharger la vidéo :",
    "captions": "Sous-titres",
    "no_video": "Votre navigateur ne peut pas lire cette vidéo ; téléchargez-la ci-dessous.",
    "start": "Commencer le cours",
    "not_saved": "Votre progression n’est pas enregistrée.",
    "not_saved_how": (
        "La plateforme de formation a refusé la connexion de cette partie. Pour enregistrer"
        " votre progression, quittez cette activité, rouvrez-la depuis la page du cours et"
        " allez directement à cette partie."
    ),
    "hide_message": "Masquer ce message",
    "credit": "Crédit :",
    # Quiz words the packages write into questions (Common Cartridge, Open edX).
    "quiz": "Quiz",
    "answer_true": "Vrai",
    "answer_false": "Faux",
    "position": "Position {n}",
}

_BY_LANGUAGE: dict[str, dict[str, str]] = {"en": _EN, "fr": _FR}


def labels_for(language: str) -> Mapping[str, str]:
    """The site's words for a BCP 47 tag, by its primary language (``fr-CA`` reads ``fr``)."""
    return _BY_LANGUAGE.get(language.split("-")[0].lower(), _EN)
