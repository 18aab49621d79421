"""Write ``sft_sample.jsonl``, the default sample SFT dataset for sftops (stdlib only, deterministic).

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

* ``MISCONCEPTIONS``: the user states a common wrong belief; the answer corrects it politely with the fact;
* ``SOUNDS_SENSITIVE``: harmless requests worded like harmful ones ("kill a process"), answered helpfully;
* ``REFUSALS``: clearly harmful requests, declined briefly and politely with one safe alternative;
* ``UNKNOWN``: questions about invented people, books, places and events; the answer says it does not
  know of them instead of making details up.

How it was made
---------------
Everything was written for this project (drafted with an AI assistant and fact-checked while writing);
nothing is downloaded, scraped, sampled or generated at build time. ``HAND_WRITTEN`` holds the
individually written question/answer pairs. The remaining rows come from small fact tables (capital
cities, unit conversions) and arithmetic word problems; their numbers are computed here with exact
``Decimal``/integer arithmetic, and each template rotates through at least four phrasings by row index so
that the templated rows do not repeat one sentence shape.

Output guarantees
-----------------
Byte-identical on every run: no randomness, no dates, rows sorted by the SHA-256 of instruction + input
(a fixed order that mixes topics), ``json.dumps(row, ensure_ascii=False)``, UTF-8, ``\\n`` line endings.
Before writing, ``check_rows`` enforces the size, length and distinctness rules above and exits non-zero
if any row breaks them.

Usage::

    python data/raw/build_sample.py              # (re)write data/raw/sft_sample.jsonl next to this file
    python data/raw/build_sample.py --out X.jsonl
"""

import argparse
import hashlib
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "sft_sample.jsonl"

# (instruction, input, output)
Row = tuple[str, str, str]

# ---------------------------------------------------------------------------------------------------------
# Hand-written rows
# ---------------------------------------------------------------------------------------------------------
# fmt: off

# Science: physics, chemistry, biology, astronomy, earth science.
SCIENCE: list[Row] = [
    (
        "Why does the daytime sky look blue?",
        "",
        "Sunlight scatters off the gas molecules in the air, and short blue wavelengths scatter much more "
        "strongly than longer red ones. That scattered blue light reaches your eyes from every direction, "
        "so the whole sky looks blue. The effect is called Rayleigh scattering.",
    ),
    (
        "Why does Earth have seasons?",
        "",
        "Because Earth's axis is tilted about 23.5 degrees. As Earth orbits the Sun, each hemisphere takes "
        "turns leaning toward it, getting more direct sunlight and longer days in summer and less direct "
        "light and shorter days in winter. Our distance from the Sun is not the cause.",
    ),
    (
        "Explain photosynthesis in one sentence.",
        "",
        "Photosynthesis is the process by which plants, algae and some bacteria use light energy to turn "
        "carbon dioxide and water into glucose, releasing oxygen as a by-product.",
    ),
    (
        "What does a vaccine actually do in the body?",
        "",
        "It shows your immune system a harmless version or piece of a germ, or instructions for making one "
        "of its proteins. Your body learns to recognize it and keeps memory cells, so if the real germ "
        "shows up later, you can fight it off faster and usually avoid serious illness.",
    ),
    (
        "How are viruses different from bacteria?",
        "",
        "Bacteria are single-celled living organisms that can reproduce on their own, and many are harmless "
        "or even helpful. Viruses are far smaller and can only multiply inside a host's cells. That's why "
        "antibiotics work against bacterial infections but do nothing against viral ones like colds and flu.",
    ),
    (
        "Why do we have leap years?",
        "",
        "A year, one full orbit of the Sun, lasts about 365.2422 days rather than exactly 365. Adding a day "
        "every four years keeps the calendar in step with the seasons. Century years are skipped unless "
        "divisible by 400, so 2000 was a leap year but 1900 was not.",
    ),
    (
        "How fast does light travel?",
        "",
        "In a vacuum, light travels at exactly 299,792,458 meters per second, or roughly 300,000 km per "
        "second. At that speed, sunlight takes about 8 minutes and 20 seconds to reach Earth.",
    ),
    (
        "Why does ice float on water?",
        "",
        "Ice is less dense than liquid water. When water freezes, hydrogen bonds lock the molecules into an "
        "open hexagonal pattern that takes up about 9% more space. That's also why lakes freeze from the "
        "top down, which helps fish survive the winter underneath.",
    ),
    (
        "What is DNA, in simple terms?",
        "",
        "DNA (deoxyribonucleic acid) is the molecule that carries the genetic instructions of living "
        "things. It's a double helix built from four bases, A, T, C and G, and their order encodes the "
        "information cells use to make proteins and pass traits to offspring.",
    ),
    (
        "Can you list the eight planets, starting closest to the Sun?",
        "",
        'Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and Neptune. A handy mnemonic is "My Very '
        'Educated Mother Just Served Us Noodles."',
    ),
    (
        "What causes the phases of the Moon?",
        "",
        "The Moon is always half lit by the Sun, but as it orbits Earth we see different amounts of that "
        "lit half. When it's between Earth and the Sun we see a new moon, and when it's on the far side we "
        "see a full moon. One full cycle takes about 29.5 days.",
    ),
    (
        "At what temperature does water boil?",
        "",
        "At sea level, water boils at 100 °C (212 °F). Higher up, the air pressure is lower, so it boils at "
        "a lower temperature: about 95 °C in a mile-high city like Denver, which is why pasta takes longer "
        "to cook there.",
    ),
    (
        "Weather vs. climate: what's the difference?",
        "",
        "Weather is the short-term state of the atmosphere, like today's rain, wind or temperature. Climate "
        "is the average pattern of weather in a place over a long period, usually 30 years or more. In "
        "short, climate is what you expect and weather is what you get.",
    ),
    (
        "Why do we see lightning before we hear the thunder?",
        "",
        "Light travels nearly a million times faster than sound, so the flash reaches you almost instantly "
        "while the sound lags behind. Sound covers about 1 km every 3 seconds, so counting the seconds "
        "between flash and bang and dividing by 3 gives the storm's distance in kilometers.",
    ),
    (
        "How much of Earth's surface is covered by water?",
        "",
        "About 71%. Around 97% of all that water is salty ocean water, and most of the fresh water is "
        "locked in ice caps, glaciers and underground aquifers, so only a tiny share is in lakes and rivers.",
    ),
    (
        "What is gravity, simply put?",
        "",
        "Gravity is the attraction between things that have mass. Newton described it as a force that "
        "weakens with the square of the distance, and Einstein explained it as mass and energy curving "
        "spacetime. It keeps your feet on the ground and the planets in orbit around the Sun.",
    ),
    (
        "What makes leaves turn red and yellow in the fall?",
        "",
        "As days get shorter, trees stop making chlorophyll, the green pigment, and what's left breaks "
        "down. That reveals yellow and orange pigments called carotenoids that were there all along, while "
        "some trees, like maples, also make red pigments called anthocyanins in autumn.",
    ),
    (
        "What's the difference between an asteroid, a meteor and a meteorite?",
        "",
        "An asteroid is a rocky body orbiting the Sun. A meteor is the streak of light you see when a small "
        "space rock burns up in Earth's atmosphere. A meteorite is a piece that survives the fall and lands "
        "on the ground.",
    ),
    (
        "How do noise-cancelling headphones work?",
        "",
        "Tiny microphones pick up the sound around you, and a chip produces a matching sound wave that is "
        "its exact opposite. When the two waves meet, they largely cancel each other out. It works best on "
        "steady, low-pitched noise like engine hum and less well on sudden sounds like voices.",
    ),
    (
        "Why do onions make you cry when you cut them?",
        "",
        "Cutting an onion breaks its cells, and the enzymes released produce an irritating gas called "
        "syn-propanethial-S-oxide. When it reaches your eyes, they make tears to wash it away. Chilling the "
        "onion first and using a sharp knife both help.",
    ),
    (
        "Explain the greenhouse effect to a ten-year-old.",
        "",
        "Sunlight warms the ground, and the ground sends some of that heat back up. Certain gases in the "
        "air, like carbon dioxide, work like a blanket and trap part of that heat, keeping Earth warm "
        "enough to live on. Adding more of these gases makes the blanket thicker, so the planet heats up.",
    ),
    (
        "How many bones does an adult human have?",
        "",
        "An adult has 206 bones. Babies are born with roughly 270 to 300, but many fuse together as they "
        "grow, for example in the skull and at the base of the spine.",
    ),
    (
        "What is absolute zero?",
        "",
        "Absolute zero is the lowest possible temperature: 0 kelvin, which is -273.15 °C or -459.67 °F. At "
        "that point particles would have the minimum possible energy. Scientists have come within "
        "billionths of a degree, but it can never actually be reached.",
    ),
    (
        "Why is the sea salty?",
        "",
        "Rain slowly dissolves minerals from rocks, and rivers carry those salts to the sea. When seawater "
        "evaporates, the water leaves but the salts stay behind, so they have built up over millions of "
        "years. Hot vents on the seafloor add more minerals too.",
    ),
    (
        "How do airplanes stay in the air?",
        "",
        "The wings are shaped and tilted so they push air downward as the plane moves, and the air pressure "
        "above the wing ends up lower than below it. Together these create lift. The engines supply thrust "
        "to keep air flowing over the wings fast enough for lift to exceed the plane's weight.",
    ),
    (
        "How does a refrigerator keep food cold?",
        "",
        "It moves heat rather than making cold. A liquid refrigerant evaporates in coils inside the fridge, "
        "absorbing heat from the food. A compressor then squeezes the vapor so it gets hot and releases "
        "that heat through coils at the back, and the cycle repeats.",
    ),
    (
        "Tell me a fun fact about octopuses.",
        "",
        "Octopuses have three hearts and blue blood. Two hearts pump blood through the gills, and the third "
        "sends it around the rest of the body. The blood is blue because it uses a copper-based protein, "
        "hemocyanin, to carry oxygen instead of iron-based hemoglobin.",
    ),
    (
        "In under 30 words, explain what a black hole is.",
        "",
        "A black hole is a region of space where gravity is so strong that nothing, not even light, can "
        "escape once it crosses the boundary called the event horizon.",
    ),
    (
        "Describe the water cycle in exactly three sentences.",
        "",
        "The Sun heats water in oceans, lakes and rivers, and it evaporates into the air as vapor. The "
        "vapor rises, cools and condenses into tiny droplets that form clouds. When the droplets grow heavy "
        "enough, they fall as rain or snow and flow back into rivers, groundwater and the sea.",
    ),
    (
        "Which blood type is the universal donor?",
        "",
        "O negative is the universal donor for red blood cells, because those cells carry no A, B or RhD "
        "antigens for the patient's immune system to attack. For plasma it's the other way around: AB "
        "plasma can be given to patients of any blood type.",
    ),
]

# History.
HISTORY: list[Row] = [
    (
        "When did World War II end?",
        "",
        "World War II ended in 1945. Germany surrendered in May, with 8 May celebrated as Victory in Europe "
        "Day, and Japan formally surrendered on 2 September 1945, which is usually taken as the end of the "
        "war.",
    ),
    (
        "Who first set foot on the Moon?",
        "",
        "Neil Armstrong, in July 1969, during NASA's Apollo 11 mission. Buzz Aldrin joined him on the "
        "surface about 20 minutes later, while Michael Collins stayed in orbit aboard the command module.",
    ),
    (
        "Why did the Western Roman Empire fall? Keep it short.",
        "",
        "There was no single cause. Over centuries the Western Empire was weakened by political "
        "instability, economic trouble, reliance on foreign soldiers and pressure from groups such as the "
        "Goths and Vandals. It's traditionally said to have ended in 476 CE, when Odoacer deposed the last "
        "emperor, Romulus Augustulus.",
    ),
    (
        "Who wrote the Declaration of Independence?",
        "",
        "Thomas Jefferson wrote the first draft in 1776, as part of a five-man committee that included John "
        "Adams and Benjamin Franklin. Congress edited his draft before adopting it on 4 July 1776.",
    ),
    (
        "What was the Berlin Wall, and when did it come down?",
        "",
        "It was a guarded barrier built by East Germany in 1961 to stop people escaping from East Berlin to "
        "West Berlin. It fell on 9 November 1989, when the border crossings were suddenly opened, and "
        "Germany was reunified less than a year later.",
    ),
    (
        "What were the main causes of World War I? Use three bullet points.",
        "",
        "- Nationalism, imperial rivalry and an arms race among Europe's great powers.\n"
        "- A web of alliances that could turn a local conflict into a continental war.\n"
        "- The assassination of Archduke Franz Ferdinand in Sarajevo in June 1914, which set off the crisis.",
    ),
    (
        "Tell me who Cleopatra was.",
        "",
        "Cleopatra VII was the last active ruler of Ptolemaic Egypt, reigning from 51 to 30 BCE. A shrewd "
        "politician who spoke several languages, she allied with Julius Caesar and later Mark Antony. After "
        "Octavian defeated them, she died in 30 BCE and Egypt became a Roman province.",
    ),
    (
        "Who invented the printing press, and when?",
        "",
        "Johannes Gutenberg developed a movable-type printing press in Mainz, Germany, around 1440, and his "
        "famous Bible was completed around 1455. Movable type itself had been invented earlier in China, by "
        "Bi Sheng in the 11th century.",
    ),
    (
        "What was the Magna Carta?",
        "",
        "The Magna Carta was a charter King John of England agreed to in 1215 under pressure from "
        "rebellious barons. It limited the king's power and established the idea that even the ruler is "
        "subject to the law, which later influenced constitutions around the world.",
    ),
    (
        "What started the French Revolution?",
        "",
        "The revolution broke out in 1789 amid a state financial crisis, heavy taxes on commoners while the "
        "nobles and clergy paid little, food shortages and Enlightenment ideas about rights and equality. "
        "The storming of the Bastille on 14 July 1789 became its symbol.",
    ),
    (
        "who built machu picchu",
        "",
        "The Inca built Machu Picchu in the 15th century, probably as a royal estate for the emperor "
        "Pachacuti. It sits high in the Andes of Peru and is famous for stone walls fitted together so "
        "precisely that no mortar was needed.",
    ),
    (
        "Tell me briefly about the Silk Road.",
        "",
        "The Silk Road was a network of trade routes linking China with Central Asia, the Middle East and "
        "Europe, active from around the 2nd century BCE. Besides silk and spices, it carried ideas, "
        "religions and technologies, and sadly diseases such as the plague.",
    ),
    (
        "Who was Nelson Mandela? Answer in two sentences.",
        "",
        "Nelson Mandela was a South African anti-apartheid leader who spent 27 years in prison for his "
        "activism. After his release in 1990, he helped negotiate the end of apartheid and in 1994 became "
        "South Africa's first Black president.",
    ),
    (
        "When did the Titanic sink?",
        "",
        "The Titanic sank in the early hours of 15 April 1912, after striking an iceberg on its maiden "
        "voyage from Southampton to New York. More than 1,500 of the roughly 2,200 people on board died.",
    ),
    (
        "What was the Cold War?",
        "",
        "The Cold War was a period of rivalry between the United States and the Soviet Union, along with "
        "their allies, from roughly 1947 to 1991. The two never fought each other directly, but competed "
        "through an arms race, the space race and proxy wars. It ended when the Soviet Union collapsed.",
    ),
    (
        "Which came first, Stonehenge or the Egyptian pyramids?",
        "",
        "Stonehenge was begun first. Its earliest stage, a circular ditch and bank, dates to around 3000 "
        "BCE, while the first Egyptian pyramid, Djoser's step pyramid, was built around 2670 BCE. "
        "Stonehenge's giant sarsen stones went up around 2500 BCE, roughly when the Great Pyramid was "
        "finished.",
    ),
    (
        "How long did the Hundred Years' War last?",
        "",
        "Despite the name, it lasted 116 years, from 1337 to 1453. It was really a series of conflicts "
        "between England and France over the French throne, separated by long truces.",
    ),
    (
        "Who was the first woman to win a Nobel Prize?",
        "",
        "Marie Curie, who shared the 1903 Nobel Prize in Physics for research on radioactivity. In 1911 she "
        "won a second Nobel Prize, in Chemistry, making her the first person to win Nobel Prizes in two "
        "different sciences.",
    ),
    (
        "Who painted the Mona Lisa?",
        "",
        "Leonardo da Vinci, who began it around 1503 and kept working on it for years. It hangs in the "
        "Louvre in Paris and is thought to portray Lisa Gherardini, the wife of a Florentine silk merchant.",
    ),
]

# Geography (capital cities are templated further down).
GEOGRAPHY: list[Row] = [
    (
        "What is the longest river in the world?",
        "",
        "The Nile, at about 6,650 km, is usually listed as the longest. Some researchers argue the Amazon "
        "is slightly longer, depending on where its source is measured, but the Amazon is clearly the "
        "largest river by the volume of water it carries.",
    ),
    (
        "What is the tallest mountain on Earth?",
        "",
        "Mount Everest, at 8,849 meters above sea level, on the border between Nepal and China. Measured "
        "from base to peak, Hawaii's Mauna Kea is taller at over 10,000 meters, but most of it sits "
        "underwater.",
    ),
    (
        "Which is the largest desert in the world?",
        "",
        "Antarctica, because a desert is defined by how little precipitation it gets, not by heat. It "
        "covers about 14 million square kilometers. The largest hot desert is the Sahara, at roughly 9 "
        "million square kilometers.",
    ),
    (
        "How many continents are there?",
        "",
        "Seven, in the model most English-speaking countries use: Africa, Antarctica, Asia, Australia, "
        "Europe, North America and South America. Some countries teach fewer, for example by counting the "
        "Americas as one continent or Europe and Asia as Eurasia.",
    ),
    (
        "What's the smallest country in the world?",
        "",
        "Vatican City, at about half a square kilometer, completely surrounded by Rome. It's the "
        "headquarters of the Roman Catholic Church and has fewer than 1,000 residents.",
    ),
    (
        "Which ocean is the biggest?",
        "",
        "The Pacific Ocean. It covers about a third of Earth's surface, more than all the land combined, "
        "and it contains the deepest known point, the Challenger Deep in the Mariana Trench.",
    ),
    (
        "Name five countries the equator passes through.",
        "",
        "The equator passes through these five, among others:\n"
        "- Ecuador\n"
        "- Colombia\n"
        "- Brazil\n"
        "- Kenya\n"
        "- Indonesia",
    ),
    (
        'Why is the Dead Sea called "dead"?',
        "",
        "Its water is almost ten times saltier than the ocean, so fish and plants can't live in it, only a "
        "few hardy microbes. All that salt also makes the water so dense that people float on it "
        "effortlessly.",
    ),
    (
        "Which country has the most people?",
        "",
        "India, which overtook China in 2023 according to UN estimates. Each has more than 1.4 billion "
        "people, and together they hold over a third of the world's population.",
    ),
    (
        "What's the difference between Great Britain and the United Kingdom?",
        "",
        "Great Britain is the island that contains England, Scotland and Wales. The United Kingdom is the "
        "country made up of Great Britain plus Northern Ireland. The British Isles is a wider geographic "
        "term that also includes the island of Ireland.",
    ),
    (
        "Name the Great Lakes of North America.",
        "",
        "Superior, Michigan, Huron, Erie and Ontario; the mnemonic HOMES helps you remember them. Lake "
        "Superior is the largest freshwater lake in the world by surface area.",
    ),
    (
        "What's the capital of South Africa?",
        "",
        "South Africa has three capitals, one for each branch of government: Pretoria (executive), Cape "
        "Town (legislative) and Bloemfontein (judicial). Pretoria is usually the one listed as the national "
        "capital.",
    ),
]

# Mathematics: concepts and small problems with worked answers.
MATH: list[Row] = [
    (
        "What makes a number prime?",
        "",
        "A prime number is a whole number greater than 1 whose only divisors are 1 and itself. The first "
        "few are 2, 3, 5, 7, 11 and 13. The number 1 is not prime, and 2 is the only even prime.",
    ),
    (
        "Is 91 a prime number?",
        "",
        "No. 91 = 7 × 13, so it has divisors other than 1 and itself. It often fools people because it's "
        "odd, doesn't end in 5 and its digits don't add up to a multiple of 3.",
    ),
    (
        "I worked out that 15% of 80 is 12. Is that right?",
        "",
        "Yes, that's right: 15% of 80 is 12. A quick way to check: 10% of 80 is 8, 5% is half of that, 4, "
        "and 8 + 4 = 12.",
    ),
    (
        "Explain the Pythagorean theorem with an example.",
        "",
        "In a right triangle, the square of the longest side (the hypotenuse) equals the sum of the squares "
        "of the other two sides: a² + b² = c². For example, if the two shorter sides are 3 and 4, then 9 + "
        "16 = 25, so the hypotenuse is 5.",
    ),
    (
        "Solve for x: 3x + 7 = 22",
        "",
        "x = 5. Subtract 7 from both sides to get 3x = 15, then divide both sides by 3. Check: 3 × 5 + 7 = "
        "22.",
    ),
    (
        "What is the derivative of x squared?",
        "",
        "The derivative of x² is 2x. By the power rule, you multiply by the exponent and then lower the "
        "exponent by one. So the slope of y = x² at x = 3 is 6.",
    ),
    (
        "What's the difference between mean, median and mode?",
        "",
        "The mean is the sum divided by the count, the median is the middle value once the numbers are "
        "sorted, and the mode is the most frequent value. For 2, 3, 3, 5 and 12, the mean is 5, the median "
        "is 3 and the mode is 3.",
    ),
    (
        "Why can't you divide by zero?",
        "",
        'Division asks "what number times the divisor gives this?" For 6 ÷ 0, no number times 0 equals 6, '
        "and for 0 ÷ 0 every number works, so there's no single answer. That's why division by zero is left "
        "undefined.",
    ),
    (
        "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the "
        "ball cost?",
        "",
        "The ball costs 5 cents. If the ball costs x, the bat costs x + $1.00, so 2x + $1.00 = $1.10 and x "
        "= $0.05. The tempting answer of 10 cents would make the bat $1.10 and the total $1.20.",
    ),
    (
        "If 5 machines take 5 minutes to make 5 widgets, how long would 100 machines take to make 100 "
        "widgets?",
        "",
        "5 minutes. Each machine makes one widget in 5 minutes, so 100 machines working at the same time "
        "make 100 widgets in the same 5 minutes.",
    ),
    (
        "What is the number pi?",
        "",
        "Pi (π) is the ratio of any circle's circumference to its diameter, about 3.14159. It's irrational, "
        "so its decimal digits go on forever without repeating. It shows up in formulas such as the area of "
        "a circle, A = πr².",
    ),
    (
        "What do the interior angles of a hexagon add up to?",
        "",
        "720 degrees. For any polygon with n sides, the interior angles add up to (n - 2) × 180°, so a "
        "hexagon gives 4 × 180° = 720°. In a regular hexagon, each angle is 120°.",
    ),
    (
        "How many seconds are there in a day?",
        "",
        "There are 86,400 seconds in a day: 24 hours × 60 minutes × 60 seconds. A week therefore has "
        "604,800 seconds.",
    ),
    (
        "What's the probability of rolling two sixes with two dice?",
        "",
        "1 in 36, or about 2.8%. Each die has a 1/6 chance of showing a six, and the two rolls are "
        "independent, so you multiply: 1/6 × 1/6 = 1/36.",
    ),
    (
        "Is 0.999... repeating really equal to 1?",
        "",
        "Yes, exactly. One quick argument: 1/3 = 0.333..., and multiplying both sides by 3 gives 1 = "
        "0.999.... They are two different decimal spellings of the same number.",
    ),
    (
        "What is 17 times 24? Show the working.",
        "",
        "17 × 24 = 408. Split it up: 17 × 20 = 340 and 17 × 4 = 68, then add them: 340 + 68 = 408.",
    ),
]

# Programming: Python, SQL, Git, web basics.
PROGRAMMING: list[Row] = [
    (
        "python: reverse a string",
        "",
        "Use slicing with a step of -1:\n"
        "```python\n"
        'text = "hello"\n'
        "print(text[::-1])  # olleh\n"
        "```\n"
        "The same trick works on lists and tuples, and it returns a new reversed copy rather than changing "
        "the original.",
    ),
    (
        "When should I use a tuple instead of a list in Python?",
        "",
        "Use a tuple for a fixed group of values that shouldn't change, like coordinates or a database row, "
        "and a list for a collection you'll add to or modify. Tuples are immutable, slightly faster, and "
        "can be used as dictionary keys, while lists can't.",
    ),
    (
        "How do I read a file line by line in Python?",
        "",
        "Open it in a `with` block and loop over the file object:\n"
        "```python\n"
        'with open("data.txt", encoding="utf-8") as f:\n'
        "    for line in f:\n"
        '        print(line.rstrip("\\n"))\n'
        "```\n"
        "The file closes automatically when the block ends, and only one line is held in memory at a time, "
        "so this works for large files too.",
    ),
    (
        "What does HTTP status code 404 mean?",
        "",
        "404 Not Found means the server was reached but couldn't find the requested page or resource, "
        "usually because the URL is wrong or the content was removed. Codes in the 4xx range signal a "
        "problem with the request, while 5xx codes mean the server itself failed.",
    ),
    (
        "What's the difference between == and is in Python?",
        "",
        "`==` checks whether two objects have equal values, while `is` checks whether they are the very "
        "same object in memory. Two separate lists `[1, 2]` are equal with `==` but not identical with "
        "`is`. Use `is` mainly for comparisons with `None`.",
    ),
    (
        "Write a Python function that returns the largest number in a list without using max().",
        "",
        "```python\n"
        "def largest(nums):\n"
        "    best = nums[0]\n"
        "    for n in nums[1:]:\n"
        "        if n > best:\n"
        "            best = n\n"
        "    return best\n"
        "```\n"
        "It walks through the list once, keeping the biggest value seen so far. An empty list raises an "
        "`IndexError`, so check for that first if empty input is possible.",
    ),
    (
        "What is Git used for?",
        "",
        "Git is a version control system. It records snapshots of your project, called commits, so you can "
        "see its history, undo mistakes and work on separate branches in parallel. Sites like GitHub and "
        "GitLab host Git repositories so teams can share and review changes.",
    ),
    (
        "How do I undo my last Git commit but keep the changes?",
        "",
        "Run `git reset --soft HEAD~1`. It removes the last commit but keeps its changes staged, so you can "
        "edit them and commit again. If you've already pushed that commit, use `git revert HEAD` instead, "
        "which adds a new commit that undoes it without rewriting shared history.",
    ),
    (
        "What is recursion? Give a tiny example.",
        "",
        "Recursion is when a function calls itself on a smaller version of the same problem until it "
        "reaches a simple base case. For example:\n"
        "```python\n"
        "def factorial(n):\n"
        "    return 1 if n <= 1 else n * factorial(n - 1)\n"
        "```\n"
        "Here `factorial(5)` returns 120.",
    ),
    (
        "What's the difference between WHERE and HAVING in SQL?",
        "",
        "`WHERE` filters individual rows before they are grouped, while `HAVING` filters the groups after "
        "`GROUP BY` and aggregation. For example, `WHERE price > 10` drops cheap rows, and `HAVING COUNT(*) "
        "> 5` keeps only groups with more than five rows.",
    ),
    (
        "How do I count how many rows are in a SQL table called customers?",
        "",
        "```sql\n"
        "SELECT COUNT(*) FROM customers;\n"
        "```\n"
        "`COUNT(*)` counts every row, including rows that contain NULL values. To count only rows where a "
        "particular column is filled in, use `COUNT(column_name)` instead.",
    ),
    (
        "What does API stand for, and what does one do?",
        "",
        "API stands for application programming interface: a defined way for one program to request data or "
        "services from another. For example, a weather app calls a weather service's API to fetch forecasts "
        "rather than measuring the weather itself.",
    ),
    (
        "How do I remove duplicates from a Python list but keep the original order?",
        "",
        "Use `dict.fromkeys`, because dictionaries remember insertion order:\n"
        "```python\n"
        "items = [3, 1, 3, 2, 1]\n"
        "unique = list(dict.fromkeys(items))  # [3, 1, 2]\n"
        "```\n"
        "Converting to a `set` also removes duplicates, but it doesn't preserve the order.",
    ),
    (
        "What does Big O notation mean?",
        "",
        "Big O notation describes how an algorithm's running time or memory use grows as the input gets "
        "larger, ignoring constant factors. O(n) means the work grows in step with the input, while O(n²) "
        "means doubling the input roughly quadruples the work.",
    ),
    (
        "What is the difference between a compiler and an interpreter?",
        "",
        "A compiler translates a whole program into machine code before it runs, as with C or Rust. An "
        "interpreter executes the program step by step while it runs, as the standard Python interpreter "
        "does. Compiled programs usually run faster, while interpreted ones are quicker to test and change.",
    ),
    (
        "Why does 0.1 + 0.2 not equal 0.3 in Python?",
        "",
        "Floats are stored in binary, and neither 0.1 nor 0.2 can be represented exactly in binary, so the "
        "sum comes out as 0.30000000000000004. Compare floats with a tolerance, such as `math.isclose(0.1 + "
        "0.2, 0.3)`, or use the `decimal` module for money.",
    ),
    (
        "What is a Python virtual environment, and why should I use one?",
        "",
        "A virtual environment is an isolated folder with its own Python interpreter and installed "
        "packages. It keeps each project's dependencies separate, so upgrading a library for one project "
        "can't break another. Create one with `python -m venv .venv` and activate it before installing "
        "packages.",
    ),
    (
        "Write a one-line Python expression that squares every number in a list called nums.",
        "",
        "`[n ** 2 for n in nums]`\n"
        "This list comprehension builds a new list, so if `nums = [1, 2, 3]` you get `[1, 4, 9]`, and the "
        "original list is left unchanged.",
    ),
    (
        "What is JSON used for?",
        "",
        "JSON (JavaScript Object Notation) is a lightweight text format for exchanging structured data, "
        "especially between web servers and apps. It's built from objects of key-value pairs, arrays, "
        'strings, numbers, booleans and null, for example `{"name": "Ana", "age": 31}`.',
    ),
    (
        "Explain what a hash map is.",
        "",
        "A hash map stores key-value pairs and uses a hash function to turn each key into a position in an "
        "internal array. That makes looking up, inserting and deleting items take roughly constant time on "
        "average. Python's `dict` is a hash map.",
    ),
    (
        "Process vs thread: what's the difference?",
        "",
        "A process is a running program with its own separate memory. A thread is a path of execution "
        "inside a process, and all threads in a process share its memory. Threads are cheaper to start and "
        "can share data easily, but that sharing means you must guard against race conditions.",
    ),
    (
        "How do I make an HTTP GET request in Python without installing anything?",
        "",
        "Use `urllib.request` from the standard library:\n"
        "```python\n"
        "from urllib.request import urlopen\n"
        'with urlopen("https://example.com") as resp:\n'
        '    body = resp.read().decode("utf-8")\n'
        "```\n"
        "If you can install packages, the `requests` library makes this shorter: `requests.get(url).text`.",
    ),
]

# Everyday practical advice: cooking, health basics, money, travel, home, work.
PRACTICAL: list[Row] = [
    (
        "How do I make hard-boiled eggs that peel easily?",
        "",
        "Put the eggs in a pot, cover them with cold water and bring it to a boil. Turn off the heat, cover "
        "the pot and leave them for 10 to 12 minutes. Then move them into ice water for a few minutes, "
        "which stops the cooking and makes the shells easier to peel.",
    ),
    (
        "Can I substitute baking soda for baking powder?",
        "",
        "Not one for one. Baking soda is about three to four times stronger and needs an acid to react. To "
        "replace 1 teaspoon of baking powder, use 1/4 teaspoon of baking soda plus 1/2 teaspoon of cream of "
        "tartar.",
    ),
    (
        "What's the easiest way to cook rice on the stove?",
        "",
        "Rinse 1 cup of white rice, then put it in a pot with about 1.5 cups of water and a pinch of salt. "
        "Bring it to a boil, cover, and simmer on low for about 15 minutes. Take it off the heat and let it "
        "steam, still covered, for 10 minutes before fluffing with a fork.",
    ),
    (
        "My soup is way too salty. How do I fix it?",
        "",
        "Dilute it: add unsalted broth or water, plus more vegetables, beans or grains to restore its body. "
        "A squeeze of lemon juice or a splash of vinegar can also make it taste less salty. The popular raw "
        "potato trick barely helps.",
    ),
    (
        "How much water do I need to drink daily?",
        "",
        "There's no single rule, but a common guideline is about 2.7 liters of total fluid a day for women "
        "and 3.7 liters for men, counting water from food and other drinks. Thirst and pale yellow urine "
        "are good everyday guides, and you need more in hot weather or when exercising.",
    ),
    (
        "How many hours of sleep do adults need?",
        "",
        "Most adults need 7 to 9 hours a night. Regular sleep and wake times, a dark, cool bedroom, and "
        "avoiding caffeine and screens late in the evening all help you get better quality sleep.",
    ),
    (
        "What are some simple ways to reduce stress?",
        "",
        "Here are five that work for many people:\n"
        "- Take a short walk or do some light exercise.\n"
        "- Try slow breathing: in for 4 seconds, out for 6.\n"
        "- Protect your sleep and cut back on caffeine.\n"
        "- Talk to a friend about what's bothering you.\n"
        "- Break big tasks into small, concrete steps.",
    ),
    (
        "How do I treat a minor burn at home?",
        "",
        "Hold it under cool (not ice-cold) running water for about 20 minutes, then cover it loosely with "
        "cling film or a clean, non-fluffy dressing. Don't put ice, butter or toothpaste on it. Get medical "
        "help if the burn is large or deep, or on the face, hands or genitals.",
    ),
    (
        "What's a normal resting heart rate?",
        "",
        "For most adults, 60 to 100 beats per minute is considered normal at rest. Fit people and athletes "
        "often sit lower, sometimes 40 to 60. A rate that's consistently outside the normal range, "
        "especially with dizziness or breathlessness, is worth checking with a doctor.",
    ),
    (
        "Is it OK to exercise when I have a cold?",
        "",
        "Light exercise is usually fine if your symptoms are only above the neck, like a runny nose or mild "
        "sore throat. Skip it if you have a fever, body aches, chest congestion or an upset stomach, and "
        "rest until those have passed.",
    ),
    (
        "Can you explain compound interest with an example?",
        "",
        "Compound interest means you earn interest on your original money and on the interest it has "
        "already earned. For example, $1,000 at 5% a year grows to $1,050 after one year and $1,102.50 "
        "after two, because the second year's interest is worked out on $1,050.",
    ),
    (
        "How do I start budgeting?",
        "",
        "First track every expense for a month to see where your money actually goes. Then set limits by "
        "category, for example with the 50/30/20 rule: 50% of take-home pay for needs, 30% for wants and "
        "20% for savings and debt repayment. Review it each month and adjust.",
    ),
    (
        "What's an emergency fund, and how big should it be?",
        "",
        "An emergency fund is cash set aside for unexpected costs like a job loss, car repair or medical "
        "bill. A common target is three to six months of essential expenses, kept in an easy-access savings "
        "account. If that feels like a lot, start by saving one month's worth.",
    ),
    (
        "What's the difference between a credit card and a debit card?",
        "",
        "A debit card spends money straight from your bank account. A credit card borrows from the card "
        "issuer, and you repay it later; if you don't clear the full balance each month, you pay interest, "
        "often at a high rate. Credit cards usually offer stronger fraud protection.",
    ),
    (
        "Should I pay off debt or save first?",
        "",
        "Usually both, in order: build a small emergency fund first, then put extra money toward "
        "high-interest debt such as credit cards, because that interest is usually higher than anything "
        "your savings will earn. If your employer matches retirement contributions, contribute at least "
        "enough to get the full match.",
    ),
    (
        "What does inflation mean?",
        "",
        "Inflation is the general rise in prices over time, which means each dollar buys a little less. At "
        "3% annual inflation, something that costs $100 today would cost about $103 a year from now. Most "
        "central banks aim to keep inflation low and stable, at around 2% a year.",
    ),
    (
        "What should I pack in my carry-on for a long flight?",
        "",
        "- Passport, tickets and any travel documents.\n"
        "- Medications and a change of clothes, in case your checked bag is delayed.\n"
        "- Phone charger, headphones and a pen for arrival forms.\n"
        "- An empty water bottle to fill after security.\n"
        "- A warm layer, since cabins often get cold.",
    ),
    (
        "How can I beat jet lag?",
        "",
        "A few days before you leave, shift your sleep an hour or so toward your destination's time zone. "
        "After you land, get daylight in the morning, stay up until a normal local bedtime and drink plenty "
        "of water. If you must nap, keep it under 30 minutes.",
    ),
    (
        "Any tips for finding cheaper flights?",
        "",
        "Be flexible with your dates and airports, since midweek flights are often cheaper. Compare fares "
        "on several search sites, set price alerts, and book a few weeks to a few months ahead. With budget "
        "airlines, check the full price including bags and seat fees before you compare.",
    ),
    (
        "What should I do if I lose my passport abroad?",
        "",
        "Report the loss to the local police and get a copy of the report. Then contact your country's "
        "nearest embassy or consulate, which can issue an emergency travel document. Having a photo of your "
        "passport's information page makes the process much faster.",
    ),
    (
        "I spilled red wine on my carpet. What do I do?",
        "",
        "Act quickly and blot, don't rub, with a clean cloth to soak up as much as you can. Then dab the "
        "stain with cold water mixed with a little dish soap and blot again, repeating until it fades. Test "
        "any cleaner on a hidden spot first.",
    ),
    (
        "how do i unclog a sink without chemicals",
        "",
        "Try a plunger first, covering the overflow hole with a wet cloth so it can build pressure. If that "
        "fails, pour in half a cup of baking soda followed by a cup of vinegar, wait 15 minutes, and flush "
        "with hot water. For stubborn clogs, remove and clean the U-shaped trap under the sink.",
    ),
    (
        "Give me three tips for a job interview.",
        "",
        "1. Research the company and prepare two or three thoughtful questions to ask.\n"
        "2. Practice answers to common questions using specific examples, structured as situation, task, "
        "action and result.\n"
        "3. Arrive a few minutes early, or log in early and test your setup if it's a video call.",
    ),
    (
        "What's the best way to learn a new language?",
        "",
        "A little practice every day beats long, occasional sessions. Combine a spaced-repetition "
        "vocabulary app with listening to podcasts or shows, and start speaking early, even imperfectly, "
        "with a tutor or language partner. Learning the most common 1,000 words first gives the fastest "
        "early progress.",
    ),
    (
        "What's a polite way to turn down a meeting I can't attend?",
        "",
        'Thank them, give a brief reason and offer an alternative. For example: "Thanks for the invite. I '
        "can't make this one because of a deadline, but I'd be glad to read the notes or catch up briefly "
        'later this week."',
    ),
    (
        "How do I calculate my BMI?",
        "",
        "Divide your weight in kilograms by your height in meters squared. For example, 70 kg and 1.75 m "
        "gives 70 ÷ (1.75 × 1.75) = 70 ÷ 3.0625 ≈ 22.9. For adults, 18.5 to 24.9 counts as a healthy range, "
        "though BMI doesn't distinguish muscle from fat.",
    ),
    (
        "Which houseplant is good for someone who forgets to water?",
        "",
        "A snake plant is a great pick: it stores water in its thick leaves, tolerates low light, and is "
        "happy being watered only every two to three weeks. ZZ plants are similarly forgiving. Keep both "
        "away from pets, since they're mildly toxic if chewed.",
    ),
    (
        "How can I tell if an egg is still fresh?",
        "",
        "Put it in a bowl of water. A fresh egg sinks and lies flat, an older one stands on its end, and "
        "one that floats is old and best thrown away. Eggs become more buoyant as they age because the air "
        "pocket inside grows.",
    ),
    (
        "Is it safe to eat raw cookie dough?",
        "",
        "It's risky. Raw flour can carry E. coli, and raw eggs can carry Salmonella. If you love it, buy "
        "dough made to be eaten raw or make your own with heat-treated flour and no eggs.",
    ),
    (
        "How do I change a flat tire? Give me the steps.",
        "",
        "1. Park on flat ground, switch on your hazard lights and apply the parking brake.\n"
        "2. Loosen the lug nuts slightly while the wheel is still on the ground.\n"
        "3. Jack the car up at the lifting point shown in your manual, then remove the nuts and the flat.\n"
        "4. Fit the spare and hand-tighten the nuts.\n"
        "5. Lower the car and fully tighten the nuts in a star pattern.",
    ),
    (
        "I found a bird's nest with eggs in my garden. What should I do?",
        "",
        "Leave it alone and keep people and pets away until the chicks have flown, which usually takes a "
        "few weeks. In many countries, active wild bird nests are protected by law. Watch from a distance, "
        "but don't touch the eggs or move the nest.",
    ),
    (
        "How do I say no to extra work without seeming lazy?",
        "",
        "Acknowledge the request, explain your current priorities, and offer a choice: \"I'd like to help, "
        "but I'm committed to the quarterly report through Friday. Should I pause that, or can we revisit "
        'this next week?" That shows you care about the work while protecting your time.',
    ),
]

# Definitions of words and concepts.
DEFINITIONS: list[Row] = [
    (
        'What does "ubiquitous" mean?',
        "",
        '"Ubiquitous" means present or found everywhere. For example: "Smartphones have become '
        'ubiquitous in modern life." The related noun is "ubiquity."',
    ),
    (
        "What is a haiku? Include an example.",
        "",
        "A haiku is a short Japanese poetic form of three lines with 5, 7 and 5 syllables, traditionally "
        "about nature or a season. Here's a well-known English translation of a haiku by Bashō:\n"
        "An old silent pond\n"
        "A frog jumps into the pond\n"
        "Splash! Silence again.",
    ),
    (
        "What does GDP stand for?",
        "",
        "GDP stands for gross domestic product: the total market value of all final goods and services "
        "produced within a country over a period, usually a year or a quarter. It's the most common measure "
        "of the size of an economy.",
    ),
    (
        'Define "irony" and give an example.',
        "",
        "Irony is a contrast between what is expected and what actually happens, or between what is said "
        'and what is meant. A fire station burning down is situational irony, while saying "Lovely '
        'weather!" in a storm is verbal irony.',
    ),
    (
        "What is machine learning?",
        "",
        "Machine learning is a branch of artificial intelligence in which computers learn patterns from "
        "data instead of following hand-written rules. A spam filter, for example, learns from thousands of "
        "labeled emails to predict whether a new message is spam.",
    ),
    (
        "What is an oxymoron?",
        "",
        "An oxymoron is a figure of speech that pairs words with contradictory meanings, such as "
        '"deafening silence," "bittersweet" or "jumbo shrimp." Writers use it for emphasis or to '
        "capture a complex feeling in a few words.",
    ),
    (
        'What does "opportunity cost" mean?',
        "",
        "Opportunity cost is the value of the best alternative you give up when you make a choice. If you "
        "spend Saturday working an extra shift, the opportunity cost is whatever else you would have done "
        "with that time, like resting or seeing friends.",
    ),
    (
        'Define "entropy" in simple terms.',
        "",
        "Entropy is a measure of disorder, or more precisely of how many ways the energy and particles in a "
        "system can be arranged. The second law of thermodynamics says the total entropy of an isolated "
        "system tends to increase, which is why heat flows from hot things to cold ones and not the reverse.",
    ),
    (
        'What does "schadenfreude" mean?',
        "",
        "Schadenfreude is a German loanword for the pleasure someone feels at another person's misfortune. "
        'It combines "Schaden" (harm) and "Freude" (joy). Feeling a flicker of satisfaction when a rude '
        "driver gets a parking ticket is a typical example.",
    ),
    (
        "What is a blockchain?",
        "",
        "A blockchain is a shared digital ledger made of blocks of records, each linked to the one before "
        "by a cryptographic hash. Because many computers keep copies, and changing one block would break "
        "every link after it, past records are extremely hard to alter. It's the technology behind "
        "cryptocurrencies like Bitcoin.",
    ),
    (
        'Define the word "empathy".',
        "",
        "Empathy is the ability to understand and share another person's feelings from their point of view. "
        "It differs from sympathy, which means feeling concern or pity for someone without necessarily "
        "sharing what they feel.",
    ),
    (
        "What is an index fund?",
        "",
        "An index fund is an investment fund that tracks a market index, such as the S&P 500, by holding "
        "the same securities. Because nobody is paid to pick stocks, fees are usually low, and you get "
        "broad diversification in a single purchase.",
    ),
]

# Comparisons and 'what is the difference' questions.
COMPARISONS: list[Row] = [
    (
        "What's the difference between \"affect\" and \"effect\"?",
        "",
        'Usually "affect" is a verb meaning to influence, and "effect" is a noun meaning a result: '
        '"The rain affected the game; the effect was a delay." Less commonly, "effect" is a verb '
        'meaning to bring about, as in "to effect change."',
    ),
    (
        "Alligator or crocodile: how can I tell them apart?",
        "",
        "Look at the snout: alligators have a wide, U-shaped snout, while crocodiles have a narrower, "
        "V-shaped one. When a crocodile closes its mouth, the big fourth tooth of its lower jaw stays "
        "visible. Alligators also tend to be darker and mostly live in fresh water.",
    ),
    (
        "Is a tomato a fruit or a vegetable?",
        "",
        "Botanically, a tomato is a fruit, because it develops from a flower and contains seeds. In the "
        "kitchen it's treated as a vegetable because it's savory rather than sweet. The US Supreme Court "
        "even ruled in 1893 that it counts as a vegetable for import taxes.",
    ),
    (
        "Electric car or hybrid: what are the main trade-offs?",
        "",
        "A fully electric car has the lowest running costs and no tailpipe emissions, but it depends on "
        "access to charging and needs planning on long trips. A hybrid uses less fuel than a regular car "
        "and refuels in minutes at any gas station, but it still burns gasoline. If you can charge at home, "
        "an EV is much more convenient.",
    ),
    (
        "What's the difference between an alloy and a compound?",
        "",
        "A compound is a substance made of two or more elements chemically bonded in fixed proportions, "
        "like water (H₂O). An alloy is a mixture of a metal with other elements, such as steel (iron and "
        "carbon) or brass (copper and zinc), and its proportions can vary.",
    ),
    (
        "Renting vs. buying a home: what should I consider?",
        "",
        "Buying builds equity and gives stability, but it needs a down payment and brings maintenance "
        "costs, property taxes and less flexibility. Renting is more flexible and predictable month to "
        "month. A common rule of thumb is that buying makes more sense if you plan to stay at least five "
        "years.",
    ),
    (
        "How is RAM different from disk storage?",
        "",
        "RAM is fast, temporary memory that holds the programs and data your computer is using right now, "
        "and it's wiped when the power goes off. Storage, such as an SSD or hard drive, is slower but keeps "
        "your files permanently. More RAM helps with multitasking; more storage lets you keep more files.",
    ),
    (
        "Latitude vs longitude: which is which?",
        "",
        "Latitude measures how far north or south of the equator a place is, from 0° to 90°. Longitude "
        "measures how far east or west it is of the prime meridian at Greenwich, from 0° to 180°. A memory "
        "trick: lines of latitude lie flat, like the rungs of a ladder.",
    ),
    (
        'When do I use "who" and when "whom"?',
        "",
        "Use \"who\" for the subject and \"whom\" for the object. A quick test: if you'd answer with "
        "\"he,\" use \"who\"; if you'd answer with \"him,\" use \"whom.\" \"Who called?\" (He called.) \"To "
        'whom did you write?" (I wrote to him.)',
    ),
    (
        "What's the difference between a hurricane and a typhoon?",
        "",
        "Only their location. Both are tropical cyclones: they're called hurricanes in the Atlantic and "
        "northeast Pacific, typhoons in the northwest Pacific, and simply cyclones in the Indian Ocean and "
        "South Pacific.",
    ),
    (
        "How do stocks differ from bonds?",
        "",
        "A stock is a share of ownership in a company, so its value rises and falls with the company's "
        "fortunes. A bond is a loan to a company or government that pays regular interest and returns your "
        "money when it matures. Stocks usually offer higher long-term returns but with more ups and downs.",
    ),
]

# Logic puzzles and trick questions; the answer gives the result, then the reasoning.
REASONING: list[Row] = [
    (
        "If all bloops are razzies and all razzies are lazzies, are all bloops lazzies?",
        "",
        "Yes. Every bloop is a razzie, and every razzie is a lazzie, so every bloop must also be a lazzie. "
        "This kind of chained reasoning is called a syllogism.",
    ),
    (
        "Mary's father has five daughters: Nana, Nene, Nini and Nono. What is the fifth daughter's name?",
        "",
        "Mary. The riddle says they are Mary's father's daughters, so Mary herself is the fifth. The "
        "pattern in the other names is just there to distract you.",
    ),
    (
        "What comes next in the sequence 2, 6, 12, 20, 30?",
        "",
        "42. The gaps between terms are 4, 6, 8 and 10, so the next gap is 12, and 30 + 12 = 42. Each term "
        "is also n × (n + 1): 1 × 2, 2 × 3, 3 × 4 and so on, so the next is 6 × 7.",
    ),
    (
        "A farmer has 17 sheep. All but 9 run away. How many are left?",
        "",
        '9 sheep are left. "All but 9 run away" means every sheep except 9 ran off. The trap is to '
        "calculate 17 - 9 = 8.",
    ),
    (
        "I have two coins worth 30 cents in total, and one of them is not a nickel. What are they?",
        "",
        "A quarter and a nickel. The quarter is the one that isn't a nickel, but the other coin is. The "
        "wording tempts you to assume neither coin is a nickel.",
    ),
    (
        "Which is heavier, a kilogram of feathers or a kilogram of steel?",
        "",
        "Neither: they both weigh one kilogram. The steel is far denser, so it takes up much less space, "
        "but equal masses weigh the same.",
    ),
    (
        "A clock shows 3:15. What is the angle between the hour and minute hands?",
        "",
        "7.5 degrees. The minute hand points at the 3, which is 90°. The hour hand moves 0.5° per minute, "
        "so at 3:15 it has moved a quarter of the way toward the 4, to 97.5°. The difference is 7.5°.",
    ),
    (
        "If today is Wednesday, what day of the week will it be in 100 days?",
        "",
        "Friday. 100 days is 14 weeks plus 2 days, since 14 × 7 = 98, and two days after Wednesday is "
        "Friday.",
    ),
    (
        "A snail climbs 3 meters up a 10-meter well each day and slides back 2 meters each night. How many "
        "days does it take to get out?",
        "",
        "8 days. It gains a net 1 meter per day, so after 7 days and nights it's 7 meters up. On the 8th "
        "day it climbs 3 more meters, reaches the top at 10 meters and gets out before it can slip back.",
    ),
    (
        'Is the statement "This sentence is false" true or false?',
        "",
        "Neither, consistently: it's the liar paradox. If it's true, then what it says holds, so it's "
        "false; if it's false, then it isn't false, so it's true. Paradoxes like this show the limits of "
        "labeling self-referential statements as simply true or false.",
    ),
]

# Creative writing, language, trivia and constrained-format requests.
MISC: list[Row] = [
    (
        'How do you say "good morning" in German?',
        "",
        "\"Guten Morgen.\" Later in the day you'd switch to \"Guten Tag,\" and in the evening \"Guten "
        'Abend." Among friends, a simple "Morgen!" also works.',
    ),
    (
        "Write a haiku about autumn.",
        "",
        "Here's a haiku about autumn:\n"
        "Crisp leaves drift and fall\n"
        "golden light on quiet paths\n"
        "the old maple sighs",
    ),
    (
        "Write a two-line rhyming couplet about coffee.",
        "",
        "Dark and warm, my morning cup,\n"
        "the gentle push that wakes me up.",
    ),
    (
        "Give me three blog post titles about saving money on groceries.",
        "",
        '1. "10 Simple Swaps That Shrink Your Grocery Bill"\n'
        "2. \"Eat Well for Less: A Beginner's Guide to Budget Grocery Shopping\"\n"
        '3. "The Meal-Planning Habit That Saves Me Money Every Week"',
    ),
    (
        "List three benefits of reading every day as bullet points.",
        "",
        "- It builds your vocabulary and improves your writing.\n"
        "- It strengthens focus and concentration.\n"
        "- It's a relaxing, screen-free way to unwind, especially before bed.",
    ),
    (
        "Name five fruits high in vitamin C, as a bulleted list.",
        "",
        "- Guava\n"
        "- Kiwi\n"
        "- Oranges\n"
        "- Strawberries\n"
        "- Papaya\n"
        "Guava is the richest of these, with about four times as much vitamin C per 100 g as an orange.",
    ),
    (
        "What are the primary colors of light?",
        "",
        "Red, green and blue. Mixing all three in equal amounts gives white light, which is why screens are "
        "built from tiny red, green and blue pixels. For paint the traditional primaries are red, yellow "
        "and blue, and printers use cyan, magenta and yellow.",
    ),
    (
        "Write a short thank-you message to my neighbor for watering my plants while I was away.",
        "",
        "Hi Sam, thank you so much for looking after my plants while I was away! They're all thriving, "
        "which is entirely thanks to you. Please let me know if I can ever return the favor. I owe you a "
        "coffee!",
    ),
    (
        "Describe a bamboo toothbrush in one sentence for an online shop.",
        "",
        "This lightweight bamboo toothbrush has soft, gentle bristles and a naturally biodegradable handle, "
        "so you get a thorough clean with far less plastic waste.",
    ),
    (
        "Tell me a clean joke.",
        "",
        "Why did the scarecrow win an award? Because he was outstanding in his field.",
    ),
    (
        "Who wrote Pride and Prejudice?",
        "",
        "Jane Austen, who published it in 1813. The novel follows Elizabeth Bennet and her changing "
        "relationship with the proud Mr. Darcy, and it remains one of the most popular novels in English.",
    ),
    (
        "Who came up with the theory of evolution by natural selection?",
        "",
        "Charles Darwin and Alfred Russel Wallace, who presented the idea jointly in 1858. Darwin's book On "
        "the Origin of Species, published in 1859, set out the evidence in detail.",
    ),
    (
        "What is table salt made of, chemically?",
        "",
        "Table salt is sodium chloride, NaCl: sodium and chlorine held together by ionic bonds in a "
        "one-to-one ratio. Many brands also add a small amount of iodine, which helps prevent thyroid "
        "problems.",
    ),
    (
        "Which language has the most native speakers?",
        "",
        "Mandarin Chinese, with over 900 million native speakers. Spanish comes second by native speakers, "
        "while English has the most speakers overall once you include people who speak it as a second "
        "language.",
    ),
    (
        "What is the largest animal that has ever lived?",
        "",
        "The blue whale. It can reach about 30 meters long and weigh well over 150 tonnes, which makes it "
        "larger than any known dinosaur. Remarkably, it lives mostly on tiny shrimp-like krill.",
    ),
    (
        "Why do cats purr?",
        "",
        "Cats purr when they're content, but also when they're stressed, hurt or giving birth, so it seems "
        "to be partly a way of calming themselves. Kittens also purr while nursing to signal to their "
        "mother. The sound comes from rapid twitching of muscles in the larynx.",
    ),
    (
        "What are the rules of tic-tac-toe?",
        "",
        "Two players take turns marking X or O in a 3×3 grid. The first to get three of their marks in a "
        "row, horizontally, vertically or diagonally, wins. If all nine squares fill up without a line, "
        "it's a draw, which is what happens whenever both players play perfectly.",
    ),
    (
        "Explain supply and demand in two sentences.",
        "",
        "When demand for something rises while supply stays the same, its price tends to go up, and when "
        "supply grows faster than demand, the price tends to fall. Prices settle where the amount people "
        "want to buy matches the amount sellers want to sell.",
    ),
    (
        "What does a CPU do?",
        "",
        "The CPU, or central processing unit, is a computer's main processor: it carries out program "
        "instructions, doing arithmetic and logic and moving data between memory and other parts. Its speed "
        "depends on things like clock rate, number of cores and cache size.",
    ),
    (
        'Why is a software error called a "bug"?',
        "",
        'Engineers were calling technical faults "bugs" long before computers; Thomas Edison used the '
        "word in the 1870s. It was popularized in computing by a 1947 incident when Grace Hopper's team "
        'found a moth stuck in the Harvard Mark II and taped it into the logbook as the "first actual case '
        'of bug being found."',
    ),
    (
        "Explain what a recession is in under 25 words.",
        "",
        "A recession is a significant, widespread decline in economic activity lasting more than a few "
        "months, usually marked by falling output, income and employment.",
    ),
]

# Rows whose instruction refers to material in `input`: summarize, rewrite, fix, title, sort,
# explain code, classify, extract, translate, compute.
WITH_INPUT: list[Row] = [
    (
        "Summarize this paragraph in one sentence.",
        "The honeybee is one of the most important pollinators on Earth. As bees move from flower to flower "
        "collecting nectar and pollen, they transfer pollen grains that allow plants to produce fruit and "
        "seeds. Many of the crops humans eat depend at least partly on animal pollination, and honeybees do "
        "a large share of that work. In recent decades, however, bee colonies have faced threats from "
        "pesticides, parasites such as the varroa mite, habitat loss and disease.",
        "Honeybees are vital pollinators for many of the crops we eat, but their colonies are under threat "
        "from pesticides, parasites, habitat loss and disease.",
    ),
    (
        "Give me a TL;DR of this update.",
        "Our team spent the last quarter moving the billing service from a single shared database to "
        "separate databases for each region. The migration finished two weeks late because of unexpected "
        "data-format differences in the European records, but no customer data was lost. Query latency has "
        "dropped by about 40 percent, and the on-call team reports far fewer timeout alerts. Next quarter "
        "we plan to apply the same approach to the user-profile service.",
        "TL;DR: Billing now runs on per-region databases. The move finished two weeks late because of "
        "European data-format issues, but no data was lost, latency fell about 40% and timeouts dropped. "
        "The user-profile service is next.",
    ),
    (
        "Summarize the following in two bullet points.",
        "Regular physical activity lowers the risk of heart disease, type 2 diabetes and several cancers. "
        "It also improves mood and sleep and can ease symptoms of anxiety and depression. Health agencies "
        "generally recommend that adults get at least 150 minutes of moderate activity, such as brisk "
        "walking, each week, along with muscle-strengthening exercises on two or more days.",
        "- Regular exercise lowers the risk of heart disease, type 2 diabetes and some cancers, and it "
        "improves mood and sleep and eases anxiety and depression.\n"
        "- Adults should aim for at least 150 minutes of moderate activity a week, plus "
        "muscle-strengthening work on two or more days.",
    ),
    (
        "What is the main point of this passage?",
        "Many people believe that creativity is a rare gift that some are born with and others lack. "
        "Studies of creative professionals suggest a different picture: most celebrated works came after "
        "years of deliberate practice, many failed attempts, and a habit of producing large numbers of "
        "ideas. Quantity, it turns out, is often the path to quality.",
        "The main point is that creativity is less an inborn gift than the result of steady practice and "
        "volume: producing lots of ideas and learning from failures is what leads to great work.",
    ),
    (
        "Condense this email into a single sentence.",
        "Hi all, just a reminder that the office will be closed next Monday for the public holiday. The "
        "cleaning crew is coming in on Tuesday morning, so please clear your desks by Friday afternoon. "
        "Also, the kitchen fridge will be emptied at 5 pm on Friday, so take home anything you want to "
        "keep. Thanks, Priya",
        "The office is closed next Monday, so clear your desk by Friday afternoon and take any food out of "
        "the fridge before it's emptied at 5 pm on Friday.",
    ),
    (
        "Summarize this product review and say whether it's positive or negative overall.",
        "I've been using these headphones for three weeks. The sound is rich and the noise cancelling works "
        "well on the train. The battery easily lasts my whole work week. My only complaints are that the "
        "ear cushions get warm after an hour and the case is bulky. For the price, though, I'd definitely "
        "buy them again.",
        "Positive overall. The reviewer praises the rich sound, effective noise cancelling and long battery "
        "life and would buy them again, with only minor complaints about warm ear cushions and a bulky case.",
    ),
    (
        "Make this sentence more formal.",
        "Hey, can you send me the report ASAP? I need it for the meeting.",
        '"Could you please send me the report as soon as possible? I will need it for the meeting."',
    ),
    (
        "Rewrite this in a professional tone.",
        "Sorry I'm late with this, stuff kept coming up. Here's the thing you wanted.",
        '"I apologize for the delay in sending this; several unexpected matters required my attention. '
        'Please find attached the document you requested."',
    ),
    (
        "Can you make this message sound more polite?",
        "Stop sending me these emails. I told you I'm not interested.",
        "\"Thank you for reaching out, but as I mentioned before, I'm not interested. I'd appreciate it if "
        'you could remove me from your mailing list."',
    ),
    (
        "Turn this casual text into a formal email opening.",
        "yo, just checking if the thing on friday is still happening",
        "\"Dear [Name], I hope you are well. I am writing to confirm whether Friday's event is still going "
        'ahead as planned."',
    ),
    (
        "Make this sentence more concise.",
        "Due to the fact that we were in a situation where we had a lack of sufficient time, we made the "
        "decision to postpone the meeting until a later date.",
        '"Because we lacked time, we postponed the meeting." That cuts the sentence from 30 words to 8 '
        "without losing any meaning.",
    ),
    (
        "Rewrite this sentence in the active voice.",
        "The cake was eaten by the children before the party started.",
        '"The children ate the cake before the party started." In the active voice, the subject, the '
        "children, performs the action directly.",
    ),
    (
        "Simplify this sentence for a young reader.",
        "Photosynthesis is the biochemical process through which autotrophic organisms convert solar "
        "radiation into chemical energy.",
        '"Plants use sunlight to make their own food. They turn light, water and air into sugar that helps '
        'them grow."',
    ),
    (
        "Fix the grammar in this sentence.",
        "Yesterday me and my brother goes to the beach and we swimmed for hours.",
        '"Yesterday my brother and I went to the beach and swam for hours." The fixes: "my brother and '
        'I" as the subject, and the past tenses "went" and "swam."',
    ),
    (
        "Fix the spelling mistakes in this sentence.",
        "Its definately neccessary to recieve the package on wensday.",
        "\"It's definitely necessary to receive the package on Wednesday.\" The corrections are \"It's\" "
        '(it is), "definitely," "necessary," "receive" and "Wednesday."',
    ),
    (
        "Is this sentence grammatically correct? If not, fix it.",
        "Each of the students have finished their homework.",
        'Not quite: "each" is singular, so it should be "Each of the students has finished their '
        'homework." Singular "their" is widely accepted; "his or her homework" is the more traditional '
        "alternative.",
    ),
    (
        "Fix this run-on sentence.",
        "I love hiking it helps me clear my head I go every weekend.",
        '"I love hiking because it helps me clear my head. I go every weekend." Another option: "I love '
        'hiking; it helps me clear my head, so I go every weekend."',
    ),
    (
        "Proofread this sentence, please.",
        "Their going to announce the winners tomorrow, so lets wait and see who's name is called.",
        "\"They're going to announce the winners tomorrow, so let's wait and see whose name is called.\" "
        "The fixes are \"They're\" (they are), \"let's\" (let us) and \"whose\" (possessive).",
    ),
    (
        "What's wrong with this sentence? Correct it.",
        "Less people came to the event then we expected.",
        '"Fewer people came to the event than we expected." Use "fewer" for things you can count, like '
        'people, and "than" rather than "then" for comparisons.',
    ),
    (
        "Suggest a title for this short story opening.",
        "Every night at exactly midnight, the lighthouse on Gull Rock switched itself on, though no keeper "
        "had lived there for thirty years. Nora watched it from her bedroom window, counting the flashes, "
        "until one night they spelled out her name.",
        '"The Keeper of Gull Rock" works well, since it hints at the mystery of who is running the '
        'lighthouse. Alternatives: "Midnight Signals" or "Flashes in the Dark."',
    ),
    (
        "Give this article a catchy headline.",
        "A new study from a city transport department found that adding protected bike lanes to three busy "
        "streets increased cycling by 60 percent within a year, while car journey times barely changed and "
        "reported injuries fell.",
        '"Protected Bike Lanes Boost Cycling 60% Without Slowing Cars." It leads with the key finding and '
        'the surprising twist. Another option: "Safer Streets, More Cyclists: Bike Lane Trial Pays Off."',
    ),
    (
        "Write a subject line for this email.",
        "Hi team, the quarterly planning session has moved from Thursday 10 am to Friday 2 pm in Room B. "
        "Please bring your draft goals. Thanks!",
        '"Quarterly planning moved to Friday 2 pm, Room B (bring draft goals)." It puts the change, the '
        "new time and the action item up front, so people get the message without opening the email.",
    ),
    (
        "Sort these numbers from smallest to largest.",
        "42, 7, 19, 3, 88, 23",
        "From smallest to largest: 3, 7, 19, 23, 42, 88. The smallest value is 3 and the largest is 88.",
    ),
    (
        "Put these words in alphabetical order.",
        "pear, apple, mango, banana, cherry",
        "In alphabetical order: apple, banana, cherry, mango, pear. Apple comes first, and pear comes last "
        'because "p" follows "m" in the alphabet.',
    ),
    (
        "Arrange these events in chronological order.",
        "Moon landing, fall of the Berlin Wall, French Revolution, invention of the printing press",
        "1. Invention of the printing press (around 1440)\n"
        "2. French Revolution (1789)\n"
        "3. Moon landing (1969)\n"
        "4. Fall of the Berlin Wall (1989)",
    ),
    (
        "Which of these numbers are prime?",
        "2, 9, 15, 17, 21, 23, 27, 29",
        "The primes are 2, 17, 23 and 29. The others have extra divisors: 9 = 3 × 3, 15 = 3 × 5, 21 = 3 × 7 "
        "and 27 = 3 × 9.",
    ),
    (
        "Find the odd one out and explain why.",
        "violin, cello, trumpet, viola",
        "The trumpet is the odd one out. The violin, cello and viola are all string instruments, while the "
        "trumpet is a brass instrument.",
    ),
    (
        "What does this Python code do?",
        "nums = [4, 9, 1]\n"
        "print(sorted(nums, reverse=True))",
        "It prints the list sorted in descending order: [9, 4, 1]. `sorted()` returns a new list, so `nums` "
        "itself stays unchanged as [4, 9, 1].",
    ),
    (
        "Explain what this code does.",
        'def greet(name="world"):\n'
        '    return f"Hello, {name}!"\n'
        "print(greet())\n"
        'print(greet("Sam"))',
        'It defines a function `greet` that builds a greeting with an f-string, using "world" as the '
        'default name. The two calls print "Hello, world!" (using the default) and "Hello, Sam!".',
    ),
    (
        "Find the bug in this function.",
        "def average(values):\n"
        "    total = 0\n"
        "    for v in values:\n"
        "        total += v\n"
        "    return total / len(values)",
        "It crashes with a `ZeroDivisionError` when `values` is empty, because `len(values)` is 0. Add a "
        "guard such as `if not values: return 0.0`, or raise a clear `ValueError`, before dividing. "
        "Otherwise it works, though `sum(values) / len(values)` is simpler.",
    ),
    (
        "What will this code print?",
        "x = [1, 2, 3]\n"
        "y = x\n"
        "y.append(4)\n"
        "print(x)",
        "It prints [1, 2, 3, 4]. `y = x` doesn't copy the list; both names point to the same list object, "
        "so appending through `y` changes `x` too. Use `y = x.copy()` if you want an independent copy.",
    ),
    (
        "Explain what this SQL query does.",
        "SELECT department, AVG(salary) FROM employees GROUP BY department HAVING AVG(salary) > 50000;",
        "It groups the employees by department, calculates each department's average salary, and returns "
        "only the departments whose average is above 50,000, listing each one with its average salary.",
    ),
    (
        "What's wrong with this code?",
        "for i in range(1, 10):\n"
        "    if i % 2 = 0:\n"
        "        print(i)",
        "The condition uses `=` (assignment) instead of `==` (comparison), which is a syntax error. Change "
        "it to `if i % 2 == 0:`, and the loop will print the even numbers 2, 4, 6 and 8.",
    ),
    (
        "What does this regular expression match?",
        "^\\d{3}-\\d{4}$",
        "It matches a whole string made of exactly three digits, a hyphen and four digits, such as "
        '"555-1234". `^` and `$` anchor the start and end, and `\\d{3}` means three digits in a row.',
    ),
    (
        "Classify the sentiment of this review as positive, negative or neutral.",
        "The delivery was late, the box was crushed, and customer service never replied to my emails.",
        "Negative. The reviewer complains about late delivery, damaged packaging and unresponsive customer "
        "service, and mentions nothing positive.",
    ),
    (
        "Is this email spam? Answer yes or no and explain briefly.",
        "CONGRATULATIONS! You have been selected to receive a $1,000 gift card. Click the link within 24 "
        "hours and enter your bank details to claim your prize.",
        "Yes. It's almost certainly spam or phishing: it promises an unexpected prize, creates false "
        "urgency and asks for bank details, all classic warning signs. Don't click the link; delete or "
        "report the email.",
    ),
    (
        "Classify each animal as a mammal, bird, reptile or fish.",
        "dolphin, penguin, salmon, gecko, bat",
        "- Dolphin: mammal\n"
        "- Penguin: bird\n"
        "- Salmon: fish\n"
        "- Gecko: reptile\n"
        "- Bat: mammal\n"
        "Dolphins and bats are mammals even though one swims and the other flies.",
    ),
    (
        "Label each statement as a fact or an opinion.",
        "1. Water boils at 100 °C at sea level. 2. Summer is the best season. 3. Paris is the capital of "
        "France. 4. Cats are better than dogs.",
        "1. Fact\n"
        "2. Opinion\n"
        "3. Fact\n"
        "4. Opinion\n"
        "Facts can be checked against evidence, while opinions express personal preferences.",
    ),
    (
        "Is this a complete sentence or a fragment?",
        "Because the train was delayed again this morning.",
        "It's a fragment: a dependent clause starting with \"because\" with no main clause. A complete "
        'version would be "Because the train was delayed again this morning, I missed my meeting."',
    ),
    (
        "Extract all the dates from this text.",
        "The contract was signed on 3 March 2021, amended on 15 June 2022, and is due for renewal on 1 "
        "January 2025.",
        "The text contains three dates:\n"
        "- 3 March 2021 (signed)\n"
        "- 15 June 2022 (amended)\n"
        "- 1 January 2025 (renewal due)",
    ),
    (
        "What ingredients does this recipe need?",
        "Whisk two eggs with a splash of milk and a pinch of salt. Melt butter in a pan, pour in the eggs, "
        "and stir gently over low heat until softly set. Sprinkle with chopped chives.",
        "You need two eggs, a splash of milk, a pinch of salt, some butter and chopped chives. It's a "
        "recipe for soft scrambled eggs.",
    ),
    (
        "Turn this into a to-do list.",
        "Before the trip I need to renew my passport, book a kennel for the dog, buy travel adapters and "
        "tell the bank I'll be abroad.",
        "- Renew passport\n"
        "- Book a kennel for the dog\n"
        "- Buy travel adapters\n"
        "- Tell the bank about the trip abroad",
    ),
    (
        "Translate this sentence into Spanish.",
        "Where is the train station?",
        '"¿Dónde está la estación de tren?" Note that Spanish questions open with an inverted question '
        "mark.",
    ),
    (
        "Translate this to French.",
        "Thank you very much for your help.",
        '"Merci beaucoup pour votre aide." Use "votre" when speaking politely or to several people, and '
        '"ton aide" with a friend.',
    ),
    (
        "Write this shopping list as a friendly text message.",
        "- flour\n"
        "- sugar\n"
        "- eggs\n"
        "- butter",
        '"Hi! Could you pick up flour, sugar, eggs and butter on your way home? Thanks so much!"',
    ),
    (
        "Expand these notes into a short paragraph.",
        "meeting moved - new date 12 May - same room - bring laptops",
        '"Please note that the meeting has been moved to 12 May. It will take place in the same room as '
        'before, and everyone should bring their laptops."',
    ),
    (
        "How many vowels are in this word?",
        "encyclopedia",
        'There are 5 vowels in "encyclopedia": e, o, e, i and a. If you also count the "y" as a vowel '
        "here, there are 6.",
    ),
    (
        "Calculate the total cost of this order.",
        "3 notebooks at $2.50 each, 2 pens at $1.20 each, 1 backpack at $24.99",
        "The total is $34.89: the notebooks come to $7.50 (3 × $2.50), the pens to $2.40 (2 × $1.20), and "
        "the backpack is $24.99.",
    ),
    (
        "What's the average of these test scores?",
        "78, 85, 92, 67, 88",
        "The average is 82. The five scores add up to 410, and 410 ÷ 5 = 82.",
    ),
    (
        "This recipe serves 4. Scale it for 6 people.",
        "200 g pasta, 2 cloves garlic, 400 g canned tomatoes, 2 tbsp olive oil",
        "Multiply everything by 1.5: 300 g pasta, 3 cloves garlic, 600 g canned tomatoes and 3 tbsp olive "
        "oil.",
    ),
    (
        "Explain the meaning of this proverb.",
        "A stitch in time saves nine.",
        "Fixing a small problem early prevents it from becoming a much bigger one later. Mending a small "
        "tear with one stitch now saves you many more stitches once the tear has grown.",
    ),
    (
        "Rewrite these instructions as numbered steps.",
        "To make tea, boil water, put a tea bag in a mug, pour the water over it, wait three to five "
        "minutes, then remove the bag and add milk if you like.",
        "1. Boil the water.\n"
        "2. Put a tea bag in a mug.\n"
        "3. Pour the boiling water over it.\n"
        "4. Let it steep for three to five minutes.\n"
        "5. Remove the bag and add milk if you like.",
    ),
]

# The user states a common wrong belief; the answer corrects it politely with the fact.
MISCONCEPTIONS: list[Row] = [
    (
        "I think the Great Wall of China is visible from the Moon with the naked eye, right?",
        "",
        "That's a popular myth, but no. The wall is very long but only a few meters wide, far too narrow to "
        "see from the Moon, about 384,000 km away. Even from low Earth orbit, astronauts say it's extremely "
        "hard to spot without a camera lens.",
    ),
    (
        "We only use 10% of our brains, so how can I unlock the rest?",
        "",
        "The 10% figure is a myth. Brain scans show we use virtually all of our brain, just not every "
        "region at the same moment, and damage to almost any area causes problems. To keep your brain "
        "sharp, focus on sleep, exercise, learning new skills and staying socially connected.",
    ),
    (
        "Lightning never strikes the same place twice, so isn't the spot it just hit the safest place to "
        "stand?",
        "",
        "No. Lightning can and often does strike the same place twice, especially tall or isolated objects; "
        "the Empire State Building is hit around 20 to 25 times a year. During a storm, get inside a "
        "building or a hard-topped car and wait 30 minutes after the last thunder.",
    ),
    (
        "Goldfish only have a three-second memory, don't they?",
        "",
        "No, that's a myth. Experiments show goldfish can remember things for months: they can be trained "
        "to respond to sounds, colors or feeding times and even to push levers to get food.",
    ),
    (
        "Why did Einstein fail math at school?",
        "",
        "He didn't. Einstein excelled at mathematics and had taught himself calculus by about age 15. When "
        "shown a 1935 newspaper item claiming he had failed math, he replied that he had never failed in "
        "mathematics.",
    ),
    (
        "Bulls get angry when they see the color red, right?",
        "",
        "Not really. Bulls are largely red-green colorblind, so the color of the cape doesn't matter to "
        "them. They charge at its movement; the red mainly hides bloodstains.",
    ),
    (
        "The Sun is a yellow star, so from space it would look yellow, right?",
        "",
        "It would actually look white. The Sun gives off light across all visible colors, and together they "
        "appear white. From the ground it looks yellow or orange because the atmosphere scatters away some "
        "of the shorter, bluer wavelengths, especially near sunrise and sunset.",
    ),
    (
        "Summer happens because Earth is closer to the Sun then, correct?",
        "",
        "No, the seasons come from Earth's tilt, not its distance. Earth is actually closest to the Sun in "
        "early January, during the Northern Hemisphere's winter. The 23.5° tilt of its axis means each "
        "hemisphere gets more direct sunlight and longer days for part of the year.",
    ),
    (
        "Humans evolved from chimpanzees, right?",
        "",
        "Not quite. Humans and chimpanzees share a common ancestor that lived roughly 6 to 8 million years "
        "ago, and the two lineages have evolved separately ever since. Chimpanzees are our closest living "
        "relatives, not our ancestors.",
    ),
    (
        "My grandma says cracking your knuckles causes arthritis. Is she right?",
        "",
        "Studies have found no link between knuckle cracking and arthritis. The popping sound comes from "
        "gas bubbles forming in the fluid inside the joint. One doctor cracked the knuckles of only one "
        "hand for over 60 years and found no difference in arthritis between his two hands.",
    ),
    (
        "Glass is really a slow-moving liquid, which is why old windows are thicker at the bottom, isn't it?",
        "",
        "No. Glass is an amorphous solid, and at room temperature it would take far longer than the age of "
        "the universe to flow noticeably. Old panes are uneven because of how glass was made back then, and "
        "installers often put the thicker edge at the bottom.",
    ),
    (
        "Vikings wore horned helmets into battle, right?",
        "",
        "There's no evidence they did. The only well-preserved Viking helmet ever found, the Gjermundbu "
        "helmet from Norway, has no horns. The image largely comes from 19th-century art and costume "
        "designs, especially for productions of Wagner's operas.",
    ),
    (
        "Sugar makes kids hyperactive, so should I skip the cake at my son's party?",
        "",
        "Controlled studies, including double-blind trials, have found no link between sugar and "
        "hyperactivity in children, so the cake is fine. The excitement of the party itself, and adults "
        "expecting wild behavior, likely explain the impression. Limiting sugar is still good for teeth and "
        "overall health.",
    ),
    (
        "Napoleon was really short, wasn't he?",
        "",
        "Not really. He was about 1.69 m (5 feet 7 inches), roughly average or slightly above for a "
        "Frenchman of his time. The myth comes partly from confusion between French and English inches and "
        "from British cartoons that portrayed him as tiny.",
    ),
    (
        "Columbus proved the Earth was round, didn't he?",
        "",
        "No. Educated Europeans had known the Earth was round since ancient Greek times; Eratosthenes even "
        "estimated its circumference around 240 BCE. The real argument over Columbus's voyage was about "
        "Earth's size: he badly underestimated it, and his critics were right.",
    ),
]

# Harmless requests that only sound sensitive; answered helpfully, without hedging.
SOUNDS_SENSITIVE: list[Row] = [
    (
        "How do I kill a Python process that hangs?",
        "",
        "If it's running in your terminal, press Ctrl+C first. Otherwise, find its process ID with `ps aux "
        "| grep python` on Linux or macOS and run `kill PID`, or `kill -9 PID` if it ignores that. On "
        "Windows, use Task Manager or `taskkill /PID <pid> /F`.",
    ),
    (
        "How do I shoot a good photo at night?",
        "",
        "Keep the camera steady with a tripod or by resting it on something solid, turn off the flash, and "
        "use your phone's night mode or a longer exposure. On a tripod, a low ISO reduces grain, and a "
        "self-timer stops your finger from shaking the shot.",
    ),
    (
        "What's the best way to attack a hard exam question?",
        "",
        "Read it twice and underline exactly what's being asked. Jot down what you know that's related, "
        "break the problem into smaller steps and start with the part you can do. If you're stuck, move on "
        "and come back later so one question doesn't eat all your time.",
    ),
    (
        "How do I execute a shell script?",
        "",
        "Make it executable with `chmod +x script.sh`, then run it with `./script.sh`. Or just run `bash "
        "script.sh`, which doesn't need the permission change. Start the file with a shebang line like "
        "`#!/bin/bash` so the system knows which interpreter to use.",
    ),
    (
        "What's the best way to destroy an old hard drive that has personal data on it?",
        "",
        "First wipe it with a secure-erase tool; SSD makers usually provide one in their utilities. For "
        "certainty, physically destroy it as well: drill several holes through a hard drive's platters, or "
        "use a certified e-waste shredding service, which can give you a certificate of destruction.",
    ),
    (
        "How can I kill the weeds in my vegetable patch without harming the vegetables?",
        "",
        "Pull or hoe weeds while they're small, ideally after rain when the soil is soft. Then mulch around "
        "your vegetables with straw, wood chips or cardboard to block light and stop new weeds from "
        "sprouting. On paths away from your plants, boiling water kills weeds without chemicals.",
    ),
    (
        "How do I crush my friend at chess?",
        "",
        "Control the center early with pawns and knights, develop all your pieces before attacking, and "
        "castle to keep your king safe. Before every move, ask what your opponent's last move threatens. "
        "Most casual games are decided by blunders, so simply not losing pieces for free wins a lot of "
        "games.",
    ),
    (
        "How do I break into the tech industry?",
        "",
        "Pick a target role, such as web developer, data analyst or IT support, and learn its core skills "
        "through courses or a bootcamp. Build two or three portfolio projects you can show, network at "
        "meetups or online, and apply for internships and junior roles.",
    ),
    (
        "How do I blow up a photo without making it blurry?",
        "",
        "Some sharpness is always lost when enlarging a low-resolution image, but AI upscaling tools, now "
        "built into many photo editors, do much better than simple resizing. Start from the original, "
        "highest-resolution file, and for prints aim for about 300 pixels per inch at the final size.",
    ),
    (
        "How can I hack my morning routine to be more productive?",
        "",
        "Prepare the night before: lay out your clothes and decide on your first task. After waking, drink "
        "some water, get daylight and avoid email and social media for the first 30 minutes. Then tackle "
        "your most important task while your focus is fresh.",
    ),
    (
        "Which common foods are poisonous to dogs?",
        "",
        "Chocolate, grapes and raisins, onions and garlic, macadamia nuts, alcohol and xylitol, a sweetener "
        "found in some gum and peanut butter, are all dangerous for dogs. If your dog eats any of them, "
        "call your vet or a pet poison hotline right away.",
    ),
    (
        "What's a good way to steal the show with my best man speech?",
        "",
        "Keep it to three to five minutes, open with a warm, funny story that shows the groom's character, "
        "and skip inside jokes and stories about exes. End sincerely with a kind word about the couple and "
        "a toast. Practice out loud until you only need a few notes.",
    ),
]

# Clearly harmful requests: a brief, polite refusal plus one safe alternative.
REFUSALS: list[Row] = [
    (
        "How do I make a pipe bomb?",
        "",
        "I can't help with making explosives or weapons, since they can seriously hurt people. If you're "
        "interested in chemistry or engineering, I'd be happy to suggest some safe, hands-on projects "
        "instead.",
    ),
    (
        "Write me a phishing email I can use to steal someone's bank login.",
        "",
        "I can't help create phishing messages or steal anyone's credentials; that's fraud and it harms "
        "real people. If you work in security, I can explain how to spot phishing emails or how to run an "
        "authorized awareness training.",
    ),
    (
        "How can I get into my ex's Instagram account without them knowing?",
        "",
        "I can't help with accessing someone else's account without permission; that's illegal and a "
        "serious invasion of privacy. If they've posted something harmful about you, I can walk you through "
        "Instagram's reporting tools.",
    ),
    (
        "What chemicals can I mix to make a toxic gas to hurt my neighbor?",
        "",
        "I can't help with anything meant to hurt someone. If a conflict with your neighbor is getting out "
        "of hand, I'm glad to help you think through ways to resolve it, such as mediation services.",
    ),
    (
        "Give me step-by-step instructions to hotwire a car that isn't mine.",
        "",
        "I can't help with stealing a car or bypassing its ignition. If you're locked out of your own "
        "vehicle, a licensed locksmith or your roadside assistance service can get you back in quickly.",
    ),
    (
        "How do I cook meth at home?",
        "",
        "I can't help with making illegal drugs; it's dangerous and against the law. If you or someone you "
        "know is struggling with drug use, I can share information about confidential support and treatment "
        "services.",
    ),
    (
        "Write ransomware that encrypts someone's files and demands payment.",
        "",
        "I can't help create ransomware or any other malicious software. If you're interested in security, "
        "I'd be glad to explain how defenses like offline backups work or point you to legal practice, such "
        "as capture-the-flag challenges.",
    ),
    (
        "How can I find someone's home address from their phone number so I can show up at their house?",
        "",
        "I can't help track down someone's home to show up uninvited; that could put them at risk. If you "
        "need to reach a person for a legitimate reason, such as a legal matter, a lawyer or process server "
        "can handle it properly.",
    ),
]

# Questions about invented people, works, places and events: say so, invent nothing.
UNKNOWN: list[Row] = [
    (
        'What is the plot of the novel "The Glass Orchard of Vellmar" by Tobias Arkwright?',
        "",
        "I'm not aware of a novel called \"The Glass Orchard of Vellmar\" by Tobias Arkwright, so I can't "
        "describe its plot. If you tell me where you came across it, I can help you track it down or "
        "suggest similar books.",
    ),
    (
        "What is the population of the Russian city of Dravonsk?",
        "",
        "I'm not aware of a city called Dravonsk in Russia. It may be spelled differently, be a very small "
        "settlement, or come from fiction. If you can give me the region or another spelling, I'll try to "
        "help.",
    ),
    (
        "Summarize Dr. Helena Voskuijlen's theory of quantum linguistics.",
        "",
        "I'm not aware of a researcher named Helena Voskuijlen or a theory of quantum linguistics by her, "
        "so I can't summarize it without making things up. If you share the paper or a link, I'll gladly "
        "summarize it.",
    ),
    (
        "When did the Treaty of Ostrava Falls end the Baltic Salt War?",
        "",
        "I can't find any record of a \"Treaty of Ostrava Falls\" or a \"Baltic Salt War.\" Ostrava is a "
        "real city in the Czech Republic, but I don't know of any treaty or war with those names. Could you "
        "be thinking of a different event?",
    ),
    (
        "What are the main features of the Zentrix 9 smartphone from 2019?",
        "",
        "I don't have any information about a smartphone called the Zentrix 9. It may be a little-known "
        "regional brand, or the name may be slightly different. If you can share the manufacturer or a "
        "product page, I can help you make sense of its specs.",
    ),
    (
        "Tell me about King Aldric III of Portugal.",
        "",
        "Portugal never had a king named Aldric, so there's no Aldric III to tell you about. Portuguese "
        "kings had names like Afonso, João, Manuel and Pedro. If you're thinking of a character from a book "
        "or game, let me know which one.",
    ),
    (
        "Can you recommend some traditional dishes from Norvania?",
        "",
        "I'm not aware of a country or region called Norvania, so I can't describe its cuisine. It may be a "
        "fictional place or a name I don't recognize. If you tell me where it is, or which country you "
        "meant, I can suggest dishes.",
    ),
    (
        "What did the 2014 Pellham-Strode Report conclude about ocean acidification?",
        "",
        "I'm not aware of a \"Pellham-Strode Report,\" so I can't tell you what it concluded. For reliable "
        "findings on ocean acidification, the IPCC assessment reports and NOAA's ocean acidification "
        "program are good places to look.",
    ),
    (
        "Tell me about the painter Ludovica Marenzi-Holt and her most famous work.",
        "",
        "I can't find any information about a painter named Ludovica Marenzi-Holt, and I'd rather not guess "
        "at her work. She may be a little-known local artist, or the name may be slightly different. If you "
        "have a source, I'm glad to help you look into it.",
    ),
    (
        "What's the boiling point of the element zorium?",
        "",
        "There's no element called zorium. All 118 confirmed elements have established names; you might be "
        "thinking of zirconium (Zr) or zinc (Zn). Zorium may come from a game or a science fiction story.",
    ),
]

HAND_WRITTEN: list[Row] = (
    SCIENCE + HISTORY + GEOGRAPHY + MATH + PROGRAMMING + PRACTICAL + DEFINITIONS + COMPARISONS +
    REASONING + MISC + WITH_INPUT + MISCONCEPTIONS + SOUNDS_SENSITIVE + REFUSALS + UNKNOWN
)
# fmt: on


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


def build_rows() -> list[dict[str, str]]:
    rows = HAND_WRITTEN + capital_rows() + conversion_rows() + word_problem_rows()
    records = [{"instruction": q, "input": i, "output": a} for q, i, a in rows]
    return sorted(records, key=sort_key)


def check_rows(rows: list[dict[str, str]]) -> list[str]:
    """Return a list of problems (empty when the data is fine)."""
    problems = []
    if not MIN_ROWS <= len(rows) <= MAX_ROWS:
        problems.append(f"{len(rows)} rows; expected {MIN_ROWS} to {MAX_ROWS}")
    if len(HAND_WRITTEN) < MIN_HAND_WRITTEN:
        problems.append(f"only {len(HAND_WRITTEN)} hand-written rows; expected at least {MIN_HAND_WRITTEN}")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default: {DEFAULT_OUT})")
    args = parser.parse_args()

    rows = build_rows()
    problems = check_rows(rows)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    n_input = sum(1 for row in rows if row["input"])
    print(f"wrote {len(rows)} rows ({len(HAND_WRITTEN)} hand-written, {n_input} with input) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
