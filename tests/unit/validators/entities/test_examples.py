"""``enti-validate --cnmd-examples`` (:mod:`enti.validators.entities.examples`): the table that
sums up every model's examples."""

from enti.validators.entities.examples import check_examples, format_examples_table

from .cnmd_examples import CNMD, FIXES, MODELS


def test_the_examples_table_sums_up_every_model():
    results = check_examples(CNMD)
    table = format_examples_table(results)
    lines = table.splitlines()
    assert lines[0].split() == [
        "modelo",
        "exemplos",
        "entidades",
        "válidas",
        "inválidas",
        "achado",
        "mais",
        "comum",
    ]
    rows = {line.split()[0]: line.split() for line in lines[2:-2]}
    assert set(MODELS) <= set(rows)
    assert rows["WeatherForecast"][1:5] == ["6", "6", "6", "0"]
    assert rows["PointOfInterest"][1:5] == ["5", "5", "3", "2"]
    assert "schema /category/value/* ×4" in table
    assert "PassengerCountAggregation (sem modelo)" in table
    total = lines[-1].split()
    assert total[0] == "total" and int(total[2]) == sum(r.entities for r in results)
    assert format_examples_table(results, lang="en").startswith("model ")
    garden = next(r for r in results if r.model == "Garden")
    assert {f.pointer for f in garden.findings if f.severity == "error"} == set(FIXES["Garden"])
