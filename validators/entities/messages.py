"""What a publisher reads about an entity: each finding in Portuguese and English, saying what to
change. Schema errors come from :mod:`enti.validators.entities.compile` (jsonschema's keywords)."""

from __future__ import annotations

import json
from difflib import get_close_matches
from typing import Any

from enti.validators.entities.asserts import SchemaError
from enti.validators.entities.read import TOO_DEEP, PayloadError
from enti.validators.messages import Message

TYPE_NAMES = {
    "string": ("texto (string)", "a string"),
    "number": ("um número", "a number"),
    "integer": ("um número inteiro", "an integer"),
    "boolean": ("true ou false", "true or false"),
    "object": ("um objeto JSON", "a JSON object"),
    "array": ("uma lista (array)", "a list (array)"),
    "null": ("null", "null"),
}
FORMAT_HINTS = {
    "date-time": (
        "data e hora ISO 8601 com fuso horário, p. ex. 2024-10-20T04:00:00Z",
        "an ISO 8601 date and time with a time zone, e.g. 2024-10-20T04:00:00Z",
    ),
    "date": ("uma data AAAA-MM-DD, p. ex. 2024-10-20", "a YYYY-MM-DD date, e.g. 2024-10-20"),
    "time": (
        "uma hora com segundos e fuso horário, p. ex. 08:00:00Z",
        "a time with seconds and a time zone, e.g. 08:00:00Z",
    ),
    "uri": (
        "um URI absoluto sem espaços nem acentos (p. ex. https://… ou urn:…)",
        "an absolute URI without spaces or accents (e.g. https://… or urn:…)",
    ),
    "duration": (
        "uma duração ISO 8601, p. ex. P1D ou PT15M",
        "an ISO 8601 duration, e.g. P1D or PT15M",
    ),
    "email": ("um endereço de correio eletrónico", "an e-mail address"),
}


def show(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "entity"


def best(error: SchemaError) -> SchemaError:
    """The error to tell the publisher about: inside an ``anyOf``/``oneOf`` that nothing matched,
    the alternative the value was closest to (its type right, fewest errors), when that leaves one
    error; its path is made absolute."""
    if error.keyword not in ("anyOf", "oneOf") or not error.alternatives:
        return error

    def distance(errors: list[SchemaError]) -> tuple[int, int]:
        wrong_kind = any(
            e.keyword in ("type", "const", "enum") and len(e.path) <= 1 for e in errors
        )
        return int(wrong_kind), len(errors)

    closest = min(error.alternatives, key=distance)
    if len(closest) != 1:
        return error
    inner = closest[0]
    return best(
        SchemaError(
            error.path + inner.path,
            inner.keyword,
            inner.expected,
            inner.instance,
            inner.alternatives,
        )
    )


def schema_message(error: SchemaError) -> Message:
    name, x, expected = where(error.path), error.instance, error.expected
    kw = error.keyword
    if kw == "required":
        return missing_message((*error.path, expected))
    if kw == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        pt = " ou ".join(TYPE_NAMES.get(n, (n, n))[0] for n in names)
        en = " or ".join(TYPE_NAMES.get(n, (n, n))[1] for n in names)
        hint_pt = hint_en = ""
        if isinstance(x, dict) and "value" in x and "type" in x:
            inner = show(x["value"])
            hint_pt = f" Parece um atributo NGSI dentro do valor; deixe só o valor: {inner}."
            hint_en = (
                f" It looks like an NGSI attribute inside the value; keep only the value: {inner}."
            )
        return Message(
            pt=f"«{name}» deve ser {pt}, mas é {show(x)}.{hint_pt or ' Corrija o valor.'}",
            en=f"«{name}» must be {en}, but is {show(x)}.{hint_en or ' Correct the value.'}",
        )
    if kw in ("enum", "const"):
        options = expected if kw == "enum" else [expected]
        listed = ", ".join(show(o, 40) for o in options[:25]) + (", …" if len(options) > 25 else "")
        words = [o for o in options if isinstance(o, str)]
        close = get_close_matches(x, words, n=1, cutoff=0.6) if isinstance(x, str) else []
        guess_pt = f" Queria dizer {show(close[0])}?" if close else ""
        guess_en = f" Did you mean {show(close[0])}?" if close else ""
        return Message(
            pt=f"«{name}» = {show(x)} não é um valor do modelo.{guess_pt} Use um destes: {listed}.",
            en=f"«{name}» = {show(x)} is not a value of the model.{guess_en} Use one of: {listed}.",
        )
    if kw == "format":
        pt, en = FORMAT_HINTS.get(expected, (f"o formato {expected}", f"the {expected} format"))
        return Message(
            pt=f"«{name}» = {show(x)} não está no formato pedido; escreva {pt}.",
            en=f"«{name}» = {show(x)} is not in the required format; write {en}.",
        )
    if kw in BOUNDS:
        pt, en = BOUNDS[kw]
        return Message(
            pt=f"«{name}» = {show(x)}: {pt.format(n=expected)}.",
            en=f"«{name}» = {show(x)}: {en.format(n=expected)}.",
        )
    if kw == "pattern":
        return Message(
            pt=f"«{name}» = {show(x)} não segue a forma exigida pelo modelo "
            f"(expressão regular {expected}); corrija o valor.",
            en=f"«{name}» = {show(x)} does not have the form the model requires "
            f"(regular expression {expected}); correct the value.",
        )
    if kw == "additionalProperties":
        return Message(
            pt=f"«{name}» tem membros que o modelo não prevê; retire-os ou corrija o nome.",
            en=f"«{name}» has members the model does not define; remove them or fix their name.",
        )
    if kw in ("anyOf", "oneOf"):
        if not error.alternatives:
            return Message(
                pt=f"«{name}» corresponde a mais do que uma das formas alternativas do modelo; "
                "deixe-o numa só.",
                en=f"«{name}» matches more than one of the model's alternative forms; "
                "make it match exactly one.",
            )
        return Message(
            pt=f"«{name}» = {show(x)} não tem nenhuma das formas que o modelo aceita; "
            "compare-o com o exemplo do modelo e corrija-o.",
            en=f"«{name}» = {show(x)} has none of the forms the model accepts; "
            "compare it with the model's example and correct it.",
        )
    return Message(
        pt=f"«{name}» = {show(x)} não cumpre a regra «{kw}» do esquema ({show(expected)}).",
        en=f"«{name}» = {show(x)} breaks the schema rule «{kw}» ({show(expected)}).",
    )


BOUNDS = {
    "minimum": ("tem de ser pelo menos {n}", "must be at least {n}"),
    "maximum": ("não pode passar de {n}", "must be at most {n}"),
    "exclusiveMinimum": ("tem de ser maior do que {n}", "must be greater than {n}"),
    "exclusiveMaximum": ("tem de ser menor do que {n}", "must be less than {n}"),
    "multipleOf": ("tem de ser múltiplo de {n}", "must be a multiple of {n}"),
    "minLength": ("precisa de pelo menos {n} caracteres", "needs at least {n} characters"),
    "maxLength": (
        "tem mais de {n} caracteres; encurte-o",
        "has more than {n} characters; shorten it",
    ),
    "minItems": (
        "a lista precisa de pelo menos {n} elementos",
        "the list needs at least {n} items",
    ),
    "maxItems": ("a lista tem mais de {n} elementos", "the list has more than {n} items"),
    "uniqueItems": (
        "a lista tem elementos repetidos; retire os duplicados",
        "the list has repeated items; remove the duplicates",
    ),
    "minProperties": ("precisa de pelo menos {n} membros", "needs at least {n} members"),
    "maxProperties": ("tem mais de {n} membros", "has more than {n} members"),
    "not": ("tem uma forma que o modelo proíbe; corrija-o", "has a form the model forbids; fix it"),
    "false": ("não é permitido aqui; retire-o", "is not allowed here; remove it"),
}


def missing_message(path: tuple[Any, ...]) -> Message:
    name, inside = str(path[-1]), where(path[:-1])
    at_pt = f" em «{inside}»" if len(path) > 1 else ""
    at_en = f" in «{inside}»" if len(path) > 1 else ""
    return Message(
        pt=f"Falta a propriedade obrigatória «{name}»{at_pt}; acrescente-a com um valor válido.",
        en=f"The mandatory property «{name}»{at_en} is missing; add it with a valid value.",
    )


def empty_message(path: tuple[Any, ...], value: Any, mandatory: bool) -> Message:
    name = where(path)
    if mandatory:
        return Message(
            pt=f"«{name}» é obrigatória e está vazia ({show(value)}); dê-lhe um valor válido "
            '("", " ", null e {} não são valores).',
            en=f"«{name}» is mandatory and empty ({show(value)}); give it a valid value "
            '("", " ", null and {} are not values).',
        )
    return Message(
        pt=f"«{name}» é opcional e está vazia ({show(value)}); omita-a em vez de a enviar vazia.",
        en=f"«{name}» is optional and empty ({show(value)}); leave it out instead of sending it "
        "empty.",
    )


def urn_message(value: Any, entity_type: str) -> Message:
    example = f"urn:<organização>:{entity_type or '<Tipo>'}:<id-local>"
    example_en = f"urn:<organisation>:{entity_type or '<Type>'}:<local-id>"
    return Message(
        pt=f"O identificador {show(value)} não tem a forma {example}; use-a "
        f"(p. ex. urn:cm-lisboa:{entity_type or 'Tipo'}:123; urn:ngsi-ld:… também é aceite).",
        en=f"The identifier {show(value)} does not have the form {example_en}; use it "
        f"(e.g. urn:cm-lisboa:{entity_type or 'Type'}:123; urn:ngsi-ld:… is accepted too).",
    )


TOO_DEEP_ENTITY = Message(
    pt="A entidade tem valores encaixados a uma profundidade que não é possível validar; "
    "verifique o programa que a gerou.",
    en="The entity has values nested too deeply to be validated; check the program that wrote it.",
)
NO_ENTITIES = Message(
    pt="O documento não tem entidades; publique um array JSON com as entidades.",
    en="The document holds no entities; publish a JSON array of the entities.",
)


def not_json_message(exc: ValueError) -> Message:
    if isinstance(exc, PayloadError) and exc.msg == TOO_DEEP:
        return Message(
            pt=f"O documento tem objetos ou listas encaixados a uma profundidade que não é "
            f"possível ler (a partir da linha {exc.lineno}); verifique o programa que o gerou.",
            en=f"The document has objects or lists nested too deeply to be read (from line "
            f"{exc.lineno} on); check the program that wrote it.",
        )
    if isinstance(exc, PayloadError) and exc.msg.startswith("not UTF-8"):
        reason = exc.msg.removeprefix("not UTF-8 text").strip(" ()")
        return Message(
            pt=f"O documento não é texto UTF-8: há um byte inválido na linha {exc.lineno} "
            f"({reason}); grave-o em UTF-8 e volte a validar.",
            en=f"The document is not UTF-8 text: there is an invalid byte on line {exc.lineno} "
            f"({reason}); save it as UTF-8 and validate again.",
        )
    if isinstance(exc, json.JSONDecodeError | PayloadError):
        at_pt = f"na linha {exc.lineno}, coluna {exc.colno}"
        at_en = f"at line {exc.lineno}, column {exc.colno}"
        return Message(
            pt=f"O documento não é JSON válido {at_pt} ({exc.msg}); corrija a sintaxe "
            "(vírgulas, aspas, chavetas) e volte a validar.",
            en=f"The document is not valid JSON {at_en} ({exc.msg}); fix the syntax "
            "(commas, quotes, brackets) and validate again.",
        )
    return Message(
        pt=f"O documento não é JSON válido ({exc}); grave-o como JSON em UTF-8 e volte a validar.",
        en=f"The document is not valid JSON ({exc}); save it as UTF-8 JSON and validate again.",
    )


def not_entity_message(value: Any) -> Message:
    return Message(
        pt=f"Esperava-se uma entidade (um objeto JSON com id e type), mas veio {show(value)}.",
        en=f"An entity (a JSON object with id and type) was expected, but got {show(value)}.",
    )


def unknown_type_message(declared: Any) -> Message:
    if declared is None:
        return Message(
            pt="A entidade não tem «type»; indique o tipo do modelo (p. ex. WeatherObserved).",
            en="The entity has no «type»; give the model's type (e.g. WeatherObserved).",
        )
    return Message(
        pt=f"O tipo {show(declared)} não é nenhum modelo do Catálogo Nacional de Modelos de Dados; "
        "corrija o «type» para o nome do modelo (p. ex. WeatherObserved).",
        en=f"The type {show(declared)} is no model of the national data-model catalogue (CNMD); "
        "set «type» to the model's name (e.g. WeatherObserved).",
    )


def unknown_model_message(name: str) -> Message:
    return Message(
        pt=f"Não há nenhum modelo «{name}» no Catálogo Nacional de Modelos de Dados; "
        "indique o nome de um modelo (p. ex. WeatherObserved) ou o seu URI.",
        en=f"There is no model «{name}» in the national data-model catalogue (CNMD); "
        "give a model's name (e.g. WeatherObserved) or its URI.",
    )
