"""Controlled vocabularies (:mod:`enti.schemas.reference.vocabularies`): every shipped file loads,
with unique authority URIs and both labels; a lookup takes a value of any type."""

import pytest

from enti.schemas.reference.vocabularies import term_for_uri, vocabulary, vocabulary_names
from enti.validators.metadata.terms import membership_error
from tests.unit.testdata import short_id

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


@pytest.mark.parametrize(
    "value", [[["x"]], ["x"], 5, {"uri": "x"}, None, True, 10**5000], ids=short_id
)
def test_vocabulary_get_takes_any_value(value):
    frequency = vocabulary("frequency")
    assert frequency.get(value) is None
    assert value not in frequency
    refused = membership_error("frequency", value)
    assert refused is not None and "single URI" in refused.en and "único URI" in refused.pt
    assert term_for_uri(value) is None
