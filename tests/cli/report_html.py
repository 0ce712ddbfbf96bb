#!/usr/bin/env python3
"""`crm report --format html` as a browser shows it. Headless Chromium, with
the network blocked, loads the page: no console message and no request
beyond the file itself (a self-test first proves both are caught, on a page
with an <img> by URL and a console.error); the DOM is the report, its
sections in order, with no element a name could have smuggled in; a phone-
width screenshot is drawn and is not blank; and every number marked data-n
equals the number at the same path in `crm report --format json`, and the
text report's headline figures (owed, each age bucket, collected, sold, each
owner's revisits due and on time) equal the page's."""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

DATE, SINCE = "2026-12-01", "2026-09-02"
SECTIONS = ["money", "revisits", "pipeline", "satisfaction"]
HEADINGS = ["Money", "Revisits", "Pipeline", "Satisfaction"]
VIEWPORT = "width=device-width, initial-scale=1"
# Every element the report is made of: one more means a name or a product
# got through unescaped ("<b>" in a name would add a b).
TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1",
        "h2", "h3", "h4", "p", "span", "div", "table", "thead", "tbody", "tr", "th", "td", "svg",
        "text", "tspan", "rect"}
# Attributes that fetch something, and CSS that does.
FETCHING = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background",
            "xlink:href"}
CSS_FETCH = re.compile(r"url\s*\(|@import", re.I)
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Chromium logs every console message of a page (errors, uncaught
# exceptions, blocked loads) at INFO with --enable-logging: any is a fault.
CONSOLE = re.compile(r":CONSOLE[(:]")
# Numbers the JSON report holds and the page must show: lists by the field
# that keys their rows (None: by position), then the numeric fields shown.
SCALARS = ["customers", "money.owed", "money.collected", "money.sales", "money.sale_count"]
ON_TIME = ["due", "on_time", "late", "missed", "share"]
LISTS = {
    "money.ageing": (None, ["from", "to", "amount", "purchases"]),
    "money.owed_by_customer": ("id", ["amount", "days"]),
    "money.owed_by_seller": ("seller", ["amount", "purchases"]),
    "money.collected_by": ("by", ["amount", "payments"]),
    "money.sales_by_product": ("product", ["amount", "qty", "purchases"]),
    "money.sales_by_seller": ("seller", ["amount", "purchases"]),
    "money.sales_by_month": ("month", ["amount"]),
    "revisits.by_owner": ("owner", ON_TIME),
    "revisits.by_class": ("class", ON_TIME),
    "revisits.overdue": ("id", ["days"]),
    "revisits.too_sticky": ("id", ["contacts", "asked"]),
    "pipeline.classes": ("class", ["customers"]),
    "satisfaction.by_owner": ("owner", ["average", "scores"]),
    "satisfaction.handovers": (None, ["before", "scores_before", "after", "scores_after"]),
}
NAMED = ["money.owed_by_customer", "revisits.overdue", "revisits.too_sticky"]
# What visible() rewrites, so a name holding one is not looked for verbatim.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


class Dom(HTMLParser):
    """The parts of a page the checks read: tags, fetching attributes, style
    text, section ids and h2 headings in order, and each data-n element's
    path and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.fetching, self.styles = set(), [], []
        self.sections, self.headings, self.numbers = [], [], []
        self.meta, self.text = {}, []
        self.open = []  # [tag, data-n or None, text so far] of each open element

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.fetching += [f"<{tag} {k}={v!r}>" for k, v in attrs if k in FETCHING]
        if "style" in a:
            self.styles.append(a["style"] or "")
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content")
        if tag in ("section", "header"):
            self.sections.append(a.get("id", tag))
        if tag != "meta":
            self.open.append([tag, a.get("data-n"), ""])

    def handle_endtag(self, tag):
        if tag not in (name for name, _, _ in self.open):
            return  # a stray end tag (</meta>, </br>) closes nothing
        while self.open:
            name, path, text = self.open.pop()
            if path is not None:
                self.numbers.append((path, text))
            if name == "h2":
                self.headings.append(text.strip())
            if self.open:
                self.open[-1][2] += text
            if name == "style":
                self.styles.append(text)
            if name == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.open:
            self.open[-1][2] += data


def parse(text):
    dom = Dom()
    dom.feed(text)
    dom.close()
    return dom


def chromium_args(exe, profile, netlog):
    return [exe, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
            # nothing leaves the machine: no name resolves, every proxy
            # connection is refused
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}",
            "--no-first-run", "--disable-extensions", "--window-size=412,2400"]


def page_requests(netlog):
    """URLs the page asked the network for, from Chromium's net log. The
    browser's own requests (updates, sign-in) have no initiator; the page's
    have its origin (null for a file) and a file:// isolation key."""
    text = Path(netlog).read_text(encoding="utf-8")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # cut off when Chromium exits mid-write
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for e in log["events"]:
        p = e.get("params", {})
        if types.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in p:
            continue
        if p.get("initiator") != "not an origin" or "file://" in p.get("network_isolation_key", ""):
            urls.append(p["url"])
    return urls


def load(exe, page, work, action):
    """Chromium on `page` with `action` (--dump-dom, --screenshot=...):
    (exit code, stdout, the lines of its log about the page, the page's
    requests). A clean page is never named in the log."""
    work.mkdir(parents=True, exist_ok=True)
    netlog = work / "netlog.json"
    r = subprocess.run(chromium_args(exe, work / "profile", netlog) + [action, page.as_uri()],
                       capture_output=True, timeout=120)
    log = r.stderr.decode("utf-8", "replace").splitlines()
    console = [line for line in log
               if CONSOLE.search(line) or page.as_uri() in line or str(page) in line]
    requests = page_requests(netlog) if netlog.exists() else ["(no net log written)"]
    return r.returncode, r.stdout.decode("utf-8", "replace"), console, requests


def self_test(exe, tmp, check):
    """The detection itself: a page that fetches and logs is caught, a plain
    one is not."""
    bad = tmp / "bad.html"
    bad.write_text('<!DOCTYPE html><title>bad</title><img src="http://x/y.png">'
                   '<script>console.error("crm-self-test")</script>', encoding="utf-8")
    _, _, console, requests = load(exe, bad, tmp / "bad", "--dump-dom")
    check(f"self-test: the <img> by URL was not seen: {requests!r}", "http://x/y.png" in requests)
    check(f"self-test: console.error was not seen: {console!r}",
          any("crm-self-test" in line for line in console))
    good = tmp / "good.html"
    good.write_text("<!DOCTYPE html><title>good</title><p>ok</p>", encoding="utf-8")
    _, _, console, requests = load(exe, good, tmp / "good", "--dump-dom")
    check(f"self-test: a plain page was flagged: {console!r} {requests!r}",
          not console and not requests)


def png_pixels(data):
    """(width, height, rows of pixel bytes) of an 8-bit RGB or RGBA PNG."""
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG format"
    bpp, pos, idat = (3 if color == 2 else 4), 8, b""
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + size]
        pos += 12 + size
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + [0, a, b, (a + b) // 2,
                                  a if pa <= pb and pa <= pc else b if pb <= pc else c][f]) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def check_png(png, check):
    check(f"screenshot: {png} missing", png.exists())
    if not png.exists():
        return
    data = png.read_bytes()
    check("screenshot: not a PNG", data[:8] == b"\x89PNG\r\n\x1a\n")
    width, height, rows = png_pixels(data)
    check(f"screenshot: {width}x{height}, not 412x2400", (width, height) == (412, 2400))
    # Not a blank page: most rows of the phone screen carry text or lines.
    inked = sum(1 for row in rows if len(set(row)) > 1)
    check(f"screenshot: only {inked} of {height} rows are not one colour", inked > height // 4)


def rows_by(items, key):
    out = {}
    for i, row in enumerate(items):
        out.setdefault(str(i) if key is None else row[key], []).append(row)
    return out


def expected_numbers(report, check):
    """path -> what the page must show there: a Decimal, a set of accepted
    texts (averages), or None (the JSON has null: no number is shown)."""
    out = {}
    for path in SCALARS:
        node = report
        for part in path.split("."):
            node = node[part]
        out[path] = node
    for path, (key, fields) in LISTS.items():
        section, name = path.split(".")
        for k, rows in rows_by(report[section][name], key).items():
            check(f"json: {path}: key {k!r} is in {len(rows)} rows", len(rows) == 1)
            for field in fields:
                out[f"{path}.{k}.{field}"] = expected(field, rows[0])
    return out


def expected(field, row):
    v = row[field]
    if v is None:
        return None
    if field == "share":
        # a whole percent, half up, from the counts: exact
        return Decimal(2 * 100 * row["on_time"] + row["due"]) // Decimal(2 * row["due"])
    if field in ("average", "before", "after"):
        # one decimal of the JSON's two: at a tie (4.25) the true average
        # may lie on either side, so either neighbour is right
        tenth = Decimal("0.1")
        return {str(v.quantize(tenth, ROUND_HALF_UP)), str(v.quantize(tenth, ROUND_HALF_DOWN))}
    return Decimal(v)


def check_numbers(dom, report, check):
    want = expected_numbers(report, check)
    seen = set()
    for path, text in dom.numbers:
        seen.add(path)
        check(f"data-n {path!r}: {text!r} is not a plain number", NUMBER.fullmatch(text))
        if path not in want:
            check(f"data-n {path!r}: no such number in the JSON", False)
        elif want[path] is None:
            check(f"data-n {path!r}: shows {text!r}, the JSON has null", False)
        elif isinstance(want[path], set):
            check(f"data-n {path!r}: {text!r}, want one of {sorted(want[path])}",
                  text in want[path])
        elif NUMBER.fullmatch(text):
            check(f"data-n {path!r}: {text!r} != JSON {want[path]}", Decimal(text) == want[path])
    missing = sorted(p for p, v in want.items() if v is not None and p not in seen)
    check(f"numbers in the JSON the page does not show: {missing}", not missing)
    return len(dom.numbers)


def check_page(dom, source_dom, report, check):
    check(f"viewport meta: {source_dom.meta.get('viewport')!r}",
          source_dom.meta.get("viewport") == VIEWPORT)
    for d, what in ((source_dom, "html"), (dom, "dom")):
        check(f"{what}: elements beyond the report's: {sorted(d.tags - TAGS)}", d.tags <= TAGS)
        check(f"{what}: attributes that fetch: {d.fetching}", not d.fetching)
        check(f"{what}: CSS that fetches", not any(CSS_FETCH.search(s) for s in d.styles))
    check(f"dom: sections {dom.sections}", dom.sections == ["header"] + SECTIONS)
    check(f"dom: headings {dom.headings}", dom.headings == HEADINGS)
    text = "".join(dom.text)
    check(f"dom: the period {report['since']} – {report['until']}",
          report["since"] in text and report["until"] in text)
    names = {row["name"] for path in NAMED for row in rows_by_path(report, path)}
    lost = sorted(n for n in names if n and not CONTROL.search(n) and n not in text)
    check(f"dom: names not shown as written: {lost}", not lost)


def text_figures(text):
    """The headline figures of the text report, by the page's data-n path:
    what is owed and in each age bucket, collected, sold, and each owner's
    revisits due and done on time."""
    out = {}
    money = r"(-?\d+(?:\.\d\d)?)"
    if m := re.search(r"^Owed on \S+: " + money, text, re.M):
        out["money.owed"] = m[1]
    for i, label in enumerate(["0–30 days", "31–60 days", "61–90 days", "over 90 days"]):
        if m := re.search(rf"^  {label} +{money}", text, re.M):
            out[f"money.ageing.{i}.amount"] = m[1]
    if m := re.search(r"^Collected .*: " + money, text, re.M):
        out["money.collected"] = m[1]
    if m := re.search(r"^Sales .*: " + money, text, re.M):
        out["money.sales"] = m[1]
    owners = text.split("Done on time, by owner\n", 1)[-1].split("By class\n", 1)[0]
    for m in re.finditer(r"^    (\S+) +(\d+) of (\d+)", owners, re.M):
        out[f"revisits.by_owner.{m[1]}.on_time"] = m[2]
        out[f"revisits.by_owner.{m[1]}.due"] = m[3]
    return out


def check_text(dom, text, check):
    """The page's numbers equal the text report's, figure by figure."""
    figures = text_figures(text)
    check(f"text report: too few figures found ({sorted(figures)})", len(figures) >= 8)
    shown = dict(dom.numbers)
    for path, value in figures.items():
        check(f"text {path} = {value}, page {shown.get(path)!r}",
              path in shown and Decimal(shown[path]) == Decimal(value))


def rows_by_path(report, path):
    section, name = path.split(".")
    return report[section][name]


def run_crm(crm, folder, fmt):
    env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}
    return subprocess.run([crm, "-C", str(folder), "report", "--format", fmt, "--date", DATE,
                           "--since", SINCE], capture_output=True, env=env, timeout=120)


def check_browser(exe, page, source, report, text, tmp, check):
    """The page in Chromium: quiet, offline, the report, and drawn. The
    count of numbers checked."""
    rc, dom_text, console, requests = load(exe, page, tmp / "dom", "--dump-dom")
    check(f"chromium --dump-dom: exit {rc}", rc == 0)
    check(f"log lines about the page: {console}", not console)
    check(f"requests: {requests}", not requests)
    dom = parse(dom_text)
    check_page(dom, parse(source), report, check)
    count = check_numbers(dom, report, check)
    check_text(dom, text, check)
    png = tmp / "report.png"
    rc, _, console, requests = load(exe, page, tmp / "png", f"--screenshot={png}")
    check(f"chromium --screenshot: exit {rc}, log {console}, requests {requests}",
          rc == 0 and not console and not requests)
    check_png(png, check)
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    crm, root = os.path.abspath(args.crm), Path(args.root)
    exe = shutil.which("chromium")
    if not exe:
        print("FAIL chromium not found: run tools/install-deps (Debian 12 package chromium)")
        return 1
    failures = []

    def check(what, ok):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        fixture = root / "tests" / "fixtures" / "report"
        folder = tmp / "ledger"
        shutil.copytree(fixture if fixture.is_dir() else root / "examples", folder)
        self_test(exe, tmp, check)
        html, js = run_crm(crm, folder, "html"), run_crm(crm, folder, "json")
        text = run_crm(crm, folder, "text")
        for r, fmt in ((html, "html"), (js, "json"), (text, "text")):
            check(f"{fmt}: exit {r.returncode}, stderr {r.stderr[-2000:]!r}", r.returncode == 0)
        if failures:
            return report_failures(failures)
        try:
            report = json.loads(js.stdout, parse_float=Decimal, parse_int=Decimal)
        except ValueError as e:
            return report_failures([f"json: not JSON: {e}"])
        page = tmp / "report.html"
        page.write_bytes(html.stdout)
        source = html.stdout.decode("utf-8")
        count = check_browser(exe, page, source, report, text.stdout.decode("utf-8"), tmp,
                              check)
    return report_failures(failures, count)


def report_failures(failures, count=0):
    for f in failures:
        print(f"FAIL {f}")
    print(f"ok ({count} numbers checked)" if not failures else f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
