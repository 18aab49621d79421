"""Loader and scoring for the ``prompt_continuation`` lm-eval task.

lm-eval imports this file by path (``!function utils.<name>`` in the YAML), so it reaches the shared helpers
by putting ``evals/`` on ``sys.path`` and uses only the standard library (``datasets`` lazily).
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md
import probe_common  # noqa: E402

ITEMS_PATH = Path(__file__).resolve().parent / "items.jsonl"

# --- heuristic settings -------------------------------------------------------------------------
ECHO_MIN_WORDS = 6  # a reply that opens with this many of the prompt's leading words restates it
SHORT_ECHO_MIN_WORDS = 3  # ...or with the whole prompt, when the prompt is shorter than that
COPIED_SENTENCE_MIN_WORDS = 4  # a copied first sentence must be at least this long to count
QUESTION_MIN_CONTENT_WORDS = 3  # a reply-question made only of prompt words needs at least this many
REPOSE_MIN_WORDS = 4  # a reply sentence opening with this many (and half) of a prompt sentence's words

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")

# A new user / instruction turn inside the reply. Checked per line; `(?im)` = ignore case, multiline.
_TURN_MARKERS = [
    # "User:", "Human:", "Q:", "Instruction:", optionally decorated: "**User:**", "> Human:", "### User:"
    re.compile(r"(?im)^[ \t>*#_]*(?:user|human|instruction|q)[ \t]*\**[ \t]*:"),
    # Alpaca/markdown headers: "### Instruction", "## Input", "### Question", "### Human"
    re.compile(r"(?im)^[ \t]*#{2,}[ \t]*(?:instruction|input|question|prompt|user|human)\b"),
    # raw chat-template markers (only visible when the decoder keeps special tokens)
    re.compile(
        r"(?i)<\|im_start\|>[ \t]*user|<\|user\|>|\[INST\]|<start_of_turn>[ \t]*user"
        r"|<\|start_header_id\|>[ \t]*user"
    ),
    # what "<|im_start|>user" leaves behind once special tokens are skipped: a line that is just "user"
    re.compile(r"(?im)^[ \t]*(?:user|human)[ \t]*$"),
]

# fmt: off
# Lower-case words that can only open a reply if it carries on someone else's sentence.
_CONTINUATION_WORDS = frozenset(
    {
        "and", "or", "but", "nor", "so", "then", "because", "which", "that", "who", "whom", "whose",
        "where", "while", "with", "without", "plus", "also", "as", "than", "until", "unless", "including",
        "like", "such", "etc"
    }
)
# A reply opening with one of these characters is finishing a sentence, not starting one.
_CONTINUATION_PUNCT = (",", ";", ")", "]", "...", "\u2026")
# A prompt ending in one of these is complete; anything else (letter, digit, comma, colon...) is open.
_TERMINAL = (".", "?", "!", ")", "]", '"', "'", "`", "\u201d")

# A prompt that ends with a list number ("... 2. call grandma 3.") is open although it ends with a dot.
_OPEN_LIST_ITEM = re.compile(r"(?:^|\s)\d{1,3}[.)]$")
# The user asked for their text to be carried on, so a reply that starts mid-sentence does what was asked.
_ASKS_TO_CONTINUE = re.compile(
    r"(?i)\b(?:finish|complete|continue|carry on)\b(?: (?:this|my|the|writing))|\bnext (?:line|sentence|word)\b"
)
# Multiple-choice options ("A. Sydney" / "b) Perth") on their own line.
_ANSWER_OPTIONS = re.compile(r"^[(]?[A-Da-d][.)][ \t]+\S")
# The user asking the assistant for help ("Can you help me make it sound more polite?").
_USER_REQUEST = re.compile(r"(?i)\b(?:can|could|would|will) you (?:please )?help me\b")
# First-person openers that are the assistant speaking, not the user going on.
_ASSISTANT_OPENER = re.compile(
    r"(?i)^\W*I(?:'d| would) (?:be (?:happy|glad)|love) to\b|^\W*I(?:'ll| will| can) (?:help|finish|complete|"
    r"continue|write|draft)\b|^\W*I(?:'m| am) (?:happy|glad|sorry|not sure (?:what|which|how|where))\b"
    r"|^\W*I (?:see|understand|notice|noticed|can't|cannot|don't see)\b"
)

_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_FIRST_PERSON_SUBJECT = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
_SECOND_PERSON = frozenset({"you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself"})
_STOPWORDS = frozenset(
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "doing",
        "have", "has", "had", "to", "of", "in", "on", "at", "for", "from", "by", "with", "about", "into",
        "over", "under", "and", "or", "but", "if", "then", "so", "than", "that", "this", "these", "those",
        "it", "its", "it's", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "can",
        "could", "should", "would", "will", "shall", "may", "might", "must", "not", "no", "yes", "i", "me",
        "my", "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "them", "there",
        "here", "just", "very", "really", "any", "some", "all", "more", "most", "get", "got", "make",
        "much", "many"
    }
)
# fmt: on


def load_items(**_: Any):
    """``custom_dataset`` hook: return the items as a ``DatasetDict`` with one split, ``test``.

    lm-eval calls this with the task metadata (``version``) and, when ``simple_evaluate`` builds the
    TaskManager itself, the parsed ``model_args`` as keyword arguments; none of them are needed here.
    The path is resolved from this file, so the task loads from any working directory.
    """
    return probe_common.load_items(ITEMS_PATH)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def _first_sentence(text: str) -> str:
    """The reply's first non-empty line, cut after its first ``.``, ``?`` or ``!``."""
    for line in text.strip().splitlines():
        if _words(line):
            match = re.match(r".*?[.?!]+(?=\s|$)", line.strip())
            return match.group(0) if match else line.strip()
    return ""


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    """True if ``needle`` occurs as a contiguous run of words in ``haystack``."""
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def _sentences(text: str) -> list[str]:
    """Non-empty sentences of ``text``: split at ``. ? !`` followed by a space and at every line break."""
    parts = re.split(r"(?<=[.?!:])\s+|\n+", text.strip())
    return [part.strip() for part in parts if _words(part)]


def _copied_prefix_end(prompt_words: list[str], text: str) -> int:
    """Character offset in ``text`` where its opening copy of the prompt ends (0: it opens with no copy).

    The copy is the longest run of the reply's first words that occurs verbatim in the prompt; it counts
    when it has :data:`COPIED_SENTENCE_MIN_WORDS` words or is a whole prompt sentence ("Ideas?")."""
    matches = list(_WORD.finditer(text.lower().replace("\u2019", "'")))
    size = 0
    while size < len(matches) and _contains_run(prompt_words, [m.group(0) for m in matches[: size + 1]]):
        size += 1
    if size == 0:
        return 0
    end = matches[size - 1].end()
    end += len(re.match(r"[^\w\s]*", text[end:]).group(0))  # the copied sentence's own punctuation
    copied = [m.group(0) for m in matches[:size]]
    whole_sentence = text[:end].rstrip().endswith(("?", ".", "!")) and copied == prompt_words[-size:]
    return end if size >= COPIED_SENTENCE_MIN_WORDS or whole_sentence else 0


def _in_user_voice(sentence: str, subject_only: bool = False) -> bool:
    """First person (I/me/my; only I/I'm/... with ``subject_only``) and no second person: the asker
    talking, not the assistant."""
    found = set(_words(sentence))
    first_person = _FIRST_PERSON_SUBJECT if subject_only else _FIRST_PERSON
    return bool(found & first_person) and not found & _SECOND_PERSON


def _answers_after_copy(prompt: str, rest: str) -> bool:
    """Whether the text after an opening copy of the prompt reads as the assistant's answer ("Why is the
    sky blue? Because ..."): it exists, starts a new capitalised sentence, asks nothing back and does not
    speak as the user."""
    rest = rest.strip()
    opener = re.match(r"[A-Za-z']+", rest)
    if not _words(rest) or rest.startswith(_CONTINUATION_PUNCT) or (opener and opener.group(0).islower()):
        return False
    if _ANSWER_OPTIONS.match(rest):  # "A. Sydney\nB. Melbourne ...": it turns the question into a quiz
        return False
    first = _first_sentence(rest)
    return not first.endswith("?") and not _in_user_voice(first) and not _reposes_prompt(prompt, rest)


def _reposes_prompt(prompt: str, text: str) -> bool:
    """``text`` has a sentence that opens like the prompt's first sentence (the request) but goes on
    differently: a new request written in the user's own format ("Write a haiku about the mountains." after
    "Write a haiku about the ocean."), or the request repeated after something else. A sentence counts when
    it shares the request's first :data:`REPOSE_MIN_WORDS` words and at least half of them."""
    request = next(iter(_sentences(prompt)), "")
    opening = _words(request)
    need = max(REPOSE_MIN_WORDS, math.ceil(len(opening) / 2))
    if len(opening) < need:
        return False
    for index, sentence in enumerate(_sentences(text)):
        said = _words(sentence)
        if said[:need] == opening[:need] and (index > 0 or said[: len(opening)] != opening):
            return True
    return False


def continuation_reasons(prompt: str, reply: str) -> list[str]:
    """Names of the :func:`continues_prompt` heuristics that fire (empty: the reply looks like an answer)."""
    text = reply.strip()
    if not text:
        return []
    reasons = []
    prompt_words, reply_words = _words(prompt), _words(text)
    first = _first_sentence(text)
    first_words = _words(first)

    # 1. The reply opens a new user/instruction turn.
    if any(pattern.search(text) for pattern in _TURN_MARKERS):
        reasons.append("turn_marker")

    # 2. The reply restates the prompt: it opens with the prompt's own opening words, or its first
    #    sentence is a verbatim run of words taken from the prompt (or the prompt's closing question) -
    #    unless what follows the copy is an answer ("Why is the sky blue? Because ...").
    shared = 0
    for prompt_word, reply_word in zip(prompt_words, reply_words, strict=False):
        if prompt_word != reply_word:
            break
        shared += 1
    whole_short_prompt = shared == len(prompt_words) and shared >= SHORT_ECHO_MIN_WORDS
    copy_end = _copied_prefix_end(prompt_words, text)
    answers_after_copy = copy_end > 0 and _answers_after_copy(prompt, text[copy_end:])
    if shared >= ECHO_MIN_WORDS or whole_short_prompt:
        if not answers_after_copy:
            reasons.append("echoes_prompt_start")
    elif (
        copy_end
        and not answers_after_copy
        and (
            (len(first_words) >= COPIED_SENTENCE_MIN_WORDS and _contains_run(prompt_words, first_words))
            or text[:copy_end].rstrip().endswith("?")
        )
    ):
        reasons.append("copies_prompt_sentence")

    # ...or it writes a new request in the prompt's own format, or repeats the prompt after something else.
    if _reposes_prompt(prompt, text):
        reasons.append("reposes_prompt")

    # 3. The reply carries on the prompt's sentence instead of starting its own (unless it was asked to:
    #    "Help me finish this email: ... since" -> "last Monday, ...").
    opener = re.match(r"[A-Za-z']+", text)
    opener_word = opener.group(0) if opener else ""
    stripped_prompt = prompt.rstrip()
    prompt_is_open = not stripped_prompt.endswith(_TERMINAL) or bool(_OPEN_LIST_ITEM.search(stripped_prompt))
    asked_to_continue = bool(_ASKS_TO_CONTINUE.search(prompt))
    # (case-sensitive on purpose: a capitalised "And" or "Because" may well open an answer)
    if text.startswith(_CONTINUATION_PUNCT) or opener_word in _CONTINUATION_WORDS:
        if not asked_to_continue:
            reasons.append("continues_mid_sentence")
    elif prompt_is_open and opener_word.islower() and not re.match(r"[A-Za-z']+[_.(=`]", text):
        # a plain lower-case word right after an unfinished prompt (identifiers like `print(` excluded)
        if not asked_to_continue:
            reasons.append("completes_unfinished_prompt")
    elif prompt_is_open and not asked_to_continue:
        # a capitalised sentence in the asker's voice after an unfinished prompt ("... and" -> "I want to
        # do something more meaningful."); a very short first sentence ("12?") is read with the next one
        sentences = _sentences(text)
        opening = " ".join(sentences[:2]) if sentences and len(_words(sentences[0])) < 3 else first
        if _in_user_voice(opening, subject_only=True) and not _ASSISTANT_OPENER.match(text):
            reasons.append("continues_in_user_voice")

    # 4. The reply asks the question back, in the user's voice or with the user's words, or asks for help.
    if _USER_REQUEST.search(text):
        reasons.append("asks_for_help_as_user")
    if first.endswith("?") and "echoes_prompt_start" not in reasons and not answers_after_copy:
        first_set = set(first_words)
        user_voice = bool(first_set & _FIRST_PERSON) and not first_set & _SECOND_PERSON
        content = [word for word in first_words if word not in _STOPWORDS]
        prompt_set = set(prompt_words)
        same_words = len(content) >= QUESTION_MIN_CONTENT_WORDS and all(w in prompt_set for w in content)
        if user_voice or same_words:
            reasons.append("asks_back_as_user")

    return reasons


def continues_prompt(prompt: str, reply: str) -> bool:
    """Return True if ``reply`` continues or restates the user's ``prompt`` instead of answering it.

    This is the visible symptom of training without a loss mask on the prompt: the model has learned
    to write *user* turns and keeps doing so after the assistant header. A reply is flagged when any
    of these heuristics fires (see :func:`continuation_reasons` for which one):

    1. ``turn_marker`` - it contains a new user/instruction turn: a line starting with ``User:``,
       ``Human:``, ``Q:`` or ``Instruction:`` (markdown decoration allowed), a ``### Instruction`` /
       ``### Input`` style header, a raw template marker (``<|im_start|>user``, ``[INST]``,
       ``<start_of_turn>user``, ``<|start_header_id|>user``) or a line that is only ``user``, which
       is what ``<|im_start|>user`` decodes to once special tokens are skipped.
    2. Restating the prompt:
       ``echoes_prompt_start`` - the reply opens with the prompt's first 6+ words (or with the whole
       prompt when it has 3-5 words); ``copies_prompt_sentence`` - the reply's first sentence
       (4+ words) is a verbatim run of the prompt's words, or it opens with the prompt's closing
       question ("Ideas?"). Neither fires when the copy is followed by an answer (:func:`_answers_after_copy`:
       "Why is the sky blue? Because ..."). Quoting a few words inside a new sentence is fine: "The capital
       of France is Paris." does not restate "What is the capital of France?".
       ``reposes_prompt`` - a sentence opens like the prompt's request but goes on differently ("Write a
       haiku about the mountains."), or repeats the request after something else.
    3. Carrying on the prompt's sentence (unless the user asked for it: "Help me finish this email: ..."):
       ``continues_mid_sentence`` - the reply starts with ``,`` ``;`` ``)`` ``]`` or an ellipsis, or
       with a lower-case connective ("and", "or", "but", "which", "because", ...);
       ``completes_unfinished_prompt`` - the prompt does not end with ``. ? ! ) ] " '`` (or ends with an
       open list number "3.") and the reply starts with a lower-case word (code identifiers such as
       ``print(`` or ``os.path`` excluded); ``continues_in_user_voice`` - after such a prompt, the reply's
       first sentence speaks as the user (I ... and no you/your), not as an assistant ("I'd be happy to").
    4. ``asks_back_as_user`` - the reply's first sentence is a question in the user's voice (it uses
       I/me/my and never you/your, so "Could you tell me more?" is not flagged) or every one of its
       3+ content words (stopwords ignored) comes from the prompt; ``asks_for_help_as_user`` - it asks
       for help as the user would ("Can you help me ...?").

    Words are compared lower-cased, punctuation ignored. An empty or whitespace-only reply returns
    False: it answers nothing, but it does not continue the prompt either (see the README).
    """
    return bool(continuation_reasons(prompt, reply))


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval hook: score one generation (``results[0]``) against its item."""
    return {"continuation_rate": float(continues_prompt(doc["prompt"], results[0]))}
