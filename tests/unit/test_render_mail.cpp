#include "lines.hpp"
#include "mail.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace crm;
using namespace crm::render;

namespace {

std::string unbase64(std::string_view s) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (const char ch : s) {
        if (ch == '=')
            break;
        bits = (bits << 6) | static_cast<std::uint32_t>(alphabet.find(ch));
        if ((count += 6) >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xff);
        }
    }
    return out;
}

// Decodes what encode_header_text makes: folded lines of encoded-words (the
// whitespace between two of them is not part of the text) or plain ASCII.
std::string decode_header(std::string_view v) {
    if (!v.starts_with("=?UTF-8?B?")) {
        std::string out;
        for (const char ch : v)
            if (ch != '\n')
                out += ch;
        return out;
    }
    std::string out;
    for (std::size_t at = 0; (at = v.find("=?UTF-8?B?", at)) != std::string_view::npos;) {
        const std::size_t end = v.find("?=", at + 10);
        out += unbase64(v.substr(at + 10, end - at - 10));
        at = end + 2;
    }
    return out;
}

std::string unquote_printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '=') {
            out += s[i];
        } else if (s[i + 1] == '\n') {
            ++i;
        } else {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

using crm::test::lines_of;

date::sys_seconds at(const char* iso, int h, int m) {
    return date::sys_seconds{parse_date(iso).value()} + std::chrono::hours{h} +
           std::chrono::minutes{m};
}

} // namespace

TEST_CASE("rfc5322_date") {
    SUBCASE("UTC at midnight") {
        CHECK(rfc5322_date(at("2026-11-23", 0, 0), 0) == "Mon, 23 Nov 2026 00:00:00 +0000");
    }
    SUBCASE("the local zone moves the clock and the day") {
        CHECK(rfc5322_date(at("2026-11-22", 22, 0), 480) == "Mon, 23 Nov 2026 06:00:00 +0800");
        CHECK(rfc5322_date(at("2027-01-01", 2, 30), -330) == "Thu, 31 Dec 2026 21:00:00 -0530");
    }
}

TEST_CASE("encode_header_text") {
    SUBCASE("printable ASCII that fits is left alone") {
        CHECK(encode_header_text("crm: Mon 2026-11-23, nothing due", 9) ==
              "crm: Mon 2026-11-23, nothing due");
    }
    SUBCASE("long ASCII is folded at spaces") {
        const std::string long_text(40, 'a');
        const std::string folded = encode_header_text(long_text + " " + long_text, 9);
        CHECK(folded == long_text + "\n " + long_text);
    }
    SUBCASE("non-ASCII becomes UTF-8 encoded-words that decode back") {
        const std::string subject =
            "crm: Mon 2026-11-23, 10 to contact: 周國強, 蓮花素食 Lotus Vegetarian Kitchen "
            "and 8 more";
        const std::string encoded = encode_header_text(subject, 9);
        CHECK(encoded.starts_with("=?UTF-8?B?"));
        CHECK(decode_header(encoded) == subject);
        const auto lines = lines_of(encoded);
        CHECK(lines.size() > 1);
        CHECK(9 + lines.front().size() <= 78);
        for (const std::string& line : lines) {
            CHECK(line.size() <= 78);
            CHECK(line.find("?=", line.size() - 2) != std::string::npos);
        }
        for (std::size_t i = 1; i < lines.size(); ++i)
            CHECK(lines[i].starts_with(" =?UTF-8?B?"));
    }
    SUBCASE("each encoded-word holds whole characters") {
        const std::string han = "周國強蔡宜君黃建宏謝明哲楊雅婷許文龍郭秀英劉家豪";
        for (const std::string& line : lines_of(encode_header_text(han, 9))) {
            const auto start = line.find("?B?") + 3;
            const std::string bytes = unbase64(line.substr(start, line.rfind("?=") - start));
            CHECK(bytes.size() % 3 == 0); // every one of these characters is 3 bytes
        }
    }
}

TEST_CASE("encode_address") {
    CHECK(encode_address("amy@example.com") == "amy@example.com");
    CHECK(encode_address("Amy Lin <amy@example.com>") == "Amy Lin <amy@example.com>");
    SUBCASE("a non-ASCII display name is encoded, the address kept") {
        const auto a = encode_address("\"林美玲\" <amy@example.com>");
        REQUIRE(a);
        CHECK(*a == "=?UTF-8?B?5p6X576O546y?= <amy@example.com>");
    }
    SUBCASE("what cannot go in a header is refused") {
        CHECK_FALSE(encode_address("amy@example.com\nBcc: x@example.com"));
        CHECK_FALSE(encode_address("林美玲@example.com"));
        CHECK_FALSE(encode_address(""));
    }
}

TEST_CASE("quoted_printable") {
    SUBCASE("ASCII stays readable; '=' is escaped") {
        CHECK(quoted_printable("1 + 1 = 2\n") == "1 + 1 =3D 2\n");
    }
    SUBCASE("UTF-8 is escaped byte by byte") {
        CHECK(quoted_printable("張偉") == "=E5=BC=B5=E5=81=89");
    }
    SUBCASE("a space at the end of a line is escaped, inside it is not") {
        CHECK(quoted_printable("a b \nc") == "a b=20\nc");
    }
    SUBCASE("a leading dot or From is escaped for sendmail and mbox") {
        CHECK(quoted_printable(".\nFrom here\n") == "=2E\n=46rom here\n");
    }
    SUBCASE("long lines get soft breaks, never past 76 columns, never inside an escape") {
        std::string text;
        for (int i = 0; i < 40; ++i)
            text += "周國強 owes 500 TWD · ";
        text += "\nshort\n";
        const std::string encoded = quoted_printable(text);
        for (const std::string& line : lines_of(encoded)) {
            CHECK(line.size() <= 76);
            const auto eq = line.rfind('=');
            if (eq != std::string::npos && eq + 1 != line.size())
                CHECK(eq + 3 <= line.size());
        }
        CHECK(unquote_printable(encoded) == text);
    }
}

TEST_CASE("agenda_mail") {
    const Date today = parse_date("2026-11-23").value();
    Customer c;
    c.id = "zhang-wei";
    c.name = "張偉";
    c.class_name = "client";
    Item item;
    item.customer = std::make_shared<const Customer>(c);
    item.date = today;
    Reason r;
    r.date = today;
    r.text = "last contact 2026-09-22";
    item.reasons = {r};
    const Agenda agenda{today, today + date::days{7}, today + date::days{30}, {item}};
    MailOptions o;
    o.to = {"amy@example.com"};
    o.time = date::sys_seconds{today};
    const std::string mail = agenda_mail(agenda, Settings{}, {}, o);
    const std::string head = mail.substr(0, mail.find("\n\n") + 1);
    const std::string body = mail.substr(mail.find("\n\n") + 2);

    SUBCASE("headers for sendmail -t, in order") {
        CHECK(head == "To: amy@example.com\n"
                      "Date: Mon, 23 Nov 2026 00:00:00 +0000\n"
                      "Subject: " +
                          encode_header_text(mail_subject(agenda), 9) +
                          "\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: text/plain; charset=UTF-8\n"
                          "Content-Transfer-Encoding: quoted-printable\n"
                          "Auto-Submitted: auto-generated\n");
    }
    SUBCASE("the subject names today's customers") {
        CHECK(mail_subject(agenda) == "crm: Mon 2026-11-23, 1 to contact: 張偉");
    }
    SUBCASE("the body is the text agenda") {
        CHECK(unquote_printable(body) == agenda_text(agenda, Settings{}, {}));
    }
    SUBCASE("a From header only when given") {
        CHECK(mail.find("From:") == std::string::npos);
        o.from = "crm <crm@example.com>";
        CHECK(agenda_mail(agenda, Settings{}, {}, o).starts_with("From: crm <crm@example.com>\n"));
    }
}

TEST_CASE("mail_subject") {
    const Date today = parse_date("2026-11-23").value();
    const auto line = [&](const char* name, int days_late, std::int64_t value) {
        Customer c;
        c.id = name;
        c.name = name;
        Item item;
        item.customer = std::make_shared<const Customer>(c);
        item.date = today;
        item.days_late = days_late;
        item.value = Money::whole(value);
        Reason r;
        r.date = today - date::days{days_late};
        r.days_late = days_late;
        item.reasons = {r};
        return item;
    };
    SUBCASE("it names overdue lines first, big customers first, whatever the agenda's order") {
        // The agenda's own order: the most late first.
        const Agenda agenda{today,
                            today + date::days{7},
                            today + date::days{30},
                            {line("most-late", 30, 10), line("big", 2, 5000), line("mid", 1, 700),
                             line("today-big", 0, 9000)}};
        CHECK(mail_subject(agenda) == "crm: Mon 2026-11-23, 4 to contact: big, mid and 2 more");
    }
}

TEST_CASE("addr_spec") {
    SUBCASE("RFC 5322 addresses are accepted") {
        for (const char* a : {"amy@example.com", "a.b+tag@mail.example.com", "\"john doe\"@ex.com",
                              "user@[192.0.2.1]", "o'neil@example.com"}) {
            CAPTURE(a);
            CHECK(addr_spec(a));
        }
    }
    SUBCASE("a space, a stray bracket, a missing part or a double dot is refused") {
        for (const char* a : {"me@exa mple.com", "me@example.com>", "@example.com", "me@",
                              "me..you@example.com", "me@example..com", "me", ".me@example.com"}) {
            CAPTURE(a);
            CHECK_FALSE(addr_spec(a));
        }
    }
    SUBCASE("an address header needs an addr-spec, and nothing after the angle brackets") {
        CHECK_FALSE(encode_address("me@exa mple.com"));
        CHECK_FALSE(encode_address("me@example.com>"));
        CHECK_FALSE(encode_address("Amy <amy@example.com> extra"));
        CHECK_FALSE(encode_address("Amy <amy at example.com>"));
        CHECK(encode_address("Amy <amy@example.com>"));
    }
}
