"""Rules that answer a value with a message (:mod:`enti.validators.metadata.terms`): membership
of a controlled vocabulary, DICO codes, claims to conform to a CNMD model."""

from enti.validators.messages import brief
from enti.validators.metadata import terms
from enti.validators.metadata.terms import dico_error, membership_error

EU = "http://publications.europa.eu/resource/authority/"


def test_membership_errors_explain_in_both_languages():
    not_uri = membership_error("data-theme", "ambiente")
    assert "não é um URI" in not_uri.pt and "is not a URI" in not_uri.en
    unknown = membership_error("data-theme", "http://example.org/x")
    assert "EU data themes" in unknown.en or "data themes" in unknown.en.lower()
    assert membership_error("data-theme", EU + "data-theme/TRAN") is None


def test_membership_error_names_long_values_briefly():
    refused = membership_error("frequency", [["x" * 10_000]] * 1000)
    assert "xxx" in refused.en and len(refused.en) < 300
    long_text = membership_error("frequency", "http://example.org/" + "a" * 10_000)
    assert "…" in long_text.en and len(long_text.en) < 300
    assert brief("x" * 500) == "x" * 79 + "…" and brief(10**5000) == "<int>"


def test_dico_errors_say_what_to_write():
    assert dico_error("1106") is None
    missing_zero = dico_error("101")
    assert missing_zero is not None and "0101" in missing_zero.pt and "0101" in missing_zero.en
    assert "4" in dico_error("ab12").en
    unknown = dico_error("9999")
    assert unknown is not None and "308" in unknown.in_lang("en")


def test_claimed_cnmd_model_must_exist():
    unknown = terms.conforms_to_error(
        "https://smart-data-models.github.io/dataModel.Foo/Bar/schema.json"
    )
    assert unknown is not None and "CNMD" in unknown.en
    # Other standards are not CNMD claims.
    assert terms.conforms_to_error("https://uri.etsi.org/ngsi-ld/") is None
