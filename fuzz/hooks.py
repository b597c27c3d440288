"""Schemathesis checks of ``make fuzz``: a GraphQL answer is never a server error.

Schemathesis' own ``not_a_server_error`` also fails every GraphQL error with a path,
but this API answers a client's bad argument (a malformed id, ``first: 0``) with
such an error and a code (``INVALID_ID``, ``BAD_USER_INPUT``): that is the contract,
not a failure. So the fuzz run replaces it with these checks:

- ``no_5xx``: no HTTP status of 500 or more;
- ``no_internal_server_error``: no error with ``extensions.code`` INTERNAL_SERVER_ERROR
  (an unexpected exception, masked);
- ``errors_have_known_codes``: an error of a field (with a ``path``) has one of the
  codes the API documents.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis

KNOWN_CODES = frozenset(
    {"BAD_USER_INPUT", "INVALID_ID", "INVALID_CURSOR", "COST_LIMIT", "RESPONSE_TOO_LARGE"}
)


def _errors(response: Any) -> list[dict[str, Any]]:
    try:
        body = json.loads(response.content or b"{}")
    except ValueError:
        raise AssertionError(f"not JSON: {response.content[:200]!r}") from None
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors or [] if isinstance(e, dict)]


@schemathesis.check
def no_5xx(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.content[:300]!r}")
    return None


@schemathesis.check
def no_internal_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    for error in _errors(response):
        if (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR":
            raise AssertionError(f"INTERNAL_SERVER_ERROR: {error.get('message')}")
    return None


@schemathesis.check
def errors_have_known_codes(ctx: Any, response: Any, case: Any) -> bool | None:
    for error in _errors(response):
        code = (error.get("extensions") or {}).get("code")
        if error.get("path") and code not in KNOWN_CODES:
            raise AssertionError(f"a field error with code {code!r}: {error.get('message')}")
    return None
