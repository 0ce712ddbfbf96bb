#!/usr/bin/env python3
"""Deterministic generator of realistic crm ledgers, for the benchmark.

    python3 bench/generate.py N OUTDIR [--seed S] [--jobs J]

writes OUTDIR/crm.toml (the shape of examples/crm.toml) and OUTDIR/customers/<id>.toml for N
customers. Every customer is drawn from its own generator, seeded from (seed, index), so the
output depends only on N and the seed: the same command writes the same bytes on every run,
whatever --jobs is, and the first 1,000 customers of a 10,000-customer ledger are the 1,000
customers of a 1,000-customer ledger.

The customers look like the shop in examples/: Chinese, English and business names, regions
such as "Taipei/Da'an", Gregorian and lunar birthdays (a few in leap months, on Feb 29 or on the
30th), households and paydays, 2-5 purchases with partial payments and due dates, 0-2 payments,
and 10-40 contacts with notes of a realistic length, dated 2024 to 2026 (before 2026-11-23, the
date the benchmark asks for the agenda of). One contact in 5 records the customer's words (why,
said, themes) and one in 8 a satisfaction score, for crm reasons and crm report.
"""

import argparse
import datetime as dt
import multiprocessing
import os
import random
import sys

DEFAULT_SEED = 20261123
# The agenda date of the benchmark; every entry is dated before it.
TODAY = dt.date(2026, 11, 23)
FIRST_DAY = dt.date(2024, 1, 2)

# ------------------------------------------------------------------ crm.toml

SETTINGS = """\
# 米茶行 — a generated ledger for the benchmark (bench/generate.py), in the shape of examples/.
# One file per customer in customers/.

currency = "TWD"

[me]
name = "amy"

# How often we go back to each kind of customer.
# A pair is (ideal, maximum): due after the first, late after the second.
[classes]
now = ["7d", "10d"]   # deciding this month: every week, never more than 10 days
later = "30d"         # deciding in a few months
client = "60d"        # already buys from us
vip = "30d"           # big clients, every month

[agenda]
horizon = "7d"        # the week ahead
birthdays = "30d"     # a month's notice, time to order a gift box

# Call 3 days after a sale, again after a week, and once more after a month.
[followup]
after_purchase = ["3d", "7d", "30d"]

[calendar]
feb29 = "feb28"
lunar_leap = "regular"
lunar_day30 = "last-day"

[git]
autocommit = false

# ---------------------------------------------------------------- products
# lasts: how long ONE unit lasts ONE person (per_person), else how long one unit lasts.
# warn:  how long before the run-out we want to hear about it.

[products.rice-10kg]
name = "Rice, 10 kg (台梗九號)"
lasts = "60d"
per_person = true
warn = "5d"

[products.rice-5kg]
name = "Rice, 5 kg (台梗九號)"
lasts = "30d"
per_person = true
warn = "5d"

[products.oolong-150g]
name = "凍頂烏龍 Dongding oolong, 150 g tin"
lasts = "30d"
per_person = false
warn = "5d"

# Gift boxes are given away, not drunk at home: no lasts, no run-out.
[products.tea-gift-box]
name = "Tea gift box (two tins, red paper)"

[products.office-tea-case]
name = "Office tea, case (600 bags, oolong + jasmine)"
lasts = "30d"
warn = "7d"           # offices need a week to raise a purchase order
"""

# ------------------------------------------------------------------ vocabulary

# (character, pinyin) pairs; the id is the pinyin, as in examples/customers/.
SURNAMES = [
    ("陳", "chen"), ("林", "lin"), ("黃", "huang"), ("張", "zhang"), ("李", "li"),
    ("王", "wang"), ("吳", "wu"), ("劉", "liu"), ("蔡", "cai"), ("楊", "yang"),
    ("許", "xu"), ("鄭", "zheng"), ("謝", "xie"), ("郭", "guo"), ("洪", "hong"),
    ("邱", "qiu"), ("曾", "zeng"), ("廖", "liao"), ("賴", "lai"), ("周", "zhou"),
    ("徐", "xu"), ("蘇", "su"), ("葉", "ye"), ("莊", "zhuang"), ("呂", "lyu"),
    ("江", "jiang"), ("何", "he"), ("蕭", "xiao"), ("羅", "luo"), ("高", "gao"),
    ("潘", "pan"), ("簡", "jian"), ("朱", "zhu"), ("鍾", "zhong"), ("彭", "peng"),
]
GIVEN = [
    ("美", "mei"), ("玲", "ling"), ("志", "zhi"), ("明", "ming"), ("淑", "shu"),
    ("惠", "hui"), ("家", "jia"), ("豪", "hao"), ("怡", "yi"), ("君", "jun"),
    ("建", "jian"), ("國", "guo"), ("秀", "xiu"), ("英", "ying"), ("雅", "ya"),
    ("婷", "ting"), ("文", "wen"), ("龍", "long"), ("宏", "hong"), ("偉", "wei"),
    ("芬", "fen"), ("華", "hua"), ("強", "qiang"), ("珠", "zhu"), ("俊", "jun"),
    ("欣", "xin"), ("佩", "pei"), ("宇", "yu"), ("詩", "shi"), ("承", "cheng"),
]
TITLES_ZH = ["太太", "先生", "小姐", "老師", "阿姨", "伯伯", "老闆"]

FIRST_EN = ["Sarah", "Oliver", "David", "Emma", "James", "Olivia", "Michael", "Sophie",
            "Daniel", "Grace", "Thomas", "Hannah", "Matthew", "Chloe", "Andrew", "Laura",
            "Peter", "Rachel", "Jonathan", "Megan", "Lucas", "Anna", "Kevin", "Julia"]
LAST_EN = ["Miller", "Grant", "Smith", "Johnson", "Brown", "Taylor", "Anderson", "Walker",
           "Harris", "Clark", "Lewis", "Young", "King", "Wright", "Scott", "Green",
           "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter"]

BUSINESS = [
    ("{w} Trading Co., Ltd. ({zh}貿易)", "trading", "office"),
    ("{w} Dental Clinic ({zh}牙醫診所)", "dental", "office"),
    ("{w} Café", "cafe", "restaurant"),
    ("{w} Vegetarian Kitchen ({zh}素食)", "vegetarian", "restaurant"),
    ("{w} Bento ({zh}便當)", "bento", "restaurant"),
    ("{w} Design Studio", "design", "office"),
    ("{w} Accounting Firm ({zh}會計師事務所)", "accounting", "office"),
    ("{w} Kindergarten ({zh}幼兒園)", "kindergarten", "office"),
]
BUSINESS_WORDS = [("Lotus", "蓮花"), ("Sunrise", "日昇"), ("Morning Brew", "晨光"),
                  ("Acme", "艾克米"), ("Jade", "翠玉"), ("Harbour", "港灣"),
                  ("Mountain", "山嵐"), ("Golden", "金禾"), ("Bamboo", "竹林"),
                  ("Riverside", "河岸"), ("Evergreen", "長青"), ("Pine", "松園")]

REGIONS = ["Taipei/Da'an", "Taipei/Xinyi", "Taipei/Zhongshan", "Taipei/Neihu",
           "Taipei/Shilin", "Taipei/Wanhua", "Taipei/Songshan", "New Taipei/Banqiao",
           "New Taipei/Zhonghe", "New Taipei/Xindian", "New Taipei/Sanchong", "Taoyuan",
           "Hsinchu", "Taichung/West", "Kaohsiung/Lingya"]
# Weights: most customers live near the shop.
REGION_WEIGHTS = [14, 10, 10, 7, 6, 4, 6, 8, 5, 5, 4, 6, 3, 2, 1]

OWNERS = ["amy", "ben", "carol", "dan"]
OWNER_WEIGHTS = [50, 25, 15, 10]

CLASSES = ["now", "later", "client", "vip"]
CLASS_WEIGHTS = [10, 20, 60, 10]

TAGS = ["referral", "vip", "office", "restaurant", "gift", "elderly", "regular", "wedding",
        "line", "cash-only"]

PREFERS = [
    "Oolong tea; no calls Monday mornings (weekly meeting). LINE is fine after 7 pm.",
    "Email only, in English or Chinese. Deliveries Tue/Thu 9-11 am via the loading dock.",
    "English, by email; no LINE. Deliveries after 6 pm when someone is home to carry.",
    "Gift boxes for the family every New Year; pays cash. Call her mobile; she never reads LINE.",
    "Calls only, mornings; she is hard of hearing, speak slowly and in Taiwanese.",
    "LINE messages, short ones. Pays by bank transfer on payday.",
    "Prefers 5 kg bags (the stairs). Ring twice, the doorbell is broken.",
    "Wants the invoice with the company tax number (統一編號) every time.",
    "Jasmine over oolong. Do not call during lunch service (11:00-14:00).",
    "Only visits in person; thinks phone sales are rude. Brings his own cup to tastings.",
    "",
]

NOTES = [
    "Referred by a neighbour. Fourth floor, no lift: bring the bag up ourselves.",
    "「我們家一個月吃掉快二十公斤米，超市的米越來越難吃。」",
    "Why they buy: the rice is softer and the kids eat more. Why they would stop: price.",
    "What would make them leave: \"If a delivery is late twice, I'll go back to the market.\"",
    "Her mother lives with them and only drinks high-mountain oolong.",
    "Pays cash, always exact change. Likes to chat about her grandchildren first.",
    "Moved here from Kaohsiung last year; still comparing shops.",
]

LOG_KINDS = ["visit", "call", "message", "email"]
LOG_KIND_WEIGHTS = [30, 30, 30, 10]

# Notes of contacts, from a few words to a few lines, as a salesperson writes them.
LOG_NOTES = [
    "Delivered, all fine.",
    "Invoice sent.",
    "No answer; left a message.",
    "Rice arrived fine. Wife says it's softer than what they had.",
    "Asked how the rice cooks in their old rice cooker — 「煮起來很香，小孩多吃一碗」",
    "Talked about monthly delivery; wants to compare prices first.",
    "They ran out two weeks ago and bought at the supermarket in between. "
    "「超市的比較便宜，可是真的比較難吃。」",
    "Said: 「如果每個月送到家，價錢跟全聯差不多，我就訂。」",
    "Sent the monthly-delivery price sheet. 「我跟太太商量一下，下個月回你。」",
    "Pantry staff asked for more jasmine, less oolong. Noted for next order.",
    "Payment received, thanked her.",
    "Checked in; asked for a quote for a quarterly tea order.",
    "Brought samples of the new spring oolong. He liked the second one, not the first: \"too floral\".",
    "LINE: the 10 kg bag is too heavy to carry upstairs; wants 5 kg next time.",
    "Tasting at the shop with her sister. Bought nothing today, will decide after New Year.",
    "Complained the last bag had broken grains. Replaced it on the spot; she was happy with that.",
    "Asked about gift boxes for the Mid-Autumn Festival — she'll know how many by the end of the month.",
    "Called to confirm the delivery time. 「下午三點以後都在家。」",
    "Met at the temple fair; she introduced us to two friends from her choir.",
    "A case was left in the rain at the dock. Sent photos, bags are fine.",
    "Collected the rest of the balance in cash.",
    "Promised to pay on payday; wrote it down.",
    "He's travelling for work until next week; call again then.",
    "Wants a standing order if we can deliver on weekday evenings.",
    "Talked for half an hour about her son's wedding; they will need 40 gift boxes in spring.",
    "Email: asked for last year's prices to compare with the other supplier.",
    "First order. \"The kids only eat Taiwanese rice now, the imported stuff is too dry for them.\"",
    "Dropped by with a tin of the winter tea as a thank-you for the referral.",
    "Said the office moved to the 12th floor; new delivery address is in the notes.",
    "Not interested this month — budget is frozen until the new fiscal year.",
]

# The customer's own words ([[log]] why/said/themes), for crm reasons: (said, themes) by question.
SAID = {
    "buy": [
        ("The kids only eat Taiwanese rice now; the imported rice is too dry.", ["taste"]),
        ("「你們送到家，我就不用自己扛米上樓。」", ["delivery", "weight"]),
        ("A friend from choir gave me a bag and I liked it.", ["referral", "taste"]),
        ("「價錢跟超市差不多，可是好吃很多。」", ["price", "taste"]),
        ("We need a supplier who can invoice with our tax number.", ["invoice"]),
        ("The oolong tastes like the tea my father used to make.", ["taste"]),
    ],
    "keep": [
        ("「你們的烏龍回甘，別家的喝完嘴巴乾乾的。」", ["taste"]),
        ("You always deliver on the day you say.", ["delivery"]),
        ("Amy remembers what we ordered last time; I don't have to explain.", ["service"]),
        ("「每個月送來剛剛好，不用記得去買。」", ["delivery", "habit"]),
        ("The staff drink it every day; nobody complains about your tea.", ["taste"]),
    ],
    "stop": [
        ("If a delivery is late twice, I'll go back to the market.", ["delivery"]),
        ("「十公斤太重，我太太搬不上去。」", ["weight"]),
        ("The supermarket is cheaper and it's on my way home.", ["price"]),
        ("Our budget is frozen until the new fiscal year.", ["price", "budget"]),
        ("「上次那包有碎米，再這樣我就不買了。」", ["quality"]),
        ("The other supplier offered free delivery on small orders.", ["price", "delivery"]),
    ],
}
WHY_WEIGHTS = {"buy": 3, "keep": 4, "stop": 3}
SATISFACTION_WEIGHTS = [3, 7, 20, 40, 30]  # scores 1..5: most customers are content

FREE_PRODUCTS = [("Jasmine tea, loose 600 g", 450), ("Brown rice, 3 kg", 330),
                 ("Tea cups, set of 6", 900), ("Glutinous rice, 1 kg", 120),
                 ("Mid-Autumn gift set (tea + mooncakes)", 1480)]
# product: (unit price, how many a customer usually buys)
PRODUCTS = {"rice-10kg": (600, (1, 3)), "rice-5kg": (320, (1, 4)),
            "oolong-150g": (800, (1, 3)), "tea-gift-box": (1200, (1, 20)),
            "office-tea-case": (36000, (1, 3))}

# ------------------------------------------------------------------ TOML output


def q(s):
    """A TOML basic string."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def qlist(items):
    return "[" + ", ".join(q(s) for s in items) + "]"


def day_between(rng, a, b):
    """A date in [a, b]."""
    return a + dt.timedelta(days=rng.randint(0, max(0, (b - a).days)))


# ------------------------------------------------------------------ one customer


def person(rng):
    """(name, id slug, kind) for customer `index`."""
    roll = rng.random()
    if roll < 0.62:
        s_zh, s_py = rng.choice(SURNAMES)
        given = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2)))]
        name = s_zh + "".join(g[0] for g in given)
        if rng.random() < 0.12:
            name = s_zh + rng.choice(TITLES_ZH)  # 「王太太」: how the shop knows her
        slug = "-".join([s_py] + [g[1] for g in given])
        return name, slug, "person"
    if roll < 0.82:
        first, last = rng.choice(FIRST_EN), rng.choice(LAST_EN)
        return f"{first} {last}", f"{first}-{last}".lower(), "person"
    word, zh = rng.choice(BUSINESS_WORDS)
    pattern, kind, tag = rng.choice(BUSINESS)
    name = pattern.format(w=word, zh=zh)
    return name, f"{word.lower().replace(' ', '-')}-{kind}", tag


# Revisit cadence of each class in crm.toml, in days (the ideal interval).
CADENCE = {"now": 7, "later": 30, "client": 60, "vip": 30}
# How long one unit lasts (days) and whether per person, as in crm.toml; None: no run-out.
LASTS = {"rice-10kg": (60, True), "rice-5kg": (30, True), "oolong-150g": (30, False),
         "office-tea-case": (30, False), "tea-gift-box": None}
# Products bought now and then besides the usual one: none of them runs out.
SIDE_PRODUCTS = ["tea-gift-box"] + [p for p, _ in FREE_PRODUCTS]
FREE_PRICES = dict(FREE_PRODUCTS)
HOW_WE_MET = ["met at the shop", "referred by a client", "walked in off the street",
              "from the temple fair", "found us on Google Maps"]
PURCHASE_NOTES = ["Trial bag", "Lunar New Year gifts for their clients", "Paid by transfer",
                  "Delivered upstairs", "Picked up at the shop", "For her mother in 台中"]
PAYMENT_NOTES = ["Cash, on payday as promised", "Wire transfer", "LINE Pay",
                 "Bank transfer, last 5 digits 30127", "Cash at the shop"]


def days(n):
    return dt.timedelta(days=n)


def customer(seed, index):
    """(id, file text) of customer `index`; depends only on (seed, index)."""
    rng = random.Random(seed * 1_000_003 + index)
    # The [[log]]s' why/said/themes/satisfaction come from a generator of their own, so that
    # adding them left every other draw, and so every other key, as it was.
    words = random.Random(f"words {seed} {index}")
    name, slug, kind = person(rng)
    cid = f"{slug}-{index + 1}"
    is_business = kind != "person"
    owner = rng.choices(OWNERS, OWNER_WEIGHTS)[0]
    cls = rng.choices(CLASSES, CLASS_WEIGHTS)[0]
    household = 1 if is_business else rng.choices((1, 2, 3, 4, 5, 6), (15, 25, 20, 25, 10, 5))[0]

    # The timeline. Most customers were contacted within their class's cadence; some are
    # overdue, and a few have lapsed for months. The last contact is `last`.
    cadence = CADENCE[cls]
    roll = rng.random()
    if roll < 0.05:
        last = TODAY - days(rng.randint(max(90, 2 * cadence), 400))
    elif roll < 0.12:
        last = TODAY - days(rng.randint(cadence + 1, 2 * cadence + 5))
    else:
        last = TODAY - days(rng.randint(1, max(1, cadence - 1)))
    since = day_between(rng, FIRST_DAY, min(dt.date(2026, 6, 30), last - days(60)))

    lines = []
    w = lines.append
    if rng.random() < 0.25:
        w(f"# {name} — {rng.choice(HOW_WE_MET)}.")
        if rng.random() < 0.5:
            w("# Ask for the owner when calling; the front desk takes no messages.")
        w("")
    w(f"name = {q(name)}")
    comment = "          # deciding this month" if cls == "now" and rng.random() < 0.3 else ""
    w(f"class = {q(cls)}{comment}")
    w(f"owner = {q(owner)}")
    if rng.random() < 0.6:
        others = [o for o in OWNERS if o != owner]
        w(f"contacts = {qlist(sorted(rng.sample(others, rng.choice((1, 1, 2)))))}")
    w(f"region = {q(rng.choices(REGIONS, REGION_WEIGHTS)[0])}")
    if is_business or rng.random() < 0.3:
        w(f"phone = \"+886 2 {rng.randint(2000, 2999)} {rng.randint(0, 9999):04d}\"")
    else:
        w(f"phone = \"+886 9{rng.randint(10, 89)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}\"")
    if rng.random() < 0.7:
        w(f"email = \"{slug.replace('-', '.')}@example.com\"")

    payday = None
    if not is_business:
        roll = rng.random()
        if roll < 0.55:
            year = rng.randint(1945, 2000)
            b = day_between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
            if rng.random() < 0.01:
                b = dt.date(rng.choice((1960, 1972, 1984, 1988, 1996)), 2, 29)
            w(f"birthday = {b.isoformat()}")
        elif roll < 0.62:
            w(f"birthday = \"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\"    # won't tell the year")
        if rng.random() < 0.3:
            month, day = rng.randint(1, 12), rng.randint(1, 30)
            extra = ""
            if rng.random() < 0.05:
                month = rng.choice((2, 3, 4, 5, 6, 7))
                extra = ", leap = true"
            w(f"lunar_birthday = {{ month = {month}, day = {day}{extra} }}")
        if rng.random() < 0.5:
            payday = rng.choice((5, 5, 10, 15, 25, 28, 31))
            w(f"payday = {payday}")
        w(f"household = {household}")
    elif rng.random() < 0.4:
        payday = rng.choice((10, 25, 31))
        w(f"payday = {payday}")
    tags = set()
    if kind != "person":
        tags.add(kind)
    for _ in range(rng.choice((0, 1, 1, 2))):
        tags.add(rng.choice(TAGS))
    if cls == "vip":
        tags.add("vip")
    if tags:
        w(f"tags = {qlist(sorted(tags))}")
    prefers = rng.choice(PREFERS)
    if prefers:
        w(f"prefers = {q(prefers)}")
    w(f"since = {since.isoformat()}")
    if rng.random() < 0.4:
        w("")
        w('notes = """')
        for note in rng.sample(NOTES, rng.randint(1, 3)):
            w(note)
        w('"""')

    # Purchases: the customer's usual product, bought again about when the last lot runs
    # out (the newest lot mostly lasting past today), and now and then something that
    # does not run out, such as gift boxes.
    if is_business:
        usual = rng.choice(("office-tea-case", "office-tea-case", "oolong-150g", "tea-gift-box"))
    else:
        usual = rng.choice(("rice-10kg", "rice-10kg", "rice-5kg", "oolong-150g"))
    lasts_override = usual == "rice-5kg" and rng.random() < 0.2  # lasts = "45d"
    total = rng.randint(2, 5)
    side = sum(rng.random() < 0.2 for _ in range(total - 1))
    usual_dates, usual_qty = [], []
    when = last - days(rng.randint(0, min(45, (last - since).days)))
    if LASTS[usual]:
        unit_days, per_person = LASTS[usual]
        if lasts_override:
            unit_days = 45
        if per_person:
            unit_days = max(1, unit_days // household)
        top = 10 if usual.startswith("rice") else 4
        needed = (TODAY - when).days + rng.randint(0, 45)
        qty = min(top, max(1, -(-needed // unit_days)))
        while when >= since and len(usual_dates) < total - side:
            usual_dates.append(when)
            usual_qty.append(qty)
            qty = rng.randint(1, top)
            when -= days(max(1, int(qty * unit_days * rng.uniform(0.8, 1.1))))
    else:
        while when >= since and len(usual_dates) < total - side:
            usual_dates.append(when)
            usual_qty.append(rng.randint(*PRODUCTS[usual][1]))
            when -= days(rng.randint(60, 365))
    purchases = [(d, usual, q_) for d, q_ in zip(usual_dates, usual_qty)]
    while len(purchases) < total:
        product = rng.choice(SIDE_PRODUCTS)
        qty = rng.randint(1, 12) if product == "tea-gift-box" else rng.randint(1, 3)
        purchases.append((day_between(rng, since, last), product, qty))
    purchases.sort(key=lambda p: p[0])

    # Money: older sales were settled (some at once, some later by a [[payment]]); the
    # newest may still be partly owed, till a due date or the customer's payday.
    payments = []
    newest = len(purchases) - 1
    for i, (d, product, qty) in enumerate(purchases):
        unit = PRODUCTS[product][0] if product in PRODUCTS else FREE_PRICES[product]
        price = unit * qty
        w("")
        w("[[purchase]]")
        w(f"date = {d.isoformat()}")
        w(f"product = {q(product)}")
        w(f"qty = {qty}")
        w(f"price = {price}")
        if i == newest and rng.random() < (0.15 if (TODAY - d).days < 45 else 0.03):
            paid = rng.choice((0, price // 2))
            comment = ""
            if paid == 0 and payday and rng.random() < 0.3:
                comment = '                      # "pay you on payday"'
            w(f"paid = {paid}{comment}")
            if payday is None or rng.random() < 0.5:
                w(f"due = {(d + days(rng.choice((14, 30, 30, 60)))).isoformat()}")
            if paid < price and len(payments) < 2 and rng.random() < 0.3 and d + days(3) < TODAY:
                payments.append((day_between(rng, d + days(1), TODAY - days(1)), (price - paid) // 2))
        elif len(payments) < 2 and rng.random() < 0.12:
            paid = rng.choice((0, price // 2))
            w(f"paid = {paid}")
            payments.append((min(d + days(rng.randint(5, 40)), TODAY - days(1)), price - paid))
        w(f"by = {q(owner if rng.random() < 0.85 else rng.choice(OWNERS))}")
        if product == usual and lasts_override:
            w("lasts = \"45d\"")
        if rng.random() < 0.15:
            po = f"PO {d.year}-{rng.randint(1000, 1999)}"
            w(f"note = {q(rng.choice(PURCHASE_NOTES + [po]))}")

    for d, amount in sorted(payments):
        if amount <= 0:
            continue
        w("")
        w("[[payment]]")
        w(f"date = {d.isoformat()}")
        w(f"amount = {amount}")
        if rng.random() < 0.7:
            w(f"by = {q(owner)}")
        if rng.random() < 0.5:
            w(f"note = {q(rng.choice(PAYMENT_NOTES))}")

    # Contacts: 10-40, in date order: a visit on each sale and the after-sale calls
    # (crm.toml's 3, 7 and 30 days, give or take a day), the rest spread out; the newest
    # sometimes saying when to come back.
    w("")
    w("# --- contacts ---------------------------------------------------------------")
    count = rng.randint(10, 40)
    # The newest sale's after-sale calls happen even when the customer is otherwise
    # left alone (most of the time).
    late_calls = []
    for step in (3, 7, 30):
        when = purchases[-1][0] + days(step + rng.randint(0, 1))
        if last < when < TODAY and rng.random() < 0.85:
            late_calls.append(when)
    count -= len(late_calls)
    log_dates = [d for d, _, _ in purchases]
    for d, _, _ in purchases:
        log_dates += [d + days(s + rng.randint(0, 1)) for s in (3, 7, 30)
                      if d + days(s + 1) < last and rng.random() < 0.9]
    log_dates = log_dates[:count - 1]
    while len(log_dates) < count - 1:
        log_dates.append(day_between(rng, since, last))
    log_dates.sort()
    log_dates.append(last)
    log_dates += late_calls
    last = log_dates[-1]
    if rng.random() < 0.05:  # a back-dated entry, written after the newest
        log_dates.append(log_dates.pop(rng.randrange(len(log_dates) - 1)))
    team = [owner] + [o for o in OWNERS if o != owner]
    for n, d in enumerate(log_dates):
        w("")
        w("[[log]]")
        w(f"date = {d.isoformat()}")
        w(f"by = {q(team[0] if rng.random() < 0.85 else rng.choice(team))}")
        w(f"kind = {q(rng.choices(LOG_KINDS, LOG_KIND_WEIGHTS)[0])}")
        note = rng.choice(LOG_NOTES)
        if rng.random() < 0.3:
            note += " " + rng.choice(LOG_NOTES)
        w(f"note = {q(note)}")
        if words.random() < 0.2:  # 1 in 5: the customer's own words
            why = words.choices(list(WHY_WEIGHTS), list(WHY_WEIGHTS.values()))[0]
            said, themes = words.choice(SAID[why])
            w(f"why = {q(why)}")
            w(f"said = {q(said)}")
            w(f"themes = {qlist(themes[:words.randint(1, len(themes))])}")
        if words.random() < 0.125:  # 1 in 8: a satisfaction score
            w(f"satisfaction = {words.choices(range(1, 6), SATISFACTION_WEIGHTS)[0]}")
        if d == last and n >= len(log_dates) - 2 and rng.random() < 0.3:
            nxt = TODAY + days(rng.randint(-2, 14))  # "call me after the holidays"
            if nxt > d:
                w(f"next = {nxt.isoformat()}")
    return cid, "\n".join(lines) + "\n"


# ------------------------------------------------------------------ main


def write_range(args):
    seed, outdir, begin, end = args
    customers = os.path.join(outdir, "customers")
    for i in range(begin, end):
        cid, text = customer(seed, i)
        with open(os.path.join(customers, cid + ".toml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return end - begin


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="how many customers")
    p.add_argument("outdir", help="the ledger folder to write (created if missing)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="processes to write with; the output does not depend on it")
    a = p.parse_args()
    if a.n < 0:
        p.error("N must be 0 or more")
    os.makedirs(os.path.join(a.outdir, "customers"), exist_ok=True)
    with open(os.path.join(a.outdir, "crm.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(SETTINGS)
    step = 2000
    chunks = [(a.seed, a.outdir, b, min(a.n, b + step)) for b in range(0, a.n, step)]
    if a.jobs > 1 and len(chunks) > 1:
        with multiprocessing.Pool(a.jobs) as pool:
            written = sum(pool.imap_unordered(write_range, chunks))
    else:
        written = sum(map(write_range, chunks))
    print(f"{written} customers in {a.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
