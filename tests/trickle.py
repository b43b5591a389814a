"""A loopback stand-in for a server that never finishes answering: one byte at a time, slowly.

Each byte arrives well inside any per-read timeout, so only a total deadline stops a
client. The server stops when the client goes away (or after `limit` seconds).
"""

from __future__ import annotations

import socket
import ssl
import threading
import time


class TrickleServer:
    """Accepts connections on 127.0.0.1, sends `head` at once, then `data` (repeated) one byte every `interval` s."""

    def __init__(
        self,
        data: bytes,
        *,
        head: bytes = b"",
        interval: float = 0.3,
        limit: float = 120.0,
        tls: ssl.SSLContext | None = None,
    ):
        self.data, self.head, self.interval, self.limit, self.tls = data, head, interval, limit, tls
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TrickleServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        started = time.monotonic()
        try:
            if self.tls is not None:
                conn.settimeout(10)
                conn = self.tls.wrap_socket(conn, server_side=True)
            conn.settimeout(1)
            try:
                conn.recv(65536)  # the request
            except OSError:
                pass
            conn.sendall(self.head)  # sent at once; then the rest, one byte at a time
            position = 0
            while not self._stop.is_set() and time.monotonic() - started < self.limit:
                conn.sendall(self.data[position % len(self.data) :][:1])
                position += 1
                time.sleep(self.interval)
        except OSError:
            pass  # the client hung up: what a deadline does
        finally:
            conn.close()
