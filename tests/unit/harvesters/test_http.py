"""Safe fetching: SSRF guard, size cap and redirects, against a real local HTTP server (no CKAN)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from enti.harvesters.http import FetchRefused, check_url, fetch


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/redirect-home":
            self.send_response(302)
            self.send_header("Location", "/small")
            self.end_headers()
            return
        body = b"x" * (4096 if self.path == "/big" else 10)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no Content-Length: the cap must hold while streaming
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchRefused) as refused:
        fetch(server + "/small")
    assert refused.value.reason == "private-address"


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest", "http://10.1.2.3/", "file:///etc/passwd"]
)
def test_private_and_non_http_urls_are_refused(url):
    with pytest.raises(FetchRefused):
        check_url(url)


def test_allow_list_lets_a_trusted_server_through(server):
    response = fetch(server + "/redirect-home", allow=["127.0.0.0/8"])
    assert response.status == 200 and response.content == b"x" * 10
    assert response.url.endswith("/small")


def test_size_cap_stops_a_large_body(server):
    with pytest.raises(FetchRefused) as refused:
        fetch(server + "/big", allow=["127.0.0.1"], max_bytes=1000)
    assert refused.value.reason == "too-large"
