"""The assertion keywords of JSON Schema as (test, check) closures, and what the compiled schemas
share: :class:`SchemaError`, JSON equality as jsonschema decides it, the type tests. Part of
:mod:`enti.validators.entities.compile`; the generated code of
:mod:`enti.validators.entities.codegen` uses the same helpers, so both agree with jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from jsonschema import FormatChecker

Test = Callable[[Any], bool]
Check = Callable[[Any], "list[SchemaError] | None"]
Node = tuple[Test, Check]
NOT_KEYWORDS = frozenset({"$schema", "$id", "$defs", "definitions", "$comment", "$anchor"})
NUMBERS = (int, float)


@dataclass(eq=False)
class SchemaError:
    """One violation: ``path`` into the checked instance, the ``keyword`` and its schema value."""

    path: tuple[Any, ...]
    keyword: str
    expected: Any
    instance: Any
    # anyOf / oneOf: the errors of each alternative, paths relative to this error's path
    alternatives: list[list[SchemaError]] = field(default_factory=list)


class Unsupported(Exception):  # an internal signal, caught by the caller
    pass


class Assertions:
    """Builders of the assertion keywords (``_<keyword, snake case>``), mixed into the compiler."""

    checker: FormatChecker

    def required_test(self, wanted: frozenset[str]) -> Test:
        raise NotImplementedError

    def _type(self, types: Any, *_: Any) -> Node:
        names = [types] if isinstance(types, str) else list(types)
        if not set(names) <= TYPES.keys():
            raise Unsupported(f"type {types!r}")
        tests = [TYPES[n] for n in names]
        test = tests[0] if len(tests) == 1 else (lambda x: any(t(x) for t in tests))
        return test, checked(test, "type", types)

    def _enum(self, options: list[Any], *_: Any) -> Node:
        strings = frozenset(o for o in options if isinstance(o, str))

        def test(x: Any) -> bool:
            return x in strings if type(x) is str else any(equal(x, o) for o in options)

        return test, checked(test, "enum", options)

    def _const(self, value: Any, *_: Any) -> Node:
        def test(x: Any) -> bool:
            return equal(x, value)

        return test, checked(test, "const", value)

    def _required(self, names: list[str], *_: Any) -> Node:
        wanted = frozenset(names)

        def check(x: Any) -> list[SchemaError] | None:
            if type(x) is not dict:
                return None
            return [SchemaError((), "required", n, x) for n in names if n not in x] or None

        return self.required_test(wanted), check

    def _format(self, name: str, *_: Any) -> Node | None:
        if name not in self.checker.checkers:
            return None  # an unknown format is an annotation
        func, raises = self.checker.checkers[name]

        def test(x: Any) -> bool:
            try:
                return bool(func(x))
            except raises:
                return False

        return test, checked(test, "format", name)

    def _pattern(self, pattern: str, *_: Any) -> Node:
        search = re.compile(pattern).search

        def test(x: Any) -> bool:
            return type(x) is not str or search(x) is not None

        return test, checked(test, "pattern", pattern)

    def _unique_items(self, flag: bool, *_: Any) -> Node | None:
        if not flag:
            return None

        def test(x: Any) -> bool:
            return type(x) is not list or unique(x)

        return test, checked(test, "uniqueItems", True)

    def _multiple_of(self, step: Any, *_: Any) -> Node:
        def test(x: Any) -> bool:
            return type(x) not in NUMBERS or multiple_of(x, step)

        return test, checked(test, "multipleOf", step)

    def _minimum(self, limit: Any, *_: Any) -> Node:
        return bound("minimum", limit, lambda x: type(x) not in NUMBERS or x >= limit)

    def _maximum(self, limit: Any, *_: Any) -> Node:
        return bound("maximum", limit, lambda x: type(x) not in NUMBERS or x <= limit)

    def _exclusive_minimum(self, limit: Any, *_: Any) -> Node:
        return bound("exclusiveMinimum", limit, lambda x: type(x) not in NUMBERS or x > limit)

    def _exclusive_maximum(self, limit: Any, *_: Any) -> Node:
        return bound("exclusiveMaximum", limit, lambda x: type(x) not in NUMBERS or x < limit)

    def _min_length(self, limit: int, *_: Any) -> Node:
        return bound("minLength", limit, lambda x: type(x) is not str or len(x) >= limit)

    def _max_length(self, limit: int, *_: Any) -> Node:
        return bound("maxLength", limit, lambda x: type(x) is not str or len(x) <= limit)

    def _min_items(self, limit: int, *_: Any) -> Node:
        return bound("minItems", limit, lambda x: type(x) is not list or len(x) >= limit)

    def _max_items(self, limit: int, *_: Any) -> Node:
        return bound("maxItems", limit, lambda x: type(x) is not list or len(x) <= limit)

    def _min_properties(self, limit: int, *_: Any) -> Node:
        return bound("minProperties", limit, lambda x: type(x) is not dict or len(x) >= limit)

    def _max_properties(self, limit: int, *_: Any) -> Node:
        return bound("maxProperties", limit, lambda x: type(x) is not dict or len(x) <= limit)


def checked(test: Test, keyword: str, expected: Any) -> Check:
    return lambda x: None if test(x) else [SchemaError((), keyword, expected, x)]


def bound(keyword: str, limit: Any, test: Test) -> Node:
    return test, checked(test, keyword, limit)


def under(step: Any, errors: list[SchemaError]) -> list[SchemaError]:
    """``errors`` (made for this call, never shared) moved one step down the instance."""
    for error in errors:
        error.path = (step, *error.path)
    return errors


TYPES: dict[str, Test] = {
    "string": lambda x: type(x) is str,
    "number": lambda x: type(x) in NUMBERS,
    "integer": lambda x: type(x) is int or (type(x) is float and x.is_integer()),
    "boolean": lambda x: type(x) is bool,
    "object": lambda x: type(x) is dict,
    "array": lambda x: type(x) is list,
    "null": lambda x: x is None,
}


def equal(one: Any, two: Any) -> bool:
    """JSON equality, as jsonschema's: ``true`` is not ``1``, ``1`` is ``1.0``, recursively."""
    if type(one) is bool or type(two) is bool:
        return type(one) is type(two) and one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(map(equal, one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    if isinstance(one, dict | list) or isinstance(two, dict | list):
        return False
    return bool(one == two)


def unique(items: list[Any]) -> bool:
    if all(type(i) is str for i in items):
        return len(set(items)) == len(items)
    seen: list[Any] = []
    for item in items:
        if any(equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def multiple_of(x: float, step: float) -> bool:
    """As jsonschema decides it (float division first, exact fractions on overflow)."""
    if isinstance(step, float):
        try:
            return int(x / step) == x / step
        except OverflowError:
            return (Fraction(x) / Fraction(step)).denominator == 1
    return not x % step


def dialect_of(cls: Any) -> str:
    """The ``$schema`` URI of a jsonschema validator class."""
    dialect: str = cls.META_SCHEMA["$schema"]
    return dialect


class _Missing:
    pass


def tagged_matches(x: Any, by_tag: dict[str, tuple[Test, ...]], every: tuple[Test, ...]) -> int:
    """How many ``oneOf``/``anyOf`` alternatives, told apart by their ``type`` tag, ``x`` matches
    (used by the code :mod:`enti.validators.entities.codegen` generates)."""
    if type(x) is not dict:
        return sum(1 for test in every if test(x))
    tag = x.get("type")
    if type(tag) is not str:
        return 0  # every alternative requires a string tag
    return sum(1 for test in by_tag.get(tag, ()) if test(x))


MISSING = _Missing()  # what a member absent from an object reads as, in generated code
