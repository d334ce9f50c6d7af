"""Links a record may carry (:mod:`enti.validators.metadata.links`): http, https or ftp only."""

from __future__ import annotations

from enti.validators.metadata.links import link_error


def test_links_are_http_https_or_ftp():
    for url in ("https://dados.example/a.csv", "http://x.example", "ftp://x.example/a"):
        assert link_error(url) is None
    for url in ("javascript:alert(1)", "file:///etc/passwd", "gopher://127.0.0.1:6379/_", "a.csv"):
        message = link_error(url)
        assert message is not None and "http://" in message.en
