"""Which addresses the URL reader may connect to: public ones only, unless allowed.

A server that fetches URLs for its clients must not become their way into the
network it runs in (server-side request forgery): loopback, private, link-local,
multicast and other non-public addresses are refused. The check runs where the
connection is made, on the addresses the name resolved to, so it holds for
every redirect hop and cannot be dodged by a name that resolves to 127.0.0.1.
An operator allows networks with ``allow`` (``NEWSGRAPH_FETCH_ALLOW_NETWORKS``).
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Iterable

import httpcore
import httpx

IPAddress: typing.TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork: typing.TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network


class RefusedAddress(Exception):
    """A connection to a non-public address that no allowed network covers."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} is {address}, a {kind} address")
        self.host = host
        self.address = address
        self.kind = kind


def networks(values: Iterable[str | IPNetwork]) -> tuple[IPNetwork, ...]:
    """Parse CIDR strings (``10.0.0.0/8``, ``::1/128``); ValueError names a bad one."""
    found = []
    for value in values:
        try:
            found.append(ipaddress.ip_network(value, strict=False))
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a network like 10.0.0.0/8 ({exc})") from None
    return tuple(found)


def refusal(address: IPAddress, allow: tuple[IPNetwork, ...] = ()) -> str | None:
    """Why ``address`` may not be fetched (the kind of address), or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address.version == net.version and address in net for net in allow):
        return None
    for kind, test in (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if test:
            return kind
    return None if address.is_global else "non-public"


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses :func:`refusal` passes."""

    def __init__(self, allow: tuple[IPNetwork, ...]) -> None:
        self.allow = allow

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))
        for address in addresses:  # one refused address refuses the name
            kind = refusal(address, self.allow)
            if kind is not None:
                raise RefusedAddress(host, str(address), kind)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} resolved to no address")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`GuardedBackend`; no proxies from the environment."""

    def __init__(self, allow: tuple[IPNetwork, ...] = ()) -> None:
        super().__init__(trust_env=False)
        # The pool httpx.HTTPTransport sends through, rebuilt with the guarded backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(allow),
        )
