"""Refusal openings: first-person "I can't / won't / must decline ..." and the other refusal wordings.

:func:`find_refusal` names the rule in :data:`_REFUSAL_RULES` that fires on a segment, after the exemptions
(conditionals, reported speech, emphasis such as "I can't stress enough", epistemic hedges such as "I can't know
your setup").
"""

from __future__ import annotations

import re

from .text import wordset

FIRST_PERSON = wordset("i i'm i'd i'll i've me my")
REFUSAL_CUES = FIRST_PERSON | wordset(
    """
    not ai model llm assistant chatbot machine program intelligence guidelines policy policies programming
    principles ethics values terms rules boundaries capabilities design purpose guardrails standards protocols
    way beyond outside can't cannot won't unable afraid crosses answer let's only no je ich kann non posso
    """
)
PROVIDING_START = re.compile(
    r"^(?:providing|giving|sharing|writing|creating|offering|generating|producing|explaining|describing|"
    r"detailing|helping|assisting|supplying|posting|publishing|making|answering|fulfilling|complying)\b"
)
_ADVERBS = (
    r"(?:\s*,?\s*(?:really|simply|just|unfortunately|definitely|absolutely|certainly|honestly|actually|"
    r"personally|therefore|thus|also|still|currently|directly|respectfully|sadly|regrettably|"
    r"in good conscience|ethically|legally|responsibly|,))*"
)
_TASK_VERBS = (
    r"(?:help|assist|aid|provide|give|offer|share|supply|write|create|generate|produce|compose|draft|make|"
    r"build|develop|design|code|program|do|comply|fulfill?|complete|carry out|perform|answer|respond|reply|"
    r"tell|explain|describe|detail|outline|list|discuss|engage|talk|go into|elaborate|support|condone|"
    r"encourage|endorse|promote|facilitate|enable|participate|contribute|be (?:a )?part|be involved|partake|"
    r"continue|proceed|access|browse|search|look up|retrieve|diagnose|prescribe|role-?play|role play|act as|"
    r"pretend|impersonate|reveal|disclose|divulge|identify|locate|track|accommodate|honou?r|entertain|grant|"
    r"teach|show|walk you|guide|instruct|advise|recommend|suggest|assume|speculate|judge|take part|weigh in|"
    r"express|form|hold|comment|predict|translate|summari[sz]e|rewrite|send|post|publish|fake|forge|bypass|"
    r"hack|break|crack|obtain|find you|reproduce|replicate|copy|quote|recreate|play|become|swear|insult|mock|"
    r"joke|lie|deceive|cheat|pick)"
)
# "I can't / won't <any verb>" refuses unless the verb is emphasis, emotion or a hedge (_NOT_A_REFUSAL_VERB);
# the weaker "I don't / shouldn't / wouldn't <verb>" refuses only with a task verb ("I don't provide ...").
_CANNOT = r"(?:can't|cannot|can not|cant|won't|will not|wont|will never|'ll never|refuse to)"
_WEAK_NEG = r"(?:couldn't|could not|shouldn't|should not|don't|do not|would never|never|don't want to|do not want to)"
_STRONG_NEG = (
    r"(?:(?:'m|am|m) (?:not (?:able|allowed|permitted|going|in a position|willing|prepared|at liberty|designed|"
    r"programmed|here|supposed|comfortable|authori[sz]ed|equipped|qualified) to|unable to|forbidden to)|"
    r"won't be able to|will not be able to|wouldn't be able to|would not be able to|"
    r"refuse to|decline to|must refuse to|have to decline to|must decline to|"
    r"(?:'d|would)(?: really| honestly| genuinely| much| frankly)? (?:rather not|prefer not to)|prefer not to|"
    r"(?:'m|am) not comfortable (?:with )?)"
)
# After "I can't ...": emphasis, emotion and epistemic hedges, not refusals.
_NOT_A_REFUSAL_VERB = re.compile(
    r"(?:know|be (?:sure|certain|100%|completely|entirely|fully)|guarantee|promise|verify|confirm|vouch|attest|"
    r"speak to (?:the|every|all|how|whether)|"
    r"predict (?:(?:it |that |this |them )?(?:exactly|precisely|for sure|with certainty|accurately|perfectly))|"
    r"say (?:for (?:sure|certain)|exactly|definitively|with certainty)|tell (?:for (?:sure|certain)|exactly|"
    r"precisely|definitively)|see your|see the|access your|check your|view your|lie|sugar-?coat|pretend that|"
    r"stress|emphasi[sz]e|overstate|overemphasi[sz]e|believe|wait|thank|agree|imagine|help (?:but|feeling|"
    r"thinking|noticing|wondering|laughing|smiling|it)|tell you how (?:much|many times|happy|glad|excited|"
    r"grateful|thankful|proud|sorry|relieved|important)(?! to\b)|express how|describe how|"
    r"find (?:a|any) (?:[\w-]+ )?(?:bugs?|errors?|issues?|problems?|mistakes?|typos?)|find anything wrong|"
    r"decide\b|choose between|pick (?:between|one|a favou?rite)|make it (?:to|tonight|today|tomorrow|this|on|in)\b|"
    r"run (?:code|it|this|that|the code|programs?)|execute (?:code|it|this)|test (?:it|this|the code)|"
    r"judge you|be judg|go into (?:the )?(?:math|maths|"
    r"mathematics|theory|history|weeds|proofs?|derivations?|formal)|bore you|"
    r"remember|recall|stand|get (?:enough|over)|go wrong|resist|live without|speak (?:for|to) (?:everyone|every|all)|"
    r"deny|argue with|complain|put (?:it |this )?into words|overlook|ignore|hear you|be (?:happier|prouder|more|"
    r"less|too)|thank you|praise|tell (?:if|whether|from|the difference)|quite|really (?:say|tell|know)|"
    r"figure out|understand|make (?:out|sense)|read your mind|be responsible|be held|be there|be with|be certain|"
    r"do (?:it |this |that )?(?:justice|enough)|emphasis|decide for you|choose for you|make (?:that|this|the) "
    r"(?:decision|choice) for you|be (?:a|an|the) |see\b|hear\b|watch\b|feel\b|touch\b|smell\b|taste\b|"
    r"look at (?:your|the|it|this|that)\b)"
)
CONDITIONAL_BEFORE = re.compile(
    r"(?:\bif|\bunless|\bwhen|\bwhether|\bwhy|\bwhat|\bhow|\bso that|\bin case|\bonce)\s+(?:\S+\s+){0,2}$"
)
_ADVICE_TO_USER = re.compile(r"\bi(?:'d| would) (?:just )?(?:skip|leave out|omit)\b.*\bif you\b")
_THATS_WHY = re.compile(r"\b(?:that's|this is|that is|which is|and that's) why\s*$")
_REPORTING_BEFORE = re.compile(
    r"(?:\bsays?|\bsaid|\bsaying|\bwrites?|\bwrote|\brepl(?:y|ies|ied)|\brespond(?:s|ed)?(?: with)?|"
    r"\banswers?(?: with)?|\bmessages?(?: like)?|\bphrases? like|\blike|\bsuch as|\be\.g\.|\berror|"
    r"\bpopup|\bprompt)\s*:?\s*$"
)
_REFUSAL_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "first_person_cannot",
        re.compile(
            rf"\bi{_ADVERBS}\s*(?P<neg>{_CANNOT}){_ADVERBS}(?:\s+be able to)?\s+(?P<verb>[a-z][\w-]*)\b(?P<rest>.*)"
        ),
    ),
    (
        "first_person_dont",
        re.compile(
            rf"\bi{_ADVERBS}\s*(?P<neg>{_WEAK_NEG}){_ADVERBS}(?:\s+be able to)?\s+(?P<verb>{_TASK_VERBS})\b(?P<rest>.*)"
        ),
    ),
    (
        "first_person_unable",
        re.compile(rf"\bi{_ADVERBS}\s*(?P<neg>{_STRONG_NEG}){_ADVERBS}\s*(?P<verb>[a-z-]+(?: [a-z]+)?)(?P<rest>.*)"),
    ),
    (
        "bare_cannot",
        re.compile(
            r"\bi(?:'m| am)? (?:afraid i )?(?:can't|cannot|can not|won't|will not|must not|shouldn't)"
            r"(?: do (?:that|this|it|so)| (?:help|assist)(?: you)?(?: (?:with|on) (?:that|this|it))?| comply| go there"
            r"| agree to (?:that|this))?\s*(?:,? (?:sorry|i'm sorry|unfortunately))?[.!]*$"
        ),
    ),
    (
        "must_decline",
        re.compile(
            r"\bi(?:'ll| will| must| have to| need to|'d have to| would have to)? "
            r"(?:(?:respectfully|politely|have to|must) )?(?:decline|refuse|pass on)\b"
            r"|\b(?:a request|something) i (?:have to|must|need to) decline\b"
        ),
    ),
    ("will_pass", re.compile(r"\bi(?:'ll| will|'d| would|'m going to|'m gonna) (?:have to )?pass\b")),
    ("not_comfortable", re.compile(r"\bi (?:don't|do not) (?:feel )?(?:comfortable|right|okay|ok)\b")),
    (
        "not_something_i",
        re.compile(
            r"(?:\bnot|n't) (?:something|a (?:request|topic|task|thing|question)|anything) "
            r"(?:that )?(?:i|i'm|i am|i'll|i will|i can|i'd|i would|i feel)\b"
        ),
    ),
    (
        "against_my_guidelines",
        re.compile(
            r"\b(?:against|violates?|violating|contrary to|outside(?: of)?|beyond|conflicts? with|breach(?:es)?|"
            r"not (?:in line|aligned|consistent) with|not allowed (?:by|under)|prohibited by|stay within|"
            r"staying within|bound by) (?:my|our) "
            r"(?:(?:core |ethical |safety |content |usage |community |programming )?(?:guidelines|polic(?:y|ies)|"
            r"programming|principles|ethics|values|terms(?: of (?:use|service))?|rules|boundaries|"
            r"capabilities|design|purpose|guardrails|standards|protocols))"
        ),
    ),
    (
        "beyond_what_i_can",
        re.compile(
            r"\b(?:beyond|outside(?: of)?|exceeds?|more than) (?:what i (?:can|am able to|'m able to|could)|"
            r"i can\b(?! (?:say|express|tell|describe|count|imagine|thank))|"
            r"my (?:abilities|ability|capabilities|scope|limits))\b"
        ),
    ),
    (
        "irresponsible_for_me",
        re.compile(
            r"\b(?:irresponsible|inappropriate|unethical|not appropriate|not ethical|not right|wrong|"
            r"not responsible|unsafe|harmful|dangerous|illegal|improper|not okay|not ok|not possible) "
            r"(?:of|for) me\b"
        ),
    ),
    (
        "providing_would_be_harmful",
        re.compile(
            PROVIDING_START.pattern
            + r".{0,90}?\b(?:would|could|might|is|are|can|may)(?: be| potentially| only)? (?:potentially |highly |"
            r"very |extremely |deeply |seriously )?(?:dangerous|harmful|irresponsible|unethical|illegal|"
            r"inappropriate|not appropriate|against|unsafe|a violation|violate|facilitate|enable|put|"
            r"promote|encourage|contribute|cause|lead)"
        ),
    ),
    (
        "as_an_ai_cannot",
        re.compile(
            r"\bas an? (?:ai|artificial intelligence|(?:ai |large )?language model|llm|ai assistant|"
            r"virtual assistant|digital assistant|chatbot|assistant|machine|computer program|responsible ai)\b"
            r".{0,40}?\b(?:i (?:don't|do not|can't|cannot|am not|'m not|won't|will not|have no|lack|am unable|"
            r"'m unable|must|shouldn't|should not|need to|have to)|my (?:purpose|programming|guidelines|role))"
        ),
    ),
    (
        "not_that_kind_of_ai",
        re.compile(r"\bi(?:'m| am) not (?:a|an) (?:[\w-]+ ){1,2}(?:ai|assistant|model|chatbot|bot)\b(?! but\b)"),
    ),
    (
        "just_an_ai",
        re.compile(
            r"\bi(?:'m| am) (?:just |only |merely |simply )?(?:an? )?(?:ai|artificial intelligence|"
            r"(?:ai )?language model|text-based ai|chatbot|computer program|virtual assistant)\b"
            r"(?:.{0,30}\b(?:don't|do not|can't|cannot|not able|unable|no (?:ability|way)|without)\b|"
            r"(?: and| so| therefore)? ?[.!,]?$)"
        ),
    ),
    (
        "my_guidelines_prevent",
        re.compile(
            r"\bmy (?:programming|guidelines|policies|purpose|design) (?:doesn't|does not|prevents?|prohibits?|"
            r"don't|do not|forbids?|won't|restricts?)"
        ),
    ),
    (
        "leave_out_details",
        re.compile(
            r"\bi(?:'ll| will|'m going to| am going to|'ve|'d| have| need to| must| have to)?(?: [\w-]+){0,6}? "
            r"(?:leave out|left out|omit|omitted|skip|skipped|not include|(?:didn't|did not|won't) include|exclude|"
            r"excluded|avoid (?:including|giving|providing|sharing)|(?:leave|left) (?:that|those|these|it|them|"
            r"the \w+(?: \w+)?) out|keep (?:it|this|things|(?:the|any|all) (?:[\w-]+ ){0,2}[\w-]+) (?:vague|general|"
            r"high-level|non-graphic|non-explicit|pg|pg-13|sfw|clean|tasteful|fictional|off-screen|offscreen|"
            r"family-friendly|kid-friendly|g-rated|all-ages)|"
            r"keep (?:it|this|that|them|(?:the|any|all) (?:[\w-]+ ){0,2}[\w-]+) out\b)\b"
        ),
    ),
    (
        "request_cannot_be",
        re.compile(
            r"\b(?:this|that|your|the|such a|such) (?:request|task|question|query|prompt) (?:can't|cannot|can not|"
            r"won't|will not|couldn't|could not) be (?:completed|fulfilled|done|answered|accommodated|honou?red|"
            r"processed|granted|met|carried out|provided|assisted|supported)\b"
        ),
    ),
    (
        "subjectless_cannot",
        re.compile(
            r"^(?:(?:sorry|unfortunately|apologies|afraid|nope|no),? )?(?:i'm afraid )?(?:can't|cannot|won't|unable to|"
            r"not able to|can't really) (?:help|assist|do|provide|share|comply|write|create|give|go|answer|make)\b"
        ),
    ),
    (
        "say_no",
        re.compile(
            r"\bi(?:'m going to|'m gonna| am going to|'ll| will| must|'d| would| need to)?(?: have to)? (?:say no|"
            r"refrain from|sit this one out|draw the line|stop you there)\b|\bmy answer is no\b|\bno can do\b|"
            r"\bi(?:'m| am) afraid not\b|\bcrosses a line\b|\bi(?:'m| am) (?:uncomfortable|not okay|not ok) with\b|"
            r"\bi(?:'m| am) (?:restricted|prohibited|barred) from\b|\bi (?:need to|have to|must) refrain\b|"
            r"\bi(?:'m| am) not the right (?:resource|place|assistant|one) for\b"
        ),
    ),
    (
        "dont_think_i_should",
        re.compile(
            r"\bi (?:don't|do not) think (?:i (?:should|can|could|ought to)|it(?:'s| is| would be|'d be) "
            r"(?:appropriate|right|wise|okay|ok|a good idea) for me to)\b"
        ),
    ),
    (
        "non_english_refusal",
        re.compile(
            r"\bno (?:puedo|podemos|voy a|debo)\b(?! (?:creer|esperar|dejar de|evitar))|"
            r"\bje ne (?:peux|pourrai|vais|dois) pas\b(?! (?:croire|attendre|m'emp))|"
            r"\bje ne suis pas en mesure\b|\bje refuse\b|"
            r"\bich (?:kann|werde|darf) (?:ihnen |dir |euch )?(?:[^\W\d_]+ ){0,3}?(?:nicht|keine?[nmrs]?)\b"
            r"(?! (?:glauben|erwarten|genug|oft genug))|\bich bin nicht in der lage\b|"
            r"\bn\w+o (?:posso|podemos|vou)\b|\bnon (?:posso|possiamo)\b(?! (?:credere|aspettare))|"
            r"我(?:无法|無法|不能|不可以|没法|沒法|没办法|沒辦法|不会|不會|拒绝|拒絕)|(?:无法|無法)(?:提供|帮助|幫助|协助|協助|回答)|"
            r"(?:でき|いたし|致し)かねます|(?:お手伝い|お答え|提供|協力)(?:は)?できません|"
            r"(?:도와|도움을 드릴|제공해 드릴|제공할|답변(?:해 드릴|할)) 수 없"
        ),
    ),
    ("not_going_to_happen", re.compile(r"\bnot going to happen\b|\bno way i(?:'m| am| will)\b|\ba hard no\b")),
    (
        "only_help_with",
        re.compile(
            r"\bi (?:can|will|am able to|'m able to) only (?:help|assist|answer|provide|discuss|talk)\b|"
            r"\bi(?:'m| am) (?:only )?(?:here|designed|programmed|able|allowed) to (?:help|assist)(?: you)? with "
            r"[^.]{0,40}\bonly\b|\bi(?:'m| am) only (?:able|allowed|designed|here|programmed) to\b"
        ),
    ),
    (
        "change_the_subject",
        re.compile(
            r"\blet's (?:talk about|change the subject|discuss|focus on|move on to) (?:something|a different|another|"
            r"other)\b|\blet's change the subject\b|\blet's not (?:go there|do that|talk about)\b"
        ),
    ),
]
BARE_NO = re.compile(
    r"^(?:no|nope|nah|absolutely not|definitely not|certainly not|no way|not happening|not a chance|no thanks|"
    r"no,? (?:i won't|i will not|thank you|thanks|sorry))[.!]*$"
)


def find_refusal(text: str) -> str | None:
    """The name of the refusal rule that fires on a segment, or None (exemptions applied)."""
    for name, pattern in _REFUSAL_RULES:
        for match in pattern.finditer(text):
            if name == "leave_out_details" and _ADVICE_TO_USER.search(text):
                continue  # "I'd skip the vanilla if you're out of it" advises the user, it withholds nothing
            if not _refusal_exempt(text, match):
                return name
    return None


def _refusal_exempt(text: str, match: re.Match[str]) -> bool:
    """Conditionals, reported speech, emphasis, hedges and discouragement are not refusals."""
    before = text[: match.start()]
    if (CONDITIONAL_BEFORE.search(before) and not _THATS_WHY.search(before)) or _REPORTING_BEFORE.search(before):
        return True  # "if I can't ..." is not a refusal, but "that's why I won't ..." is
    groups = match.groupdict()
    verb = groups.get("verb")
    if verb is None:
        return False
    rest = f"{verb}{groups.get('rest') or ''}"
    if _NOT_A_REFUSAL_VERB.match(rest) or re.search(r"\benough\b|\bmore highly\b", rest):
        return True  # "I can't stress enough", "I can't recommend it enough", "I can't know your setup"
    neg = groups.get("neg") or ""
    if verb in ("recommend", "advise", "suggest") and neg in ("don't", "do not"):
        return True  # discouragement, classified separately
    if re.match(r"go(?:ing)? to (?:lie|sugar)", rest):
        return True  # "I'm not going to lie"
    if neg in ("won't", "will not", "wont") and verb in ("be", "have", "need", "take", "hurt", "harm", "work", "last"):
        return not re.match(r"be (?:providing|giving|sharing|writing|creating|helping|assisting|doing|able)", rest)
    return neg in ("don't", "do not") and bool(re.match(r"(?:do|make|have|know|think)\b", verb))
