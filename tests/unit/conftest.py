"""Fixtures the unit tests of several packages share."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def no_network() -> Iterator[None]:
    """The whole module runs with sockets unable to connect: nothing may be fetched."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test module")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        yield
