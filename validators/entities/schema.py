"""The CNMD JSON Schemas, compiled once per model, ``$ref``s resolved offline.

jsonschema walks the schema again for every instance (about 500 CNMD entities/s on one core,
measured on the examples); a PGU publishes hundreds of thousands. :func:`compile_schema` compiles a
schema once: a generated yes/no test (:mod:`enti.validators.entities.codegen`) for the valid entity,
closures (:mod:`enti.validators.entities.compile`) for the errors of an invalid one. Every ``$ref``
is looked up at compile time through a :mod:`referencing` registry: for the CNMD, the
``schemas/cnmd-refs`` copy behind :func:`enti.schemas.reference.cnmd.refs_registry`, which refuses
any
other URI. The errors carry the keyword and path jsonschema reports (the tests hold both to the
same findings); a schema with a keyword not compiled is validated by jsonschema itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing._core import Resolver
from referencing.jsonschema import DRAFT202012

from enti.schemas import path
from enti.schemas.reference.cnmd import Model, load_schema, model_named, models_in, refs_registry
from enti.validators.entities.codegen import CodeGen
from enti.validators.entities.compile import Check, Compiler, SchemaError, Test, Unsupported

__all__ = [
    "Catalogue",
    "CompiledSchema",
    "RequiredTree",
    "SchemaError",
    "catalogue",
    "compile_schema",
    "format_checker",
]


@dataclass
class RequiredTree:
    """What the schema says an object holds, per nesting level (through ``allOf`` and ``$ref``)."""

    required: set[str] = field(default_factory=set)
    properties: dict[str, RequiredTree] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)  # properties declared as date or date-time


@dataclass
class CompiledSchema:
    test: Test  # True when valid; stops at the first failure
    check: Check  # the errors (None when valid)
    tree: RequiredTree
    compiled: bool  # False: jsonschema validates (the schema uses a keyword not compiled)


class Catalogue:
    """The models of one CNMD tree, each schema compiled on first use and kept."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.models = models_in(root)
        self._by_type: dict[Any, Model | None] = {}
        self._compiled: dict[str, CompiledSchema] = {}
        self._codegen = CodeGen(_checker())

    def model_for_type(self, declared: Any) -> Model | None:
        """The model an entity's ``type`` names (a name, an IRI ending in it, or a list of them)."""
        key = tuple(declared) if isinstance(declared, list) else declared
        try:
            if key in self._by_type:
                return self._by_type[key]
        except TypeError:  # an object or a list of objects: names no model
            return None
        names = declared if isinstance(declared, list) else [declared]
        found = next(
            (m for n in names if isinstance(n, str) and (m := model_named(n, self.root))), None
        )
        if len(self._by_type) < 10_000:
            self._by_type[key] = found
        return found

    def model_named(self, name: str) -> Model | None:
        return model_named(name, None if self.root == path("cnmd") else self.root)

    def compile_all(self) -> None:
        """Compile every model now (a worker about to validate large payloads; about a second)."""
        for model in self.models:
            self.schema(model)

    def schema(self, model: Model) -> CompiledSchema:
        compiled = self._compiled.get(model.schema_file)
        if compiled is None:
            schema = load_schema(model, self.root)
            compiled = compile_schema(schema, refs_registry(), _checker(), self._codegen)
            self._compiled[model.schema_file] = compiled
        return compiled


@cache
def catalogue(root: Path | None = None) -> Catalogue:
    """The catalogue of ``root`` (default: the CNMD copy shipped in ``schemas/cnmd``)."""
    return Catalogue((root or path("cnmd")).resolve())


@cache
def _checker() -> FormatChecker:
    return format_checker()


def compile_schema(
    schema: dict[str, Any],
    registry: Registry[Any],
    checker: FormatChecker,
    codegen: CodeGen | None = None,
) -> CompiledSchema:
    """Compile ``schema``, ``$ref``s resolved through ``registry``; a ``codegen`` shared between
    the schemas of a catalogue shares the code of the definitions they have in common."""
    resolver = registry.resolver_with_root(
        Resource.from_contents(schema, default_specification=DRAFT202012)
    )
    cls = validator_for(schema, default=Draft202012Validator)
    tree = _required_tree(schema, resolver, 0)
    try:
        test, check = Compiler(checker).node(schema, resolver, cls)
        try:
            built = (codegen or CodeGen(checker)).build(schema, resolver, cls)
        except Unsupported:
            pass  # the closures' test serves
        else:
            test = built.test
            if built.members is not None:
                check = _by_member(check, built.members, built.required)
    except Unsupported:
        validator = cls(schema, registry=registry, format_checker=checker)
        check = _jsonschema_check(validator)
        return CompiledSchema(validator.is_valid, check, tree, compiled=False)
    return CompiledSchema(test, check, tree, compiled=True)


def format_checker() -> FormatChecker:
    """jsonschema's format checker plus RFC 3339 ``date-time`` and ``time``, ``uri`` (RFC 3986
    characters) and ISO 8601 ``duration``: without their optional jsonschema dependencies those
    formats would not be checked at all."""
    checker = FormatChecker()
    for name, pattern in FORMATS.items():
        checker.checks(name)(_matcher(pattern))
    return checker


_OFFSET = r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)"
_TIME = r"([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?" + _OFFSET
FORMATS = {
    "date-time": re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]" + _TIME + "$"),
    "time": re.compile("^" + _TIME + "$"),
    "uri": re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$"),
    "duration": re.compile(
        r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$"
    ),
}


def _matcher(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    def conforms(instance: Any) -> bool:
        return not isinstance(instance, str) or pattern.match(instance) is not None

    conforms.pattern = pattern  # type: ignore[attr-defined]  # lets the code generator inline it
    return conforms


def _by_member(check: Check, members: dict[str, Test], required: list[str]) -> Check:
    """``check`` run on the members that fail their test only (plus the missing required ones):
    the same errors, for a fraction of the work on a large entity with one bad value."""

    def by_member(x: Any) -> list[SchemaError] | None:
        if type(x) is not dict:
            return check(x)
        failing = {k: v for k, v in x.items() if (t := members.get(k)) is not None and not t(v)}
        errors = [e for e in check(failing) or () if e.path or e.keyword != "required"]
        errors += [SchemaError((), "required", name, x) for name in required if name not in x]
        return errors or None

    return by_member


# --- jsonschema itself, for a schema with a keyword not compiled -------------------------------


def _jsonschema_check(validator: Any) -> Check:
    def check(x: Any) -> list[SchemaError] | None:
        return [_from_jsonschema(e) for e in validator.iter_errors(x)] or None

    return check


def _from_jsonschema(error: ValidationError) -> SchemaError:
    if error.validator == "required":
        names = [n for n in error.validator_value if error.message.startswith(repr(n))]
        missing = names[0] if names else error.validator_value[0]
        return SchemaError(tuple(error.relative_path), "required", missing, error.instance)
    alternatives: dict[Any, list[SchemaError]] = {}
    for sub in error.context or ():
        alternatives.setdefault(sub.relative_schema_path[0], []).append(_from_jsonschema(sub))
    return SchemaError(
        tuple(error.relative_path),
        str(error.validator),
        error.validator_value,
        error.instance,
        list(alternatives.values()),
    )


# --- what is mandatory, for the CNMD empty-value rules ----------------------------------------


def _required_tree(schema: Any, resolver: Resolver[Any], depth: int) -> RequiredTree:
    tree = RequiredTree()
    for part, part_resolver in _conjuncts(schema, resolver, depth):
        tree.required.update(part.get("required", ()))
        for name, sub in (part.get("properties") or {}).items():
            if not isinstance(sub, dict):
                continue
            child = _required_tree(sub, part_resolver, depth + 1) if depth < 6 else RequiredTree()
            known = tree.properties.setdefault(name, child)
            if known is not child:
                known.required |= child.required
                known.properties |= child.properties
                known.dates |= child.dates
            if _is_date(sub, part_resolver):
                tree.dates.add(name)
    return tree


def _conjuncts(
    schema: Any, resolver: Resolver[Any], depth: int
) -> Iterable[tuple[dict[str, Any], Resolver[Any]]]:
    """``schema`` and what it always applies too (``allOf`` items, ``$ref`` targets)."""
    if not isinstance(schema, dict) or depth > 12:
        return
    yield schema, resolver
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        yield from _conjuncts(resolved.contents, resolved.resolver, depth + 1)
    for sub in schema.get("allOf", ()):
        yield from _conjuncts(sub, resolver, depth + 1)


def _is_date(schema: dict[str, Any], resolver: Resolver[Any]) -> bool:
    branches = [schema, *schema.get("anyOf", ()), *schema.get("oneOf", ())]
    return any(
        part.get("format") in ("date", "date-time")
        for branch in branches
        for part, _ in _conjuncts(branch, resolver, 0)
    )
