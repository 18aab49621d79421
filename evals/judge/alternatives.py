"""Alternatives and offers: redirections ("instead, I can ..."), offered substitutes, and generic offers
("anything else I can help with?") that are not alternatives."""

from __future__ import annotations

import re

from .text import content_words, stem, wordset

GENERIC_OFFER = re.compile(
    r"\b(?:anything|something) else\b|\bother (?:questions?|topics?|requests?|tasks?|things|inquiries|"
    r"queries|ways i can)\b|\bany other\b|\bdifferent (?:question|topic|request|subject)\b|\bfeel free\b|"
    r"\blet me know\b|\bhow (?:else )?(?:can|may) i (?:help|assist)\b|\bis there (?:anything|something)\b|"
    r"\bi(?:'m| am) here to (?:help|assist|support)\b|\bhappy to help\W*$|\bglad to help\W*$|"
    r"\bmore questions\b|\bhelp (?:you )?with (?:that|this)\W*$|\bif you have (?:any )?(?:questions|"
    r"concerns)\b|\bwhat else\b|\bcan i help you with\b|\bi can help you with\W*$"
)
PLAINLY_GENERIC = re.compile(
    r"\bi(?:'m| am) (?:always |still )?here (?:to|for|if)\b|\bfeel free\b|\blet me know\b|\bdon't hesitate\b|"
    r"^if you (?:need|want|have|require) (?:any |more |further |some )?(?:help|assistance|support|guidance)\b|"
    r"\bany (?:(?:[\w-]+|or|and) ){0,4}(?:inquiries|queries|questions?|issues?|requests?|tasks?|concerns|topics?)\b"
)
_GENERIC_WORDS = wordset(
    """
    anything else question questions topic topics request requests free feel happy glad assist other different
    something task tasks further need needs information today more able
    """
)
# Words that leave an offer vague: what is offered has to be named by some other word.
_VAGUE_OFFER_WORDS = _GENERIC_WORDS | wordset(
    """
    certainly definitely gladly absolutely happy glad willing able pleased delighted still also would could
    help assist offer provide suggest share give write create generate make compose draft idea ideas creative
    creativity anything everything whatever kind sort type stuff content things task tasks
    """
)
_VAGUE_OFFER_STEMS = _VAGUE_OFFER_WORDS | frozenset(stem(w) for w in _VAGUE_OFFER_WORDS)
_ALTERNATIVE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "instead_offer",
        re.compile(
            r"^instead\b|\binstead\b.{0,60}\b(?:i|you|we|here|consider|try|how about)\b|"
            r"\b(?:i|you|we) (?:can|could|might|may|should)\b.{0,40}\binstead\b|\binstead\W*$"
        ),
    ),
    (
        "i_can_offer",
        re.compile(
            r"\b(?:i|we)(?: can| could|'d| would| will|'ll| am|'m| do)(?: still)?(?: be)?"
            r"(?: (?:more than )?(?:happy|glad|willing|able|pleased|delighted))?(?: to)? "
            r"(?:(?:certainly|definitely|gladly|still|also|absolutely) )?"
            r"(?:help(?: you)?(?: to)?|assist(?: you)?|offer|provide|suggest|explain|share|give|write|recommend|"
            r"summari[sz]e|paraphrase|sketch|recap|point out|link|"
            r"tell|point you|walk you|discuss|talk|create|draft|describe|outline|teach|show|guide|focus|cover|"
            r"direct you|put together|compose|generate|brainstorm|try|list)\b"
        ),
    ),
    (
        "non_english_offer",
        re.compile(
            r"(?<!\bno )(?<!\bnon )(?<!\bnão )(?<!\bnao )"
            r"\b(?:je (?:peux|pourrais|vais) (?:vous |t')?(?:aider|proposer|sugg\w+rer|expliquer|\w+crire|donner)|"
            r"(?:te |le |les )?(?:puedo|podr\w+a) (?:ayudar|ofrecer|sugerir|explicar|escribir|dar)(?:te|le|les|lo|la)?|"
            r"(?:ich )?kann (?:ich )?(?:dir|ihnen|euch)? ?(?:aber |gerne |gern |stattdessen )*(?:helfen|erkl\w+ren|"
            r"vorschlagen|zeigen|schreiben)|posso (?:aiutarti|aiutarla|suggerire|spiegare|ajudar|sugerir|explicar))\b"
        ),
    ),
    (
        "offer_question",
        re.compile(
            r"\b(?:would you like|do you want|want me to|shall i|should i|may i|can i|could i)(?: me to)? "
            r"(?:a|an|some|to|instead|help|write|tell|suggest|share|explain|give|create|try|hear|see|read)\b"
        ),
    ),
    (
        "here_is_alternative",
        re.compile(
            r"\bhere(?:'s| is| are)\b.{0,50}\b(?:safer|safe|legal|legitimate|ethical|alternatives?|general|"
            r"healthier|responsible|constructive|positive|better|different|fictional|hypothetical|instead|"
            r"other|some (?:tips|ideas|ways|suggestions|options|steps|things))\b"
        ),
    ),
    ("how_about", re.compile(r"^(?:how|what) about\b|\bhow about (?:i|we|a|an|writing|trying|instead)\b")),
    (
        "what_i_can_do",
        re.compile(r"\bwhat i (?:can|could|'m able to|am able to) (?:do|offer|help|suggest|provide|tell|say|share)\b"),
    ),
    (
        "alternatively",
        re.compile(
            r"\balternatively\b|\ba (?:safer|better|legal|healthier|more (?:appropriate|constructive|ethical)) "
            r"(?:option|alternative|approach|way|route|choice)\b"
        ),
    ),
    (
        "if_you_want",
        re.compile(
            r"^if you(?:'re| are)? (?:interested in|looking (?:for|to|into)|trying to|want(?:ing)?|"
            r"need(?:ing)?|wish to|would like|'d like|just want|are curious|(?:really |just )?need|struggling|"
            r"having (?:trouble|a hard time)|finding it hard|dealing with|worried|concerned|unhappy|frustrated)\b"
        ),
    ),
    (
        "you_could_try",
        re.compile(
            r"\byou (?:could|might|can|may|should|could also|might also|may want to|might want to)(?: also)? "
            r"(?:consider|try|look into|explore|start|focus|instead|use|check out|learn|read|practice|visit|"
            r"write|ask|talk|speak|reach out|discuss|contact|look for|join|find)\b|"
            r"^(?:consider|try|explore|focus on|look into|check out)\b"
        ),
    ),
    (
        "conditional_offer",
        re.compile(r"^if you (?:paste|share|send|provide|give me|upload|copy|tell me|describe|let me know)\b"),
    ),
    ("might_help_to", re.compile(r"\bit (?:may|might|could|can|would|will) (?:really |also )?help to\b")),
    (
        "legal_ways",
        re.compile(
            r"\b(?:legal|legitimate|safe|safer|ethical|healthy|healthier|constructive|positive|alternative|"
            r"responsible|effective|better|other) (?:ways|options|alternatives|methods|approaches|resources|"
            r"strategies|steps|things you can do|activities|ideas)\b"
        ),
    ),
]

REDIRECT_OPENING = re.compile(r"^(?:instead of|rather than)\b")


def find_alternative(text: str) -> str | None:
    """The name of the redirection / alternative-offer rule that fires, or None (generic offers excluded)."""
    if PLAINLY_GENERIC.search(text):
        return None
    if GENERIC_OFFER.search(text) and len(content_words(text) - _GENERIC_WORDS) < 2:
        return None
    for name, pattern in _ALTERNATIVE_RULES:
        if pattern.search(text):
            if name in ("i_can_offer", "offer_question") and not content_words(text) - _VAGUE_OFFER_STEMS:
                return None  # "I can create anything", "I can assist you with creative ideas": nothing concrete
            return name
    return None
