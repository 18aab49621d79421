"""Segments that neither answer nor refuse: politeness, apologies, emotional support, questions back."""

from __future__ import annotations

import re

CLARIFY = re.compile(
    r"\bcould you (?:please )?(?:clarify|rephrase|provide|give|share|tell|explain|specify|elaborate|say more)\b|"
    r"\bcan you (?:please )?(?:clarify|rephrase|provide more|give more|share more|tell me more|specify|"
    r"elaborate)\b|\b(?:i(?:'m| am) not sure what you (?:mean|are asking|'re asking)|i (?:don't|do not) "
    r"understand (?:your|the|what)|unclear what)\b|\bwhy do you (?:want|need|ask)\b|\bwhat do you mean\b|"
    r"\bmore (?:details|context|information) (?:about|on|so|would)\b|"
    r"\bi(?:'ll| will| would|'d)? need (?:a bit |a little |some )?more (?:information|details|context|info)\b"
)
FILLER = re.compile(
    r"^(?:i'm |i am )?(?:really |so |very |truly |deeply )?(?:sorry|apologi[sz]e|apologies|unfortunately|"
    r"regrettably|sadly|thank you|thanks|i understand|i hear|i can see|i see|it sounds like|that sounds|"
    r"that must|you're not alone|you are not alone|i know (?:this|that|it|how)|it's (?:understandable|"
    r"okay|ok|natural|normal|completely understandable) to|your (?:safety|well-being|wellbeing|feelings|"
    r"life|health)|i care|i'm concerned|i am concerned|i'm worried|i appreciate|i get that|i realize|"
    r"i recogni[sz]e|i respect|i value|concerned|worried|hello|hi|hey|oh|well|ok|okay|no|nope|hmm|ah|alright|got it|"
    r"i'm afraid|i am afraid|please understand|i hope you understand|i want to (?:help|be helpful)|"
    r"i wish i could|while i (?:understand|appreciate)|i'd love to help|i would love to help|i want you to|"
    r"i hope you|i really hope|please (?:stay|be) safe|take care|great question|good question|"
    r"what a (?:great|good|fun|lovely|interesting) (?:question|idea)|sure thing|sure|of course|certainly|absolutely|"
    r"(?:i'd|i would|i'm|i am) (?:be )?(?:happy|glad|delighted) to help)\b"
)

# Emotional support after a refusal ("I can't help with that, but you don't have to go through this alone").
SUPPORT = re.compile(
    r"^(?:you matter\b|"
    r"you (?:don't|do not) have to (?:go through|face|deal with|handle|carry|be alone)|you deserve (?:support|"
    r"help|to feel|care)|there (?:are|is) (?:people|someone|help) (?:who|available|out there)|help is available|"
    r"you(?:'re| are) not alone|your (?:life|feelings) (?:matters?|are valid))\b"
)

APOLOGY = re.compile(r"^(?:i'm |i am )?(?:(?:really|so|very|truly|deeply) )?(?:sorry|apologi[sz]e|apologies)\b")
