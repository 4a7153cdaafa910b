"""A polite, bounded HTTP GET: the only code in digest that talks to web servers.

Every request goes through :class:`Fetcher.get`, which enforces, in order:
http/https only; the host's robots.txt (read once per host per run); a refusal
of hosts that resolve to loopback, private, link-local or metadata addresses
(checked again after every redirect), and connections made only to the
addresses that were checked (each host name is resolved once per run, so a
DNS server that changes its answer cannot slip in a private one); at most N connections and one request
every 1/rate seconds per host, and a global concurrency limit; connect, read
and total timeouts; a cap on the body after decompression (so a gzip bomb is
cut off); at most 5 redirects without loops; retries with backoff on
connection errors and 5xx, ``Retry-After`` on 429 and 503, none on other 4xx.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

MAX_REDIRECTS = 5
#: A server asking to wait longer than this (Retry-After) gets a failure, not a wait.
MAX_RETRY_AFTER = 120.0
_RETRY_STATUS = {500, 502, 503, 504}


class FetchError(Exception):
    """One request failed for a reason worth one line in the summary."""


class Disallowed(FetchError):
    """robots.txt disallows the URL: a refusal by the site, not a failure to retry."""


@dataclass(frozen=True)
class Limits:
    """Politeness and safety limits of one run (from :class:`~digest.config.Settings`)."""

    user_agent: str
    connections_per_host: int = 2
    requests_per_second: float = 1.0  # per host; 0 means no pause between requests
    concurrency: int = 16
    timeout: float = 10.0  # connect and read
    total_timeout: float = 30.0  # one request, body included
    max_bytes: int = 2 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0
    allow_private_hosts: bool = False


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


@dataclass
class _Host:
    """What the fetcher keeps per host: its connection slots, its request clock, its robots.txt."""

    slots: asyncio.Semaphore
    next_start: float = 0.0
    clock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots: object | None = None  # a Protego parser; False: none; a str: why it is unreachable
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    #: Seconds between request starts: from the rate setting, or robots.txt's longer Crawl-delay.
    interval: float = 0.0


def is_public_address(address: str) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, metadata, reserved)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class CheckedAddresses:
    """Each host name resolved once per run, every address checked; connections go to these addresses only.

    Resolving once and connecting to the very addresses that were checked is
    what closes DNS rebinding: a name that answers a public address to the
    check and a private one to the connection gets the checked one.
    """

    def __init__(self, allow_private: bool, resolve: Callable[[str, int], list[str]] | None = None) -> None:
        self._allow_private = allow_private
        self._resolve = resolve
        self._known: dict[tuple[str, int], list[str] | str] = {}  # a str: why the host is refused

    async def lookup(self, hostname: str, port: int) -> list[str]:
        """The host's checked addresses; a :class:`FetchError` when it cannot be resolved or is private."""
        key = (hostname.lower().rstrip("."), port)
        if key not in self._known:
            result = await self._check(*key)
            self._known.setdefault(key, result)  # two first lookups at once: the first answer stays
        result = self._known[key]
        if isinstance(result, str):
            raise FetchError(result)
        return result

    async def _check(self, hostname: str, port: int) -> list[str] | str:
        if self._allow_private:
            return [hostname]  # intranet feeds: the system resolves at connect time, nothing is refused
        try:
            addresses = [str(ipaddress.ip_address(hostname.strip("[]")))]  # a literal address: no lookup
        except ValueError:
            try:
                if self._resolve is not None:
                    addresses = list(self._resolve(hostname, port))
                else:
                    infos = await asyncio.get_running_loop().getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
                    addresses = list(dict.fromkeys(info[4][0] for info in infos))
            except (OSError, UnicodeError) as exc:
                return f"cannot resolve {hostname} ({_short(exc)})"
        if not addresses:
            return f"cannot resolve {hostname} (no address)"
        for address in addresses:
            if not is_public_address(address):
                return (f"refused: {hostname} resolves to the private address {address} "
                        "(set allow_private_hosts for intranet feeds)")
        return addresses


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting to the checked addresses instead of resolving again.

    Only the TCP connection changes: httpcore still sends the original name
    for TLS (SNI and certificate check) and in the Host header.
    """

    def __init__(self, addresses: CheckedAddresses) -> None:
        self._addresses = addresses
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options=None) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await self._addresses.lookup(host, port):
            try:
                return await self._backend.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                       socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options=None) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched from")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class _OriginTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (request and error mapping) over a given connection pool."""

    def __init__(self, pool: httpcore.AsyncConnectionPool) -> None:  # noqa: D107
        # httpx.AsyncHTTPTransport.__init__ is not called: it would build a pool and an SSL
        # context of its own; the rest of the class uses only self._pool.
        self._pool = pool
        self.last_used = 0.0


class _PinnedTransport(httpx.AsyncBaseTransport):
    """One small connection pool per origin, each connecting to the checked addresses (:class:`_PinnedBackend`).

    Per origin rather than one big pool: httpcore scans every pooled connection
    (a poll() each) for every request, which with 40 idle connections cost more
    CPU than the request itself; a pool also caps its host's connections.
    """

    #: Above this many origins, pools unused for KEEPALIVE seconds are closed (their sockets freed).
    MAX_IDLE_ORIGINS = 32
    KEEPALIVE = 5.0

    def __init__(self, addresses: CheckedAddresses, connections_per_host: int) -> None:
        self._backend = _PinnedBackend(addresses)
        self._ssl = httpx.create_ssl_context(trust_env=False)  # one for all origins: loading the CAs costs
        self._per_host = connections_per_host
        self._origins: dict[tuple[str, str, int | None], _OriginTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.scheme, request.url.host, request.url.port)
        transport = self._origins.get(key)
        if transport is None:
            await self._close_idle()
            transport = self._origins[key] = _OriginTransport(httpcore.AsyncConnectionPool(
                ssl_context=self._ssl, max_connections=self._per_host, max_keepalive_connections=self._per_host,
                keepalive_expiry=self.KEEPALIVE, network_backend=self._backend))
        transport.last_used = time.monotonic()
        return await transport.handle_async_request(request)

    async def _close_idle(self) -> None:
        if len(self._origins) < self.MAX_IDLE_ORIGINS:
            return
        now = time.monotonic()
        for key, transport in list(self._origins.items()):
            connections = transport._pool.connections
            if now - transport.last_used > self.KEEPALIVE and all(c.is_idle() for c in connections):
                del self._origins[key]
                await transport.aclose()

    async def aclose(self) -> None:
        for transport in self._origins.values():
            await transport.aclose()
        self._origins.clear()


class Fetcher:
    """Downloads with the limits above; one per run, used from one event loop."""

    def __init__(self, limits: Limits, *, resolve: Callable[[str, int], list[str]] | None = None,
                 sleep: Callable[[float], object] = asyncio.sleep) -> None:
        self.limits = limits
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(limits.concurrency)
        self.addresses = CheckedAddresses(limits.allow_private_hosts, resolve)
        self._sleep = sleep
        self.requests = 0  # every request sent, robots.txt included
        timeout = httpx.Timeout(limits.timeout, pool=None)
        self._client = httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, trust_env=False,
            transport=_PinnedTransport(self.addresses, limits.connections_per_host),
            headers={"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, headers: Mapping[str, str] | None = None, check_robots: bool = True) -> Response:
        """GET ``url``, following redirects; a :class:`FetchError` says why it failed.

        A 304 is returned as a response; every other status of 400 or more is an error.
        """
        seen = {url}
        for _ in range(MAX_REDIRECTS + 1):
            parts = _check_url(url)
            await self._check_address(parts)  # before robots.txt, so a refusal says why
            if check_robots and not await self._robots_allow(url, parts):
                raise Disallowed(f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")
            response = await self._get_with_retries(url, parts, headers or {})
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                target = urljoin(url, location.strip())
                if target in seen:
                    raise FetchError(f"redirect loop at {target}")
                seen.add(target)
                url = target
                continue
            if response.status == 304:
                return response
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} {_reason(response.status)}".rstrip())
            return response
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    async def _robots_allow(self, url: str, parts) -> bool:
        host = self._host(parts)
        async with host.robots_lock:  # fetched once per host per run, by the first request
            if host.robots is None:
                host.robots = await self._load_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
                delay = getattr(host.robots, "crawl_delay", lambda _: None)(self.limits.user_agent)
                if delay:
                    host.interval = max(host.interval, min(float(delay), 60.0))
        if host.robots is False:
            return True
        if isinstance(host.robots, str):
            raise FetchError(host.robots)
        return host.robots.can_fetch(url, self.limits.user_agent)  # type: ignore[attr-defined]

    async def _load_robots(self, robots_url: str) -> object:
        from protego import Protego

        try:
            response = await self.get(robots_url, check_robots=False)
        except FetchError as exc:
            # RFC 9309: no robots.txt (4xx) allows everything; an unreachable one (5xx,
            # no connection) allows nothing.
            return False if str(exc).startswith("HTTP 4") else f"robots.txt unreachable: {exc}"
        if response.status != 200:
            return False
        try:
            return Protego.parse(response.body.decode("utf-8", "replace"))
        except Exception:  # a robots.txt that protego cannot read restricts nothing
            return False

    def _host(self, parts) -> _Host:
        key = (parts.hostname or "").lower()
        if key not in self._hosts:
            rate = self.limits.requests_per_second
            self._hosts[key] = _Host(asyncio.Semaphore(self.limits.connections_per_host),
                                     interval=1.0 / rate if rate > 0 else 0.0)
        return self._hosts[key]

    async def _get_with_retries(self, url: str, parts, headers: Mapping[str, str]) -> Response:
        attempt = 0
        while True:
            try:
                response = await self._get_once(url, parts, headers)
            except FetchError as exc:
                if not getattr(exc, "retry", False) or attempt >= self.limits.retries:
                    raise
                await self._sleep(self.limits.backoff * 2 ** attempt)
                attempt += 1
                continue
            if response.status in (429, 503) and "retry-after" in response.headers:
                wait = _retry_after(response.headers["retry-after"])
                if wait is None or wait > MAX_RETRY_AFTER or attempt >= self.limits.retries:
                    after = f"; retry after {wait:g} s" if wait is not None else ""
                    raise FetchError(f"HTTP {response.status} {_reason(response.status)}{after}")
                await self._sleep(wait)
                attempt += 1
                continue
            if response.status in _RETRY_STATUS and attempt < self.limits.retries:
                await self._sleep(self.limits.backoff * 2 ** attempt)
                attempt += 1
                continue
            return response

    async def _get_once(self, url: str, parts, headers: Mapping[str, str]) -> Response:
        host = self._host(parts)  # the address was checked by get(), for this URL
        async with host.slots:
            await self._take_turn(host)
            try:
                self.requests += 1
                try:
                    async with asyncio.timeout(self.limits.total_timeout):
                        return await self._download(url, headers)
                except TimeoutError:
                    raise _retryable(f"gave up after {self.limits.total_timeout:g} s") from None
                except httpx.TimeoutException:
                    raise _retryable("timed out") from None
                except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                    raise _retryable("connection dropped") from None
                except httpx.ConnectError as exc:
                    raise _retryable(f"cannot connect ({_short(exc)})") from None
                except httpx.HTTPError as exc:
                    raise FetchError(f"HTTP error ({_short(exc)})") from None
            finally:
                self._global.release()

    async def _take_turn(self, host: _Host) -> None:
        """Wait for this host's next start and a global slot; return holding the slot.

        Requests to one host start at least ``host.interval`` seconds apart, counted from
        when each really starts (with a 2 % margin), so that waiting for a global slot
        after the host's turn can never release a burst of one host's requests.
        """
        while True:
            wait = host.next_start - time.monotonic()
            if wait > 0:
                await self._sleep(wait)
            await self._global.acquire()
            async with host.clock:
                now = time.monotonic()
                if now >= host.next_start:
                    host.next_start = now + host.interval * 1.02 if host.interval > 0 else 0.0
                    return
            self._global.release()  # another request of this host took the turn: wait again

    async def _check_address(self, parts) -> None:
        """Refuse a private host before anything is sent (the connection itself is pinned as well)."""
        await self.addresses.lookup(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))

    async def _download(self, url: str, headers: Mapping[str, str]) -> Response:
        async with self._client.stream("GET", url, headers=dict(headers)) as response:
            decoder = _Decoder(response.headers.get("content-encoding", ""), self.limits.max_bytes)
            if response.status_code >= 300:
                body = b""  # error pages and redirects are not read
            else:
                async for chunk in response.aiter_raw():
                    decoder.feed(chunk)
                body = decoder.finish()
            return Response(str(response.url), response.status_code,
                            {k.lower(): v for k, v in response.headers.items()}, body)


class _Decoder:
    """gzip/deflate decoding with a cap on the decoded size, so a small bomb cannot fill memory."""

    def __init__(self, encoding: str, limit: int) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(47)  # 32 + 15: gzip or zlib header, detected
        else:
            raise FetchError(f"unsupported content-encoding {encoding!r}")
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        if self._zlib is None:
            self._add(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._zlib.decompress(data, self._limit - self._size + 1)
            except zlib.error:
                raise FetchError("corrupt compressed body") from None
            self._add(out)
            data = self._zlib.unconsumed_tail

    def finish(self) -> bytes:
        if self._zlib is not None:
            self._add(self._zlib.flush())
        return b"".join(self._parts)

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise FetchError(f"body larger than {self._limit // 1024} KB (cut off)")
        self._parts.append(data)


def _check_url(url: str):
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(f"not a valid URL: {url!r}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchError(f"no host in {url!r}")
    return parts


def _retryable(message: str) -> FetchError:
    error = FetchError(message)
    error.retry = True  # type: ignore[attr-defined]
    return error


def _retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
