"""A headless Chromium driven through the Chrome DevTools Protocol, standard library only.

The browser is Debian's ``chromium`` (``apt-get install chromium``), or the one that
``TRANSPARENCY_CORE_CHROMIUM`` names; nothing is downloaded. It speaks the protocol over
a pair of pipes (``--remote-debugging-pipe``: commands on its file descriptor 3, answers
on 4, each message JSON ended by a NUL byte), so no websocket client is needed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["Browser", "Page", "find_chromium"]

HOW_TO_GET_ONE = (
    "no Chromium found: install Debian's package (apt-get install chromium) or set "
    "TRANSPARENCY_CORE_CHROMIUM to a Chromium or Chrome binary"
)
_TIMEOUT = 60


def find_chromium() -> str | None:
    """The browser to drive: ``$TRANSPARENCY_CORE_CHROMIUM``, else chromium on the PATH."""
    named = os.environ.get("TRANSPARENCY_CORE_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Run in the child: put the two pipes at 3 and 4 (by way of numbers above both, so
# that neither is overwritten before it is moved), then become the browser.
_EXEC = (
    "import fcntl, os, sys\n"
    "high = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]\n"
    "os.dup2(high[0], 3)\n"
    "os.dup2(high[1], 4)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class Browser:
    """A headless browser process; ``with Browser(path) as browser:`` closes it."""

    def __init__(self, executable: str) -> None:
        """Start ``executable`` headless, with a throwaway profile."""
        self._profile = tempfile.TemporaryDirectory(prefix="tc-chromium-")
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _EXEC,
                str(commands_read),
                str(answers_write),
                executable,
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--font-render-hinting=none",
                f"--user-data-dir={self._profile.name}",
                "about:blank",
            ],
            pass_fds=(commands_read, answers_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next = 0
        self._buffer = b""

    def __enter__(self) -> Self:
        """The browser itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the browser and remove its profile."""
        try:
            self.send("Browser.close")
        except (OSError, RuntimeError):
            self._process.kill()
        self._process.wait(_TIMEOUT)
        os.close(self._commands)
        os.close(self._answers)
        self._profile.cleanup()

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                msg = "the browser closed its pipe"
                raise RuntimeError(msg)
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        answer: dict[str, Any] = json.loads(message)
        return answer

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events meanwhile are dropped)."""
        self._next += 1
        command: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            command["sessionId"] = session
        os.write(self._commands, json.dumps(command).encode() + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self._next:
                if "error" in message:
                    msg = f"{method}: {message['error']}"
                    raise RuntimeError(msg)
                result: dict[str, Any] = message.get("result", {})
                return result

    def wait_for(self, event: str, session: str) -> None:
        """Read messages until ``event`` arrives in ``session``."""
        while True:
            message = self._message()
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def page(self, html: str, width: int, height: int = 800) -> Page:
        """A new tab of ``width`` by ``height`` CSS pixels showing ``html``, loaded."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session, Path(self._profile.name) / f"{target}.html")
        page.resize(width, height)
        self.send("Page.enable", session)
        page.path.write_text(html, encoding="utf-8")
        self.send("Page.navigate", session, url=page.path.as_uri())
        self.wait_for("Page.loadEventFired", session)
        return page


class Page:
    """One tab: evaluate script, resize, take screenshots, print to PDF."""

    def __init__(self, browser: Browser, session: str, path: Path) -> None:
        """A tab of ``browser`` attached as ``session``, showing the file ``path``."""
        self.browser = browser
        self.session = session
        self.path = path

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page, as JSON gives it."""
        result = self.browser.send(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            msg = f"{expression}: {result['exceptionDetails']}"
            raise RuntimeError(msg)
        return result["result"].get("value")

    def resize(self, width: int, height: int) -> None:
        """Make the viewport ``width`` by ``height`` CSS pixels (a phone below 600)."""
        self.browser.send(
            "Emulation.setDeviceMetricsOverride",
            self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def media(self, media: str) -> None:
        """Emulate the CSS media type ``media`` ("print", "screen"), or "" for none."""
        self.browser.send("Emulation.setEmulatedMedia", self.session, media=media)

    def colour_scheme(self, scheme: str) -> None:
        """Emulate the user's preferred colour scheme, "light" or "dark"."""
        self.browser.send(
            "Emulation.setEmulatedMedia",
            self.session,
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )

    def screenshot(self) -> bytes:
        """A PNG of the whole page, as tall as its content."""
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        width = int(self.evaluate("window.innerWidth"))
        self.resize(width, height)
        data = self.browser.send("Page.captureScreenshot", self.session, format="png")["data"]
        return base64.b64decode(data)

    def pdf(self) -> bytes:
        """The page printed to PDF, on A4 paper, as the browser's "print to PDF" does."""
        data = self.browser.send(
            "Page.printToPDF", self.session, printBackground=True, preferCSSPageSize=True
        )["data"]
        return base64.b64decode(data)
