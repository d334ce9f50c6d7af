"""JSON Schema (2020-12, and draft 7 for referenced GeoJSON documents) compiled into closures.

Every schema node becomes two functions: a *test* (``bool``, stops at the first failure; what a
valid entity costs) and a *check* (the errors, with jsonschema's keyword and path; run only on an
entity whose test failed). ``$ref``s are looked up once, at compile time, through a
:mod:`referencing` resolver. A keyword with no builder here raises :class:`Unsupported`, and the
caller falls back to jsonschema. Used by :mod:`enti.validators.entities.schema`.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from referencing._core import Resolver
from referencing.jsonschema import specification_with

from enti.validators.entities.asserts import (
    NOT_KEYWORDS,
    Assertions,
    Check,
    Node,
    SchemaError,
    Test,
    Unsupported,
    checked,
    dialect_of,
    equal,
    multiple_of,
    under,
    unique,
)

__all__ = [
    "NOT_KEYWORDS",
    "Check",
    "Compiler",
    "SchemaError",
    "Test",
    "Unsupported",
    "equal",
    "multiple_of",
    "unique",
]


def _true(x: Any) -> bool:
    return True


def _valid(x: Any) -> None:
    return None


class _Slot:
    """A node being compiled, so that a recursive ``$ref`` can point at it."""

    test: Test | None = None
    check: Check | None = None

    def run_test(self, x: Any) -> bool:
        assert self.test is not None
        return self.test(x)

    def run_check(self, x: Any) -> list[SchemaError] | None:
        assert self.check is not None
        return self.check(x)


class Compiler(Assertions):
    def __init__(self, checker: FormatChecker) -> None:
        self.checker = checker
        self.memo: dict[tuple[int, type], _Slot] = {}
        self.conjunction: dict[Test, list[Test]] = {}  # a combined test -> its parts
        self.members: dict[Test, dict[str, Test]] = {}  # a properties test -> its member tests
        self.wanted: dict[Test, frozenset[str]] = {}  # a required test -> the names

    def node(self, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        if schema is True or schema == {}:
            return _true, _valid
        if schema is False:
            return (lambda x: False), (lambda x: [SchemaError((), "false", False, x)])
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        cls = validator_for(schema, default=cls)
        key = (id(schema), cls)
        if (slot := self.memo.get(key)) is not None:
            return slot.test or slot.run_test, slot.check or slot.run_check
        slot = self.memo[key] = _Slot()
        dialect = dialect_of(cls)
        resolver = resolver.in_subresource(specification_with(dialect).create_resource(schema))
        items: Any = schema.items()
        if "$ref" in schema and dialect.startswith("http://json-schema.org/"):
            items = [("$ref", schema["$ref"])]  # draft 7 and older: $ref hides its siblings
        nodes = []
        for name, value in items:
            if name not in cls.VALIDATORS or name in NOT_KEYWORDS:  # type: ignore[attr-defined]
                continue  # an annotation, as for jsonschema
            build = getattr(self, "_" + _snake(name.lstrip("$")), None)
            if build is None:
                raise Unsupported(name)
            if (built := build(value, schema, resolver, cls)) is not None:
                nodes.append(built)
        slot.test = self.all_tests([t for t, _ in nodes])
        slot.check = _all_checks([c for _, c in nodes])
        return slot.test, slot.check

    def all_tests(self, tests: list[Test]) -> Test:
        """The conjunction of ``tests``, with every ``properties`` test (and every ``required``) of
        the conjunction merged into one: an entity's members are then walked once, not once per
        ``allOf`` branch. Only the yes/no test is merged; the checks report as jsonschema does."""
        parts: list[Test] = []
        for test in tests:
            parts.extend(self.conjunction.get(test, [test]))
        parts = list(dict.fromkeys(p for p in parts if p is not _true))
        members = [self.members[p] for p in parts if p in self.members]
        wanted = [self.wanted[p] for p in parts if p in self.wanted]
        merged = [p for p in parts if p not in self.members and p not in self.wanted]
        if len(members) > 1:
            names = {name: [m[name] for m in members if name in m] for m in members for name in m}
            merged.append(self.properties_test({k: self.all_tests(v) for k, v in names.items()}))
        elif members:
            merged.append(next(p for p in parts if p in self.members))
        if len(wanted) > 1:
            merged.append(self.required_test(frozenset().union(*wanted)))
        elif wanted:
            merged.append(next(p for p in parts if p in self.wanted))
        test = _all_tests(merged)
        if len(merged) > 1:
            self.conjunction[test] = merged
        return test

    def properties_test(self, tests: dict[str, Test]) -> Test:
        def test(x: Any) -> bool:
            if type(x) is dict:
                for name, value in x.items():
                    t = tests.get(name)
                    if t is not None and not t(value):
                        return False
            return True

        self.members[test] = tests
        return test

    def required_test(self, wanted: frozenset[str]) -> Test:
        def test(x: Any) -> bool:
            return type(x) is not dict or x.keys() >= wanted

        self.wanted[test] = wanted
        return test

    # --- applicators ---

    def _ref(self, ref: str, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        resolved = resolver.lookup(ref)
        return self.node(resolved.contents, resolved.resolver, cls)

    def _all_of(self, subs: list[Any], schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        nodes = [self.node(s, resolver, cls) for s in subs]
        return self.all_tests([t for t, _ in nodes]), _all_checks([c for _, c in nodes])

    def _any_of(self, subs: list[Any], schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        nodes = [self.node(s, resolver, cls) for s in subs]
        tests = [t for t, _ in nodes]

        def test(x: Any) -> bool:
            return any(t(x) for t in tests)

        def check(x: Any) -> list[SchemaError] | None:
            if test(x):
                return None
            return [SchemaError((), "anyOf", subs, x, [c(x) or [] for _, c in nodes])]

        return test, check

    def _one_of(self, subs: list[Any], schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        nodes = [self.node(s, resolver, cls) for s in subs]
        tests = [t for t, _ in nodes]

        def matches(x: Any) -> int:
            found = 0
            for t in tests:
                if t(x):
                    found += 1
                    if found > 1:
                        break
            return found

        def check(x: Any) -> list[SchemaError] | None:
            found = matches(x)
            if found == 1:
                return None
            if found > 1:  # valid under more than one
                return [SchemaError((), "oneOf", subs, x)]
            return [SchemaError((), "oneOf", subs, x, [c(x) or [] for _, c in nodes])]

        return (lambda x: matches(x) == 1), check

    def _not(self, sub: Any, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        inner, _ = self.node(sub, resolver, cls)
        return (lambda x: not inner(x)), checked(lambda x: not inner(x), "not", sub)

    def _if(self, sub: Any, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        condition, _ = self.node(sub, resolver, cls)
        then_t, then_c = self.node(schema.get("then", True), resolver, cls)
        else_t, else_c = self.node(schema.get("else", True), resolver, cls)
        return (
            lambda x: then_t(x) if condition(x) else else_t(x),
            lambda x: then_c(x) if condition(x) else else_c(x),
        )

    def _properties(
        self, props: dict[str, Any], schema: Any, resolver: Resolver[Any], cls: type
    ) -> Node:
        nodes = {name: self.node(sub, resolver, cls) for name, sub in props.items()}
        nodes = {name: n for name, n in nodes.items() if n[0] is not _true}
        checks = {name: c for name, (_, c) in nodes.items()}

        def check(x: Any) -> list[SchemaError] | None:
            return _members(x, checks) if type(x) is dict else None

        return self.properties_test({name: t for name, (t, _) in nodes.items()}), check

    def _additional_properties(
        self, sub: Any, schema: Any, resolver: Resolver[Any], cls: type
    ) -> Node:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = frozenset(schema.get("properties", {}))
        if sub is False:

            def closed(x: Any) -> bool:
                return type(x) is not dict or x.keys() <= known

            return closed, checked(closed, "additionalProperties", False)
        inner_t, inner_c = self.node(sub, resolver, cls)

        def test(x: Any) -> bool:
            return type(x) is not dict or all(inner_t(v) for k, v in x.items() if k not in known)

        def check(x: Any) -> list[SchemaError] | None:
            if type(x) is not dict:
                return None
            return _members(x, {k: inner_c for k in x if k not in known})

        return test, check

    def _property_names(self, sub: Any, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        inner_t, inner_c = self.node(sub, resolver, cls)

        def check(x: Any) -> list[SchemaError] | None:
            if type(x) is not dict:
                return None
            return [e for name in x for e in inner_c(name) or ()] or None

        return (lambda x: type(x) is not dict or all(map(inner_t, x))), check

    def _items(self, sub: Any, schema: Any, resolver: Resolver[Any], cls: type) -> Node:
        if isinstance(sub, list) or "prefixItems" in schema:
            raise Unsupported("items as a list, prefixItems")
        inner_t, inner_c = self.node(sub, resolver, cls)

        def check(x: Any) -> list[SchemaError] | None:
            if type(x) is not list:
                return None
            found = None
            for index, value in enumerate(x):
                if (errors := inner_c(value)) is not None:
                    found = (found or []) + under(index, errors)
            return found

        return (lambda x: type(x) is not list or all(map(inner_t, x))), check

    # --- assertions ---


# --- combining -------------------------------------------------------------------------------


def _all_tests(tests: list[Test]) -> Test:
    tests = [t for t in tests if t is not _true]
    if not tests:
        return _true
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda x: first(x) and second(x)
    if len(tests) == 3:
        first, second, third = tests
        return lambda x: first(x) and second(x) and third(x)
    return lambda x: all(t(x) for t in tests)


def _all_checks(checks: list[Check]) -> Check:
    checks = [c for c in checks if c is not _valid]
    if not checks:
        return _valid
    if len(checks) == 1:
        return checks[0]

    def check(x: Any) -> list[SchemaError] | None:
        found = None
        for c in checks:
            if (errors := c(x)) is not None:
                found = errors if found is None else found + errors
        return found

    return check


def _members(x: dict[str, Any], checks: dict[str, Check]) -> list[SchemaError] | None:
    found = None
    for name, value in x.items():
        c = checks.get(name)
        if c is not None and (errors := c(value)) is not None:
            found = (found or []) + under(name, errors)
    return found


def _snake(keyword: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", keyword).lower()
