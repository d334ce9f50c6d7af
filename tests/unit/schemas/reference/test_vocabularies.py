"""Controlled vocabularies: every shipped file loads, with unique authority URIs and both labels."""

import pytest

from enti.schemas.reference.vocabularies import vocabulary, vocabulary_names
from enti.validators.metadata.terms import membership_error

EU = "http://publications.europa.eu/resource/authority/"


@pytest.mark.parametrize("name", vocabulary_names())
def test_vocabulary_loads_with_unique_uris_and_labels(name):
    vocab = vocabulary(name)
    uris = [t.uri for t in vocab.terms]
    assert uris and len(uris) == len(set(uris))
    assert all(u.startswith(("http://", "https://", "urn:")) for u in uris)
    assert all(t.pt.strip() and t.en.strip() for t in vocab.terms)
    assert vocab.source.strip()


def test_expected_vocabularies_are_shipped():
    expected = {
        "data-theme",
        "frequency",
        "file-type",
        "language",
        "access-right",
        "licence",
        "hvd-category",
        "inspire-topic-category",
        "crs",
        "territorial-unit",
        "enti-vertical",
        "api-standard",
    }
    assert expected <= set(vocabulary_names())


def test_terms_are_found_by_uri_or_code():
    themes = vocabulary("data-theme")
    assert len(themes.terms) == 13
    assert themes.get("ENVI").uri == EU + "data-theme/ENVI"
    assert themes.get(EU + "data-theme/ENVI").label("en") == "Environment"
    assert themes.get("nonsense") is None


def test_frequencies_say_whether_data_are_still_collected():
    freq = vocabulary("frequency")
    assert freq.get("DAILY").extra["ongoing"] is True
    assert freq.get("NEVER").extra["ongoing"] is False


def test_file_types_carry_media_type_and_openness():
    csv = vocabulary("file-type").get("CSV")
    assert csv.extra["mimetype"] == "text/csv"
    assert csv.extra["machine_readable"] and csv.extra["non_proprietary"]
    pdf = vocabulary("file-type").get("PDF")
    assert pdf.extra["machine_readable"] is False


def test_every_municipality_is_a_territorial_unit():
    units = vocabulary("territorial-unit")
    municipalities = [t for t in units.terms if t.extra.get("kind") == "municipality"]
    assert len(municipalities) == 308


def test_membership_errors_explain_in_both_languages():
    not_uri = membership_error("data-theme", "ambiente")
    assert "não é um URI" in not_uri.pt and "is not a URI" in not_uri.en
    unknown = membership_error("data-theme", "http://example.org/x")
    assert "EU data themes" in unknown.en or "data themes" in unknown.en.lower()
    assert membership_error("data-theme", EU + "data-theme/TRAN") is None
