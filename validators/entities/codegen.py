"""The yes/no test of a JSON Schema generated as Python source, for the valid-entity fast path.

Most entities a PGU publishes are valid, so what a valid entity costs is what a catalogue pays.
:class:`CodeGen` flattens ``allOf`` and ``$ref`` (looked up at generation time through the
:mod:`referencing` resolver), merges the ``properties`` of all branches so that an entity's
members are read once, drops type guards a declared ``type`` makes redundant, and emits one
expression per member. Schema values never become source text: property names are ``repr``
literals, everything else is a named constant. Anything it does not handle (a recursive ``$ref``,
a keyword it does not know) raises :class:`Unsupported`; the closures of
:mod:`enti.validators.entities.compile` then serve, and they also produce the errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from referencing._core import Resolver
from referencing.jsonschema import specification_with

from enti.validators.entities.asserts import (
    MISSING,
    NOT_KEYWORDS,
    Unsupported,
    dialect_of,
    equal,
    multiple_of,
    tagged_matches,
    unique,
)

Test = Callable[[Any], bool]
Conjunct = tuple[dict[str, Any], "Resolver[Any]", type]
TYPE_TESTS = {
    "string": "type({v}) is str",
    "number": "type({v}) in N",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "boolean": "type({v}) is bool",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "null": "{v} is None",
}
# keyword -> (the instance type it applies to, the test without that guard)
ASSERTIONS = {
    "minLength": ("string", "len({v}) >= {c}"),
    "maxLength": ("string", "len({v}) <= {c}"),
    "pattern": ("string", "{c}({v}) is not None"),
    "minimum": ("number", "{v} >= {c}"),
    "maximum": ("number", "{v} <= {c}"),
    "exclusiveMinimum": ("number", "{v} > {c}"),
    "exclusiveMaximum": ("number", "{v} < {c}"),
    "multipleOf": ("number", "_multiple({v}, {c})"),
    "minItems": ("array", "len({v}) >= {c}"),
    "maxItems": ("array", "len({v}) <= {c}"),
    "uniqueItems": ("array", "({c} is False or _unique({v}))"),
    "minProperties": ("object", "len({v}) >= {c}"),
    "maxProperties": ("object", "len({v}) <= {c}"),
    "required": ("object", "{v}.keys() >= {c}"),
}
GUARDS = {
    "string": "type({v}) is not str",
    "number": "type({v}) not in N",
    "array": "type({v}) is not list",
    "object": "type({v}) is not dict",
}


class CodeGen:
    def __init__(self, checker: FormatChecker) -> None:
        self.checker = checker
        self.functions: list[str] = []
        self.names: dict[str, Any] = {
            "M": MISSING,
            "N": (int, float),
            "_equal": equal,
            "_unique": unique,
            "_multiple": multiple_of,
            "_tagged": tagged_matches,
        }
        self.keep: list[Any] = []
        self.memo: dict[tuple[int, type], str] = {}
        self.active: set[tuple[int, type]] = set()
        self.count = 0

    def build(self, schema: dict[str, Any], resolver: Resolver[Any], cls: type) -> Built:
        """The test of ``schema``. Functions generated for earlier schemas (the common GeoJSON,
        address … definitions most models ``$ref``) are reused, so a catalogue of models keeps
        one copy of each: less code to keep hot when entities of many models alternate."""
        self.keep.append(schema)  # memo keys are id()s: keep every schema alive
        start, memo = len(self.functions), dict(self.memo)
        try:
            body = self.expr(schema, resolver, cls, "x")
            members = self._root_members(schema, resolver, cls)
        except Unsupported:
            del self.functions[start:]
            self.memo, self.active = memo, set()
            raise
        name = self.fresh("test")
        source = "\n\n".join([*self.functions[start:], f"def {name}(x):\n    return {body}\n"])
        exec(compile(source, "<cnmd schema test>", "exec"), self.names)  # noqa: S102 - module doc
        if members is None:
            return Built(self.names[name], None, [])
        tests, required = members
        return Built(self.names[name], {k: self.names[f] for k, f in tests.items()}, required)

    def _root_members(
        self, schema: dict[str, Any], resolver: Resolver[Any], cls: type
    ) -> tuple[dict[str, str], list[str]] | None:
        """One test per member of an entity whose schema is only ``type: object``, ``required``
        and ``properties`` (through ``allOf``/``$ref``): then the errors of an invalid entity are
        its failing members' errors plus its missing members, and only those are looked at."""
        conjuncts = list(self._flatten(schema, resolver, cls))
        members: dict[str, list[tuple[Any, Resolver[Any], type]]] = {}
        required: list[str] = []
        for part, part_resolver, part_cls in conjuncts:
            for keyword, value in part.items():
                if keyword not in part_cls.VALIDATORS or keyword in NOT_KEYWORDS:  # type: ignore[attr-defined]
                    continue
                if keyword in ("$ref", "allOf"):
                    continue
                if keyword == "type" and value == "object":
                    continue
                if keyword == "required":
                    required.extend(value)
                elif keyword == "properties":
                    for name, sub in value.items():
                        members.setdefault(name, []).append((sub, part_resolver, part_cls))
                else:
                    return None
        tests = {}
        for name, subs in members.items():
            function = self.fresh("m")
            body = " and ".join(dict.fromkeys(self.expr(s, r, c, "w") for s, r, c in subs))
            self.functions.append(f"def {function}(w):\n    return {body}")
            tests[name] = function
        return tests, required

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"c{self.count}"
        self.names[name] = value
        return name

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    # --- a schema as one boolean expression over the variable v ---

    def expr(self, schema: Any, resolver: Resolver[Any], cls: type, v: str) -> str:
        if schema is True or schema == {}:
            return "True"
        if schema is False:
            return "False"
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        cls = validator_for(schema, default=cls)
        key = (id(schema), cls)
        if key in self.memo:
            return f"{self.memo[key]}({v})"
        if key in self.active:
            raise Unsupported("recursive $ref")
        self.active.add(key)
        conjuncts = list(self._flatten(schema, resolver, cls))
        if any("properties" in c for c, _, _ in conjuncts):  # an object: its own function
            name = self.fresh("n")
            self.memo[key] = name
            inner = self._conjunction(conjuncts, "x")
            self.functions.append(f"def {name}(x):\n    return {inner}")
            result = f"{name}({v})"
        else:
            result = self._conjunction(conjuncts, v)
        self.active.discard(key)
        return result

    def _flatten(
        self, schema: dict[str, Any], resolver: Resolver[Any], cls: type, depth: int = 0
    ) -> Iterator[Conjunct]:
        """``schema`` and, recursively, its ``allOf`` items and ``$ref`` target."""
        if depth > 32:
            raise Unsupported("allOf / $ref nested too deep (a cycle?)")
        dialect = dialect_of(cls)
        resolver = resolver.in_subresource(specification_with(dialect).create_resource(schema))
        legacy = dialect.startswith("http://json-schema.org/")
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            target = resolved.contents
            if not isinstance(target, dict):
                raise Unsupported("boolean $ref target")
            if (id(target), cls) in self.active:
                raise Unsupported("recursive $ref")
            target_cls = validator_for(target, default=cls)
            yield from self._flatten(target, resolved.resolver, target_cls, depth + 1)
            if legacy:
                return  # draft 7 and older: $ref hides its siblings
        yield schema, resolver, cls
        for sub in schema.get("allOf", ()):
            if not isinstance(sub, dict):
                raise Unsupported("boolean allOf item")
            yield from self._flatten(sub, resolver, validator_for(sub, default=cls), depth + 1)

    def _conjunction(self, conjuncts: list[Conjunct], v: str) -> str:
        declared = [c["type"] for c, _, _ in conjuncts if "type" in c]
        known = declared[0] if declared and all(t == declared[0] for t in declared) else None
        known = known if isinstance(known, str) else None
        parts: list[str] = []
        if known is not None:
            parts.append(self._type(known, v))
        members: dict[str, list[tuple[Any, Resolver[Any], type]]] = {}
        for schema, resolver, cls in conjuncts:
            for keyword, value in schema.items():
                if keyword not in cls.VALIDATORS or keyword in NOT_KEYWORDS:  # type: ignore[attr-defined]
                    continue  # an annotation, as for jsonschema
                if keyword == "properties":
                    for name, sub in value.items():
                        members.setdefault(name, []).append((sub, resolver, cls))
                    continue
                part = self._keyword(keyword, value, schema, resolver, cls, v, known)
                if part is not None:
                    parts.append(part)
        if members:
            parts.append(self._guard("object", known, v, self._members(members, v)))
        parts = [p for p in dict.fromkeys(parts) if p != "True"]
        return "(" + " and ".join(parts) + ")" if parts else "True"

    def _members(self, members: dict[str, list[tuple[Any, Resolver[Any], type]]], v: str) -> str:
        name = self.fresh("p")
        lines = [f"def {name}(x):"]
        for member, subs in members.items():
            tests = [self.expr(s, r, c, "w") for s, r, c in subs]
            tests = [t for t in dict.fromkeys(tests) if t != "True"]
            if tests:
                lines.append(f"    w = x.get({member!r}, M)")
                lines.append(
                    f"    if w is not M and not ({' and '.join(tests)}):\n        return False"
                )
        lines.append("    return True")
        self.functions.append("\n".join(lines))
        return f"{name}({v})"

    def _keyword(
        self,
        keyword: str,
        value: Any,
        schema: dict[str, Any],
        resolver: Resolver[Any],
        cls: type,
        v: str,
        known: str | None,
    ) -> str | None:
        if keyword in ("$ref", "allOf", "then", "else"):
            return None  # flattened, or applied by "if"
        if keyword == "type":
            return None if known is not None else self._types(value, v)
        if keyword in ASSERTIONS:
            applies, test = ASSERTIONS[keyword]
            constant = frozenset(value) if keyword == "required" else value
            return self._guard(
                applies,
                known,
                v,
                test.format(
                    v=v, c=self.const(_search(value) if keyword == "pattern" else constant)
                ),
            )
        if keyword == "enum":
            if all(isinstance(o, str) for o in value):
                strings = f"{v} in {self.const(frozenset(value))}"
                return strings if known == "string" else f"(type({v}) is str and {strings})"
            if all(type(o) in (int, float) for o in value):  # numbers: 1 == 1.0, no booleans
                return f"(type({v}) in N and {v} in {self.const(frozenset(value))})"
            return f"any(_equal({v}, o) for o in {self.const(list(value))})"
        if keyword == "const":
            if isinstance(value, str):
                return f"(type({v}) is str and {v} == {self.const(value)})"
            return f"_equal({v}, {self.const(value)})"
        if keyword == "format":
            return self._format(value, v, known)
        if keyword in ("anyOf", "oneOf"):
            tagged = self._tagged(value, resolver, cls, v)
            if tagged is not None:
                return f"({tagged} {'==' if keyword == 'oneOf' else '>='} 1)"
            alternatives = [self.expr(s, resolver, cls, v) for s in value]
            if keyword == "anyOf":
                return "(" + " or ".join(alternatives) + ")"
            return "((" + ") + (".join(alternatives) + ") == 1)"
        if keyword == "not":
            return f"(not {self.expr(value, resolver, cls, v)})"
        if keyword == "if":
            then = self.expr(schema.get("then", True), resolver, cls, v)
            otherwise = self.expr(schema.get("else", True), resolver, cls, v)
            return f"({then} if {self.expr(value, resolver, cls, v)} else {otherwise})"
        if keyword == "items":
            if isinstance(value, list) or "prefixItems" in schema:
                raise Unsupported("items as a list, prefixItems")
            item = self.fresh("i")
            inner = self.expr(value, resolver, cls, item)
            each = "True" if inner == "True" else f"all({inner} for {item} in {v})"
            return self._guard("array", known, v, each)
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            declared = self.const(frozenset(schema.get("properties", {})))
            if value is False:
                return self._guard("object", known, v, f"{v}.keys() <= {declared}")
            key, item = self.fresh("k"), self.fresh("i")
            inner = self.expr(value, resolver, cls, item)
            each = f"all({inner} for {key}, {item} in {v}.items() if {key} not in {declared})"
            return self._guard("object", known, v, each)
        if keyword == "propertyNames":
            key = self.fresh("k")
            return self._guard(
                "object", known, v, f"all({self.expr(value, resolver, cls, key)} for {key} in {v})"
            )
        raise Unsupported(keyword)

    def _tagged(self, subs: list[Any], resolver: Resolver[Any], cls: type, v: str) -> str | None:
        """Alternatives told apart by the string values their required ``type`` member may take
        (the GeoJSON geometries): only those whose tag matches are tried. ``None`` if not so."""
        table: dict[str, list[str]] = {}
        names = []
        for sub in subs:
            if not isinstance(sub, dict):
                return None
            tags: set[str] | None = None
            required: set[str] = set()
            for part, _, _ in self._flatten(sub, resolver, validator_for(sub, default=cls)):
                required.update(part.get("required", ()))
                member = (part.get("properties") or {}).get("type")
                if isinstance(member, dict) and ("enum" in member or "const" in member):
                    allowed = member["enum"] if "enum" in member else [member["const"]]
                    if not all(isinstance(a, str) for a in allowed):
                        return None
                    tags = set(allowed) if tags is None else tags & set(allowed)
            if tags is None or "type" not in required:
                return None
            call = self.expr(sub, resolver, cls, "x")
            if not (call.startswith("n") and call.endswith("(x)")):
                return None
            names.append(call[:-3])
            for tag in tags:
                table.setdefault(tag, []).append(call[:-3])
        by_tag = self.fresh("c")
        entries = ", ".join(f"{tag!r}: ({', '.join(fs)},)" for tag, fs in table.items())
        self.functions.append(f"{by_tag} = {{{entries}}}\n{by_tag}_all = ({', '.join(names)},)")
        return f"_tagged({v}, {by_tag}, {by_tag}_all)"

    def _guard(self, applies: str, known: str | None, v: str, test: str) -> str:
        if test == "True":
            return "True"
        if known == applies or (applies == "number" and known == "integer"):
            return test
        if known is not None:
            return "True"  # the keyword cannot apply to an instance of the declared type
        return f"({GUARDS[applies].format(v=v)} or {test})"

    def _type(self, name: str, v: str) -> str:
        if name not in TYPE_TESTS:
            raise Unsupported(f"type {name!r}")
        return TYPE_TESTS[name].format(v=v)

    def _types(self, value: Any, v: str) -> str:
        names = [value] if isinstance(value, str) else list(value)
        return "(" + " or ".join(self._type(n, v) for n in names) + ")"

    def _format(self, name: str, v: str, known: str | None) -> str | None:
        if name not in self.checker.checkers:
            return None  # an unknown format is an annotation
        func, raises = self.checker.checkers[name]
        pattern = getattr(func, "pattern", None)
        if isinstance(pattern, re.Pattern):  # ours: a regular expression on strings
            return self._guard("string", known, v, f"{self.const(pattern.match)}({v}) is not None")

        def conforms(x: Any) -> bool:
            try:
                return bool(func(x))
            except raises:
                return False

        return f"{self.const(conforms)}({v})"


@dataclass
class Built:
    test: Test
    members: dict[str, Test] | None  # per-member tests, when the root allows looking at members
    required: list[str]  # the root's required members, as often as the schema requires them


def _search(pattern: str) -> Callable[[str], Any]:
    return re.compile(pattern).search
