"""Recognition: regular expressions for English temporal expressions, with TimeML extents.

Each rule is one compiled pattern over the raw text (HeidelTime's approach): the matches
of all rules are pooled, and the longest non-overlapping ones win. Extents follow the
TimeML guidelines as TempEval-3 annotates them: determiners and modifiers are in ("the
past three years", "early next year", "about two weeks"), prepositions are out ("in 2014",
"within six months"). A group named `lead` matches context that must precede the
expression but is not part of it ("for years" → "years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.timex.vocab import DEPENDENT_CACHES, alternation, fragments, vocabulary


@dataclass(frozen=True)
class Rule:
    """A pattern, the trigger categories whose words it cannot match without (see
    `scan.TRIGGERS`), and its priority among equally long matches."""

    name: str
    pattern: re.Pattern
    triggers: tuple[str, ...]
    priority: int = 0


# point modifiers: "early 1990", "the end of the year", "mid-November", "post-1959"
_MOD = (
    r"(?:(?P<mod>early|late|mid|mid-|post-|pre-|the\s+end\s+of|the\s+beginning\s+of|"
    r"the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of|the\s+turn\s+of|the\s+rest\s+of|"
    r"the\s+remainder\s+of|the\s+early\s+part\s+of|the\s+first\s+part\s+of|"
    r"the\s+latter\s+part\s+of|the\s+later\s+part\s+of|a\s+good\s+part\s+of|"
    r"early\s+in|late\s+in|earlier\s+in|later\s+in|sometime\s+in|as\s+early\s+as|"
    r"as\s+late\s+as|sometime|some\s+time)(?:\s+|(?<=-)))?"
)
_APPROX = (
    r"(?:(?P<approx>about|around|approximately|roughly|nearly|almost|more\s+than|"
    r"less\s+than|fewer\s+than|over(?!\s+the\b)|under(?!\s+(?:its|the|their)\b)|at\s+least|at\s+most|up\s+to|no\s+more\s+than|"
    r"no\s+less\s+than|well\s+over|just\s+over|just\s+under|upwards\s+of|some|an\s+estimated|"
    r"the\s+better\s+part\s+of)\s+)?"
)
_END = r"(?![\w])"
# the trigger categories (see `scan.TRIGGERS`) each rule needs a word of
TRIGGERS_OF = {
    name: triggers
    for triggers, names in {
        "month": "date_mdy date_dmy month_year month day_list",
        "year4": "date_iso year year_range",
        "slash": "date_slash",
        "fy": "fy_short",
        "spelled": "year_spelled",
        "year4 decade": "decade",
        "decadeword": "decade_word",
        "unit year4": "century",
        "unit": "quarter quarter_rel week rel_unit year_end year_ago_adj duration duration_range "
        "half_unit vague_units unit_long times_a ordinal_unit",
        "qcode": "quarter_code",
        "season": "season",
        "dayword": "dayword day_before",
        "part": "part_of_day oclock hour_part noon",
        "weekday": "weekday weekday_plural",
        "holiday": "holiday",
        "clock": "clock clock24 clock_mil",
        "freq": "freq",
        "every": "every",
        "ref": "ref",
    }.items()
    for name in names.split()
}
_PUNCT_AHEAD = r"(?=\s*(?:[,.;:!?)\"'”’]|--|—|$))"


def _rules() -> list[Rule]:
    f = dict(fragments())
    f["mod"], f["approx"], f["end"], f["pa"] = _MOD, _APPROX, _END, _PUNCT_AHEAD
    v = vocabulary()
    f["month_full"] = (
        alternation([m for m in v["months"] if len(m) > 3 or m == "may"])
        + "|"
        + alternation([m for m in v["months"] if len(m) <= 4 and m not in ("may", "june", "july")])
        + r"\."
    )
    f["spelled"] = (
        r"(?:(?:nineteen|eighteen|seventeen)\s+(?:hundred\s+(?:and\s+)?)?(?:{word_number})"
        r"|two\s+thousand(?:\s+(?:and\s+)?(?:{word_number}))?)"
    ).format(**f)
    f["year_any"] = r"(?:{year}|{spelled})".format(**f)
    f["unit_sg"] = alternation(list(v["units"]))
    f["ref"] = alternation(v["present_ref"] + v["past_ref"] + v["future_ref"])
    f["freq"] = alternation(list(v["frequency_adverbs"]))
    f["det_rel"] = (
        r"(?:last|this|next|this\s+past|this\s+coming|past|coming|the\s+past|the\s+previous|"
        r"the\s+coming|the\s+following|the\s+next|the\s+same|that|that\s+same|the)"
    )
    specs: list[tuple[str, str, int]] = [  # (name, pattern, priority)
        # --- calendar dates -------------------------------------------------------------
        (
            "date_mdy",
            r"(?:(?P<approx>around|about|on\s+or\s+about)\s+)?(?:(?P<rel>last|this|next|"
            r"this\s+past|this\s+coming|coming|past)\s+)?(?:(?P<wd>{weekday}),?\s+)?"
            r"(?P<month>{month})\s+(?P<day>[0-3]?\d|{ordinal})(?:st|nd|rd|th)?(?![\d:.]\d|-)"
            r"(?:\s*(?:-|–|through|to)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
            r"(?:\s?,?\s+(?P<year>{year_any}|['’]\d\d)(?!\d))?{end}",
            3,
        ),
        (
            "day_list",
            r"(?P<lead>(?P<month>{month})\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:and|&|or)\s+)"
            r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.]\d)(?:,?\s+(?P<year>{year})(?!\d))?{end}",
            1,
        ),
        (
            "date_dmy",
            r"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>[0-3]?\d|{ordinal})(?:st|nd|rd|th)?"
            r"(?:\s+of)?\s+(?P<month>{month})(?:,?\s+(?P<year>{year_any})(?!\d))?{end}",
            2,
        ),
        (
            "month_year",
            _MOD + r"(?P<month>{month})(?:\s+of)?,?\s+(?P<year>{year_any}|['’]\d\d)(?!\d){end}",
            2,
        ),
        (
            "date_iso",
            r"(?<![\d/-])(?P<year>{year})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
            r"(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?(?![\d-])",
            4,
        ),
        (
            "date_slash",
            r"(?<![\d/.])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{{4}}|\d\d)(?![\d/])",
            4,
        ),
        (
            "month",
            _MOD + r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming|"
            r"the\s+month\s+of|that|the\s+following|the\s+previous)\s+)?"
            r"(?P<month>{month_full})(?:\s+(?:of\s+)?(?P<rel2>last|this|next)\s+year)?{end}",
            1,
        ),
        (
            "year",
            _MOD + r"(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|fy|"
            r"financial\s+year|model\s+year)[\s-]*)?(?<![\d$£€#,.])(?P<year>{year})"
            r"(?![\d]|,\d|\.\d|\s*%|\s*percent)",
            1,
        ),
        (
            "year_range",
            r"(?<![\d$£€#,.])(?P<year>{year})\s*[-–—]\s*(?P<year2>{year}|\d\d)(?![\d%])",
            2,
        ),
        ("fy_short", r"(?P<fiscal>fy)\s*['’]?(?P<yy>\d\d)(?!\d)", 1),
        ("year_spelled", _MOD + r"(?P<the>the\s+year\s+)?(?P<sp>{spelled}){end}", 1),
        (
            "decade",
            r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?P<dec>(?:1[0-9]|20)\d0|['’]\d0|"
            r"(?<=the\s)\d0|(?<=early\s|early-)\d0|(?<=mid-)\d0|(?<=late\s|late-)\d0)"
            r"['’]?s{end}",
            2,
        ),
        (
            "decade_word",
            r"the\s+(?:(?P<mod>early|late|mid)[\s-]*)?(?P<dword>twenties|thirties|forties|"
            r"fifties|sixties|seventies|eighties|nineties){end}",
            2,
        ),
        (
            "century",
            r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]*)?(?:(?P<ord>{ordinal})[\s-]+century"
            r"|(?P<hund>1[0-9])00['’]?s{end})",
            3,
        ),
        # --- quarters, halves, seasons -----------------------------------------------------
        (
            "quarter",
            r"(?:(?P<det>the|this)\s+)?(?:(?P<ago>year-ago|year-earlier|"
            r"year\s+earlier|year\s+ago|prior-year|previous-year)\s+)?(?:(?P<year>{year})\s+|"
            r"(?P<rel>this|last|next)\s+year['’]s\s+)?(?:(?P<fiscal>fiscal|calendar)[\s-]+)?"
            r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th|last|latter)[\s-]+"
            r"(?:(?P<fiscal2>fiscal|calendar)[\s-]+)?(?P<unit>quarter|half)(?!-century)"
            r"(?:\s+of\s+(?:(?P<fiscal3>fiscal|calendar)\s+)?(?:(?P<year2>{year})"
            r"|(?P<rel2>this|last|next)\s+year|the\s+(?P<yword>year|current\s+year|"
            r"previous\s+year|fiscal\s+year)))?{end}",
            3,
        ),
        (
            "quarter_code",
            r"(?<![\w-])(?:(?P<q>[QH][1-4])|(?P<q2>[1-4][QH]))(?:\s*(?:of\s+)?(?:FY\s*)?"
            r"(?P<year>{year}|['’]\d\d))?{end}|(?<![\w-])(?P<year3>{year})\s*-?\s*(?P<q3>[QH][1-4])"
            r"{end}",
            3,
        ),
        (
            "quarter_rel",
            r"(?:(?P<det>the|this|that|its|their|(?P<yrel>last|this|next)\s+year['’]s)\s+)?"
            r"(?:(?P<rel>latest|current|last|previous|"
            r"prior|past|next|coming|same|comparable|corresponding|year-ago|year-earlier|"
            r"year\s+earlier|year\s+ago|prior-year|recent|just-ended|just-completed|"
            r"most\s+recent|fiscal|(?P<year>{year}))[\s-]+)?(?:(?P<rel2>year-ago|year-earlier|"
            r"fiscal|comparable|latest)\s+)?(?P<unit>quarter|period|half)(?:\s+(?P<post>"
            r"a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|a\s+year\s+before|"
            r"the\s+year\s+before))?{end}",
            1,
        ),
        (
            "season",
            _MOD + r"(?:(?P<rel>this|last|next|this\s+past|this\s+coming|past|coming|the|that|"
            r"early|late|mid)[\s-]+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<season>{season})"
            r"(?:\s+(?:of\s+)?(?P<year>{year_any}|['’]\d\d))?{end}",
            1,
        ),
        # --- weeks, relative units, days -----------------------------------------------------
        (
            "week",
            _MOD + r"(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+past|the\s+last|"
            r"the\s+previous|the\s+coming|the\s+following|the\s+next|the\s+same|that|the|"
            r"earlier\s+this|later\s+this|earlier\s+last|late\s+last|early\s+next|"
            r"a\s+week\s+from)[\s-]+(?P<unit>week|weekend|week-end)(?:\s+of\s+(?P<month>{month})"
            r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)?(?P<post>\s+before\s+last|\s+after\s+next)?"
            r"{end}",
            1,
        ),
        (
            "rel_unit",
            _MOD + r"(?P<rel>last|this|next|the\s+past|the\s+last|the\s+previous|the\s+coming|"
            r"the\s+following|the\s+next|the\s+current|the\s+same|that|that\s+same|the|"
            r"this\s+past|this\s+coming|the\s+latest|the\s+full|the\s+entire|the\s+whole|"
            r"the\s+present|earlier\s+this|later\s+this|earlier\s+that|later\s+that|"
            r"early\s+this|late\s+this|early\s+next|late\s+last|early\s+last)[\s-]+"
            r"(?:(?P<fiscal>fiscal|calendar|financial|school|model)\s+)?"
            r"(?P<unit>year|month|day|decade|century)"
            r"(?:\s+(?P<post>before\s+last|after\s+next|before{pa}|after{pa}|earlier|"
            r"a\s+year\s+ago|last\s+year))?{end}",
            1,
        ),
        (
            "year_end",
            r"(?:(?P<rel>this|last|next|the)\s+)?(?P<unit>year|month|quarter)(?:['’]s)?"
            r"[\s-]+(?P<edge>end|start|beginning){end}",
            1,
        ),
        ("year_ago_adj", r"(?<![\w-])(?:the\s+)?(?P<a>year-ago|year-earlier|prior-year){end}", 0),
        (
            "dayword",
            r"(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?P<word>today|tonight|yesterday|"
            r"tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?{end}",
            2,
        ),
        ("day_before", r"the\s+day\s+(?P<ba>before\s+yesterday|after\s+tomorrow){end}", 3),
        (
            "part_of_day",
            r"(?:(?P<mod>early|late|mid|later|earlier)[\s-]+)?(?P<rel>this|last|that|"
            r"the\s+next|the\s+following|the\s+previous|the\s+same)\s+"
            r"(?P<part>morning|afternoon|evening|night){end}",
            1,
        ),
        (
            "weekday",
            r"(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<rel>last|this|next|"
            r"this\s+past|this\s+coming|coming|past|the\s+previous|the\s+following|the\s+next|"
            r"the\s+same)\s+)?(?P<wd>{weekday})(?:,?\s+(?P<part>morning|afternoon|evening|"
            r"night))?{end}",
            1,
        ),
        (
            "holiday",
            r"(?:(?P<rel>last|this|next)\s+)?(?P<hol>{holiday})(?:\s+(?P<year>{year}))?{end}",
            2,
        ),
        # --- times of day -------------------------------------------------------------------
        (
            "clock",
            r"(?:(?P<approx>about|around|approximately|roughly)\s+)?(?<![\d:.$])"
            r"(?P<h>[0-2]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m{end})"
            r"(?:\s+(?P<tz>{tz}|local\s+time){end})?",
            3,
        ),
        (
            "clock24",
            r"(?:(?P<approx>about|around|approximately)\s+)?(?<![\d:.$])(?P<h>[0-2]?\d)[:h]"
            r"(?P<min>[0-5]\d)(?![\d:])(?:\s+(?P<tz>{tz}){end})?",
            2,
        ),
        (
            "clock_mil",
            r"(?<![\d:.$,])(?P<h>[0-2]\d)(?P<min>[0-5]\d)\s*(?P<tz>{tz}|hours|hrs){end}",
            2,
        ),
        (
            "oclock",
            r"(?:(?P<approx>about|around)\s+)?(?P<hw>{word_number}|[0-2]?\d)\s+o['’]clock"
            r"(?:\s+(?:in\s+the\s+)?(?P<part>morning|afternoon|evening|at\s+night))?{end}",
            2,
        ),
        (
            "hour_part",
            r"(?<![\d:.$,])(?P<hw>[0-2]?\d|one|two|three|four|five|six|seven|eight|nine|ten|"
            r"eleven|twelve)\s+in\s+the\s+(?P<part>morning|afternoon|evening){end}",
            2,
        ),
        (
            "noon",
            r"(?P<word>noon|midnight|midday|mid[\s-]?morning|mid[\s-]?afternoon|mid-?day){end}",
            1,
        ),
        # --- durations ----------------------------------------------------------------------
        (
            "duration",
            _APPROX + r"(?:(?P<det>the|another|each\s+of\s+the|all\s+of\s+the|the\s+first|"
            r"the\s+last|the\s+past|the\s+next|the\s+previous|the\s+coming|the\s+following|"
            r"the\s+final|the\s+remaining|the\s+latest|the\s+same|the\s+initial|the\s+entire|"
            r"the\s+full|the\s+year-earlier|the\s+year-ago|past|last|next|first|these|those)"
            r"\s+)?(?P<num>{number})(?P<adj>(?:[\s-]+(?:more|additional|"
            r"straight|consecutive|full|long|extra|successive|trading|business|working|"
            r"calendar|fiscal|short|odd|plus|or\s+so))*)[\s-]+(?P<unit>{unit})"
            r"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?:[\s-]+(?P<post>ago|earlier|later|before{pa}|"
            r"after{pa}|from\s+now|hence|back{pa}|or\s+so|old|olds|long|running|in\s+a\s+row|"
            r"ahead|of\s+age|before\s+that|after\s+that|prior{pa}|previously))?{end}",
            2,
        ),
        (
            "duration_range",
            _APPROX + r"(?:(?P<det>the\s+next|the\s+past|the\s+last|the|next|past|last)\s+)?"
            r"(?:(?P<num>{number})\s*(?:-|–|—|to|or)\s*|between\s+(?P<low>{number})\s+and\s+)"
            r"(?P<num2>{number})[\s-]+"
            r"(?:(?:more|additional|trading|business|working)\s+)?(?P<unit>{unit})"
            r"(?:[\s-]+(?P<post>ago|earlier|later|long|old))?{end}",
            3,
        ),
        (
            "half_unit",
            _APPROX + r"half\s+(?:an?\s+)(?P<unit>{unit_sg})(?:[\s-]+(?P<post>ago|earlier|later|"
            r"long))?{end}",
            2,
        ),
        (
            "vague_units",
            r"(?:(?P<lead>for|in|within|after|over|took|take|takes|lasted|spent|spend|"
            r"through|throughout|during|than)\s+)?(?:(?P<det>the\s+past|the\s+last|the\s+next|"
            r"the\s+coming|the\s+previous|the\s+following|the\s+early|the\s+first|the\s+final|"
            r"the\s+remaining|the\s+intervening|the\s+initial|the\s+closing|the\s+opening|"
            r"the\s+last\s+few|the\s+past\s+few|recent|coming|past|the|these|those|many|more)\s+)?"
            r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters)"
            r"(?:[\s-]+(?P<post>ago|earlier|later|long|ahead|to\s+come|before{pa}|after{pa}|past))?"
            r"{end}",
            0,
        ),
        (
            "ordinal_unit",
            r"(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
            r"final|last)\s+(?P<unit>day|week|month|year|night)(?=\s+(?:of|in|since|after)\s)",
            0,
        ),
        ("unit_long", r"(?P<unit>{unit_sg}|decades|years|months|weeks|days)-long{end}", 1),
        # --- sets ------------------------------------------------------------------------------
        ("freq", r"(?P<adv>{freq}){end}", 1),
        (
            "every",
            r"(?P<q>every|each|per)\s+(?:(?P<num>other|{number})\s+)?(?P<unit>{unit}|{weekday}|"
            r"{month_full}|{season}|morning|afternoon|evening|night|weekday|weekend)"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?{end}",
            2,
        ),
        (
            "times_a",
            r"(?P<lead>(?:once|twice|thrice|\w+\s+times|\d+\s+times|\$\s?[\d.,]+(?:\s+(?:million"
            r"|billion|thousand|trillion))?|[\d.,]+\s+(?:percent|%|cents?|dollars?|euros?|"
            r"pounds?|yen|barrels|tons|units|copies|people|visitors))\s+)(?P<q>a|an|per)\s+"
            r"(?P<unit>{unit_sg}){end}",
            3,
        ),
        (
            "weekday_plural",
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:s(?:\s+"
            r"(?P<part>mornings|afternoons|evenings|nights))?|\s+(?P<part2>mornings|afternoons|"
            r"evenings|nights)){end}",
            1,
        ),
        # --- generic references ----------------------------------------------------------------
        ("ref", r"(?:(?P<lead>in|for|at|until|till|from)\s+)?(?P<ref>{ref}){end}", 1),
    ]
    rules = []
    for name, template, priority in specs:
        # patterns run on ASCII-lowercased text (faster than IGNORECASE); "Q3" needs case
        pattern = re.compile(r"(?<![\w'’])" + template.format(**f))
        rules.append(Rule(name, pattern, tuple(TRIGGERS_OF[name].split()), priority))
    return rules


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The compiled rules (built once per process)."""
    return tuple(_rules())


DEPENDENT_CACHES.append(rules)
