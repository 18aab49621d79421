"""Write ``items.jsonl`` for the ``prompt_continuation`` probe (stdlib only, deterministic).

The items are user messages written by hand for this project; nothing is downloaded or sampled.
Each line of the output is one JSON object::

    {"id": "pc_question_001", "kind": "question", "topic": "science", "prompt": "..."}

``kind`` is one of:

* ``question``    - a plain, self-contained question;
* ``instruction`` - an imperative request ("Explain ...", "Write ...", "List ...");
* ``open_ended``  - a multi-sentence message that gives context before asking something;
* ``unfinished``  - a message that ends with a colon, an open list or a dangling clause. These
  tempt a model that learned to *write user turns* (loss not masked on the prompt) to simply
  carry on typing the user's text instead of replying to it.

Ids are ``pc_<kind>_<nnn>`` numbered in list order, so they stay stable as long as new prompts are
appended at the end of a list (never inserted or removed in the middle). Output is byte-identical
on every run: fixed order (kinds interleaved round-robin), ``ensure_ascii`` on, ``\\n`` line endings.

Usage::

    python evals/prompt_continuation/build_items.py            # rewrite items.jsonl next to this file
    python evals/prompt_continuation/build_items.py --out X    # write somewhere else (used by tests)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "items.jsonl"

# (topic, prompt) pairs per kind. Append only: an item's id is its position in its list.
QUESTIONS: list[tuple[str, str]] = [
    ("science", "What is the boiling point of water at sea level in Celsius?"),
    ("science", "Why is the sky blue?"),
    ("science", "How do vaccines train the immune system?"),
    ("science", "What causes the seasons on Earth?"),
    ("science", "What is the difference between a virus and a bacterium?"),
    ("history", "Who was the first person to walk on the Moon?"),
    ("history", "When did the Berlin Wall fall?"),
    ("history", "Why did the Roman Empire split into eastern and western halves?"),
    ("history", "What was the Silk Road used for?"),
    ("cooking", "How long should I boil an egg if I want a runny yolk?"),
    ("cooking", "What can I use instead of buttermilk in pancakes?"),
    ("cooking", "Why does bread dough need to rest?"),
    ("coding", "What does the git rebase command do?"),
    ("coding", "In Python, what is the difference between a list and a tuple?"),
    ("coding", "What is a race condition?"),
    ("coding", "How do I reverse a string in JavaScript?"),
    ("travel", "What is the best time of year to see the cherry blossoms in Japan?"),
    ("travel", "Is it safe to drink tap water in Lisbon?"),
    ("travel", "What should I pack for a week of hiking in the Scottish Highlands?"),
    ("health", "How much water should an adult drink each day?"),
    ("health", "Is it bad to stretch before running?"),
    ("health", "What are common symptoms of iron deficiency?"),
    ("money", "What is compound interest?"),
    ("money", "Should I pay off my credit card or build an emergency fund first?"),
    ("money", "What is the difference between a stock and a bond?"),
    ("language", "What is the plural of cactus?"),
    ("language", "How do you say thank you in Japanese?"),
    ("language", "When should I use whom instead of who?"),
    ("geography", "What is the capital of Australia?"),
    ("geography", "Which river is the longest in Africa?"),
    ("math", "What is 17 multiplied by 23?"),
    ("math", "What is a prime number?"),
    ("music", "What is the difference between a major chord and a minor chord?"),
    ("nature", "Why do leaves change color in autumn?"),
    ("nature", "How do bees make honey?"),
    ("technology", "What does a VPN actually do?"),
    ("technology", "What is the difference between RAM and storage?"),
    ("home", "How do I get a red wine stain out of a carpet?"),
    ("home", "How often should I water a cactus?"),
    ("sports", "How many players does a soccer team have on the field?"),
]

INSTRUCTIONS: list[tuple[str, str]] = [
    ("science", "Explain photosynthesis to a ten-year-old."),
    ("language", "Write a haiku about the ocean."),
    ("language", "Translate into Spanish: Good morning, how are you?"),
    ("health", "List three tips for improving sleep quality."),
    ("history", "Summarize the causes of the First World War in two sentences."),
    ("coding", "Write a Python function that checks whether a number is even."),
    ("cooking", "Give me a recipe for a simple tomato soup."),
    ("business", "Suggest a name for a bakery that specializes in sourdough."),
    ("math", "Convert 5 miles to kilometers."),
    ("science", "Describe the water cycle in four steps."),
    ("language", "Write a short thank-you note to a coworker who helped me move."),
    ("technology", "Explain what an API is without using technical jargon."),
    ("travel", "Give me a two-day itinerary for Lisbon."),
    ("home", "Recommend three houseplants that are hard to kill."),
    ("language", "Rewrite this sentence to be more formal: gonna be late, traffic is nuts."),
    ("science", "Explain the difference between weather and climate."),
    ("coding", "Write a SQL query that counts the rows in a table named orders."),
    ("money", "Create a weekly budget for someone who earns 600 dollars a week."),
    ("geography", "Name five countries in South America."),
    ("history", "Explain how a bill becomes a law in the United States."),
    ("health", "Give me a warm-up routine to do before lifting weights."),
    ("language", "Correct the grammar in this sentence: Me and him goes to the store yesterday."),
    ("language", "Write a limerick about a cat who loves cheese."),
    ("money", "Explain what inflation is and why it matters."),
    ("home", "Describe how to change a flat tire."),
    ("coding", "Write a regular expression that matches a five-digit US ZIP code."),
    ("literature", "Outline the plot of Romeo and Juliet in three bullet points."),
    ("career", "Give me three questions to ask at the end of a job interview."),
    ("science", "Explain why the Moon has phases."),
    ("cooking", "Suggest a vegetarian dinner I can make in twenty minutes."),
    ("business", "Write a one-sentence product description for a reusable water bottle."),
    ("art", "Explain the rule of thirds in photography."),
    ("science", "List the planets of the solar system in order from the Sun."),
    ("career", "Tell me how to politely decline a meeting invitation."),
    ("money", "Explain what a mortgage is."),
    ("language", "Teach me how to count to five in Spanish."),
]

OPEN_ENDED: list[tuple[str, str]] = [
    ("social", "I just moved to a new city and I don't know anyone. How can I make friends as an adult?"),
    ("cooking", "My sourdough starter smells like nail polish remover. Is it ruined, and what should I do?"),
    ("career", "I have a job interview tomorrow for a data analyst role. I'm nervous. Any advice?"),
    (
        "coding",
        "My team keeps missing sprint deadlines. We estimate in story points, but our estimates are "
        "always too low. What could we change?",
    ),
    (
        "travel",
        "I'm planning a trip to Iceland in February and I'll rent a car. What should I be careful about?",
    ),
    ("learning", "I have two free hours on a Sunday afternoon and want to learn something new. Ideas?"),
    (
        "coding",
        "My Python script reads a large CSV file and runs out of memory. How can I process it more "
        "efficiently?",
    ),
    (
        "health",
        "I've been getting headaches every afternoon at work. I sit at a computer most of the day. "
        "What could be causing them?",
    ),
    (
        "cooking",
        "We're hosting eight people for dinner, and two of them are vegan. What menu would work "
        "for everyone?",
    ),
    ("money", "I want to start investing but I only have about 100 dollars a month. Where should I begin?"),
    (
        "language",
        "I'm learning German and I keep mixing up der, die and das. Is there a trick to remembering them?",
    ),
    (
        "history",
        "My grandfather served in the Korean War but never talked about it. How can I research his service?",
    ),
    ("community", "Our small town library wants to attract more teenagers. What programs could we offer?"),
    (
        "learning",
        "I keep procrastinating on my thesis. I know what I need to write, but I can't start. What can I do?",
    ),
    (
        "gardening",
        "My tomato plants have yellow leaves at the bottom, but the tops look healthy. What's going on?",
    ),
    (
        "writing",
        "I'm writing a fantasy novel and my villain feels flat. How can I make her more interesting?",
    ),
    (
        "technology",
        "Our website loads slowly on mobile phones. Where should we start looking for the problem?",
    ),
    ("health", "I'm a nurse on night shifts and I can never sleep well during the day. What might help?"),
    (
        "social",
        "I want to surprise my partner for our tenth anniversary. We both love astronomy. Any ideas?",
    ),
    (
        "money",
        "My landlord wants to raise the rent by 20 percent. I've lived here five years without any problems. "
        "How should I respond?",
    ),
    (
        "science",
        "I teach high school chemistry. How can I make a lesson on the periodic table more engaging?",
    ),
    (
        "coding",
        "My Flask app returns a 500 error after I deploy it, but it works locally. How do I debug this?",
    ),
    ("health", "I'm a beginner runner and my shins hurt after every run. Should I keep going?"),
    (
        "money",
        "I received an inheritance of 20,000 dollars and I still have some student debt. What are my "
        "options?",
    ),
    (
        "science",
        "My daughter asked me why we can't see stars during the day. How should I explain it to her?",
    ),
    (
        "travel",
        "I'm visiting Rome for three days with my parents, who can't walk very far. What should we "
        "prioritize?",
    ),
    (
        "writing",
        "I need to give a toast at my brother's wedding. He's a firefighter and he loves fishing. "
        "Can you help?",
    ),
    (
        "coding",
        "Our startup must choose between PostgreSQL and MongoDB for a new app with lots of relational data. "
        "Which would you pick, and why?",
    ),
    ("learning", "I forget people's names right after I meet them. Are there techniques that actually work?"),
    ("science", "What would happen if the Moon suddenly disappeared? Walk me through the effects."),
    (
        "history",
        "Imagine you are a tour guide in ancient Athens. Describe what a visitor would see in the agora.",
    ),
    ("history", "Tell me about an invention that changed everyday life more than most people realize."),
]

UNFINISHED: list[tuple[str, str]] = [
    ("personal", "Here are my three goals for this year: learn Spanish, run a marathon, and"),
    ("cooking", "My grocery list so far: milk, bread, apples,"),
    (
        "cooking",
        "Can you help me plan a week of dinners? So far I have pasta on Monday, tacos on Tuesday, and",
    ),
    (
        "travel",
        "I'm packing for a beach holiday in Greece. So far I've packed sunscreen, two swimsuits, sandals,",
    ),
    (
        "home",
        "Help me finish this email to my landlord: Hi Mark, I wanted to let you know that the kitchen tap "
        "has been leaking since",
    ),
    ("math", "What comes next in this pattern: 2, 4, 8, 16,"),
    ("cooking", "The steps to make a good cup of tea are:"),
    ("language", "Write the next line of this poem: Roses are red, violets are blue,"),
    ("travel", "Things I should check before a long road trip:"),
    ("career", "My reasons for changing careers are that I feel stuck, I want more flexible hours, and"),
    (
        "career",
        "I'm giving a graduation speech and my opening line is: The most important thing I learned in "
        "college was",
    ),
    ("coding", "Explain the following code:\n\nfor i in range(3):\n    print(i)"),
    ("personal", "Dear diary, today I finally"),
    ("personal", "My to-do list for Saturday: 1. clean the garage 2. call grandma 3."),
    ("cooking", "Ingredients I have in the fridge: eggs, spinach, feta, half an onion. What can I cook with"),
    ("travel", "I need a packing list for a three-day business trip to Chicago. Start with essentials like"),
    ("coding", "Help me write a short bio for my profile. I am a software engineer who loves hiking and"),
    ("health", "The symptoms I've had this week are a sore throat, a mild fever, and"),
    ("money", "I'm comparing two savings accounts. The first pays 4 percent interest, and the second"),
    ("language", "Suggest a title for my essay, which argues that public libraries are"),
    ("science", "Quick question about photosynthesis: why do plants need"),
    (
        "history",
        "In my history class we're studying the causes of the Great Depression, such as the stock market "
        "crash,",
    ),
    ("health", "My daily routine is: wake up at 6, go for a run, shower, and then"),
    ("math", "Can you check my math? 15 percent of 80 is"),
    (
        "career",
        "Here's the start of my cover letter: I am excited to apply for the marketing coordinator position "
        "because",
    ),
    (
        "travel",
        "Tell me what you think of my itinerary: day one in Kyoto visiting temples, day two in Nara with the "
        "deer, day three",
    ),
    ("coding", "The error message I get when I run npm install says"),
    (
        "language",
        "I'm trying to remember the word for when a word sounds like what it describes, like buzz or",
    ),
    (
        "writing",
        "Give me feedback on my opening line: It was a dark and stormy night, and the lighthouse keeper",
    ),
    ("cooking", "Recipe idea: a chocolate cake, but with"),
    (
        "science",
        "For my science fair project I want to test whether music affects plant growth. My "
        "hypothesis is that",
    ),
    ("money", "My budget for this month: rent 1200, groceries 400, transport 150,"),
    ("history", "The main events of the American Revolution, in order, were:"),
    (
        "coding",
        "Why should I learn to code? My friend says it builds problem-solving skills, it opens job "
        "opportunities, and",
    ),
    ("language", "Is this sentence correct? Me and my sister goes to the park every"),
    ("health", "I want to drink less coffee. Right now I have one cup at breakfast, one at lunch, and"),
]

KINDS: list[tuple[str, list[tuple[str, str]]]] = [
    ("question", QUESTIONS),
    ("instruction", INSTRUCTIONS),
    ("open_ended", OPEN_ENDED),
    ("unfinished", UNFINISHED),
]


def build_items() -> list[dict[str, str]]:
    """Return every item as a dict, interleaving the kinds round-robin.

    Interleaving keeps ``lm_eval --limit N`` (which takes the first N docs) a mix of all four kinds.
    """
    per_kind = [
        [
            {"id": f"pc_{kind}_{number:03d}", "kind": kind, "topic": topic, "prompt": prompt}
            for number, (topic, prompt) in enumerate(pairs, start=1)
        ]
        for kind, pairs in KINDS
    ]
    items = []
    for position in range(max(len(group) for group in per_kind)):
        items.extend(group[position] for group in per_kind if position < len(group))
    return items


def render(items: list[dict[str, str]]) -> str:
    """Serialise items as JSON Lines with a stable key order."""
    return "".join(json.dumps(item, ensure_ascii=True) + "\n" for item in items)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSONL file")
    args = parser.parse_args(argv)
    items = build_items()
    prompts = [item["prompt"] for item in items]
    if len(set(prompts)) != len(prompts):
        raise SystemExit("duplicate prompts in build_items.py")
    args.out.write_bytes(render(items).encode("utf-8"))
    print(f"wrote {len(items)} items to {args.out}")


if __name__ == "__main__":
    main()
