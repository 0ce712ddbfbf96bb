#include "crm/parse.hpp"
#include "crm/reasons.hpp"
#include "lines.hpp"

#include <doctest/doctest.h>
#include <initializer_list>
#include <ostream>

using namespace crm;

namespace {

using test::Lines;

Settings shop() {
    Settings s;
    s.classes = {{"now", Interval::days(7), Interval::days(10)}};
    return s;
}

Date day(std::string_view iso) {
    return parse_date(iso).value();
}

// customers/<id>.toml; `warnings` is how many warnings it is expected to give.
Customer customer(const std::string& id, std::string_view text, std::size_t warnings = 0) {
    const auto parsed = parse_customer(text, "customers/" + id + ".toml", shop());
    CHECK(count_errors(parsed.diagnostics) == 0);
    CHECK(parsed.diagnostics.size() == warnings);
    REQUIRE(parsed.value);
    return *parsed.value;
}

// Zhang's words over three months, and a log that is not a contact's words.
Customer zhang() {
    return customer("zhang-wei", R"(name = "Zhang Wei"
class = "now"
owner = "amy"
[[log]]
date = 2026-01-05
by = "amy"
why = "buy"
said = "Good rice."
themes = ["Price ", "taste"]
[[log]]
date = 2026-02-01
by = "amy"
why = "stop"
said = "Too heavy."
themes = ["weight"]
[[log]]
date = 2026-03-01
by = "ben"
why = "buy"
said = "Cheaper than the market."
themes = ["price", "PRICE"]
[[log]]
date = 2026-02-10
by = "amy"
why = "keep"
themes = ["service"]
[[log]]
date = 2026-02-20
by = "amy"
said = "Nice weather."
[[log]]
date = 2026-02-21
by = "amy"
note = "called, nothing said"
)");
}

// Lin's words: one for "buy", one with a `why` that is no question.
Customer lin() {
    return customer("lin", R"(name = "Lin"
class = "now"
owner = "ben"
[[log]]
date = 2026-02-15
by = "ben"
why = "buy"
said = "Friends said so."
themes = [" price", "delivery"]
[[log]]
date = 2026-02-16
by = "ben"
why = "bye"
said = "See you."
themes = ["delivery"]
)",
                    1);
}

ReasonsOptions until(std::string_view last) {
    ReasonsOptions o;
    o.until = day(last);
    return o;
}

Reasons reasons_of(const std::vector<Customer>& customers, ReasonsOptions options) {
    ReasonsBuilder b(std::move(options));
    for (const Customer& c : customers)
        b.add(c);
    return std::move(b).finish();
}

const ReasonGroup& group(const Reasons& r, std::string_view why) {
    for (const ReasonGroup& g : r.groups)
        if (g.why == why)
            return g;
    FAIL("no group " << why);
    return r.groups.front(); // not reached
}

Lines whys(const Reasons& r) {
    Lines out;
    for (const ReasonGroup& g : r.groups)
        out.push_back(g.why);
    return out;
}

Lines said(const std::vector<Quote>& quotes) {
    Lines out;
    for (const Quote& q : quotes)
        out.push_back(q.said);
    return out;
}

// "theme count" for each.
Lines themes(const ReasonGroup& g) {
    Lines out;
    for (const ThemeCount& t : g.themes)
        out.push_back(t.theme + " " + std::to_string(t.count));
    return out;
}

// Every quote of every group and the untagged ones.
Lines all_said(const Reasons& r) {
    Lines out = said(r.untagged);
    for (const ReasonGroup& g : r.groups)
        for (const std::string& s : said(g.quotes))
            out.push_back(s);
    return out;
}

using Words = Lines;

} // namespace

TEST_CASE("theme_key") {
    SUBCASE("trimmed and in ASCII lower case") {
        CHECK(theme_key("Price ") == "price");
        CHECK(theme_key("\tPRICE") == "price");
        CHECK(theme_key(" home delivery ") == "home delivery");
    }
    SUBCASE("blank is no theme") {
        CHECK(theme_key("  ") == "");
    }
}

TEST_CASE("ReasonsBuilder") {
    const std::vector<Customer> book = {zhang(), lin()};
    SUBCASE("quotes are newest first, across customers") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        CHECK(said(group(r, "buy").quotes) ==
              Words{"Cheaper than the market.", "Friends said so.", "Good rice."});
        const Quote& newest = group(r, "buy").quotes.at(0);
        CHECK(newest.id == "zhang-wei");
        CHECK(newest.name == "Zhang Wei");
        CHECK(newest.by == "ben");
        CHECK(newest.date == day("2026-03-01"));
    }
    SUBCASE("groups come in the order buy, keep, stop, whatever the files' order") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        CHECK(whys(r) == Words{"buy", "keep", "stop"});
        CHECK(said(r.groups.at(2).quotes) == Words{"Too heavy."});
    }
    SUBCASE("themes are counted trimmed and without case, once per log, the biggest first") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        // "Price ", "price" + "PRICE" (one log), " price": three logs.
        CHECK(themes(group(r, "buy")) == Words{"price 3", "delivery 1", "taste 1"});
        CHECK(group(r, "buy").customers == 2);
    }
    SUBCASE("a why without said is counted and its themes too, but gives no quote") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        const ReasonGroup& keep = group(r, "keep");
        CHECK(keep.quotes.empty());
        CHECK(keep.without_words == 1);
        CHECK(themes(keep) == Words{"service 1"});
        CHECK(keep.customers == 1);
        CHECK(group(r, "buy").without_words == 0);
    }
    SUBCASE("said without why is untagged, in no group") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        CHECK(said(r.untagged) == Words{"Nice weather."});
        for (const ReasonGroup& g : r.groups)
            for (const Quote& q : g.quotes)
                CHECK(q.said != "Nice weather.");
    }
    SUBCASE("an unknown why is left out: in no group, not untagged") {
        const Reasons r = reasons_of(book, until("2026-12-31"));
        const Words everything = all_said(r);
        CHECK(std::find(everything.begin(), everything.end(), "See you.") == everything.end());
        CHECK(themes(group(r, "buy")) == Words{"price 3", "delivery 1", "taste 1"});
        CHECK(everything.size() == 5);
    }
    SUBCASE("--why keeps only those questions, still in the order buy, keep, stop") {
        ReasonsOptions o = until("2026-12-31");
        o.why = {"stop", "buy"};
        const Reasons r = reasons_of(book, o);
        CHECK(whys(r) == Words{"buy", "stop"});
        CHECK(r.untagged.empty()); // words without a why answer none of them
        o.why = {"keep"};
        const Reasons keep = reasons_of(book, o);
        CHECK(whys(keep) == Words{"keep"});
        CHECK(keep.groups.at(0).without_words == 1);
    }
    SUBCASE("--theme keeps only the logs with one of the themes, compared as theme_key") {
        ReasonsOptions o = until("2026-12-31");
        o.themes = {"Delivery"};
        const Reasons r = reasons_of(book, o);
        CHECK(said(group(r, "buy").quotes) == Words{"Friends said so."});
        CHECK(themes(group(r, "buy")) == Words{"delivery 1", "price 1"});
        CHECK(group(r, "keep").without_words == 0);
        CHECK(group(r, "stop").quotes.empty());
        CHECK(r.untagged.empty());
        o.themes = {" PRICE "};
        const Reasons price = reasons_of(book, o);
        CHECK(group(price, "buy").quotes.size() == 3);
    }
    SUBCASE("since and until are both included") {
        ReasonsOptions o = until("2026-03-01");
        o.since = day("2026-02-01");
        const Reasons r = reasons_of(book, o);
        CHECK(said(group(r, "buy").quotes) ==
              Words{"Cheaper than the market.", "Friends said so."});
        CHECK(said(group(r, "stop").quotes) == Words{"Too heavy."});
        o.until = day("2026-02-28");
        o.since = day("2026-02-02");
        const Reasons inside = reasons_of(book, o);
        CHECK(said(group(inside, "buy").quotes) == Words{"Friends said so."});
        CHECK(group(inside, "stop").quotes.empty());
        CHECK(inside.since == day("2026-02-02"));
        CHECK(inside.until == day("2026-02-28"));
    }
    SUBCASE("the customer filters pick whose words") {
        ReasonsOptions o = until("2026-12-31");
        o.filters.owners = {"ben"};
        const Reasons r = reasons_of(book, o);
        CHECK(all_said(r) == Words{"Friends said so."});
    }
    SUBCASE("customers split across two builders and joined give the same quotes") {
        ReasonsBuilder first(until("2026-12-31"));
        first.add(book[1]);
        ReasonsBuilder second(until("2026-12-31"));
        second.add(book[0]);
        first.join(std::move(second));
        const Reasons joined = std::move(first).finish();
        const Reasons whole = reasons_of(book, until("2026-12-31"));
        CHECK(all_said(joined) == all_said(whole));
        CHECK(said(group(joined, "buy").quotes) ==
              Words{"Cheaper than the market.", "Friends said so.", "Good rice."});
    }
}
