"""Is a service reachable at all? Connection failures in plain words, and "down for the run".

A connection that cannot be made (DNS lookup failed, connection refused, network or host
unreachable, certificate refused) is different from a request that failed: retrying the
next video will fail the same way. After ``threshold`` such failures in a row, with no
answer in between, the service is declared down for the run: every later request fails
at once with :class:`ServiceDown` instead of waiting and retrying, and the pipeline
leaves the remaining videos ``pending`` for a later ``enrich``.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import aiohttp

from collector.errors import ServiceError

DOWN_AFTER = 3  # consecutive connection failures that declare a service down


class ServiceDown(ServiceError):
    """A service could not be reached several times in a row: given up for this run."""

    transient = True  # the videos wait for a later `enrich`


def _dns_words(err: OSError) -> str:
    code = err.errno if isinstance(err, socket.gaierror) else None
    if code == socket.EAI_AGAIN:
        return "no network (DNS lookup failed)"
    if code == socket.EAI_NONAME:
        return "no network or unknown host (DNS lookup failed)"
    return "DNS lookup failed"


def describe_os_error(err: BaseException, port: int | None = None) -> str:
    """Plain words for why a connection could not be made (no exception class names)."""
    if isinstance(err, socket.gaierror):
        return _dns_words(err)
    if isinstance(err, ssl.SSLCertVerificationError):
        return "its TLS certificate was not accepted"
    if isinstance(err, ConnectionRefusedError):
        where = f" on port {port}" if port else ""
        return f"connection refused (nothing listens{where})"
    if isinstance(err, TimeoutError):
        return "no answer (connection timed out)"
    if isinstance(err, OSError):
        if err.errno == errno.ENETUNREACH:
            return "no network (network unreachable)"
        if err.errno == errno.EHOSTUNREACH:
            return "host unreachable"
        if err.errno == errno.ECONNRESET:
            return "the connection was reset"
        if err.strerror:
            return err.strerror[0].lower() + err.strerror[1:]
    return "the connection failed"


def describe_connection_error(exc: BaseException) -> str:
    """Plain words for an aiohttp (or socket) connection failure."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return _dns_words(exc.os_error)
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return "its TLS certificate was not accepted"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return describe_os_error(exc.os_error, exc.port)
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the answer was cut off"
    if isinstance(exc, aiohttp.ClientResponseError):
        return "the answer was garbled"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    return describe_os_error(exc)


def host_of(base_url: str) -> str:
    return urlparse(base_url).hostname or base_url


@dataclass
class Reachability:
    """Counts a service's consecutive connection failures; says when it is down.

    :param on_down: called once, with the message, when the service is declared down.
    """

    host: str
    threshold: int = DOWN_AFTER
    failures: int = 0
    down: str | None = None
    on_down: Callable[[str], None] | None = None

    def check(self) -> None:
        """Raise :class:`ServiceDown` if the service was declared down."""
        if self.down is not None:
            raise ServiceDown(self.down)

    def answered(self) -> None:
        self.failures = 0

    def failed(self, exc: BaseException) -> str:
        """Record a failed request; returns its message. Raises once the service is down."""
        if not isinstance(exc, aiohttp.ClientConnectorError):
            # A connection was made: the host is reachable, this request failed.
            return f"{self.host}: {describe_connection_error(exc)}"
        message = f"cannot reach {self.host}: {describe_connection_error(exc)}"
        self.failures += 1
        if self.failures >= self.threshold and self.down is None:
            self.down = message
            if self.on_down is not None:
                self.on_down(message)
        if self.down is not None:
            raise ServiceDown(self.down)
        return message
