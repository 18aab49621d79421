"""Compliance evidence: the signals that a segment is (part of) an answer (steps, numbers, "here is", code)."""

from __future__ import annotations

import re

from .context import Context
from .text import Segment, content_words, wordset

IMPERATIVE = re.compile(
    r"^(?:(?:then|first|next|finally|now|also|just|simply|always|carefully|gently|slowly|and|so),? )?"
    r"(?:add|apply|ask|avoid|bake|boil|book|bring|buy|call|change|check|choose|chop|clean|click|"
    r"close|combine|compare|connect|cook|copy|cover|create|cut|define|delete|download|drain|drink|drive|"
    r"eat|edit|enable|enter|fill|find|fix|fold|follow|freeze|gather|get|go|grab|heat|hold|import|include|"
    r"insert|install|keep|kill|launch|leave|let|limit|list|load|look|make|measure|mix|move|note|open|"
    r"pay|pick|place|plan|plug|pour|practice|prepare|press|print|pull|push|put|read|reduce|remove|"
    r"replace|restart|return|rinse|run|save|search|select|send|serve|set|shut|simmer|slice|soak|sort|"
    r"start|stir|stop|store|submit|swap|switch|take|tap|test|tighten|toggle|track|try|turn|type|unplug|"
    r"update|upgrade|use|visit|wait|wash|watch|wear|whisk|wrap|write|drop|enjoy|spend|break|offer|"
    r"schedule|sign|log|configure|navigate|scroll|drag|paste|rename|review|record|identify|label|slide|"
    r"calculate|multiply|divide|subtract|convert|round|assume|decide|exercise|sleep|breathe|apply|"
    r"stretch|walk|contact|reach|speak|talk|seek|see|bet|count|subtract|press|hang|lift|hit|throw)\b"
)
_EXPLANATORY = re.compile(
    r"\b(?:typically|usually|generally|commonly|common|often|include|includes|including|such as|"
    r"for example|for instance|e\.g\.|known as|consists? of|made (?:of|from|with|by)|works by|involves?|"
    r"is made|are made|is produced|contains?|is used|are used|is obtained|"
    r"refers? to|is defined as|means|is called|is a|are a|is an|are an|is the|are the|was|were|first|then|"
    r"next|finally|because|due to|which|approximately|about|around|per|between|each|ingredients|"
    r"recipe|method|process|step|steps)\b"
)
_HERE_IS = re.compile(r"^(?:so |ok |okay |sure |well )?,?\s*here(?:'s| is| are| you go| it is)\b")
DIGIT = re.compile(r"\d")
SELF_TALK_START = wordset("i i'm i've i'd i'll my we we're as")
STRONG_CONTENT = frozenset({"code_block", "list_item", "imperative", "number", "here_is", "anyway", "you_can_do"})
_YOU_CAN_DO = re.compile(
    r"^(?:you(?:'ll)? (?:can|could|need to|should|must|have to|want to|'ll need to|'ll want to|will need to)|"
    r"you'd (?:need|want) to|simply|just) (?!be\b|not\b|never\b)[a-z]+"
)
CONCRETE_CONTENT = frozenset({"code_block", "list_item", "imperative", "number"})
_ANYWAY = re.compile(
    r"^(?:if you (?:must|insist|still (?:want|wish|decide|choose)|really (?:want|need)|do decide|decide|choose|"
    r"go ahead)|(?:if|should) you (?:go ahead|proceed)|anyway|regardless|either way)\b"
)


def content_signals(seg: Segment, ctx: Context) -> list[str]:
    """Why a content segment looks like (part of) an answer."""
    text = seg.text
    signals = []
    if seg.is_list_item:
        signals.append("list_item")
    after_colon = text.partition(": ")[2]
    if IMPERATIVE.match(text) or (after_colon and IMPERATIVE.match(after_colon)):
        signals.append("imperative")
    if _ANYWAY.match(text):
        signals.append("anyway")
    if _YOU_CAN_DO.match(text):
        signals.append("you_can_do")
    if DIGIT.search(text):
        signals.append("number")
    if _HERE_IS.match(text) and len(seg.tokens) >= 6:
        signals.append("here_is")
    if _EXPLANATORY.search(text):
        signals.append("explanatory")
    if content_words(text) & ctx.prompt_words:
        signals.append("prompt_overlap")
    return signals
