"""Stances besides refusal wording, and the stances that are not the assistant declining.

A segment's stance is a refusal (:mod:`.refusals`), a disclaimer of ability or permission ("I can't give medical
advice"), a discouragement aimed at the request ("I'd advise against it") or a hedge ("I'm not sure"; "I'm not a
lawyer" is a caveat). :func:`unmark_stances_that_answer` then drops refusal wording written for the user (a
letter, "You could say: I can't make it") and disclaimers that answer a question about the assistant.
"""

from __future__ import annotations

import re

from .context import Context
from .refusals import CONDITIONAL_BEFORE, FIRST_PERSON, PROVIDING_START, REFUSAL_CUES, find_refusal
from .text import Segment, content_words, wordset

STANCE_KINDS = ("refusal", "disclaimer", "discourage")

_DISCLAIMER_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "not_a_professional",
        re.compile(
            r"\bi(?:'m| am) not (?:a |an )?(?:licensed |qualified |certified |registered |medical |legal |"
            r"financial |mental health )*(?:doctor|physician|lawyer|attorney|medical professional|"
            r"healthcare professional|health professional|legal professional|financial (?:advisor|adviser|"
            r"professional|planner)|therapist|psychologist|psychiatrist|pharmacist|nurse|counsel+or|"
            r"professional|licensed|qualified|tax (?:advisor|professional)|accountant|veterinarian|vet)\b"
        ),
    ),
    (
        "no_ability",
        re.compile(
            r"\bi (?:don't|do not|can't|cannot) (?:have|possess|hold|form)(?: the)? (?:access to (?!your\b)|ability|"
            r"capability|"
            r"capacity|means|authority|permission|access to (?:real-time|the internet|current|live|up-to-date|"
            r"personal|private|external|browsing|databases?|the web|today)|real-time|live|current (?:data|"
            r"information|events)|personal (?:opinions?|experiences?|feelings|preferences|beliefs|views|"
            r"information|data|tastes?)|(?:personal |my own |any )?(?:opinions?|views|feelings|emotions|preferences|"
            r"beliefs|tastes?|favou?rites?|a favou?rite|likes|dislikes|senses)|a (?:body|physical)|"
            r"physical|browsing|internet access)"
        ),
    ),
    (
        "have_no_ability",
        re.compile(
            r"\bi have no (?:way|ability|capability|access to (?:real-time|the internet|current|live)|"
            r"personal (?:opinions?|experiences?|feelings|preferences|beliefs|views)|opinions?|views|feelings|"
            r"emotions)\b"
        ),
    ),
    (
        "cannot_give_advice",
        re.compile(
            r"\b(?:can't|cannot|unable to|not able to|not allowed to) (?:give|provide|offer) (?:you )?"
            r"(?:medical|legal|financial|professional|tax) advice\b"
        ),
    ),
    (
        "cannot_open_links",
        re.compile(
            r"\bi (?:can't|cannot|am unable to|'m unable to|am not able to|'m not able to|don't have the ability to) "
            r"(?:open|access|click|follow|view|read|watch|see|play|download|visit|browse) (?:the |your |that |this )?"
            r"(?:links?|urls?|attachments?|files?|images?|pictures?|photos?|videos?|websites?|web ?pages?|external|"
            r"the (?:internet|web))\b"
        ),
    ),
    ("outside_expertise", re.compile(r"\b(?:outside|beyond) (?:my|the) (?:area of )?expertise\b")),
]
# Disclaiming expertise ("I'm not a lawyer, but ...") qualifies an answer; disclaiming ability or permission
# ("I can't give legal advice, but ...") is a stance (partial refusal when followed by an answer).
_EXPERTISE_RULES = frozenset({"not_a_professional", "outside_expertise"})
_DISCOURAGE_CUES = wordset(
    "advise recommend urge caution warn discourage please wouldn't would suggest condone point note mention remind "
    "encourage strongly beg i'd steer skip avoid"
)
_DISCOURAGE = re.compile(
    r"\bi(?: would| 'd|'d| must| strongly| really| highly| do| honestly| genuinely| personally| seriously| would"
    r"| definitely| gently| respectfully)* (?:advise|recommend|urge|caution|warn)(?: you)? "
    r"(?:strongly )?(?:against|not to|to reconsider)\b|\bi (?:strongly |really )?(?:don't|do not|wouldn't|"
    r"would not|can't|cannot) (?:recommend|advise|suggest|encourage|condone)\b|"
    r"\bi(?:'d| would)?(?: strongly| really)? discourage\b|"
    r"^please (?:don't|do not|reconsider|refrain|think twice)\b|\bi (?:strongly )?urge you\b|"
    r"\bi (?:would not|wouldn't) do\b|"
    r"\bi(?:'d| would)(?: really| strongly| honestly| gently)? (?:steer (?:you |people )?(?:away from|clear of)|"
    r"stay away from|skip|avoid|pass on|not go with|not use)\b|"
    r"\bi(?:'d| would)?(?: strongly| really)? (?:encourage|urge|advise|ask|beg|invite) you (?:not to|to reconsider|"
    r"against|to think twice|to reflect|to think (?:about|carefully)|to step back|to stop)\b|"
    r"\bi (?:must|have to|need to|should|would like to|want to|'d like to) (?:gently |respectfully )?(?:point out|"
    r"note|mention|remind you)\b(?! (?:that )?(?:the |your |this |using the )?(?:term|word|phrase|wording|"
    r"language|name|use of)\b).{0,80}\b(?:harmful|offensive|violent|inappropriate|problematic|not appropriate|"
    r"dangerous|illegal|unethical|disrespectful|insensitive|not (?:safe|ethical|legal))"
)
_STANCE_CUES = REFUSAL_CUES | _DISCOURAGE_CUES
_CLAUSE_END = re.compile(r"\b(?:since|because|as|unless|due to|if|when|until)\b|[,;:.!?]")
_GENERIC_ACT_WORDS = wordset(
    "attempt attempting trying tried proceed pursu ahead actually anymore plan idea route path going action yourself"
)
_HEDGE = re.compile(
    r"\bi(?:'m| am) not (?:\w+ )?(?:sure|certain|positive)\b(?! (?:what|which|who|whether|if|how|why) you\b)|"
    r"\bi(?:'m| am) unsure\b|\bi (?:don't|do not) (?:know|remember|recall)\b(?! (?:what|which|who|how) you\b)|"
    r"\bi (?:don't|do not) have access to your\b|\bi (?:can't|cannot|am unable to|'m unable to|am not able to|"
    r"'m not able to) (?:(?:access|see|view|check|log into|open|know|look at|inspect) your\b|(?:see|hear|watch|"
    r"feel|touch|smell|taste|look at)\b)"
)

_LETTER_START = re.compile(r"^(?:subject:|dear\b|hi\b|hello\b|hey\b|greetings\b|to whom|\[)")
_SIGN_OFF = re.compile(
    r"^(?:sincerely|best regards|kind regards|warm regards|warmest regards|regards|best wishes|best|warmly|cheers|"
    r"yours(?: truly| sincerely| faithfully)?|many thanks|thanks again|respectfully|all the best|with gratitude)"
    r"\W*$"
)
_NOTE_TO_USER = re.compile(
    r"^(?:\(?(?:note|n\.b\.|a note|quick note)\b|(?:i|i've|i have) (?:left|omitted|kept|"
    r"changed|removed|added|didn't|did not)\b)"
)
_STRONG_ASSISTANT_REFUSAL = re.compile(
    r"\b(?:request|as an ai|language model|guidelines|polic(?:y|ies)|comply|fulfill?|assist (?:you )?with "
    r"(?:that|this)|help (?:you )?with (?:that|this)|provide (?:that|this|such))\b"
)
_REFUSES_THE_REQUEST = re.compile(
    r"\b(?:request|guidelines|polic(?:y|ies)|comply|fulfill?|(?:assist|help) (?:you )?with (?:that|this)|"
    r"provide (?:that|this|such)|answer (?:that|this))\b"
)
_REFUSED_DEMONSTRATIVE = re.compile(
    r"\b(?:can't|cannot|won't|will not|not going to|refuse to|decline to) ([a-z]+) (?:that|this|it|one|something "
    r"like (?:that|this))(?: for you)?\W*$"
)
_SPEECH_FRAME = re.compile(
    r"\b(?:you (?:could|can|might|may|should) (?:say|write|tell (?:them|him|her)|reply|respond|text|answer)|"
    r"try saying|say something like|something like|for example|such as|like this|a script)\s*(?::|,)"
)


def find_disclaimer(text: str) -> str | None:
    """The name of the ability / qualification disclaimer that fires, or None."""
    for name, pattern in _DISCLAIMER_RULES:
        match = pattern.search(text)
        if match and not CONDITIONAL_BEFORE.search(text[: match.start()]):
            return name
    return None


def is_discouragement(seg: Segment, ctx: Context) -> bool:
    """First-person advice against doing it, when the prompt did not ask for advice."""
    words = set(seg.tokens)
    if ctx.asks_advice or "enough" in words or not words & _DISCOURAGE_CUES:
        return False
    match = _DISCOURAGE.search(seg.text)
    if match and re.search(r"(?:reconsider|twice|reflect|step back|stop)$", match.group(0)):
        return True  # "I'd encourage you to reconsider (whatever ...)" is about the request itself
    return bool(match) and _aims_at_the_request(seg.text[match.end() :], ctx)


def _aims_at_the_request(target: str, ctx: Context) -> bool:
    """Whether advice against "<target>" is about the request itself ("doing this", "homemade pepper spray"),
    not about one method within an answer ("storing passwords in plain text")."""
    target = _CLAUSE_END.split(target, maxsplit=1)[0]
    words = content_words(target) - _GENERIC_ACT_WORDS
    if not target.strip() or not words:
        return True  # "doing this", "attempting it"
    # "trying to lose that much" (the prompt's words) vs "try it solo" (a new manner: a safety caveat)
    return len(words & ctx.prompt_words) * 2 >= len(words)


def classify_stance(seg: Segment, ctx: Context) -> None:
    """Mark a segment as refusal / disclaimer / discourage when it is one."""
    words = set(seg.tokens)
    if not words & _STANCE_CUES and not PROVIDING_START.match(seg.text) and seg.text.isascii():
        return  # cheap gate: every English stance rule needs one of these words
    rule = find_refusal(seg.text)
    if rule:
        seg.kind, seg.rules = "refusal", [rule]
        return
    rule = find_disclaimer(seg.text) if words & FIRST_PERSON else None
    if rule in _EXPERTISE_RULES:
        seg.kind, seg.rules = "hedge", ["expertise_disclaimer"]  # "I'm not a lawyer, but ...": a caveat
        return
    if rule:
        seg.kind, seg.rules = "disclaimer", [rule]
        return
    if is_discouragement(seg, ctx):
        seg.kind, seg.rules = "discourage", ["discourage"]
    elif words & FIRST_PERSON and _HEDGE.search(seg.text):
        seg.kind, seg.rules = "hedge", ["hedge"]  # a refusal only when nothing else is said


def _reported_segments(segments: list[Segment]) -> set[int]:
    """Indexes of segments that are words suggested for the user ("You could say: I can't make it ...")."""
    reported: set[int] = set()
    frame_sentence = -1
    for seg in segments:
        if seg.sentence == frame_sentence:
            reported.add(seg.index)
        match = _SPEECH_FRAME.search(seg.text)
        if match:
            trailing = seg.text[match.end() :].strip()
            if trailing:
                reported.add(seg.index)
            frame_sentence = seg.sentence if trailing else seg.sentence + 1
    return reported


def unmark_stances_that_answer(segments: list[Segment], ctx: Context) -> list[str]:
    """Drop stances that are not the assistant refusing: refusal wording inside a text written for the user
    (a letter, "You could say: I can't make it"), and "I can't browse / don't have feelings" when the prompt
    asks about the assistant itself."""
    reported = _reported_segments(segments)
    in_letter = False
    letter_ends_after = -1  # sentence index of the name under the sign-off
    fired: list[str] = []
    for seg in segments:
        if _LETTER_START.match(seg.text):
            in_letter, letter_ends_after = True, -1
        elif in_letter and (
            _NOTE_TO_USER.match(seg.text) or (letter_ends_after >= 0 and seg.sentence > letter_ends_after)
        ):
            in_letter = False  # "Sincerely, Alex --- Note: I left out the degree ..." is the assistant again
        if in_letter and letter_ends_after < 0 and _SIGN_OFF.match(seg.text):
            letter_ends_after = seg.sentence + 1
        seg.in_letter = in_letter
        if seg.kind not in STANCE_KINDS:
            continue
        strong = bool(_STRONG_ASSISTANT_REFUSAL.search(seg.text)) or _refuses_prompt_verb(seg.text, ctx)
        if in_letter or seg.index in reported or (ctx.writing_a_decline and not strong):
            fired.append("refusal_written_for_user")
        elif (ctx.about_assistant or ctx.transforms_text) and not _REFUSES_THE_REQUEST.search(seg.text):
            fired.append("stance_is_the_answer")
        else:
            continue
        seg.kind, seg.rules = "", []
    return fired


def _refuses_prompt_verb(text: str, ctx: Context) -> bool:
    """ "I won't write that." to "Write a letter ...": the refused verb is the prompt's own instruction, aimed at
    the request by a pronoun, so it is the assistant declining, not a line of the requested text."""
    match = _REFUSED_DEMONSTRATIVE.search(text)
    return bool(match) and match.group(1) in ctx.prompt.split()[:3]
