"""The catalogue's one query: its parameters checked once, and the search behind every catalogue
output (DCAT pages, live or from the fragment cache, and CNMD pages).

A catalogue is public by contract: whatever a caller's ``fq`` says, it lists public, active
records only (:data:`~ckanext.enti.logic.visibility.PUBLIC_ACTIVE_SEARCH`), most recently
modified first, harvest sources and showcases left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search import SearchError
from ckan.types import Context, DataDict
from dateutil.parser import parse as parse_date

from ckanext.enti import config
from ckanext.enti.logic.visibility import PUBLIC_ACTIVE_SEARCH

log = logging.getLogger(__name__)

# The parameters that select records (a next page's URL repeats them).
FILTERS = ("modified_since", "q", "fq")
# Solr's start offset is a 32-bit integer: no page past it exists.
MAX_PAGE = 1_000_000
# Record types that are not catalogue records.
NOT_RECORDS = ["-dataset_type:harvest", "-dataset_type:showcase"]


@dataclass(frozen=True)
class CatalogQuery:
    """One catalogue page's parameters, checked: ``modified_since`` in UTC without an offset
    (ckanext-dcat's paging appends ``Z`` to whatever it is given)."""

    page: int = 1
    q: str | None = None
    fq: str | None = None
    modified_since: datetime | None = None

    @classmethod
    def from_params(cls, data_dict: DataDict) -> CatalogQuery:
        """The parameters of ``data_dict``, or a ``ValidationError`` with a message for each one
        that is wrong (ckanext-dcat only says the first, without naming it)."""
        errors: dict[str, list[str]] = {}
        page = _page(data_dict.get("page") or 1)
        if page is None:
            errors["page"] = [
                tk._("Give the page as a whole number from 1 to {}, e.g. page=1").format(MAX_PAGE)
            ]
        given = {k: data_dict[k] for k in FILTERS if data_dict.get(k)}
        for key, value in given.items():
            if not isinstance(value, str):
                errors[key] = [tk._("Give one value as text")]
            elif key in ("q", "fq") and "{!" in value:
                errors[key] = [tk._("Local parameters ({!...}) are not allowed in a search")]
        since = None
        if isinstance(given.get("modified_since"), str):
            since = _moment(given["modified_since"])
            if since is None:
                example = "2024-05-31 or 2024-05-31T12:00:00Z"
                errors["modified_since"] = [
                    tk._("Give an ISO 8601 date or date and time, e.g. {}").format(example)
                ]
        if errors:
            raise tk.ValidationError(errors)
        return cls(page or 1, given.get("q"), given.get("fq"), since)

    def filters(self) -> dict[str, str]:
        """The parameters that select records, as a next page's URL gives them."""
        values = {"modified_since": self.modified_since and self.modified_since.isoformat()}
        values.update(q=self.q, fq=self.fq)
        return {k: v for k, v in values.items() if v}


def _page(value: Any) -> int | None:
    try:
        page = int(value) if isinstance(value, (int, str)) else 0
    except ValueError:
        return None
    return page if 1 <= page <= MAX_PAGE else None


def _moment(text: str) -> datetime | None:
    try:
        moment = parse_date(text)
    except (ValueError, OverflowError):
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def per_page() -> int:
    return config.dcat_datasets_per_page()


def catalog_search(
    context: Context, query: CatalogQuery, fields: list[str] | None = None
) -> dict[str, Any]:
    """The ``package_search`` result of one catalogue page (only ``fields`` of each record when
    given). The caller's ``fq`` is a filter of its own, so it can narrow the page but never widen
    it to private or draft records, whoever asks."""
    fq_list = list(NOT_RECORDS)
    if query.fq:
        fq_list.append(query.fq)
    if query.modified_since:
        fq_list.append(f"metadata_modified:[{query.modified_since.isoformat()}Z TO NOW]")
    rows = per_page()
    search: dict[str, Any] = {
        **PUBLIC_ACTIVE_SEARCH,
        "q": query.q or "*:*",
        "fq_list": fq_list,
        "rows": rows,
        "start": rows * (query.page - 1),
        "sort": "metadata_modified desc",
    }
    if fields:
        search["fl"] = fields
    try:
        return tk.get_action("package_search")(context, search)
    except SearchError as error:
        log.info("catalogue search refused: %s", error)
        bad = [k for k in ("q", "fq") if getattr(query, k)] or ["q"]
        message = tk._("Not a valid search (Solr syntax), e.g. q=resíduos or fq=tags:ambiente")
        raise tk.ValidationError({key: [message] for key in bad}) from None


def records_by_id(context: Context, ids: list[str]) -> list[dict[str, Any]]:
    """The validated dicts of these catalogue records, from the search index as pages list them."""
    search = {
        **PUBLIC_ACTIVE_SEARCH,
        "fq_list": ["id:(" + " OR ".join(ids) + ")"],
        "rows": len(ids),
    }
    return tk.get_action("package_search")({**context}, search)["results"]


def every_record(batch: int = 500) -> Iterator[list[dict[str, Any]]]:
    """Every record the catalogue lists, in batches of validated dicts."""
    search = tk.get_action("package_search")
    start = 0
    while True:
        params = {**PUBLIC_ACTIVE_SEARCH, "q": "*:*", "fq_list": NOT_RECORDS, "sort": "id asc"}
        result = search({"ignore_auth": True}, {**params, "rows": batch, "start": start})
        if not result["results"]:
            return
        yield result["results"]
        start += batch
