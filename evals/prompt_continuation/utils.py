"""Loader and scoring for the ``prompt_continuation`` lm-eval task.

lm-eval imports this file by path (``!function utils.<name>`` in the YAML), so it must not depend on
being importable as a package and must only use the standard library plus ``datasets`` (lazily).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ITEMS_PATH = Path(__file__).resolve().parent / "items.jsonl"
SPLIT = "test"  # must match `test_split` in prompt_continuation.yaml

# --- heuristic settings -------------------------------------------------------------------------
ECHO_MIN_WORDS = 6  # a reply that opens with this many of the prompt's leading words restates it
SHORT_ECHO_MIN_WORDS = 3  # ...or with the whole prompt, when the prompt is shorter than that
COPIED_SENTENCE_MIN_WORDS = 4  # a copied first sentence must be at least this long to count
QUESTION_MIN_CONTENT_WORDS = 3  # a reply-question made only of prompt words needs at least this many

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

_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
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
    import datasets

    lines = ITEMS_PATH.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return datasets.DatasetDict({SPLIT: datasets.Dataset.from_list(rows)})


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
    #    sentence is a verbatim run of words taken from the prompt.
    shared = 0
    for prompt_word, reply_word in zip(prompt_words, reply_words, strict=False):
        if prompt_word != reply_word:
            break
        shared += 1
    whole_short_prompt = shared == len(prompt_words) and shared >= SHORT_ECHO_MIN_WORDS
    if shared >= ECHO_MIN_WORDS or whole_short_prompt:
        reasons.append("echoes_prompt_start")
    elif len(first_words) >= COPIED_SENTENCE_MIN_WORDS and _contains_run(prompt_words, first_words):
        reasons.append("copies_prompt_sentence")

    # 3. The reply carries on the prompt's sentence instead of starting its own.
    opener = re.match(r"[A-Za-z']+", text)
    opener_word = opener.group(0) if opener else ""
    prompt_is_open = not prompt.rstrip().endswith(_TERMINAL)
    # (case-sensitive on purpose: a capitalised "And" or "Because" may well open an answer)
    if text.startswith(_CONTINUATION_PUNCT) or opener_word in _CONTINUATION_WORDS:
        reasons.append("continues_mid_sentence")
    elif prompt_is_open and opener_word.islower() and not re.match(r"[A-Za-z']+[_.(=`]", text):
        # a plain lower-case word right after an unfinished prompt (identifiers like `print(` excluded)
        reasons.append("completes_unfinished_prompt")

    # 4. The reply asks the question back, in the user's voice or with the user's words.
    if first.endswith("?") and "echoes_prompt_start" not in reasons:
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
       (4+ words) is a verbatim run of the prompt's words, e.g. it repeats the question of a
       multi-sentence message. Quoting a few words inside a new sentence is fine: "The capital of
       France is Paris." does not restate "What is the capital of France?".
    3. Carrying on the prompt's sentence:
       ``continues_mid_sentence`` - the reply starts with ``,`` ``;`` ``)`` ``]`` or an ellipsis, or
       with a lower-case connective ("and", "or", "but", "which", "because", ...);
       ``completes_unfinished_prompt`` - the prompt does not end with ``. ? ! ) ] " ' `` and the reply
       starts with a lower-case word (code identifiers such as ``print(`` or ``os.path`` excluded).
    4. ``asks_back_as_user`` - the reply's first sentence is a question in the user's voice (it uses
       I/me/my and never you/your, so "Could you tell me more?" is not flagged) or every one of its
       3+ content words (stopwords ignored) comes from the prompt.

    Words are compared lower-cased, punctuation ignored. An empty or whitespace-only reply returns
    False: it answers nothing, but it does not continue the prompt either (see the README).
    """
    return bool(continuation_reasons(prompt, reply))


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval hook: score one generation (``results[0]``) against its item."""
    return {"continuation_rate": float(continues_prompt(doc["prompt"], results[0]))}
