"""The HTTP client behind ``acuref add`` and ``acuref retractions``: timeouts, bounded retries, a cache.

Why httpx rather than urllib: per-phase timeouts (connect, read) on one ``Timeout`` object,
one exception hierarchy for transport failures (``httpx.TransportError``), connection reuse
across the many requests of a retraction check, and redirects followed only when asked.

Politeness, as the services ask:

- Crossref's "polite pool" wants a ``mailto`` in the User-Agent or the query
  (https://api.crossref.org/swagger-ui/index.html, "Etiquette"); NCBI E-utilities want ``tool``
  and ``email`` parameters (https://www.ncbi.nlm.nih.gov/books/NBK25497/). The address comes
  from ``$ACUREF_MAILTO``; without it requests are still sent, without an address.
- HTTP 429 and 5xx answers, timeouts and dropped connections are retried with exponential
  backoff (``backoff * 2**n`` seconds), at most ``retries`` times; a ``Retry-After`` header
  (seconds or an HTTP date) is honoured when it asks for no more than ``max_wait`` seconds,
  and otherwise ends the attempt with an error saying when to retry. A refused connection
  (offline, no DNS) is not retried: it fails at once.

Successful JSON/XML bodies are kept in ``<cache folder>/http/`` (see :mod:`acuref.cachedir`)
for ``max_age`` seconds, keyed by the URL without the contact address; a damaged entry is
ignored. Environment: ``ACUREF_HTTP_TIMEOUT`` (seconds, default 15), ``ACUREF_HTTP_RETRIES``
(default 3), ``ACUREF_HTTP_BACKOFF`` (seconds, default 1).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import RemoteError, RemoteNotFoundError
from ..wording import count

DAY = 24 * 3600


def mailto() -> str:
    """The contact address sent to the services (``$ACUREF_MAILTO``), "" when unset."""
    return os.environ.get("ACUREF_MAILTO", "").strip()


def user_agent() -> str:
    """"acuref/0.1.0 (https://pypi.org/project/acuref/; mailto:you@example.org)"."""
    from .. import __version__

    contact = mailto()
    return f"acuref/{__version__} (https://pypi.org/project/acuref/" + (f"; mailto:{contact})" if contact else ")")


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


@dataclass
class Client:
    """GET JSON or text from the lookup services, politely. ``sleep`` is replaceable for tests."""

    timeout: float = field(default_factory=lambda: _env_float("ACUREF_HTTP_TIMEOUT", 15.0))
    retries: int = field(default_factory=lambda: int(_env_float("ACUREF_HTTP_RETRIES", 3)))
    backoff: float = field(default_factory=lambda: _env_float("ACUREF_HTTP_BACKOFF", 1.0))
    max_wait: float = 60.0
    cache: Path | None = field(default_factory=lambda: _default_cache())
    sleep: Callable[[float], None] | None = None  # default: _sleep (tests replace it)
    requests: int = 0  # requests actually sent (not answered from the cache)

    def __post_init__(self) -> None:
        self._http = None

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_json(self, service: str, url: str, params: Mapping[str, str] | None = None, *,
                 max_age: float = 30 * DAY, what: str = "") -> Any:
        """The JSON body of ``GET url?params``; raises :class:`RemoteNotFoundError` on 404 and
        :class:`RemoteError` when unreachable, failing or not JSON (``service`` names it in messages)."""
        text = self.get_text(service, url, params, max_age=max_age, what=what)
        try:
            return json.loads(text)
        except ValueError as exc:
            self.forget(url, params)
            raise RemoteError(service, f"the answer is not valid JSON ({exc.args[0] if exc.args else exc})") from None

    def get_text(self, service: str, url: str, params: Mapping[str, str] | None = None, *,
                 max_age: float = 30 * DAY, what: str = "") -> str:
        """The body of ``GET url?params`` as text (cached for ``max_age`` seconds; 0 reads no cache)."""
        params = dict(params or {})
        entry = self._entry(url, params)
        if entry is not None and max_age > 0:
            cached = _read_entry(entry, max_age)
            if cached is not None:
                return cached
        text = self._fetch(service, url, params, what)
        if entry is not None:
            _write_entry(entry, text)
        return text

    def forget(self, url: str, params: Mapping[str, str] | None = None) -> None:
        """Drop the cache entry of a request (its body turned out unusable)."""
        entry = self._entry(url, dict(params or {}))
        if entry is not None:
            try:
                entry.unlink()
            except OSError:
                pass

    # internals

    def _entry(self, url: str, params: dict[str, str]) -> Path | None:
        if self.cache is None:
            return None
        public = sorted((k, v) for k, v in params.items() if k not in ("mailto", "email", "tool"))
        digest = hashlib.sha256(json.dumps([url, public]).encode(), usedforsecurity=False).hexdigest()[:32]
        return self.cache / f"{digest}.json"

    def _client(self):
        import httpx

        if self._http is None:
            self._http = httpx.Client(timeout=httpx.Timeout(self.timeout), follow_redirects=True,
                                      headers={"User-Agent": user_agent(), "Accept": "application/json, */*;q=0.5"})
        return self._http

    def _fetch(self, service: str, url: str, params: dict[str, str], what: str) -> str:
        import httpx

        attempt = 0
        while True:
            self.requests += 1
            try:
                response = self._client().get(url, params=params)
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
                wait = self.backoff * 2 ** attempt
            except (httpx.ConnectError, httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                raise RemoteError(service, f"cannot connect ({_reason(exc)}); are you offline?") from None
            except httpx.TransportError as exc:
                problem = f"the connection failed ({_reason(exc)})"
                wait = self.backoff * 2 ** attempt
            else:
                status = response.status_code
                if status == 200:
                    return response.text
                if status in (404, 410):
                    raise RemoteNotFoundError(service, what or url)
                if status != 429 and status < 500:
                    raise RemoteError(service, f"HTTP {status} for {what or url}")
                problem = f"HTTP {status}" + (" (too many requests)" if status == 429 else "")
                wait = self.backoff * 2 ** attempt
                asked = retry_after(response.headers.get("Retry-After"))
                if asked is not None:
                    if asked > self.max_wait:
                        raise RemoteError(service, f"{problem}; it asks to retry after {asked:.0f} s")
                    wait = asked
            if attempt >= self.retries:
                tries = attempt + 1
                raise RemoteError(service, f"{problem} (after {count(tries, 'attempt')})")
            (self.sleep or _sleep)(min(wait, self.max_wait))
            attempt += 1


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (RFC 9110 §10.2.3: seconds or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _default_cache() -> Path | None:
    from ..cachedir import cache_dir

    folder = cache_dir()
    return None if folder is None else Path(folder) / "http"


def _read_entry(entry: Path, max_age: float) -> str | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if time.time() - float(data["at"]) > max_age or not isinstance(data["body"], str):
            return None
        return data["body"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_entry(entry: Path, body: str) -> None:
    """Keep a body; a cache that cannot be written is no error (it only saves time)."""
    from ..errors import StoreWriteError
    from ..store import write_atomic

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(entry, json.dumps({"at": time.time(), "body": body}), durable=False)
    except (OSError, StoreWriteError):
        pass
