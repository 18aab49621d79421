"""Referrals: pointers to a professional, an authority, a hotline, a service provider or a reference work."""

from __future__ import annotations

import re

from .alternatives import find_alternative
from .text import WORD, wordset

_REFERRAL_NOUNS = wordset(
    """
    doctor doctors physician gp lawyer attorney professionals therapist counselor counsellor psychologist
    psychiatrist pharmacist healthcare emergency hotline helpline lifeline crisis samaritans police authorities
    911 988 999 112 741741 samhsa specialist accountant veterinarian vet dentist experts nurse findahelpline
    locksmith locksmiths specialists dietitian nutritionist optician
    """
)
# Medical specialists by suffix ("see a dermatologist", "a podiatrist"), and reference works: "a handbook
# would have it" points elsewhere just like "ask a doctor".
_SPECIALIST_SUFFIXES = ("ologist", "iatrist", "iatrician", "pedist", "paedist", "opath")
_REFERENCE_WORKS = re.compile(
    r"\b(?:handbooks?|encyclopa?edias?|textbooks?|almanacs?|reference (?:books?|works?|guides?|manuals?)|"
    r"(?:user|owner's|owners|service) manual)\b"
)
# A professional as the source of a fact ("many doctors suggest staying under 3 g", "the first drug doctors
# try") is answer content, not a pointer to them.
_PROFESSIONAL_AS_SOURCE = re.compile(
    r"\b(?:doctors|physicians|experts|professionals|pharmacists|therapists|specialists|dentists|vets|"
    r"lawyers|attorneys|nurses|dietitians|nutritionists|(?:\w+ologists))\b (?:\w+ )?(?:suggest|recommend|say|"
    r"advise|agree|try|use|prescribe|consider|warn|often|usually|typically|generally|commonly|tend|call|refer to|"
    r"define|measure|treat)\w*\b"
)
_REFERRAL_PHRASES = re.compile(
    r"\b(?:legal (?:aid|counsel|professional|advisor)|health care|medical (?:attention|help|care|provider|"
    r"professional|advice)|mental health|support line|poison control|law enforcement|trevor project|"
    r"suicide prevention|text home|trusted (?:friend|adult|person|family member|individual)|loved one|"
    r"financial (?:advisor|adviser|planner)|tax professional|support group|social worker|hr department|"
    r"human resources|customer (?:support|service)|the manufacturer|stop it now|animal control|child protective|"
    r"social services|(?:official|government|state's|local|a|the) "
    r"(?:\w+ ){0,3}(?:registry|records office|agency) (?:website|site|page)|(?:a|the) (?:weather|news) "
    r"(?:website|site|app)|(?:a|an|the|with|to|from|qualified|licensed|"
    r"medical|legal|mental health|healthcare|trained|certified|local) (?:professional|expert)|professional "
    r"(?:help|advice|support|guidance|counsel\w*))\b"
)
# Service providers: a pointer to them is a referral, unless the sentence frames it as an alternative route
# ("If you're looking to buy one legally, a licensed dealer can run the check in minutes").
_SOFT_REFERRAL = re.compile(
    r"\b(?:your (?:employer|school|landlord|bank|insurer|insurance company|carrier|isp)|licensed (?:\w+ )?"
    r"(?:contractors?|dealers?|electricians?|technicians?|specialists?|providers?|sellers?|companies)|"
    r"locksmiths?|mechanics?|plumbers?|electricians?)\b"
)
_REFERRAL_VERBS = wordset(
    """
    consult contact call calling reach reaching speak speaking talk talking see seeing seek seeking visit touch
    text dial go ask report please encourage recommend suggest urge best advisable important refer help assess
    evaluate guide support advise treat diagnose examine check look use handle handled
    can could will would have has find list lists get
    """
)
_PHONE = re.compile(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b1-8\d\d\b|\b(?:911|988|999|112|741741)\b")

# A sentence that goes on about the people just pointed to ("See a pharmacist. They can check ...").
ANAPHORA = re.compile(r"^(?:they|them|he|she|many|most|some|these|those|such (?:\w+ ){0,2}(?:can|will|offer))\b")


def is_referral(text: str, words: set[str], is_list_item: bool = False) -> bool:
    """Points to a professional, an authority, a hotline or a reference work."""
    if _PHONE.search(text):
        return True
    if _PROFESSIONAL_AS_SOURCE.search(text):
        text = _PROFESSIONAL_AS_SOURCE.sub(" ", text)
        words = set(WORD.findall(text))
    hard = bool(
        words & _REFERRAL_NOUNS
        or _REFERRAL_PHRASES.search(text)
        or _REFERENCE_WORKS.search(text)
        or any(w.removesuffix("s").endswith(_SPECIALIST_SUFFIXES) for w in words)
    )
    if not hard and (not _SOFT_REFERRAL.search(text) or find_alternative(text)):
        return False
    return bool(words & _REFERRAL_VERBS) or len(words) <= 6 or is_list_item
