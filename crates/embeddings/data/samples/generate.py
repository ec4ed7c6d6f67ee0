#!/usr/bin/env python3
"""Writes the lab's sample datasets (topics.csv, support_tickets.csv) from the vocabularies
below. Written for Bedrock Playground; deterministic: run it again and the files come out the
same. Each topic (or product) has its own words, so its texts land together on the map."""

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

TOPICS = {
    "cooking": {
        "templates": [
            "{Verb} the {ingredient} and {ingredient2} in a {tool} before adding the {dish}.",
            "A good {dish} needs fresh {ingredient}, a pinch of {spice} and patient {verb_ing}.",
            "{Verb} the {dish} over low heat, then season it with {spice} and {ingredient}.",
            "For a richer {dish}, {verb} some {ingredient} in butter in the {tool} first.",
            "The recipe says to {verb} the {ingredient} until golden and fold it into the {dish}.",
            "Leftover {dish} tastes even better the next day with extra {spice} and {ingredient}.",
            "Keep the {tool} hot while you {verb} the {ingredient} for the {dish}.",
        ],
        "ingredient": ["garlic", "onions", "tomatoes", "mushrooms", "shallots", "carrots", "lentils", "chickpeas", "spinach", "basil leaves", "olive oil", "ginger"],
        "spice": ["cumin", "smoked paprika", "black pepper", "sea salt", "oregano", "thyme", "turmeric", "chilli flakes", "nutmeg"],
        "dish": ["risotto", "tomato soup", "vegetable curry", "bread dough", "pasta sauce", "beef stew", "omelette", "pancake batter", "roast chicken"],
        "tool": ["cast iron skillet", "saucepan", "oven", "wok", "stockpot", "frying pan", "roasting tray"],
        "verb": ["simmer", "roast", "chop", "saute", "whisk", "knead", "grate", "caramelise", "braise"],
        "verb_ing": ["simmering", "stirring", "kneading", "tasting", "roasting"],
    },
    "astronomy": {
        "templates": [
            "The {telescope} captured the {object} glowing near the {constellation} constellation.",
            "Astronomers measured how the {object} orbits its {body} using {method}.",
            "On a clear night you can see the {object} rise above the horizon beside {constellation}.",
            "The {telescope} detected faint {radiation} from a distant {object}.",
            "A {event} will be visible tonight, so point your telescope toward {constellation}.",
            "Light from the {object} took millions of years to reach the {telescope}.",
            "The {body} pulls on the {object}, which astronomers track with {method}.",
        ],
        "telescope": ["space telescope", "radio telescope", "observatory", "reflecting telescope", "orbiting observatory"],
        "object": ["spiral galaxy", "red giant star", "nebula", "supernova remnant", "comet", "exoplanet", "star cluster", "quasar", "white dwarf", "asteroid"],
        "constellation": ["Orion", "Cassiopeia", "Andromeda", "Lyra", "Cygnus", "Scorpius", "Ursa Major", "Perseus"],
        "body": ["black hole", "host star", "gas giant planet", "neutron star", "binary companion"],
        "method": ["spectroscopy", "gravitational lensing", "parallax measurements", "transit photometry", "redshift surveys"],
        "radiation": ["infrared light", "x-rays", "radio waves", "ultraviolet light", "gamma rays"],
        "event": ["meteor shower", "lunar eclipse", "planetary conjunction", "solar eclipse", "comet flyby"],
    },
    "football": {
        "templates": [
            "The {position} scored a {goal} in the {minute} minute to win the {competition} match.",
            "Our {position} was booked for a late tackle on the {opponent} winger.",
            "The coach changed to a {formation} formation after the {opponent} equalised.",
            "A {goal} from the edge of the penalty box sent the {competition} final to extra time.",
            "The referee awarded a penalty kick when the {position} was fouled by the {opponent} defender.",
            "Fans sang in the stadium as the {position} lifted the {competition} trophy.",
            "After the {minute} minute substitution, the {position} switched the team to a {formation}.",
        ],
        "position": ["striker", "goalkeeper", "centre back", "midfielder", "left winger", "captain", "full back"],
        "goal": ["header", "volley", "free kick", "penalty", "long range strike", "tap in", "bicycle kick"],
        "minute": ["ninetieth", "first", "twelfth", "forty fifth", "sixty seventh", "eighty third", "stoppage time"],
        "competition": ["league", "cup", "champions league", "derby", "world cup qualifier", "premier league"],
        "opponent": ["visiting", "rival", "away", "league leading", "relegation threatened"],
        "formation": ["four four two", "three five two", "four three three", "five back", "diamond midfield"],
    },
    "finance": {
        "templates": [
            "Putting part of every paycheck into a {account} helps build an {goal} over time.",
            "Compare the {fee} before you open a {account} or buy an {investment}.",
            "Paying off {debt} first usually saves more than the interest a {account} earns.",
            "A monthly budget shows how much of your salary goes to {expense} and {expense2}.",
            "A mix of {investment}s spreads risk across many stocks in a retirement portfolio.",
            "Your credit score improves when you pay the {debt} on time and keep balances low.",
            "Set aside savings for {expense} so an emergency does not go onto the {debt}.",
        ],
        "account": ["high yield savings account", "pension plan", "retirement account", "brokerage account", "tax free savings account"],
        "goal": ["emergency fund", "house deposit", "retirement nest egg", "rainy day fund"],
        "fee": ["annual fees", "interest rates", "management fees", "exchange fees", "overdraft charges"],
        "investment": ["index fund", "government bond", "exchange traded fund", "dividend stock"],
        "debt": ["credit card balance", "student loan", "car loan", "mortgage", "overdraft"],
        "expense": ["rent", "groceries", "insurance premiums", "utility bills", "childcare", "subscriptions"],
        "expense2": ["transport", "holidays", "eating out", "phone bills"],
    },
    "gardening": {
        "templates": [
            "Plant the {plant} in {soil} and water the seedlings every {when}.",
            "Prune the {plant} in {season} so new shoots grow before the {pest} arrive.",
            "Mulch around the {plant} keeps the {soil} moist and the weeds down.",
            "Sow {plant} seeds in the greenhouse and move them to the vegetable bed in {season}.",
            "Aphids and {pest} attack the {plant}, so try companion planting with marigolds.",
            "Add compost to the {soil} before you transplant the {plant} seedlings.",
            "The {plant} flowers best in full sun with a deep watering every {when}.",
        ],
        "plant": ["tomato plants", "rose bushes", "lavender", "courgettes", "runner beans", "strawberries", "sunflowers", "potatoes", "hydrangeas", "herb seedlings"],
        "soil": ["well drained loam", "clay soil", "sandy soil", "raised beds", "potting compost", "acidic soil"],
        "season": ["early spring", "late autumn", "midsummer", "winter", "late spring"],
        "when": ["morning", "evening", "few days", "dry week"],
        "pest": ["slugs", "snails", "caterpillars", "whitefly", "vine weevils", "greenfly"],
    },
    "programming": {
        "templates": [
            "The {lang} function threw a {error} because the {thing} was never initialised.",
            "Write a unit test for the {thing} before you refactor the {lang} module.",
            "The compiler flagged a {error} in the {thing} after the last commit.",
            "Use a {tool} to find the {error} in the {lang} code that parses the {thing}.",
            "The pull request adds a cache to the {thing} and cuts the API latency in half.",
            "Our {lang} service logs a stack trace whenever the {thing} returns a {error}.",
            "Run the {tool} on the repository and fix every {error} before merging the branch.",
        ],
        "lang": ["Rust", "Python", "JavaScript", "Go", "TypeScript", "Java", "Kotlin"],
        "error": ["null pointer exception", "type error", "segmentation fault", "race condition", "memory leak", "off by one bug", "borrow checker error", "timeout exception"],
        "thing": ["config struct", "database connection pool", "JSON parser", "HTTP handler", "hash map", "iterator", "async runtime", "regular expression"],
        "tool": ["debugger", "linter", "profiler", "static analyser", "code formatter", "test runner"],
    },
    "travel": {
        "templates": [
            "We booked a {stay} near the {place} and took the {transport} to the {sight}.",
            "Pack a {item} and your passport before the {transport} to {city}.",
            "The {sight} in {city} is busiest in the morning, so buy {ticket} online.",
            "Our {transport} to {city} was delayed, so we missed the {sight} tour.",
            "Travellers to {city} should carry a {item} and book the {stay} early.",
            "From the {stay} it is a short {transport} ride to the {place} and the {sight}.",
            "The travel guide recommends visiting {city} in spring for the {sight}.",
        ],
        "stay": ["hostel", "boutique hotel", "guesthouse", "holiday rental", "seaside resort", "campsite"],
        "place": ["old town", "harbour", "central station", "airport", "beach promenade", "mountain village"],
        "transport": ["overnight train", "ferry", "budget flight", "coach", "cable car", "rental car"],
        "sight": ["cathedral", "museum", "castle", "waterfall", "national park", "night market", "ancient ruins"],
        "city": ["Lisbon", "Kyoto", "Reykjavik", "Marrakesh", "Vienna", "Cusco", "Hanoi", "Edinburgh"],
        "item": ["travel adapter", "rain jacket", "phrasebook", "money belt", "guidebook", "day pack"],
        "ticket": ["museum passes", "skip the line tickets", "rail passes", "entry tickets"],
    },
    "music": {
        "templates": [
            "The {instrument} player tuned her {instrument} before the {genre} concert.",
            "Practise {technique} on the {instrument} for ten minutes to improve your rhythm.",
            "The band recorded the {genre} album in a studio with a vintage {gear}.",
            "A {genre} song often moves from the verse to a chorus in a {key}.",
            "The orchestra rehearsed the {piece} with the {instrument} section leading.",
            "Turn up the {gear} so the {instrument} solo cuts through the {genre} mix.",
            "The composer wrote the {piece} in {key} for {instrument} and strings.",
        ],
        "instrument": ["violin", "electric guitar", "piano", "drum kit", "saxophone", "cello", "bass guitar", "trumpet"],
        "technique": ["scales", "arpeggios", "chord changes", "fingerpicking", "sight reading", "vibrato"],
        "genre": ["jazz", "punk rock", "classical", "blues", "hip hop", "folk", "heavy metal"],
        "gear": ["tube amplifier", "mixing desk", "microphone", "synthesiser", "drum machine", "reverb pedal"],
        "key": ["minor key", "major key", "D minor", "C major", "E flat"],
        "piece": ["symphony", "sonata", "string quartet", "concerto", "overture"],
    },
}

PRODUCTS = {
    "thermostat": {
        "name": "thermostat",
        "thing": ["heating schedule", "temperature reading", "boiler wiring", "cooling mode", "radiator valve", "eco heating setting"],
        "symptom": ["shows the wrong room temperature", "will not switch the boiler heating on", "keeps resetting the heating schedule", "runs the furnace heating all night", "reads thirty degrees in a cold room"],
        "detail": ["the radiators stay cold", "the boiler never fires", "the heating overshoots by five degrees", "the furnace cycles every minute"],
    },
    "camera": {
        "name": "security camera",
        "thing": ["video feed", "night vision", "motion alerts", "cloud recording", "camera lens", "two way audio"],
        "symptom": ["shows a black video feed", "misses motion alerts on the driveway", "stops recording footage at night", "has blurry night vision", "drops the live camera stream"],
        "detail": ["the footage is pixelated", "the recording clips are missing", "the infrared night vision flickers", "motion detection fires for passing cars"],
    },
    "speaker": {
        "name": "smart speaker",
        "thing": ["bluetooth pairing", "voice assistant", "speaker volume", "bass output", "playlist sync", "speaker microphone"],
        "symptom": ["crackles at high volume", "will not pair over bluetooth", "ignores the voice assistant wake word", "plays music and podcasts out of sync", "sounds tinny with no bass"],
        "detail": ["the audio distorts", "songs skip in the playlist", "the voice assistant answers the wrong question", "the music stutters"],
    },
    "router": {
        "name": "wifi router",
        "thing": ["wifi signal", "mesh network", "router firmware", "ethernet port", "guest wifi network", "internet bandwidth"],
        "symptom": ["drops the wifi connection every hour", "gives slow internet download speeds", "fails the router firmware update", "loses the mesh wifi satellites", "blocks devices on the ethernet port"],
        "detail": ["the internet light blinks red", "video calls freeze on the wifi", "the broadband speed halves", "laptops lose the wireless network"],
    },
    "vacuum": {
        "name": "robot vacuum",
        "thing": ["suction power", "brush roll", "charging dock", "cleaning map", "dustbin sensor", "carpet cleaning mode"],
        "symptom": ["gets stuck under the sofa while cleaning", "will not return to the charging dock", "leaves dust and crumbs on the carpet", "forgets the floor cleaning map", "tangles pet hair in the brush roll"],
        "detail": ["the dustbin fills with hair", "the vacuum bumps into skirting boards", "the side brushes stop spinning", "the floor stays dusty"],
    },
    "lock": {
        "name": "smart lock",
        "thing": ["keypad code", "deadbolt motor", "auto lock timer", "fingerprint reader", "door sensor", "spare key access"],
        "symptom": ["will not unlock the door with the keypad code", "jams the deadbolt halfway", "auto locks while the door is open", "rejects my fingerprint at the door", "drains the lock batteries in a week"],
        "detail": ["the deadbolt clicks but the door stays locked", "guests cannot open the front door", "the keypad beeps three times", "the door lock chimes at night"],
    },
}

TICKET_TEMPLATES = {
    "hardware": [
        "My {name} {symptom} and {detail}.",
        "The {name} {symptom}; I think the {thing} is faulty because {detail}.",
        "Since a power cut the {name} {symptom} and the {thing} seems broken.",
    ],
    "setup": [
        "Setting up the new {name} fails at the {thing} step and {detail}.",
        "How do I set up the {thing} and the {thing2} on my {name}?",
        "The {name} guide does not explain the {thing}, and now {detail}.",
    ],
    "connectivity": [
        "The {name} goes offline, the {thing} stops and {detail}.",
        "After the update my {name} {symptom} and the {thing} shows as disconnected.",
    ],
    "feature request": [
        "Please let the {name} schedule the {thing} and the {thing2}.",
        "Could the {name} share the {thing} with family when {detail}?",
    ],
    "billing": [
        "I was charged twice for the {name} plan that unlocks the {thing} and the {thing2}.",
        "Can I get a refund for the {name}? The {thing} never worked and {detail}.",
    ],
}

PRIORITY_BY_CATEGORY = {
    "hardware": ["high", "urgent", "medium"],
    "setup": ["low", "medium"],
    "connectivity": ["medium", "high"],
    "feature request": ["low"],
    "billing": ["medium", "high"],
}
CHANNELS = ["email", "chat", "phone", "app"]


def fill(template, words, rng):
    """The template with each slot filled; a value is not used twice in one text."""
    out = template
    used = set()
    for key in sorted(words, key=len, reverse=True):
        for token in ("{" + key + "}", "{" + key.capitalize() + "}"):
            while token in out:
                choices = [w for w in words[key] if w not in used] or words[key]
                value = rng.choice(choices)
                used.add(value)
                if token[1].isupper():
                    value = value[0].upper() + value[1:]
                out = out.replace(token, value, 1)
    return out


def topics(rng, per_topic=50):
    rows, seen = [], set()
    for topic, spec in TOPICS.items():
        words = {k: v for k, v in spec.items() if k != "templates"}
        words["ingredient2"] = words.get("ingredient", [])
        count = 0
        while count < per_topic:
            text = fill(rng.choice(spec["templates"]), words, rng)
            if text not in seen:
                seen.add(text)
                rows.append((text, topic))
                count += 1
    rng.shuffle(rows)
    return rows


def tickets(rng, per_product=55):
    rows, seen = [], set()
    categories = list(TICKET_TEMPLATES)
    for product, spec in PRODUCTS.items():
        words = {k: v for k, v in spec.items() if k != "name"}
        words["name"] = [spec["name"]]
        words["thing2"] = spec["thing"]
        count = 0
        while count < per_product:
            category = rng.choice(categories)
            text = fill(rng.choice(TICKET_TEMPLATES[category]), words, rng)
            if text in seen:
                continue
            seen.add(text)
            priority = rng.choice(PRIORITY_BY_CATEGORY[category])
            rows.append((text, product, priority, rng.choice(CHANNELS), category))
            count += 1
    rng.shuffle(rows)
    return rows


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    write(HERE / "topics.csv", ["text", "topic"], topics(random.Random(20240611)))
    write(
        HERE / "support_tickets.csv",
        ["text", "product", "priority", "channel", "category"],
        tickets(random.Random(7)),
    )


if __name__ == "__main__":
    main()
