"""Write ``data/raw/sft_sample.jsonl``, the default sample SFT dataset for sftops (stdlib only, deterministic).

What the data is
----------------
About 340 single-turn instruction/response pairs (320 to 360 enforced), Alpaca format, one per line::

    {"instruction": "...", "input": "...", "output": "..."}

``input`` is ``""`` unless the instruction refers to some material (a paragraph to summarize, a sentence
to fix, a list to sort, code to explain); about 15% of rows carry one. Every ``output`` is written in the
voice of a concise, friendly assistant: it answers first, then adds at most one or two useful sentences.
Outputs are 12 to 90 words (most 20 to 60) so that a training run stays short on a 2-core CPU.

Topics: science, history, geography, mathematics, programming, writing tasks (summarize, rewrite, fix
grammar, give a title, translate), everyday advice (cooking, health basics, money, travel), definitions,
comparisons, classification and reasoning puzzles. Some rows teach behavior rather than facts:

* misconceptions: the user states a common wrong belief; the answer corrects it politely with the fact;
* sounds sensitive: harmless requests worded like harmful ones ("kill a process"), answered helpfully;
* refusals: clearly harmful requests, declined briefly and politely with one safe alternative;
* unknown: questions about invented people, books, places and events; the answer says it does not
  know of them instead of making details up.

How it was made
---------------
Everything was written for this project (drafted with an AI assistant and fact-checked while writing);
nothing is downloaded, scraped, sampled or generated at build time. ``hand_written.jsonl`` (beside this
script) is the single source of the individually written question/answer pairs, one
``{"instruction", "input", "output"}`` object per line, grouped by topic in this order: science, history,
geography, math, programming, practical advice, definitions, comparisons, reasoning, miscellany, rows with
an input, misconceptions, sounds sensitive, refusals, unknown. Edit or append rows there. The remaining
rows are computed here from small fact tables (capital cities, unit conversions) and arithmetic word
problems; their numbers come from exact ``Decimal``/integer arithmetic, and each template rotates through
at least four phrasings by row index so that the templated rows do not repeat one sentence shape.

This script and its source live in ``data/sample/``, not in ``data/raw/``: ``data/raw/`` is the prepare
stage's DVC dependency and its hash is the scheduled retrain's "data changed" signal, so it holds data only.

Output guarantees
-----------------
Byte-identical on every run: no randomness, no dates, rows sorted by the SHA-256 of instruction + input
(a fixed order that mixes topics), ``json.dumps(row, ensure_ascii=False)``, UTF-8, ``\\n`` line endings.
Before writing, ``check_rows`` enforces the size, length and distinctness rules above and exits non-zero
if any row breaks them.

Usage::

    python data/sample/build_sample.py              # (re)write data/raw/sft_sample.jsonl
    python data/sample/build_sample.py --out X.jsonl
"""

import argparse
import hashlib
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "raw" / "sft_sample.jsonl"
HAND_WRITTEN_PATH = HERE / "hand_written.jsonl"

# (instruction, input, output)
Row = tuple[str, str, str]

# ---------------------------------------------------------------------------------------------------------
# Hand-written rows: hand_written.jsonl is their single source
# ---------------------------------------------------------------------------------------------------------
FIELDS = ("instruction", "input", "output")


def read_hand_written(path: Path = HAND_WRITTEN_PATH) -> list[Row]:
    """The rows of ``hand_written.jsonl``: each line one object with exactly the string fields of FIELDS."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not (isinstance(record, dict) and set(record) == set(FIELDS)):
            raise SystemExit(f"{path}:{number}: expected exactly the fields {', '.join(FIELDS)}")
        if not all(isinstance(record[field], str) for field in FIELDS):
            raise SystemExit(f"{path}:{number}: every field must be a string")
        rows.append((record["instruction"], record["input"], record["output"]))
    return rows


# ---------------------------------------------------------------------------------------------------------
# Templated rows: fact tables and computed word problems
# ---------------------------------------------------------------------------------------------------------

# fmt: off
# (country, capital, a fact that reads well after the capital's name and does not need it repeated)
CAPITALS: list[tuple[str, str, str]] = [
    ("Canada", "Ottawa", "It sits on the Ottawa River in Ontario, just across from Gatineau, Quebec."),
    ("Brazil", "Brasília", "The planned city replaced Rio de Janeiro as the capital in 1960."),
    (
        "Germany",
        "Berlin",
        "It became the capital of reunified Germany in 1990, and parliament moved there from Bonn in 1999.",
    ),
    (
        "Turkey",
        "Ankara",
        "Istanbul is far bigger, but this city in central Anatolia has been the capital since 1923.",
    ),
    (
        "Nigeria",
        "Abuja",
        "The planned city in the middle of the country replaced Lagos as the capital in 1991.",
    ),
    (
        "New Zealand",
        "Wellington",
        "Auckland is larger, but the capital sits at the southern tip of the North Island.",
    ),
    (
        "Switzerland",
        "Bern",
        "Swiss law calls it the federal city rather than the capital, but it is the seat of the national "
        "government.",
    ),
    (
        "the Netherlands",
        "Amsterdam",
        "It is the capital under the constitution, although the government and parliament sit in The Hague.",
    ),
    ("Vietnam", "Hanoi", "Ho Chi Minh City is larger, but the capital lies in the north, on the Red River."),
    (
        "Morocco",
        "Rabat",
        "Casablanca is the largest city, but the royal palace, parliament and ministries are in the "
        "capital on the Atlantic coast.",
    ),
    (
        "Egypt",
        "Cairo",
        "It lies on the Nile, close to the pyramids of Giza, and is the largest city in the Arab world.",
    ),
    (
        "Argentina",
        "Buenos Aires",
        "It sits on the Río de la Plata estuary and is known as a birthplace of tango.",
    ),
    (
        "Japan",
        "Tokyo",
        "Greater Tokyo, with about 37 million people, is one of the largest metropolitan areas on Earth.",
    ),
    ("Norway", "Oslo", "It is also the country's largest city and sits at the head of the Oslofjord."),
    (
        "Peru",
        "Lima",
        "Founded by the Spanish conquistador Francisco Pizarro in 1535, it lies on the Pacific coast.",
    ),
    (
        "Kenya",
        "Nairobi",
        "It is the country's largest city, and its national park, home to giraffes and lions, lies just "
        "outside the city center.",
    ),
    (
        "India",
        "New Delhi",
        "It was inaugurated as the capital in 1931 and lies within the larger National Capital Territory "
        "of Delhi.",
    ),
    (
        "Mexico",
        "Mexico City",
        "It was built on the ruins of Tenochtitlan, the Aztec capital, on a drained lake bed.",
    ),
]

CAPITAL_QUESTIONS = (
    "What is the capital of {country}?",
    "Which city is the capital of {country}?",
    "Name the capital city of {country}.",
    "Tell me the capital of {country}, please.",
    "What city serves as the capital of {country}?",
    "quick one: capital of {country}?",
)
CAPITAL_ANSWERS = (
    "The capital of {country} is {capital}. {fact}",
    "{capital} is the capital of {country}. {fact}",
    "It's {capital}. {fact}",
    "{capital}. {fact}",
)

# kind -> (from unit, to unit, factor, decimals shown, how to convert)
LINEAR_UNITS: dict[str, tuple[str, str, Decimal, int, str]] = {
    "km_mi": (
        "kilometers",
        "miles",
        Decimal("0.621371"),
        1,
        "One kilometer is about 0.62 miles, so multiply by 0.621.",
    ),
    "mi_km": (
        "miles",
        "kilometers",
        Decimal("1.609344"),
        1,
        "One mile is 1.609 km, so multiply miles by about 1.61.",
    ),
    "kg_lb": (
        "kilograms",
        "pounds",
        Decimal("2.20462"),
        1,
        "One kilogram is about 2.2 pounds, so multiply by 2.2.",
    ),
    "lb_kg": (
        "pounds",
        "kilograms",
        Decimal("0.45359237"),
        1,
        "One pound is about 0.454 kg, so multiply by 0.454.",
    ),
    "in_cm": ("inches", "centimeters", Decimal("2.54"), 2, "An inch is defined as exactly 2.54 centimeters."),
    "l_gal": (
        "liters",
        "US gallons",
        Decimal("0.264172"),
        2,
        "A US gallon holds about 3.785 liters, so divide by 3.785.",
    ),
    "gal_l": (
        "US gallons",
        "liters",
        Decimal("3.785411784"),
        1,
        "A US gallon is about 3.785 liters, so multiply by 3.785.",
    ),
    "m_ft": ("meters", "feet", Decimal("3.28084"), 1, "One meter is about 3.28 feet, so multiply by 3.28."),
    "ft_m": ("feet", "meters", Decimal("0.3048"), 2, "A foot is defined as exactly 0.3048 meters."),
}

# (kind, value, optional closing note)
CONVERSIONS: list[tuple[str, str, str]] = [
    ("km_mi", "5", "That's the distance of a typical 5K fun run."),
    ("kg_lb", "70", ""),
    ("mi_km", "3", ""),
    ("in_cm", "12", "Twelve inches make one foot."),
    ("l_gal", "10", ""),
    ("km_mi", "42.195", "That's the official length of a marathon."),
    ("lb_kg", "150", ""),
    ("m_ft", "100", "That's the length of a 100-meter sprint."),
    ("gal_l", "5", "An imperial gallon is bigger, at about 4.546 liters."),
    ("ft_m", "6", ""),
    ("mi_km", "100", ""),
    ("kg_lb", "2.5", ""),
    (
        "in_cm",
        "55",
        "Screen sizes are measured diagonally, so that's the corner-to-corner size of a 55-inch TV.",
    ),
    ("lb_kg", "10", ""),
]
CONVERSION_QUESTIONS = (
    "How many {to} are in {v} {frm}?",
    "Convert {v} {frm} to {to}.",
    "What is {v} {frm} in {to}?",
    "{v} {frm} is how many {to}?",
    "Can you convert {v} {frm} into {to} for me?",
)
CONVERSION_ANSWERS = (
    "{v} {frm} is {approx}{r} {to}. {rule}",
    "That's {approx}{r} {to}. {rule}",
    "{Approx}{r} {to}. {rule}",
    "{rule} That makes {v} {frm} {approx}{r} {to}.",
)

# (direction, value, closing note); directions: "c_f" Celsius to Fahrenheit, "f_c" the reverse
TEMPERATURES: list[tuple[str, str, str]] = [
    ("c_f", "30", "That's a hot summer day."),
    ("f_c", "100", "That's a little above normal body temperature, which is about 37 °C."),
    ("c_f", "-40", "It's the one temperature where the Celsius and Fahrenheit scales show the same number."),
    ("f_c", "350", "Recipes usually round it to 180 °C, or about 160 °C for a fan oven."),
    ("c_f", "20", "That's a comfortable room temperature."),
]
TEMPERATURE_QUESTIONS = (
    "What is {v} °{a} in {B}?",
    "Convert {v} degrees {A} to {B}.",
    "If it's {v} °{a} outside, what's that in {B}?",
    "My recipe says to bake at {v} °{a}. What is that in {B}?",
    "How much is {v} degrees {A} in {B}?",
)
TEMPERATURE_ANSWERS = (
    "{v} °{a} is {approx}{r} °{b}. {method} {note}",
    "It's {approx}{r} °{b}. {method} {note}",
    "{Approx}{r} °{b}. {method} {note}",
    "{method} So {v} °{a} is {approx}{r} °{b}. {note}",
)

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

# Word problems: each kind has four question phrasings and four answer shapes, used in turn (row i uses
# phrasing i), with numbers chosen so that every amount is a whole number of cents.
# (name, pronoun, count, items, unit price in cents, note paid in cents)
CHANGE_PROBLEMS = [
    ("Maya", "she", 3, "notebooks", 249, 1000),
    ("Leo", "he", 4, "coffees", 375, 2000),
    ("Priya", "she", 6, "bagels", 125, 1000),
    ("Tom", "he", 2, "movie tickets", 1350, 5000),
]
CHANGE_QUESTIONS = (
    "{name} buys {n} {items} at {price} each and pays with a {paid} bill. How much change does {pron} get?",
    "If {n} {items} cost {price} apiece and {name} hands over {paid}, how much should {pron} get back?",
    "How much change from {paid} would {name} receive after buying {n} {items} priced at {price} each?",
    "{name} pays for {n} {items} ({price} each) with {paid}. Work out the change.",
)
CHANGE_ANSWERS = (
    "{name} gets {change} in change. The {items} cost {n} × {price_full} = {total}, and "
    "{paid_full} - {total} = {change}.",
    "The change is {change}. The {items} come to {n} × {price_full} = {total}, and "
    "{paid_full} - {total} = {change}.",
    "{change}. First find the total: {n} × {price_full} = {total}. Then subtract it from the amount paid: "
    "{paid_full} - {total} = {change}.",
    "Work out the cost first: {n} × {price_full} = {total}. The change is {paid_full} - {total} = {change}.",
)

# (distance in km, hours)
SPEED_PROBLEMS = [("240", "3"), ("150", "2.5"), ("45", "2.5"), ("405", "4.5")]
SPEED_QUESTIONS = (
    "A train travels {d} km in {h} hours. What is its average speed?",
    "What's the average speed of a car that covers {d} km in {h} hours?",
    "A cyclist rides {d} km in {h} hours. How fast is that on average?",
    "I drove {d} km and the trip took {h} hours. What was my average speed?",
)
SPEED_ANSWERS = (
    "Its average speed is {s} km/h. Average speed is total distance divided by total time: {d} km ÷ {h} h = "
    "{s} km/h.",
    "{s} km/h on average. Divide the distance by the time: {d} ÷ {h} = {s}.",
    "That's an average of {s} km/h, since {d} km ÷ {h} hours = {s} km/h.",
    "Your average speed was {s} km/h: {d} km ÷ {h} h = {s} km/h. Stops count toward the total time, so your "
    "speed while moving was probably a bit higher.",
)

# (item with article, price in cents, percent off)
DISCOUNT_PROBLEMS = [
    ("a jacket", 8000, 25),
    ("a laptop", 89900, 15),
    ("a pair of shoes", 6450, 20),
    ("a lamp", 4500, 30),
]
DISCOUNT_QUESTIONS = (
    "{Item} costs {price} and is on sale for {pct}% off. What's the sale price?",
    "How much will I pay for {item} that normally costs {price} if I get a {pct}% discount?",
    "The store has {pct}% off {item} that usually sells for {price}. What does it cost now?",
    "Calculate the price of {item} marked {price} after a {pct}% discount.",
)
DISCOUNT_ANSWERS = (
    "The sale price is {sale}. {pct}% of {price_full} is {off}, and {price_full} - {off} = {sale}.",
    "You'd pay {sale}. A {pct}% discount means paying {keep}% of the price: "
    "{price_full} × {factor} = {sale}.",
    "It now costs {sale}, a saving of {off}. To check: {pct}% of {price_full} is {off}, and "
    "{price_full} - {off} = {sale}.",
    "{sale}. The discount is {pct}% × {price_full} = {off}, so the price drops to "
    "{price_full} - {off} = {sale}.",
)

# (start as 24-hour (hour, minute), duration in minutes); question and answer lead are tied to the context
TIME_PROBLEMS = [((19, 45), 130), ((10, 50), 205), ((11, 40), 55), ((16, 30), 105)]
TIME_QUESTIONS = (
    "A movie starts at {start} and runs for {dur}. What time does it end?",
    "My flight leaves at {start} and takes {dur}. What time will I land if there's no time zone change?",
    "I put bread in the oven at {start} and it needs {dur}. When should I take it out?",
    "A meeting begins at {start} and lasts {dur}. When does it finish?",
)
TIME_LEADS = (
    "The movie ends at {end}.",
    "You'll land at {end}.",
    "Take it out at {end}.",
    "The meeting finishes at {end}.",
)

# (length m, width m, price per square meter in dollars)
AREA_PROBLEMS = [("5", "4", "30"), ("3.5", "3", "25"), ("6", "4.5", "40"), ("4", "2.5", "18")]
AREA_QUESTIONS = (
    "A room is {l} m long and {w} m wide. How much will flooring cost at ${c} per square meter?",
    "What would it cost to carpet a {l} m by {w} m bedroom if the carpet is ${c} per square meter?",
    "Flooring costs ${c} per square meter. How much do I need for a {l} × {w} m kitchen?",
    "Tiles cost ${c} per square meter. Find the cost of tiling a {l} m × {w} m patio.",
)
AREA_ANSWERS = (
    "It will cost {cost}. The area is {l} × {w} = {a} m², and {a} × ${c} = {cost}. Buy about 10% extra "
    "to allow for cutting and waste.",
    "{cost}. First find the area: {l} m × {w} m = {a} m². Then multiply by the price: {a} × ${c} = {cost}.",
    "You'll need {cost} for the flooring: {l} × {w} = {a} square meters, and {a} × ${c} = {cost}. Allow a "
    "little extra for offcuts.",
    "The tiles will cost {cost}. The patio's area is {l} × {w} = {a} m², and {a} m² × ${c} = {cost}.",
)

# (bill in cents, tip percent, number of people)
SPLIT_PROBLEMS = [(8400, 15, 4), (12000, 20, 5), (6300, 18, 3), (15000, 10, 6)]
SPLIT_QUESTIONS = (
    "{N} friends share a dinner bill of {bill} and add a {pct}% tip. How much does each person pay?",
    "Our restaurant bill is {bill} and there are {n} of us. With a {pct}% tip, what's each person's share?",
    "Split {bill}, plus a tip of {pct}%, evenly between {n} people.",
    "How much does each of {n} coworkers owe if lunch costs {bill} and they tip {pct}%?",
)
SPLIT_ANSWERS = (
    "Each person pays {each}. The tip is {pct}% of {bill_full} = {tip}, so the total is {grand}, and {grand} "
    "÷ {n} = {each}.",
    "Everyone's share is {each}. Add the tip first: {pct}% of {bill_full} is {tip}, making {grand}. Then "
    "{grand} ÷ {n} = {each}.",
    "{each} each. With the {pct}% tip ({tip}) the total is {grand}, and dividing by {n} gives {each}.",
    "Each coworker owes {each}: the {pct}% tip is {tip}, the total comes to {grand}, and "
    "{grand} ÷ {n} = {each}.",
)
# fmt: on


def fmt_num(value: Decimal) -> str:
    """Plain decimal without trailing zeros: Decimal('10.50') -> '10.5', Decimal('68.0') -> '68'."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def money(cents: int, *, short: bool = False) -> str:
    """Dollars from integer cents: 1050 -> '$10.50'; short=True drops '.00' ('$10')."""
    if short and cents % 100 == 0:
        return f"${cents // 100:,}"
    return f"${cents // 100:,}.{cents % 100:02d}"


def to_cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def clock(minutes: int) -> str:
    """Minutes after midnight (same day) -> '7:45 pm' (12:00 is 'noon')."""
    if not 0 <= minutes < 24 * 60:
        raise ValueError("time problems must stay within one day")
    if minutes == 12 * 60:
        return "noon"
    hour, minute = divmod(minutes, 60)
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}:{minute:02d} {suffix}"


def duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
    if mins:
        parts.append(f"{mins} minutes")
    return " and ".join(parts)


def capital_rows() -> list[Row]:
    rows = []
    for i, (country, capital, fact) in enumerate(CAPITALS):
        question = CAPITAL_QUESTIONS[i % len(CAPITAL_QUESTIONS)].format(country=country)
        answer = CAPITAL_ANSWERS[i % len(CAPITAL_ANSWERS)].format(country=country, capital=capital, fact=fact)
        rows.append((question, "", answer[0].upper() + answer[1:]))
    return rows


def conversion_rows() -> list[Row]:
    rows = []
    for i, (kind, value, note) in enumerate(CONVERSIONS):
        frm, to, factor, places, rule = LINEAR_UNITS[kind]
        exact = Decimal(value) * factor
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        approx = "exactly " if shown == exact else "about "
        fields = {"v": value, "frm": frm, "to": to, "r": fmt_num(shown), "rule": rule, "approx": approx}
        fields["Approx"] = approx.capitalize()
        question = CONVERSION_QUESTIONS[i % len(CONVERSION_QUESTIONS)].format(**fields)
        answer = CONVERSION_ANSWERS[i % len(CONVERSION_ANSWERS)].format(**fields)
        rows.append((question, "", f"{answer} {note}".strip()))
    for i, (direction, value, note) in enumerate(TEMPERATURES):
        v = Decimal(value)
        if direction == "c_f":
            names = {"a": "C", "A": "Celsius", "b": "F", "B": "Fahrenheit"}
            exact = v * 9 / 5 + 32
        else:
            names = {"a": "F", "A": "Fahrenheit", "b": "C", "B": "Celsius"}
            exact = (v - 32) * 5 / 9
        shown = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        is_exact = shown == exact
        r = fmt_num(shown)
        eq = "=" if is_exact else "≈"
        if direction == "c_f":
            method = f"To convert, multiply by 9/5 and add 32: {value} × 9/5 + 32 {eq} {r}."
        else:
            method = f"To convert, subtract 32 and multiply by 5/9: ({value} - 32) × 5/9 {eq} {r}."
        approx = "" if is_exact else "about "
        fields = {"v": value, "r": r, "method": method, "note": note, "approx": approx, **names}
        fields["Approx"] = approx.capitalize()
        question = TEMPERATURE_QUESTIONS[i % len(TEMPERATURE_QUESTIONS)].format(**fields)
        answer = TEMPERATURE_ANSWERS[i % len(TEMPERATURE_ANSWERS)].format(**fields)
        rows.append((question, "", answer))
    return rows


def word_problem_rows() -> list[Row]:
    rows = []
    for i, (name, pron, n, items, price, paid) in enumerate(CHANGE_PROBLEMS):
        total = n * price
        fields = {
            "name": name,
            "pron": pron,
            "n": n,
            "items": items,
            "price": money(price, short=True),
            "paid": money(paid, short=True),
            "price_full": money(price),
            "paid_full": money(paid),
            "total": money(total),
            "change": money(paid - total),
        }
        rows.append((CHANGE_QUESTIONS[i].format(**fields), "", CHANGE_ANSWERS[i].format(**fields)))

    for i, (d, h) in enumerate(SPEED_PROBLEMS):
        speed = Decimal(d) / Decimal(h)
        if speed != speed.to_integral_value():
            raise ValueError(f"speed problem {d}/{h} should give a whole number")
        fields = {"d": d, "h": h, "s": fmt_num(speed)}
        rows.append((SPEED_QUESTIONS[i].format(**fields), "", SPEED_ANSWERS[i].format(**fields)))

    for i, (item, price, pct) in enumerate(DISCOUNT_PROBLEMS):
        off = to_cents(Decimal(price) * pct / 10000)
        fields = {
            "item": item,
            "Item": item[0].upper() + item[1:],
            "price": money(price, short=True),
            "price_full": money(price),
            "pct": pct,
            "keep": 100 - pct,
            "factor": fmt_num(Decimal(100 - pct) / 100),
            "off": money(off),
            "sale": money(price - off),
        }
        rows.append((DISCOUNT_QUESTIONS[i].format(**fields), "", DISCOUNT_ANSWERS[i].format(**fields)))

    for i, ((hour, minute), length) in enumerate(TIME_PROBLEMS):
        start = hour * 60 + minute
        end = start + length
        hours, mins = divmod(length, 60)
        if hours and mins:
            after_hours = clock(start + hours * 60)
            working = (
                f"Add the hours first: {clock(start)} plus {duration(hours * 60)} is {after_hours}. "
                f"Then {mins} more minutes brings it to {clock(end)}."
            )
        elif hours or minute == 0 or length <= 60 - minute:
            working = f"Counting on {duration(length)} from {clock(start)} brings you to {clock(end)}."
        else:
            to_hour = 60 - minute
            working = (
                f"Counting on from {clock(start)}, {to_hour} minutes gets you to {clock(start + to_hour)}, "
                f"and the remaining {length - to_hour} minutes bring you to {clock(end)}."
            )
        question = TIME_QUESTIONS[i].format(start=clock(start), dur=duration(length))
        rows.append((question, "", f"{TIME_LEADS[i].format(end=clock(end))} {working}"))

    for i, (length, width, price) in enumerate(AREA_PROBLEMS):
        area = Decimal(length) * Decimal(width)
        cost = to_cents(area * Decimal(price))
        fields = {"l": length, "w": width, "c": price, "a": fmt_num(area), "cost": money(cost)}
        rows.append((AREA_QUESTIONS[i].format(**fields), "", AREA_ANSWERS[i].format(**fields)))

    for i, (bill, pct, n) in enumerate(SPLIT_PROBLEMS):
        tip = to_cents(Decimal(bill) * pct / 10000)
        grand = bill + tip
        if grand % n:
            raise ValueError(f"split problem {bill}/{n} does not divide into whole cents")
        fields = {
            "N": NUMBER_WORDS[n].capitalize(),
            "n": n,
            "bill": money(bill, short=True),
            "bill_full": money(bill),
            "pct": pct,
            "tip": money(tip),
            "grand": money(grand),
            "each": money(grand // n),
        }
        rows.append((SPLIT_QUESTIONS[i].format(**fields), "", SPLIT_ANSWERS[i].format(**fields)))
    return rows


# ---------------------------------------------------------------------------------------------------------
# Assembly, checks and output
# ---------------------------------------------------------------------------------------------------------
MIN_ROWS, MAX_ROWS = 320, 360
MIN_HAND_WRITTEN = 200
OUTPUT_WORDS = (12, 90)
INSTRUCTION_WORDS = (4, 60)
MAX_INPUT_WORDS = 90
BANNED = ("as an ai", "language model", "i hope this helps", "great question")


def words(text: str) -> int:
    return len(text.split())


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def sort_key(row: dict[str, str]) -> str:
    return hashlib.sha256(f"{row['instruction']}\n{row['input']}".encode()).hexdigest()


def build_rows(hand_written: list[Row]) -> list[dict[str, str]]:
    rows = hand_written + capital_rows() + conversion_rows() + word_problem_rows()
    records = [{"instruction": q, "input": i, "output": a} for q, i, a in rows]
    return sorted(records, key=sort_key)


def check_rows(rows: list[dict[str, str]], n_hand_written: int) -> list[str]:
    """Return a list of problems (empty when the data is fine)."""
    problems = []
    if not MIN_ROWS <= len(rows) <= MAX_ROWS:
        problems.append(f"{len(rows)} rows; expected {MIN_ROWS} to {MAX_ROWS}")
    if n_hand_written < MIN_HAND_WRITTEN:
        problems.append(f"only {n_hand_written} hand-written rows; expected at least {MIN_HAND_WRITTEN}")
    seen: dict[str, str] = {}
    for row in rows:
        label = row["instruction"][:60]
        for key, value in row.items():
            if value != value.strip():
                problems.append(f"{label!r}: {key} has leading or trailing whitespace")
        key = norm(row["instruction"] + " || " + row["input"])
        if key in seen:
            problems.append(f"{label!r}: duplicate instruction+input")
        seen[key] = label
        n_out, n_ins = words(row["output"]), words(row["instruction"])
        if not OUTPUT_WORDS[0] <= n_out <= OUTPUT_WORDS[1]:
            problems.append(f"{label!r}: output has {n_out} words")
        if not INSTRUCTION_WORDS[0] <= n_ins <= INSTRUCTION_WORDS[1]:
            problems.append(f"{label!r}: instruction has {n_ins} words")
        if words(row["input"]) > MAX_INPUT_WORDS:
            problems.append(f"{label!r}: input has {words(row['input'])} words")
        if any(phrase in row["output"].lower() for phrase in BANNED):
            problems.append(f"{label!r}: output contains filler or an AI disclaimer")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    parser.add_argument(
        "--hand-written",
        type=Path,
        default=HAND_WRITTEN_PATH,
        help=f"source of the hand-written rows ({HAND_WRITTEN_PATH.name})",
    )
    args = parser.parse_args(argv)

    hand_written = read_hand_written(args.hand_written)
    rows = build_rows(hand_written)
    problems = check_rows(rows, len(hand_written))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    n_input = sum(1 for row in rows if row["input"])
    print(f"wrote {len(rows)} rows ({len(hand_written)} hand-written, {n_input} with input) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
