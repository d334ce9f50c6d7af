"""Safe HTTP for harvesting and remote validation.

Timeouts, a size cap, no silent redirects, no SSRF.

Every request goes through :func:`fetch`. Before each hop (the first URL and every redirect
target) the host is resolved and refused if any of its addresses is loopback, link-local,
private, multicast, reserved or unspecified, unless the host or network is in ``allow`` (e.g.
``["127.0.0.1"]`` for a test fixture or ``["10.0.0.0/8"]`` for a PGU on the municipal network).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

DEFAULT_TIMEOUT = 20.0  # seconds, connect and read
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "ckanext-enti (+https://github.com/ckanext-enti)"


class FetchRefused(Exception):
    """A URL was not fetched; ``reason`` is a stable code, the message says why in plain words."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Response:
    url: str  # final URL after allowed redirects
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _allowed(address: ipaddress._BaseAddress, host: str, allow: Iterable[str]) -> bool:
    for entry in allow:
        if entry == host:
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def check_url(url: str, allow: Iterable[str] = ()) -> None:
    """Raise :class:`FetchRefused` unless ``url`` is http(s) to a public address (or allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("scheme", f"only http and https URLs can be fetched, not {url!r}")
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchRefused("dns", f"the host {host!r} could not be resolved ({exc})") from exc
    allow = list(allow)
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_global or _allowed(address, host, allow):
            continue
        raise FetchRefused(
            "private-address",
            f"{host} resolves to {address}, a non-public address; "
            "add it to the allow-list if this server is trusted",
        )


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow: Iterable[str] = (),
    session: requests.Session | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """GET ``url`` safely; follow at most :data:`MAX_REDIRECTS` redirects, each one re-checked."""
    allow = list(allow)
    http = session or requests.Session()
    request_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url, allow)
        try:
            resp = http.get(
                url, timeout=timeout, stream=True, allow_redirects=False, headers=request_headers
            )
        except requests.RequestException as exc:
            raise FetchRefused("network", f"could not fetch {url}: {exc}") from exc
        with resp:
            if resp.is_redirect and "location" in resp.headers:
                url = urljoin(url, resp.headers["location"])
                continue
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchRefused("too-large", _too_large(url, max_bytes))
            body = bytearray()
            for chunk in resp.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchRefused("too-large", _too_large(url, max_bytes))
            return Response(url, resp.status_code, bytes(body), dict(resp.headers))
    raise FetchRefused("redirects", f"{url} redirected more than {MAX_REDIRECTS} times")


def _too_large(url: str, max_bytes: int) -> str:
    return f"{url} is larger than the limit of {max_bytes} bytes"
