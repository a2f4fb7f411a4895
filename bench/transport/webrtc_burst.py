#!/usr/bin/env python3
"""Drives two headless Chromiums (one ChromeDriver each, over the W3C WebDriver protocol, JDK-free and
library-free) through the chat page: both join a room, the first opens the direct path, then runs the
numbered burst over the reliable and the unreliable data channel. Prints the page's results as JSON lines.

  webrtc_burst.py PAGE_URL DRIVER_A_URL DRIVER_B_URL [messages]
"""
import json
import sys
import time
import urllib.request

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--allow-loopback-in-peer-connection", "--use-fake-ui-for-media-stream",
        "--disable-features=WebRtcHideLocalIpsWithMdns", "--window-size=1400,900"]


def call(url, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)["value"]


class Browser:
    def __init__(self, driver, profile):
        self.driver = driver
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium",
                                                                       "args": ARGS + ["--user-data-dir=" + profile]}}}}
        self.session = driver + "/session/" + call(driver + "/session", "POST", caps)["sessionId"]

    def open(self, url):
        call(self.session + "/url", "POST", {"url": url})

    def js(self, script, *args):
        return call(self.session + "/execute/sync", "POST", {"script": script, "args": list(args)})

    def wait(self, script, timeout=30, *args):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(script, *args)
            if value:
                return value
            time.sleep(0.1)
        raise SystemExit("timed out waiting for: " + script)

    def join(self, room, nick):
        self.wait("return document.getElementById('join-button') && !document.getElementById('join-button').disabled")
        self.js("document.getElementById('room').value = arguments[0]; document.getElementById('nick').value = arguments[1];"
                "document.getElementById('join-button').click()", room, nick)
        self.wait("return document.getElementById('status').textContent.startsWith('Connected as')")

    def quit(self):
        call(self.session, "DELETE")


def main():
    page, driver_a, driver_b = sys.argv[1:4]
    messages = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    room = "lossy-" + str(int(time.time()))
    a = Browser(driver_a, "/tmp/sl-lossy-profile-a")
    b = Browser(driver_b, "/tmp/sl-lossy-profile-b")
    try:
        a.open(page)
        b.open(page)
        a.join(room, "ana")
        b.join(room, "bo")
        a.wait("const b = document.querySelector(\".direct-button[data-nick='bo']\"); if (b && !b.disabled) { b.click(); return true; }")
        a.wait("return document.getElementById('direct-status').dataset.state !== 'connecting'")
        print(json.dumps({"path": a.js("return document.getElementById('direct-status').textContent")}))
        a.js("document.getElementById('burst-count').value = arguments[0]", str(messages))
        for kind in ("reliable", "unreliable"):
            before = a.js("return document.querySelectorAll('#burst-results li').length")
            a.js("document.getElementById('burst-' + arguments[0]).click()", kind)
            a.wait("return document.querySelectorAll('#burst-results li').length > arguments[0]", 60 + messages // 20, before)
            print(a.js("return document.querySelector('#burst-results li').dataset.result"))
    finally:
        a.quit()
        b.quit()


if __name__ == "__main__":
    main()
