// The index: its records and file format (pure), and scans through it on a
// real folder, the racily clean case made deterministic with utimensat.

#include "crm/index.hpp"
#include "crm/parse.hpp"
#include "folder.hpp"
#include "index_file.hpp"
#include "scan.hpp"
#include "temp_folder.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>

using namespace crm;
using crm::test::Folder;
namespace fs = std::filesystem;

namespace {

const char* const kFull = R"(name = "張偉"
class = "now"
owner = "amy"
contacts = ["ben"]
region = "Taipei/Da'an"
phone = "+886 912 345 678"
email = "zw@example.com"
birthday = 1975-03-14
lunar_birthday = { month = 8, day = 15, leap = true }
payday = 5
household = 4
tags = ["rice", "vip"]
prefers = "LINE"
notes = "kept out of the index"
since = 2024-01-02
feb29 = "mar1"
lunar_day30 = "skip"

[[person]]
name = "Li Na"
role = "buyer"
birthday = "--03-14"

[[purchase]]
date = 2026-11-06
product = "rice-10kg"
qty = 2.5
price = 1200.50
paid = 600
due = 2026-12-05
lasts = "3w"
by = "amy"

[[payment]]
date = 2026-11-10
amount = 100
by = "ben"

[[log]]
date = 2026-11-20
kind = "visit"
note = "a note"
next = 2026-12-01

[[log]]
date = 2026-11-21
kind = "handover"

[[log]]
date = 2026-10-01
kind = "call"
done = true
)";

Parsed<Customer> parse(std::string_view text, std::string_view path = "customers/zhang-wei.toml") {
    return parse_customer_text(text, path, Notes::skip);
}

std::optional<Parsed<Customer>> round_trip(const Parsed<Customer>& p, Logs logs,
                                           std::string_view path = "customers/zhang-wei.toml") {
    const Record r = encode_record(p, path);
    return decode_record(
        r.summary, [&]() -> std::optional<std::string_view> { return r.history; }, path, logs);
}

bool same(const Parsed<Customer>& a, const Parsed<Customer>& b) {
    return a.value == b.value && a.diagnostics == b.diagnostics;
}

// Two entries of an index, with their records.
struct TwoEntries {
    Record a = encode_record(parse("name = \"A\"\n", "customers/a.toml"), "customers/a.toml");
    Record b = encode_record(parse(kFull, "customers/b.toml"), "customers/b.toml");
    Index index;
    TwoEntries() {
        index.scan_ns = 1'700'000'000'123'456'789;
        index.entries.push_back(
            {"customers/a.toml", {1, 2, 3, 4, 5, 0100644}, a.summary, a.history});
        index.entries.push_back({"customers/b.toml",
                                 {1, 9, 300, -4, 1'700'000'000'000'000'000, 0100600},
                                 b.summary,
                                 b.history});
    }
};

FileStat stat_of(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return io::file_stat(st);
}

void set_mtime(const fs::path& path, std::int64_t ns) {
    const timespec times[2] = {{ns / 1'000'000'000, ns % 1'000'000'000},
                               {ns / 1'000'000'000, ns % 1'000'000'000}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// The customers a scan makes, by name, and its diagnostics.
struct Scan {
    std::vector<std::string> names;
    Diagnostics diagnostics;
    std::size_t skipped = 0;
};

Scan scan(const Folder& f, io::UseIndex use, Logs logs = Logs::last) {
    Ledger ledger;
    std::vector<std::optional<Customer>> slots(io::list_customer_files(f.root).size());
    io::scan_customers(
        f.root, ledger, 2, [&](unsigned, std::size_t i, Customer&& c) { slots.at(i) = c; },
        Notes::skip, logs, use);
    Scan out;
    for (const auto& c : slots)
        if (c)
            out.names.push_back(c->name + (c->logs.empty() ? "" : "@" + c->logs.back().kind));
    out.diagnostics = ledger.diagnostics;
    out.skipped = ledger.skipped;
    return out;
}

std::string index_bytes(const Folder& f) {
    return f.get(io::kIndexPath);
}

void put_index(const Folder& f, const Index& index) {
    std::ofstream(f.root / io::kIndexPath, std::ios::binary)
        << encode_index(index, io::index_version());
}

} // namespace

TEST_CASE("check_with_settings") {
    Settings s;
    s.classes.push_back({});
    s.classes.back().name = "now";
    SUBCASE("an unknown class is reported where it is written, in file order") {
        const char* text = "name = \"A\"\nclass = \"nwo\"\nphone = 5\n";
        Parsed<Customer> p = parse(text, "customers/a.toml");
        REQUIRE(p.diagnostics.size() == 1); // the phone
        check_with_settings(p, s);
        REQUIRE(p.diagnostics.size() == 2);
        CHECK(p.diagnostics[0].message == "unknown class 'nwo'");
        CHECK(p.diagnostics[0].line == 2);
        CHECK(p.diagnostics[0].column == 9);
        CHECK(p.diagnostics[0].hint == "did you mean 'now'?");
        CHECK(p.diagnostics[1].line == 3);
        CHECK(same(p, parse_customer(text, "customers/a.toml", s, Notes::skip)));
    }
    SUBCASE("a known class, or none, adds nothing") {
        Parsed<Customer> p = parse("name = \"A\"\nclass = \"now\"\n");
        check_with_settings(p, s);
        CHECK(p.diagnostics.empty());
        Parsed<Customer> q = parse("name = \"A\"\n");
        check_with_settings(q, s);
        CHECK(q.diagnostics.empty());
    }
}

TEST_CASE("encode_record and decode_record") {
    SUBCASE("every field comes back, with Logs::all") {
        const Parsed<Customer> p = parse(kFull);
        REQUIRE(p.value);
        REQUIRE(p.value->logs.size() == 3);
        const auto back = round_trip(p, Logs::all);
        REQUIRE(back);
        CHECK(same(*back, p));
    }
    SUBCASE("Logs::last gives what keep_last_contact leaves") {
        Parsed<Customer> p = parse(kFull);
        const auto back = round_trip(p, Logs::last);
        REQUIRE(back);
        keep_last_contact(*p.value);
        REQUIRE(p.value->logs.size() == 1);
        CHECK(p.value->logs[0].kind == "visit"); // the handover is no contact
        CHECK(same(*back, p));
    }
    SUBCASE("Logs::none gives who the customer is, and reads no history, even for plans") {
        const std::string text = std::string(kFull) + "\n[[plan]]\ndate = 2026-12-10\n";
        const Parsed<Customer> p = parse(text);
        REQUIRE(p.value);
        const Record r = encode_record(p, "customers/zhang-wei.toml");
        bool asked = false;
        const auto back = decode_record(
            r.summary,
            [&]() -> std::optional<std::string_view> {
                asked = true;
                return r.history;
            },
            "customers/zhang-wei.toml", Logs::none);
        REQUIRE(back);
        CHECK(!asked);
        CHECK(without_history(*back->value) == without_history(*p.value));
        CHECK(back->value->plans.empty());
        CHECK(back->value->purchases.empty());
        CHECK(back->value->payments.empty());
        CHECK(back->value->logs.empty());
        // Where the class is written, for check_with_settings.
        CHECK(back->value->class_line == p.value->class_line);
        CHECK(back->value->class_column == p.value->class_column);
        CHECK(back->diagnostics == p.diagnostics);
    }
    SUBCASE("Logs::check gives the class, a conflict and the diagnostics, and reads no further") {
        const Parsed<Customer> p =
            parse("name = \"A\"\nphone = \"x\"\n<<<<<<< ours\nclass = \"now\"\n=======\n"
                  "class = \"later\"\n>>>>>>> theirs\n",
                  "customers/a.toml");
        REQUIRE(p.value);
        REQUIRE(p.value->conflict_line);
        REQUIRE(!p.diagnostics.empty());
        const Record r = encode_record(p, "customers/a.toml");
        const auto none = [] { return std::optional<std::string_view>(); };
        const auto back = decode_record(r.summary, none, "customers/a.toml", Logs::check);
        REQUIRE(back);
        CHECK(back->diagnostics == p.diagnostics);
        CHECK(back->value->class_name == p.value->class_name);
        CHECK(back->value->class_line == p.value->class_line);
        CHECK(back->value->class_column == p.value->class_column);
        CHECK(back->value->conflict_line == p.value->conflict_line);
        CHECK(back->value->path == "customers/a.toml");
        CHECK(back->value->name.empty()); // who the customer is was not read
        // The summary's first part is enough: the shortest cut that decodes
        // is well short of the whole, and gives the same.
        std::size_t k = 0;
        while (k < r.summary.size() && !decode_record(std::string_view(r.summary).substr(0, k),
                                                      none, "customers/a.toml", Logs::check))
            ++k;
        CHECK(k < r.summary.size());
        const auto cut = decode_record(std::string_view(r.summary).substr(0, k), none,
                                       "customers/a.toml", Logs::check);
        REQUIRE(cut);
        CHECK(same(*cut, *back));
    }
    SUBCASE("Logs::none reads who the customer is, not what happened") {
        const Parsed<Customer> p = parse(kFull);
        REQUIRE(!p.value->purchases.empty());
        const Record r = encode_record(p, "customers/zhang-wei.toml");
        const auto none = [] { return std::optional<std::string_view>(); };
        const auto whole = decode_record(r.summary, none, "customers/zhang-wei.toml", Logs::none);
        REQUIRE(whole);
        std::size_t k = 0;
        while (k < r.summary.size() && !decode_record(std::string_view(r.summary).substr(0, k),
                                                      none, "customers/zhang-wei.toml", Logs::none))
            ++k;
        CHECK(k < r.summary.size()); // the purchases and payments were not needed
        const auto cut = decode_record(std::string_view(r.summary).substr(0, k), none,
                                       "customers/zhang-wei.toml", Logs::none);
        REQUIRE(cut);
        CHECK(same(*cut, *whole));
    }
    SUBCASE("a customer with plans keeps every log, and reads the history for them") {
        const std::string text = std::string(kFull) + "\n[[plan]]\ndate = 2026-12-10\n";
        const Parsed<Customer> p = parse(text);
        const auto back = round_trip(p, Logs::last);
        REQUIRE(back);
        CHECK(back->value->logs.size() == 3);
        CHECK(same(*back, p));
    }
    SUBCASE("a file that does not parse keeps its diagnostics") {
        const Parsed<Customer> p = parse("name = \"A\n");
        REQUIRE(!p.value);
        REQUIRE(!p.diagnostics.empty());
        const auto back = round_trip(p, Logs::last);
        REQUIRE(back);
        CHECK(same(*back, p));
    }
    SUBCASE("a conflicted file keeps its side and its conflict") {
        const Parsed<Customer> p = parse("name = \"A\"\n<<<<<<< ours\nclass = \"now\"\n=======\n"
                                         "class = \"later\"\n>>>>>>> theirs\n");
        REQUIRE(p.value);
        REQUIRE(p.value->conflict_line);
        const auto back = round_trip(p, Logs::all);
        REQUIRE(back);
        CHECK(same(*back, p));
    }
    SUBCASE("the history is not asked for when it is not needed") {
        const Record r = encode_record(parse(kFull), "customers/zhang-wei.toml");
        bool asked = false;
        const auto back = decode_record(
            r.summary,
            [&]() -> std::optional<std::string_view> {
                asked = true;
                return std::nullopt;
            },
            "customers/zhang-wei.toml", Logs::last);
        CHECK(back);
        CHECK(!asked);
        const auto all = decode_record(
            r.summary, [&]() -> std::optional<std::string_view> { return std::nullopt; },
            "customers/zhang-wei.toml", Logs::all);
        CHECK(!all); // damaged history: no record
    }
    SUBCASE("every cut of a record is no record") {
        const Record r = encode_record(parse(kFull), "customers/zhang-wei.toml");
        for (std::size_t k = 0; k < r.summary.size(); ++k)
            CHECK(!decode_record(
                std::string_view(r.summary).substr(0, k),
                [&]() -> std::optional<std::string_view> { return r.history; },
                "customers/zhang-wei.toml", Logs::all));
        for (std::size_t k = 0; k < r.history.size(); ++k)
            CHECK(!decode_record(
                r.summary,
                [&]() -> std::optional<std::string_view> {
                    return std::string_view(r.history).substr(0, k);
                },
                "customers/zhang-wei.toml", Logs::all));
    }
    SUBCASE("the example shop's customers all come back") {
        std::size_t n = 0;
        for (const auto& e :
             fs::directory_iterator(fs::path(CRM_SOURCE_DIR) / "examples/customers")) {
            std::ifstream in(e.path(), std::ios::binary);
            const std::string text((std::istreambuf_iterator<char>(in)), {});
            const std::string path = "customers/" + e.path().filename().string();
            const Parsed<Customer> p = parse(text, path);
            const auto back = round_trip(p, Logs::all, path);
            REQUIRE(back);
            CHECK(same(*back, p));
            ++n;
        }
        CHECK(n > 10);
    }
}

TEST_CASE("encode_index and decode_index") {
    const TwoEntries two;
    const std::string bytes = encode_index(two.index, "1.2.3");
    SUBCASE("round trip") {
        const auto back = decode_index(bytes, "1.2.3");
        REQUIRE(back);
        CHECK(back->scan_ns == two.index.scan_ns);
        CHECK(back->base == 0);
        CHECK(back->entries[1].scan_ns == two.index.scan_ns);
        REQUIRE(back->entries.size() == 2);
        for (std::size_t k = 0; k < 2; ++k) {
            CHECK(back->entries[k].path == two.index.entries[k].path);
            CHECK(back->entries[k].stat == two.index.entries[k].stat);
            CHECK(back->entries[k].summary == two.index.entries[k].summary);
            CHECK(back->entries[k].history == two.index.entries[k].history);
        }
        const auto b = read_entry(back->entries[1], Logs::all);
        REQUIRE(b);
        CHECK(same(*b, parse(kFull, "customers/b.toml")));
        CHECK(back->find("customers/b.toml") == &back->entries[1]);
        CHECK(back->find("customers/c.toml") == nullptr);
    }
    SUBCASE("an empty index") {
        const auto back = decode_index(encode_index(Index{}, "1.2.3"), "1.2.3");
        REQUIRE(back);
        CHECK(back->entries.empty());
    }
    SUBCASE("another crm version's index is no index") {
        CHECK(!decode_index(bytes, "1.2.4"));
        CHECK(!decode_index(bytes, "1.2"));
    }
    SUBCASE("another format's index is no index") {
        std::string other = bytes;
        const std::size_t at = std::string_view("crm-index\n").size();
        REQUIRE(other[at] == static_cast<char>(kIndexFormat));
        other[at] = static_cast<char>(kIndexFormat + 1);
        CHECK(!decode_index(other, "1.2.3"));
    }
    SUBCASE("truncated at every byte, or with a byte more, it is no index") {
        for (std::size_t k = 0; k < bytes.size(); ++k)
            CHECK(!decode_index(std::string_view(bytes).substr(0, k), "1.2.3"));
        CHECK(!decode_index(bytes + "x", "1.2.3"));
    }
    SUBCASE("a damaged byte anywhere is found") {
        // In the header and table: no index; in a record: no such entry.
        for (std::size_t k = 0; k < bytes.size(); ++k) {
            std::string damaged = bytes;
            damaged[k] = static_cast<char>(damaged[k] ^ 0x20);
            const auto back = decode_index(damaged, "1.2.3");
            const bool whole = back && read_entry(back->entries[0], Logs::all) &&
                               read_entry(back->entries[1], Logs::all);
            CHECK_MESSAGE(!whole, "byte ", k);
        }
    }
    SUBCASE("a delta names the whole index it amends") {
        const auto whole = decode_index(bytes, "1.2.3");
        REQUIRE(whole);
        Index delta;
        delta.base = whole->id;
        const auto back = decode_index(encode_index(delta, "1.2.3"), "1.2.3");
        REQUIRE(back);
        CHECK(back->base == whole->id);
        CHECK(back->id != whole->id);
    }
    SUBCASE("entries out of order are no index") {
        Index swapped = two.index;
        std::swap(swapped.entries[0], swapped.entries[1]);
        CHECK(!decode_index(encode_index(swapped, "1.2.3"), "1.2.3"));
    }
}

TEST_CASE("an index's table, one row at a time") {
    const TwoEntries two;
    const std::string bytes = encode_index(two.index, "1.2.3");
    const auto parts = index_parts(std::string_view(bytes).substr(0, kIndexPreamble));
    REQUIRE(parts);
    const std::string_view front = std::string_view(bytes).substr(0, parts->summaries_at());
    const auto whole = decode_index(bytes, "1.2.3");
    const auto table = decode_table(front, *parts, "1.2.3");
    REQUIRE(whole);
    REQUIRE(table);
    SUBCASE("each row is the entry decode_index gives") {
        REQUIRE(table->rows.size() == 2);
        CHECK(table->index.id == whole->id);
        CHECK(table->index.scan_ns == whole->scan_ns);
        CHECK(table->index.entries.empty());
        for (std::size_t k = 0; k < 2; ++k) {
            const IndexEntry e = table_entry(front, *table, k);
            const IndexEntry& w = whole->entries[k];
            CHECK(table_path(front, *table, k) == w.path);
            CHECK(e.path == w.path);
            CHECK(e.stat == w.stat);
            CHECK(e.summary_at == w.summary_at);
            CHECK(e.summary_size == w.summary_size);
            CHECK(e.history_at == w.history_at);
            CHECK(e.history_size == w.history_size);
            CHECK(e.summary_sum == w.summary_sum);
            CHECK(e.history_sum == w.history_sum);
            CHECK(e.scan_ns == w.scan_ns);
            CHECK(e.summary.empty()); // not loaded: the bytes stay in the file
        }
    }
    SUBCASE("a path is found at its row, and nothing else is") {
        CHECK(table_find(front, *table, "customers/a.toml") == std::optional<std::size_t>(0));
        CHECK(table_find(front, *table, "customers/b.toml") == std::optional<std::size_t>(1));
        for (const char* other : {"", "customers/", "customers/aa.toml", "customers/c.toml"})
            CHECK(!table_find(front, *table, other));
    }
    SUBCASE("the header alone, from the head's first bytes and its id") {
        const std::string_view start = front.substr(kIndexPreamble, 40);
        const auto h = decode_header(start, whole->id, "1.2.3");
        REQUIRE(h);
        CHECK(h->rows == 2);
        CHECK(h->index.scan_ns == whole->scan_ns);
        CHECK(h->index.base == 0);
        CHECK(h->index.id == whole->id);
        CHECK(!decode_header(start, whole->id, "1.2.4"));
        CHECK(!decode_header(start.substr(0, 3), whole->id, "1.2.3"));
    }
}

TEST_CASE("is_fresh") {
    const TwoEntries two;
    IndexEntry e = two.index.entries[0]; // mtime 4
    e.scan_ns = 5;
    CHECK(is_fresh(e, e.stat));
    e.scan_ns = 4;
    CHECK(!is_fresh(e, e.stat)); // racily clean: changed in the tick of the scan
    e.scan_ns = 3;
    CHECK(!is_fresh(e, e.stat)); // in the future of the scan
    e.scan_ns = 5;
    for (int field = 0; field < 6; ++field) {
        FileStat other = e.stat;
        switch (field) {
        case 0:
            other.device++;
            break;
        case 1:
            other.inode++;
            break;
        case 2:
            other.size++;
            break;
        case 3:
            other.mtime_ns--;
            break;
        case 4:
            other.ctime_ns++;
            break;
        default:
            other.mode ^= 0200;
            break;
        }
        CHECK_MESSAGE(!is_fresh(e, other), "field ", field);
    }
}

TEST_CASE("scans through the index") {
    const Folder f;
    f.put("customers/a.toml", kFull);
    f.put("customers/b.toml", "name = \"B\"\nclass = \"nope\"\n");
    f.put("customers/c.toml", "name = \"C\n");
    const Scan plain = scan(f, io::UseIndex::no);

    SUBCASE("the first scan writes the index, and every scan says what reading the files says") {
        CHECK(!fs::exists(f.root / io::kIndexPath));
        const Scan first = scan(f, io::UseIndex::yes);
        CHECK(fs::exists(f.root / io::kIndexPath));
        const Scan second = scan(f, io::UseIndex::yes);
        for (const Scan* s : {&first, &second}) {
            CHECK(s->names == plain.names);
            CHECK(s->diagnostics == plain.diagnostics);
            CHECK(s->skipped == plain.skipped);
        }
        CHECK(plain.names == std::vector<std::string>{"張偉@visit", "B", "x"});
        const auto index = decode_index(index_bytes(f), io::index_version());
        REQUIRE(index);
        CHECK(index->entries.size() == 4);
    }

    SUBCASE("--no-index neither reads nor writes it") {
        scan(f, io::UseIndex::no);
        CHECK(!fs::exists(f.root / io::kIndexPath));
    }

    SUBCASE("an entry stands for its file, unless it is racily clean") {
        // The index says b.toml is "OLD"; the file says "B". The entry's
        // stat data is made the file's own, so only the scan time decides.
        scan(f, io::UseIndex::yes);
        const std::int64_t mtime = 1'800'000'000'000'000'000; // a known tick
        set_mtime(f.root / "customers/b.toml", mtime);
        const Record old =
            encode_record(parse("name = \"OLD\"\n", "customers/b.toml"), "customers/b.toml");
        const std::string bytes = index_bytes(f);
        Index index = *decode_index(bytes, io::index_version());
        for (IndexEntry& e : index.entries)
            if (e.path == "customers/b.toml")
                e = {e.path, stat_of(f.root / "customers/b.toml"), old.summary, old.history};

        index.scan_ns = mtime + 1; // the file is older than the scan: trusted, not read
        put_index(f, index);
        CHECK(scan(f, io::UseIndex::yes).names[1] == "OLD");

        index.scan_ns = mtime; // changed in the very tick of the scan: read again
        put_index(f, index);
        CHECK(scan(f, io::UseIndex::yes).names[1] == "B");
        // ... and the index now has the file's own parse.
        CHECK(scan(f, io::UseIndex::yes).names[1] == "B");
    }

    SUBCASE("a file changed with the same size and mtime is read again (its ctime moved)") {
        scan(f, io::UseIndex::yes);
        const FileStat before = stat_of(f.root / "customers/x.toml");
        f.put("customers/x.toml", "name = \"y\"\n");
        set_mtime(f.root / "customers/x.toml", before.mtime_ns);
        CHECK(scan(f, io::UseIndex::yes).names[2] == "y");
    }

    SUBCASE("added, deleted and renamed files") {
        scan(f, io::UseIndex::yes);
        fs::rename(f.root / "customers/b.toml", f.root / "customers/d.toml");
        fs::remove(f.root / "customers/x.toml");
        f.put("customers/e.toml", "name = \"E\"\n");
        const Scan s = scan(f, io::UseIndex::yes);
        CHECK(s.names == std::vector<std::string>{"張偉@visit", "B", "E"});
        CHECK(s.diagnostics == scan(f, io::UseIndex::no).diagnostics);
        const io::IndexFiles files(f.root);
        CHECK(files.find("customers/d.toml").has_value());
        CHECK(files.find("customers/e.toml").has_value());
    }

    SUBCASE("a damaged index is read as none and written again") {
        scan(f, io::UseIndex::yes);
        const std::string bytes = index_bytes(f);
        f.put(io::kIndexPath, bytes.substr(0, bytes.size() / 2));
        const Scan s = scan(f, io::UseIndex::yes);
        CHECK(s.names == plain.names);
        CHECK(decode_index(index_bytes(f), io::index_version()));
    }

    SUBCASE("when the state folder cannot be written, scans still work") {
        fs::remove_all(f.root / ".crm");
        f.put(".crm", "a file where the folder would be");
        const Scan s = scan(f, io::UseIndex::yes);
        CHECK(s.names == plain.names);
        CHECK(s.diagnostics == plain.diagnostics);
        CHECK(!io::IndexWriter(f.root).ok());
    }

    SUBCASE("Logs::check through the index says what reading the files says") {
        scan(f, io::UseIndex::yes);
        const Scan s = scan(f, io::UseIndex::yes, Logs::check);
        CHECK(s.diagnostics == plain.diagnostics);
        CHECK(s.skipped == plain.skipped);
        CHECK(s.names.size() == plain.names.size());
    }

    SUBCASE("Logs::all through the index") {
        scan(f, io::UseIndex::yes);
        CHECK(scan(f, io::UseIndex::yes, Logs::all).names ==
              scan(f, io::UseIndex::no, Logs::all).names);
        CHECK(scan(f, io::UseIndex::yes, Logs::all).names[0] == "張偉@call");
    }
}

TEST_CASE("IndexFiles reads the whole index's table only when it is asked for") {
    const Folder f;
    f.put("customers/a.toml", "name = \"A\"\n");
    f.put("customers/b.toml", kFull);
    scan(f, io::UseIndex::yes);
    const io::IndexFiles full(f.root);
    REQUIRE(full.whole_header());
    SUBCASE("the header: the id a delta names, and the count") {
        const io::IndexFiles later(f.root, false);
        REQUIRE(later.whole_header());
        CHECK(later.whole_header()->id == full.whole_header()->id);
        CHECK(later.whole_size() == 3);                // with the folder's own x.toml
        const auto b = later.find("customers/b.toml"); // the table is read now
        REQUIRE(b);
        io::SummaryWindow window;
        const auto parsed = later.read(*b, Logs::all, window);
        REQUIRE(parsed);
        CHECK(same(*parsed, parse(kFull, "customers/b.toml")));
    }
    SUBCASE("a damaged table is found when it is read") {
        std::string bytes = index_bytes(f);
        const auto parts = index_parts(std::string_view(bytes).substr(0, kIndexPreamble));
        REQUIRE(parts);
        bytes[kIndexPreamble + parts->head - 9] ^= 1; // in the last row, under the checksum
        f.put(io::kIndexPath, bytes);
        CHECK(!io::IndexFiles(f.root).whole_header());
        const io::IndexFiles later(f.root, false);
        CHECK(later.whole_header()); // its first bytes and its id read well
        CHECK(!later.find("customers/a.toml"));
        CHECK(!later.whole());
    }
}

TEST_CASE("a few files among many are looked up alone, with what reading them gives") {
    const Folder f;
    f.put("crm.toml", "");
    for (int k = 0; k < 40; ++k)
        f.put(fmt::format("customers/c{:02}.toml", k), fmt::format("name = \"C{:02}\"\n", k));
    // A file named by hand, not as crm names one: found by its name whole.
    f.put("customers/Big Shop.toml",
          "name = \"Big\"\n[[log]]\ndate = 2026-11-02\nkind = \"call\"\n");
    scan(f, io::UseIndex::yes);
    f.put("customers/c05.toml", "name = \"changed since the scan\"\n");
    f.put("customers/c07.toml", "name = \"written by crm\"\n");
    io::refresh_index(f.root, {"customers/c07.toml"}); // its entry goes in the delta
    const io::IndexFiles files(f.root);
    REQUIRE(files.delta());
    const auto c07 = files.find("customers/c07.toml");
    REQUIRE(c07);
    CHECK(c07->from_delta);
    io::SummaryWindow window;
    const auto parsed = files.read(*c07, Logs::all, window); // from the delta's file
    REQUIRE(parsed);
    CHECK(parsed->value->name == "written by crm");
    for (const std::string query : {"c05", "c07", "c09", "C11", "written", "Big Shop"}) {
        CAPTURE(query);
        const Ledger with = io::load_for_query(f.root, 2, query, io::UseIndex::yes);
        const Ledger without = io::load_for_query(f.root, 2, query, io::UseIndex::no);
        CHECK(with.customers == without.customers);
        CHECK(with.diagnostics == without.diagnostics);
        CHECK(with.unreadable == without.unreadable);
    }
    CHECK(io::load_for_query(f.root, 2, "c07", io::UseIndex::yes).customers.at(0).name ==
          "written by crm");
    const Ledger by_file = io::load_for_query(f.root, 2, "Big Shop", io::UseIndex::yes);
    REQUIRE(by_file.customers.size() == 1);
    CHECK(by_file.customers[0].logs.size() == 1); // whole, not as who the customer is
}

TEST_CASE("refresh_index") {
    const Folder f;
    f.put("customers/a.toml", "name = \"A\"\n");
    SUBCASE("without an index, a write makes none") {
        io::refresh_index(f.root, {"customers/a.toml"});
        CHECK(!fs::exists(f.root / io::kIndexPath));
    }
    SUBCASE("the written file's entry is its new parse and stat data, in the delta") {
        scan(f, io::UseIndex::yes);
        const std::string whole = index_bytes(f);
        f.put("customers/a.toml", "name = \"A2\"\n");
        io::refresh_index(f.root, {"customers/a.toml", "customers/a.toml", "crm.toml"});
        CHECK(index_bytes(f) == whole); // a write rewrites the delta, not the whole index
        const io::IndexFiles files(f.root);
        REQUIRE(files.delta());
        CHECK(files.delta()->entries.size() == 1);
        const std::optional<IndexEntry> e = files.find("customers/a.toml");
        REQUIRE(e);
        CHECK(e->stat == stat_of(f.root / "customers/a.toml"));
        io::SummaryWindow window;
        const auto a = files.read(*e, Logs::all, window);
        REQUIRE(a);
        CHECK(a->value->name == "A2");
        CHECK(files.find("customers/x.toml").has_value());
        // A scan through both says what the files say.
        CHECK(scan(f, io::UseIndex::yes).names == scan(f, io::UseIndex::no).names);
    }
    SUBCASE("a delta over another whole index is not used") {
        scan(f, io::UseIndex::yes);
        f.put("customers/a.toml", "name = \"A2\"\n");
        io::refresh_index(f.root, {"customers/a.toml"});
        REQUIRE(io::IndexFiles(f.root).delta());
        fs::remove(f.root / io::kIndexPath);
        scan(f, io::UseIndex::yes); // a new whole index, and no delta
        CHECK(!fs::exists(f.root / io::kDeltaPath));
        CHECK(io::IndexFiles(f.root).find("customers/a.toml"));
    }
    SUBCASE("a racily clean entry is not carried into a later scan time") {
        scan(f, io::UseIndex::yes);
        f.put("customers/b.toml", "name = \"B\"\n");
        io::refresh_index(f.root, {"customers/b.toml"});
        // Make b's delta entry racy, then write a.
        const io::IndexFiles before(f.root);
        REQUIRE(before.delta());
        Index racy = *before.delta();
        racy.scan_ns = racy.entries.at(0).stat.mtime_ns;
        std::ofstream(f.root / io::kDeltaPath, std::ios::binary)
            << encode_index(racy, io::index_version());
        io::refresh_index(f.root, {"customers/a.toml"});
        const io::IndexFiles after(f.root);
        REQUIRE(after.delta());
        CHECK(after.delta()->find("customers/b.toml") == nullptr);
        CHECK(after.delta()->find("customers/a.toml") != nullptr);
    }
}

TEST_CASE("a change among many files rewrites the whole index, not a delta") {
    const Folder f;
    // Older than any scan: no entry is racily clean, so that the second
    // scan reads only the file changed, however coarse the clock.
    const std::int64_t past = stat_of(f.root / "customers").mtime_ns - 60'000'000'000;
    for (int i = 0; i < 80; ++i) {
        f.put("customers/c" + std::to_string(i) + ".toml", "name = \"C\"\n");
        set_mtime(f.root / ("customers/c" + std::to_string(i) + ".toml"), past);
    }
    scan(f, io::UseIndex::yes);
    f.put("customers/c1.toml", "name = \"one\"\n");
    scan(f, io::UseIndex::yes);
    CHECK(fs::exists(f.root / io::kDeltaPath)); // one file: a delta
    const std::int64_t scan_before = io::IndexFiles(f.root).whole()->scan_ns;
    for (int i = 0; i < 70; ++i)
        f.put("customers/c" + std::to_string(i) + ".toml", "name = \"D\"\n");
    const Scan s = scan(f, io::UseIndex::yes);
    CHECK(!fs::exists(f.root / io::kDeltaPath));
    CHECK(io::IndexFiles(f.root).whole()->scan_ns != scan_before);
    CHECK(s.names == scan(f, io::UseIndex::no).names);
}
