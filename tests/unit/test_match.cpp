#include "crm/match.hpp"

#include <doctest/doctest.h>

using namespace crm;

namespace {

const std::vector<Candidate> people = {
    {"zhang-wei", "張偉", "Taipei/Da'an", {"+886 912 345 678"}},
    {"zhang-min", "張敏", "Taichung", {"04 2222 3333"}},
    {"wang-fang", "王芳", "Taipei/Xinyi", {"0933 111 222", "02 2700 1234"}}, // two phones
    {"sarah-miller", "Sarah Miller", "Tainan", {}},
    {"acme-trading", "ACME Trading", "Taipei/Neihu", {"02 2345 6789"}},
    {"miller", "Tom Miller", "", {}},
    {"broken", "", "", {}}, // a file that does not parse: id only
};

std::vector<std::string> ids(const Match& m) {
    std::vector<std::string> out;
    for (const std::size_t i : m.found)
        out.push_back(people[i].id);
    return out;
}

std::vector<std::string> nearest(const Match& m) {
    std::vector<std::string> out;
    for (const std::size_t i : m.nearest)
        out.push_back(people[i].id);
    return out;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("match_customer") {
    SUBCASE("the id wins, even when the same letters are part of other names") {
        const Match m = match_customer(people, "miller");
        CHECK(ids(m) == Ids{"miller"});
        CHECK(m.by == MatchBy::id);
    }
    SUBCASE("a file name is taken as the id") {
        CHECK(ids(match_customer(people, "customers/zhang-wei.toml")) == Ids{"zhang-wei"});
        CHECK(ids(match_customer(people, "wang-fang.toml")) == Ids{"wang-fang"});
    }
    SUBCASE("a file that does not parse is found by its id") {
        CHECK(ids(match_customer(people, "broken")) == Ids{"broken"});
    }
    SUBCASE("then the name exactly, Chinese too") {
        const Match m = match_customer(people, "張偉");
        CHECK(ids(m) == Ids{"zhang-wei"});
        CHECK(m.by == MatchBy::name);
    }
    SUBCASE("then the name ignoring case") {
        const Match m = match_customer(people, "sarah MILLER");
        CHECK(ids(m) == Ids{"sarah-miller"});
        CHECK(m.by == MatchBy::name_folded);
    }
    SUBCASE("Simplified characters find a name written in Traditional ones") {
        const Match m = match_customer(people, "张伟");
        CHECK(ids(m) == Ids{"zhang-wei"});
        CHECK(m.by == MatchBy::name_folded);
    }
    SUBCASE("then a part of the name or the id") {
        CHECK(ids(match_customer(people, "acme")) == Ids{"acme-trading"});
        CHECK(ids(match_customer(people, "芳")) == Ids{"wang-fang"});
        CHECK(match_customer(people, "trad").by == MatchBy::substring);
    }
    SUBCASE("one Chinese character shared by several names is ambiguous") {
        const Match m = match_customer(people, "張");
        CHECK(ids(m) == Ids{"zhang-wei", "zhang-min"});
        CHECK(m.by == MatchBy::substring);
    }
    SUBCASE("a part of the name shared by several is ambiguous") {
        CHECK(ids(match_customer(people, "Mill")) == Ids{"sarah-miller", "miller"});
    }
    SUBCASE("then phone digits, in national or international form") {
        const Match m = match_customer(people, "0912-345-678");
        CHECK(ids(m) == Ids{"zhang-wei"});
        CHECK(m.by == MatchBy::phone);
        CHECK(ids(match_customer(people, "+886912345678")) == Ids{"zhang-wei"});
        CHECK(ids(match_customer(people, "912 345")) == Ids{"zhang-wei"});
    }
    SUBCASE("a second phone in the list counts") {
        CHECK(ids(match_customer(people, "2700 1234")) == Ids{"wang-fang"});
    }
    SUBCASE("fewer than 4 digits are not a phone number") {
        CHECK(match_customer(people, "345").found.empty());
    }
    SUBCASE("no match suggests the nearest names, closest first") {
        const Match m = match_customer(people, "zhnag-wei");
        CHECK(m.found.empty());
        CHECK_FALSE(m.by.has_value());
        CHECK(nearest(m).front() == "zhang-wei");
        CHECK(nearest(match_customer(people, "sarha")) == Ids{"sarah-miller"});
        CHECK(nearest(match_customer(people, "張衛")) == Ids{"zhang-wei", "zhang-min"});
    }
    SUBCASE("nothing close suggests nothing") {
        CHECK(match_customer(people, "xyzzy").nearest.empty());
    }
    SUBCASE("an empty query finds nobody") {
        CHECK(match_customer(people, "  ").found.empty());
    }
}

TEST_CASE("phone_digits") {
    SUBCASE("digits only, without the leading zeros of a trunk or international prefix") {
        CHECK(phone_digits("+886 (0)912-345.678") == "8860912345678");
        CHECK(phone_digits("0912 345 678") == "912345678");
        CHECK(phone_digits("00886 912") == "886912");
    }
}

TEST_CASE("same_phone") {
    SUBCASE("the national and the international form are the same line") {
        CHECK(same_phone("0912 345 678", "+886 912 345 678"));
        CHECK(same_phone("+886-912-345-678", "+886 912 345 678"));
    }
    SUBCASE("different numbers, or too few digits to tell, are not") {
        CHECK_FALSE(same_phone("0912 345 678", "0912 345 679"));
        CHECK_FALSE(same_phone("5678", "0912 345 678"));
        CHECK_FALSE(same_phone("", ""));
    }
}

TEST_CASE("id_from_name") {
    SUBCASE("Chinese names become toneless pinyin, one '-' between syllables") {
        CHECK(id_from_name("張偉") == "zhang-wei");
        CHECK(id_from_name("王小明") == "wang-xiao-ming");
        CHECK(id_from_name("李小龍 (Bruce)") == "li-xiao-long-bruce");
    }
    SUBCASE("other scripts are transliterated, accents dropped") {
        CHECK(id_from_name("José Núñez") == "jose-nunez");
        CHECK(id_from_name("Иван Петров") == "ivan-petrov");
        CHECK(id_from_name("Müller & Söhne GmbH") == "muller-sohne-gmbh");
    }
    SUBCASE("punctuation and spaces collapse into one '-', none at either end") {
        CHECK(id_from_name("  ACME Trading Co. ") == "acme-trading-co");
        CHECK(id_from_name("--a__b--") == "a-b");
    }
    SUBCASE("long names are cut at a '-' within 60 characters") {
        const std::string id = id_from_name(std::string(40, 'a') + " " + std::string(40, 'b'));
        CHECK(id == std::string(40, 'a'));
    }
    SUBCASE("Windows device names get -1") {
        CHECK(id_from_name("Con") == "con-1");
        CHECK(id_from_name("COM1") == "com1-1");
    }
    SUBCASE("nothing usable gives an empty id") {
        CHECK(id_from_name("🎉") == "");
    }
    SUBCASE("every id made is a valid id") {
        for (const char* name : {"張偉", "Sarah Miller", "nul", "Ελένη", "김민수", "a"})
            CHECK(valid_id(id_from_name(name)));
    }
}

TEST_CASE("valid_id") {
    SUBCASE("lowercase ASCII letters, digits, '-' and '_', starting with a letter or digit") {
        CHECK(valid_id("zhang-wei"));
        CHECK(valid_id("wang_fang-2"));
        CHECK(valid_id("7-eleven"));
    }
    SUBCASE("anything a file system or a shell would trip on is not") {
        CHECK_FALSE(valid_id(""));
        CHECK_FALSE(valid_id("Zhang"));
        CHECK_FALSE(valid_id("-x"));
        CHECK_FALSE(valid_id(".hidden"));
        CHECK_FALSE(valid_id("a/b"));
        CHECK_FALSE(valid_id("a b"));
        CHECK_FALSE(valid_id("張偉"));
        CHECK_FALSE(valid_id("aux"));
        CHECK_FALSE(valid_id(std::string(61, 'a')));
    }
}
