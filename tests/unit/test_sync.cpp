#include "merge_driver.hpp"
#include "sync_text.hpp"
#include "temp_folder.hpp"

#include <doctest/doctest.h>

using namespace crm;
using namespace crm::render;

TEST_CASE("sync_commit_message") {
    SUBCASE("up to three names are all given") {
        CHECK(sync_commit_message({"張偉"}) == "crm sync: 張偉");
        CHECK(sync_commit_message({"張偉", "Acme"}) == "crm sync: 張偉 and Acme");
        CHECK(sync_commit_message({"張偉", "Acme", "crm.toml"}) ==
              "crm sync: 張偉, Acme and crm.toml");
    }
    SUBCASE("past three, the first two and how many more") {
        CHECK(sync_commit_message({"張偉", "Acme", "Bob", "Cy", "Dee"}) ==
              "crm sync: 張偉, Acme and 3 more");
    }
    SUBCASE("a name cannot break the message's line") {
        CHECK(sync_commit_message({"Evil\nSigned-off-by: x"}) ==
              "crm sync: Evil\\nSigned-off-by: x");
    }
}

TEST_CASE("incoming_line") {
    SUBCASE("the customers by name, with their count") {
        CHECK(incoming_line({"ben", {"張偉", "Acme", "Bob"}, {}}) ==
              "ben changed 3 customers: 張偉, Acme and Bob");
        CHECK(incoming_line({"ben", {"張偉"}, {}}) == "ben changed 1 customer: 張偉");
    }
    SUBCASE("past five, the first four and how many more") {
        CHECK(incoming_line({"ben", {"a", "b", "c", "d", "e", "f", "g"}, {}}) ==
              "ben changed 7 customers: a, b, c, d and 3 more");
    }
    SUBCASE("other files after the customers, or alone") {
        CHECK(incoming_line({"amy", {"張偉"}, {"crm.toml"}}) ==
              "amy changed 1 customer: 張偉 (and crm.toml)");
        CHECK(incoming_line({"amy", {}, {"crm.toml", ".gitattributes"}}) ==
              "amy changed crm.toml, .gitattributes");
    }
    SUBCASE("an author's name from a commit drives no terminal") {
        CHECK(incoming_line({"\x1b[31mben", {"x"}, {}}) == "\\e[31mben changed 1 customer: x");
    }
}

TEST_CASE("incoming_text") {
    SUBCASE("one line per author") {
        CHECK(incoming_text({{"ben", {"張偉"}, {}}, {"carl", {"Acme"}, {}}}) ==
              "ben changed 1 customer: 張偉\ncarl changed 1 customer: Acme\n");
    }
    SUBCASE("nothing came in, or nothing in the folder") {
        CHECK(incoming_text({}) == "nothing new from the others\n");
        CHECK(incoming_text({{"ben", {}, {}}}) == "nothing new from the others\n");
    }
}

TEST_CASE("sent_text") {
    CHECK(sent_text(0, "origin/main") == "nothing to send; origin/main has it all\n");
    CHECK(sent_text(1, "origin/main") == "sent 1 commit to origin/main\n");
    CHECK(sent_text(2, "origin/main") == "sent 2 commits to origin/main\n");
}

TEST_CASE("attributes_rule_line") {
    SUBCASE("the rule's line, among others") {
        CHECK(io::attributes_rule_line("*.png binary\n# crm\ncustomers/**/*.toml merge=crm\n") ==
              3);
        CHECK(io::attributes_rule_line("customers/**/*.toml  text\tmerge=crm\r\n") == 1);
    }
    SUBCASE("no rule: another pattern, another driver, or a comment") {
        CHECK(io::attributes_rule_line("") == 0);
        CHECK(io::attributes_rule_line("customers/*.toml merge=crm\n") == 0);
        CHECK(io::attributes_rule_line("customers/**/*.toml merge=union\n") == 0);
        CHECK(io::attributes_rule_line("# customers/**/*.toml merge=crm\n") == 0);
    }
}

TEST_CASE("ensure_attributes") {
    test::Folder f;
    SUBCASE("a new file holds the rule") {
        CHECK(io::ensure_attributes(f.root));
        CHECK(io::attributes_rule_line(f.get(".gitattributes")) == 2);
    }
    SUBCASE("an existing file is appended to, once") {
        f.put(".gitattributes", "*.png binary");
        CHECK(io::ensure_attributes(f.root));
        CHECK_FALSE(io::ensure_attributes(f.root));
        CHECK(f.get(".gitattributes") == "*.png binary\n# customer files are merged by crm, "
                                         "entry by entry (crm(5))\ncustomers/**/*.toml "
                                         "merge=crm\n");
    }
    SUBCASE("a file with the rule is left as it is") {
        f.put(".gitattributes", "customers/**/*.toml merge=crm -text\n");
        CHECK_FALSE(io::ensure_attributes(f.root));
        CHECK(f.get(".gitattributes") == "customers/**/*.toml merge=crm -text\n");
    }
}
