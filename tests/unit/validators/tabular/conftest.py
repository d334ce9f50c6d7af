"""Every table test starts and ends with the default limits (a test may configure others)."""

import pytest

from enti.validators.tabular.validate import TableLimits, configure


@pytest.fixture(autouse=True)
def default_limits():
    configure(TableLimits())
    yield
    configure(TableLimits())
