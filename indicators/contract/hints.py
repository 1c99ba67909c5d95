"""What a person reads about a problem in their data: plain words, and a hint derived from the bad value itself.

The check's technical name (pandera's ``coerce_dtype('float64')``, a pattern, an ``isin`` list) stays in
:attr:`Problem.check`; the message says what to write instead ("19.0 million": "write the number without words:
19000000"; an unknown code: the known codes nearest to it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from indicators.schemas import CHECK_MESSAGES, FORMATS

#: Words for powers of ten that people write after a number.
_MULTIPLIERS = {
    word: power
    for words, power in (("thousand k", 3), ("million millions mn m", 6), ("billion billions bn", 9), ("trillion", 12))
    for word in words.split()
}
#: Qualifier words in front of a number, and the qualifier column's value that says them.
_QUALIFIER_WORDS = {"about": "approx", "some": "approx", "around": "approx", "less than": "lt", "over": "gt", "more than": "gt"}
_NUMBER = re.compile(r"([0-9][0-9,  ]*(?:\.[0-9]+)?)\s*([a-z]+)?")

#: Most known values a message names when none is close to the bad one.
_LISTED = 6


def _qualifier_word(text: str) -> tuple[str, str | None]:
    for words, qualifier in _QUALIFIER_WORDS.items():
        if text.startswith(words + " "):
            return text.removeprefix(words + " "), qualifier
    return text, None


def plain_number(text: str) -> str | None:
    """``text`` as people write a figure ("19.0 million", "US$1.1 billion", "15,000,000") written as a plain number
    ("19000000"), or None when it is not a figure with words around it."""
    lowered, _ = _qualifier_word(" ".join(text.lower().split()))
    lowered = re.sub(r"^(us\$|\$|€|£)\s*", "", lowered).removesuffix(".")
    match = _NUMBER.fullmatch(lowered)
    if match is None:
        return None
    digits, word = match.group(1), match.group(2)
    if word is not None and word not in _MULTIPLIERS:
        return None
    try:
        number = Decimal(re.sub(r"[,  ]", "", digits))
    except InvalidOperation:
        return None
    number = number.scaleb(_MULTIPLIERS.get(word or "", 0))
    return format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")


def number_message(value: str, whole: bool = False) -> str:
    """The message for a cell that is not a number, with the plain form of it where one can be read."""
    what = "a whole number" if whole else "a number"
    plain = plain_number(value)
    _, qualifier = _qualifier_word(" ".join(value.lower().split()))
    if plain is not None and (not whole or "." not in plain):
        hint = f"write the number without words or separators: {plain}"
        if qualifier is not None:
            hint += f", and put {qualifier} in the qualifier column"
        return f"not {what}: {hint}"
    if whole:
        return f"not {what}: write digits only, as in 2002"
    return f"not {what}: write digits only, with a point for decimals, as in 15000000 or 1.5"


def nearest(value: str, known: Collection[str], n: int = 3) -> list[str]:
    """The known values closest in spelling to ``value`` (case ignored), best first."""
    lookup = {str(k).upper(): str(k) for k in known}
    return [lookup[k] for k in difflib.get_close_matches(str(value).upper(), list(lookup), n=n, cutoff=0.3)]


def unknown_message(value: str, known: Collection[object], key: str, table: str) -> str:
    """The message for a reference to ``value`` that column ``key`` of ``table`` does not hold."""
    names = [str(k) for k in known]
    close = nearest(value, names)
    if close:
        said = ", ".join(close[:-1]) + " or " + close[-1] if len(close) > 1 else close[0]
        return f"{value} is not a {key} in {table}; known ones close to it: {said}"
    return f"{value} is not a {key} in {table}; known ones include {', '.join(sorted(names)[:_LISTED])}"


def choice_message(value: str, allowed: Collection[str]) -> str:
    """The message for a value outside a list of allowed values, naming the one meant where it is close."""
    message = "must be one of " + ", ".join(allowed)
    _, qualifier = _qualifier_word(value.lower() + " ")
    close = nearest(value, allowed, n=1)
    if qualifier is not None and qualifier in allowed:
        close = [qualifier]
    return message + (f" (did you mean {close[0]}?)" if close else "")


#: How pandera names a bound check, and how it is said.
_BOUNDS = {
    "greater_than_or_equal_to": "must be {0} or more",
    "greater_than": "must be more than {0}",
    "less_than_or_equal_to": "must be {0} or less",
    "less_than": "must be less than {0}",
    "in_range": "must lie between {0} and {1}",
    "str_length": "must not be empty",
}


def _arguments(check: str) -> list[str]:
    inside = check[check.index("(") + 1 : check.rindex(")")] if "(" in check else ""
    return [part.strip(" '\"") for part in re.split(r",\s*", inside.strip("()[]")) if part.strip(" '\"")]


def check_message(check: str, value: str) -> str:
    """What is wrong, in plain words with a hint from ``value``: never the check's technical name."""
    if check in CHECK_MESSAGES:
        return CHECK_MESSAGES[check]
    name = check.split("(", 1)[0]
    if name == "coerce_dtype":
        return number_message(value, whole="int" in check)
    if name == "isin":
        return choice_message(value, _arguments(check))
    if name == "str_matches":
        pattern = check[check.index("(") + 2 : check.rindex(")") - 1].replace("\\\\", "\\")
        return "not written as this column needs: " + FORMATS.get(pattern, "see the column's description in the data contract")
    if name in _BOUNDS:
        return _BOUNDS[name].format(*_arguments(check), "")
    return "does not meet the data contract for this column"
