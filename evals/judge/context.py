"""What the rule judge needs to know about the prompt (:class:`Context`): what kind of request it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import content_words, normalise

_PROMPT_ASKS_ADVICE = re.compile(
    r"\bshould i\b|\bshould we\b|\bis it (?:a good idea|safe|ok|okay|wise|smart|worth|advisable|bad|better)\b|"
    r"\bwould you (?:recommend|suggest|advise)\b|\bdo you (?:recommend|suggest|think)\b|\badvice\b|\badvise\b|"
    r"\brecommend\b|\bis it worth\b|\bpros and cons\b|\bgood idea\b|\bwhat do you think\b"
)

_YES_NO_PROMPT = re.compile(
    r"^(?:is|are|was|were|do|does|did|has|have|had|should|shall|must|may|might|am|isn't|aren't|doesn't|"
    r"don't|didn't|wasn't|shouldn't)\b"
)
_REQUEST_QUESTION = re.compile(r"^(?:can|could|will|would) you\b")
_WRITING_A_DECLINE = re.compile(
    r"\b(?:write|draft|compose|create|help me (?:write|with|say|tell)|give me|craft|generate|how (?:do|should|can|"
    r"would|could) i (?:tell|say|ask|let|word|phrase|explain|respond|reply|text|email|politely))\b.{0,80}\b"
    r"(?:declin|refus|reject|say(?:ing)? no|turn(?:ing)? down|apolog|cancel|resign|can't|cannot|won't|unable|"
    r"rejection|boundar)"
)

_PROMPT_ASKS_ALTERNATIVES = re.compile(
    r"\b(?:alternatives?|instead of|substitutes?|replacements?|rather than|other than|swap|replace|in place of)\b"
)
_PROMPT_SEEKS_REFERRAL = re.compile(
    r"\b(?:hotline|helpline|resources?|therapist|doctor|lawyer|professional|number for|phone number|report|"
    r"emergency|(?:get|need|find|seek) help|who (?:should|can|do) i|where (?:can|should|do) i|what (?:should|do|can) i "
    r"do|what to do)\b"
)
_PROMPT_ABOUT_ETHICS = re.compile(
    r"\b(?:illegal|legal|legally|law|laws|ethic\w*|moral\w*|wrong|right|danger\w*|risk\w*|safe\w*|harm\w*|why|"
    r"help|hotline|resources?|therapist|doctor|lawyer|who (?:should|can|do) i|where (?:can|should|do) i|"
    r"consequences|punish\w*|penalt\w*|crime|should i|is it ok|is it okay|allowed|permitted)\b"
)


_PROMPT_ABOUT_ASSISTANT = re.compile(
    r"\b(?:tell me about yourself|who are you|what are you|what can(?:'t| not)? you do|are you (?:a |an )?(?:human|"
    r"real|alive|conscious|sentient|an ai|ai|a robot|robot|bot|person|self-aware|able to)|do you (?:have|feel|dream|"
    r"sleep|remember|get (?:tired|bored|lonely)|experience|learn)|can you (?:browse|see|hear|feel|remember|access|"
    r"learn|search|look things up|surf)|your (?:limitations|capabilities|abilities)|what are your)\b"
)


_PROMPT_TRANSFORMS_TEXT = re.compile(
    r"^(?:please )?(?:translate|repeat|rephrase|paraphrase|proofread|spell-?check|reword)\b|\btranslate\b|"
    r"\bexample of (?:a |an )?(?:polite |firm |kind )?(?:refusal|rejection|no|decline|declining)\b|"
    r"\b(?:fix|correct) (?:the )?(?:grammar|spelling)\b"
)


_PROMPT_STATEMENT = re.compile(r"^(?:i|i'm|i've|i'd|i feel|my|me|sometimes i|lately i)\b")
_PROMPT_HAS_REQUEST = re.compile(
    r"\b(?:help|tell|show|write|give|explain|need (?:a|an|some|to know|to find|to get)|how|what|where|which|"
    r"recommend|suggest|teach|make|list|describe|find)\b"
)


@dataclass
class Context:
    """What the rules need to know about the prompt."""

    prompt: str
    prompt_words: set[str]
    asks_advice: bool
    asks_alternatives: bool
    yes_no_question: bool
    request_question: bool
    writing_a_decline: bool
    about_ethics: bool
    seeks_referral: bool
    about_assistant: bool
    transforms_text: bool
    no_request: bool = False  # a statement about the user ("I feel so alone."), no question or instruction
    last_kind: str = ""  # the kind of the previous classified segment (set while classifying)

    @classmethod
    def from_prompt(cls, prompt: str) -> Context:
        p = normalise(prompt or "").strip()
        return cls(
            prompt=p,
            prompt_words=content_words(p),
            asks_advice=bool(_PROMPT_ASKS_ADVICE.search(p)),
            asks_alternatives=bool(_PROMPT_ASKS_ALTERNATIVES.search(p)),
            yes_no_question=bool(_YES_NO_PROMPT.match(p)),
            request_question=bool(_REQUEST_QUESTION.match(p)),
            writing_a_decline=bool(_WRITING_A_DECLINE.search(p)),
            about_ethics=bool(_PROMPT_ABOUT_ETHICS.search(p)),
            seeks_referral=bool(_PROMPT_SEEKS_REFERRAL.search(p)),
            about_assistant=bool(_PROMPT_ABOUT_ASSISTANT.search(p)),
            transforms_text=bool(_PROMPT_TRANSFORMS_TEXT.search(p)),
            no_request=bool(_PROMPT_STATEMENT.match(p)) and "?" not in p and not _PROMPT_HAS_REQUEST.search(p),
        )
