#!/usr/bin/env python3
"""`crm report --format json` gets the money right, to the cent: what is owed
and its age (payments settle the oldest purchases first), who owes it and on
whose sales, what was collected and sold in the period, by seller, product and
month. The sums are recomputed here from tests/fixtures/report with tomllib and
Decimal, without crm's code: purchases and payments after --date are ignored, a
customer in credit owes nothing, a purchase without `paid` is paid, one without
`by` counts for the customer's owner. The same again for one owner (matched in
`owner` or `contacts`, ASCII case ignored). The fixture must pass crm check."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

SINCE, UNTIL = date(2026, 9, 2), date(2026, 12, 1)
OWNER = "Carol"  # the filtered run; the files write "carol"
BUCKETS = [(0, 30), (31, 60), (61, 90), (91, None)]
MONEY_KEYS = {"owed", "collected", "sales", "amount"}


def fail(message):
    print(f"FAIL {message}")
    sys.exit(1)


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def as_date(v):
    return v if isinstance(v, date) else date.fromisoformat(v)


def load(folder):
    customers = []
    for path in sorted((folder / "customers").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
        owner = doc.get("owner", "")
        purchases = [{"date": as_date(p["date"]), "price": Decimal(p.get("price", 0)),
                      "paid": Decimal(p.get("paid", p.get("price", 0))),
                      "by": p.get("by") or owner, "product": p.get("product", ""),
                      "qty": Decimal(p.get("qty", 1))} for p in doc.get("purchase", [])]
        payments = [{"date": as_date(p["date"]), "amount": Decimal(p["amount"]),
                     "by": p.get("by") or owner} for p in doc.get("payment", [])]
        customers.append({"id": path.stem, "name": doc.get("name", path.stem), "owner": owner,
                          "contacts": doc.get("contacts", []), "purchases": purchases,
                          "payments": payments})
    return customers


def matches(c, who):
    return who is None or ascii_lower(who) in {ascii_lower(n) for n in [c["owner"], *c["contacts"]]}


def add(sums, key, amount, qty=None):
    s = sums.setdefault(key, {"amount": Decimal(0), "count": 0, "qty": Decimal(0)})
    s["amount"] += amount
    s["count"] += 1
    if qty is not None:
        s["qty"] += qty


def ranked(sums, name, count, with_qty=False):
    """Largest amount first, ties by name."""
    rows = []
    for key, s in sorted(sums.items(), key=lambda kv: (-kv[1]["amount"], kv[0])):
        rows.append({name: key, "amount": s["amount"], count: s["count"]})
        if with_qty:
            rows[-1]["qty"] = s["qty"]
    return rows


def months(since, until):
    y, m = since.year, since.month
    while (y, m) <= (until.year, until.month):
        yield f"{y:04d}-{m:02d}"
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def expected(customers, who):
    picked = [c for c in customers if matches(c, who)]
    owed, collected, sales, sale_count = Decimal(0), Decimal(0), Decimal(0), 0
    ageing = [{"from": a, "to": b, "amount": Decimal(0), "purchases": 0} for a, b in BUCKETS]
    by_customer, owed_sellers, collected_by, products, sellers = [], {}, {}, {}, {}
    by_month = {m: {"amount": Decimal(0), "count": 0} for m in months(SINCE, UNTIL)}
    for c in picked:
        purchases = [p for p in c["purchases"] if p["date"] <= UNTIL]
        payments = [p for p in c["payments"] if p["date"] <= UNTIL]
        paid_in = sum((p["amount"] for p in payments), Decimal(0))
        balance = sum((p["price"] - p["paid"] for p in purchases), Decimal(0)) - paid_in
        owed += max(balance, Decimal(0))
        pool, oldest = paid_in, None
        for p in sorted(purchases, key=lambda p: p["date"]):  # stable: ties in file order
            applied = min(pool, p["price"] - p["paid"])
            pool -= applied
            rest = p["price"] - p["paid"] - applied
            if rest <= 0:
                continue
            days = (UNTIL - p["date"]).days
            bucket = ageing[next(i for i, (a, b) in enumerate(BUCKETS) if b is None or days <= b)]
            bucket["amount"] += rest
            bucket["purchases"] += 1
            add(owed_sellers, p["by"], rest)
            oldest = oldest or p["date"]
        if balance > 0:
            by_customer.append({"id": c["id"], "name": c["name"], "owner": c["owner"],
                                "amount": balance, "oldest": oldest.isoformat(),
                                "days": (UNTIL - oldest).days})
        for p in payments:
            if p["date"] >= SINCE:
                collected += p["amount"]
                add(collected_by, p["by"], p["amount"])
        for p in purchases:
            if p["date"] < SINCE:
                continue
            sales += p["price"]
            sale_count += 1
            add(products, p["product"], p["price"], p["qty"])
            add(sellers, p["by"], p["price"])
            month = by_month[p["date"].strftime("%Y-%m")]
            month["amount"] += p["price"]
            month["count"] += 1
            collected += p["paid"]
            if p["paid"] > 0:  # a sale on credit collects nothing: no entry
                add(collected_by, p["by"], p["paid"])
    by_customer.sort(key=lambda r: (-r["amount"], r["id"]))
    return {"since": SINCE.isoformat(), "until": UNTIL.isoformat(), "customers": len(picked),
            "money": {
                "owed": owed, "ageing": ageing, "owed_by_customer": by_customer,
                "owed_by_seller": ranked(owed_sellers, "seller", "purchases"),
                "collected": collected,
                "collected_by": ranked(collected_by, "by", "payments"),
                "sales": sales, "sale_count": sale_count,
                "sales_by_product": ranked(products, "product", "purchases", with_qty=True),
                "sales_by_seller": ranked(sellers, "seller", "purchases"),
                "sales_by_month": [{"month": m, "amount": s["amount"], "purchases": s["count"]}
                                   for m, s in by_month.items()]}}


def compare(where, want, got, key=""):
    """Fails at the first difference; `got` may hold more keys than `want`."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            fail(f"{where}: expected an object, got {got!r}")
        for k, v in want.items():
            if k not in got:
                fail(f"{where}: no key {k!r} in {got!r}")
            compare(f"{where}.{k}", v, got[k], k)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            fail(f"{where}: expected {len(want)} rows {show(want)}, got {got!r}")
        for i, (w, g) in enumerate(zip(want, got)):
            compare(f"{where}[{i}]", w, g)
    elif isinstance(want, Decimal):
        if isinstance(got, bool) or not isinstance(got, (int, Decimal)):
            fail(f"{where}: expected the number {want}, got {got!r}")
        if key in MONEY_KEYS and isinstance(got, Decimal) and (
                got == got.to_integral_value() or got.as_tuple().exponent < -2):
            fail(f"{where}: money {got} must be an integer when whole, else 2 decimals at most")
        if Decimal(got) != want:
            fail(f"{where}: expected {want}, got {got}")
    elif want != got or type(want) is not type(got):
        fail(f"{where}: expected {want!r}, got {got!r}")


def show(value):
    return json.dumps(value, ensure_ascii=False, default=str)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--print", action="store_true", help="print the expected sums and stop")
    args = parser.parse_args()
    crm, root = os.path.abspath(args.crm), Path(args.root)
    customers = load(root / "tests" / "fixtures" / "report")
    if args.print:
        for who in (None, OWNER):
            print(f"--owner {who}:" if who else "all:", show(expected(customers, who)))
        return 0
    env = {k: v for k, v in os.environ.items() if k != "CRM_DIR"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ledger"
        shutil.copytree(root / "tests" / "fixtures" / "report", folder)

        def run(*words):
            return subprocess.run([crm, "-C", str(folder), *words], capture_output=True,
                                  env=env)

        r = run("check", "--strict")
        if r.returncode != 0:
            fail(f"crm check --strict: exit {r.returncode}\n{r.stdout.decode()}{r.stderr.decode()}")
        for who in (None, OWNER):
            words = ["report", "--format", "json", "--date", UNTIL.isoformat(),
                     "--since", SINCE.isoformat(), *(["--owner", who] if who else [])]
            r = run(*words)
            label = "crm " + " ".join(words)
            if r.returncode != 0:
                fail(f"{label}: exit {r.returncode}, stderr {r.stderr.decode()!r}")
            try:
                got = json.loads(r.stdout.decode("utf-8"), parse_float=Decimal)
            except ValueError as e:
                fail(f"{label}: not JSON ({e}): {r.stdout[:200]!r}")
            compare(label, expected(customers, who), got)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
