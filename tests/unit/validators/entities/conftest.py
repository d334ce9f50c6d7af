"""Every entities test runs offline: a CNMD ``$ref`` resolves from the local copy or not at all."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="module")
def offline(no_network: None) -> None:
    """Each module of this folder runs with sockets unable to connect (see ``no_network``)."""
