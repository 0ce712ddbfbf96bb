#pragma once
// A temporary ledger folder for tests that touch the disk.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace crm::test {

namespace fs = std::filesystem;

// A folder of its own for each test, with customers/x.toml in it.
struct Folder {
    fs::path root;
    Folder() {
        std::string pattern = (fs::temp_directory_path() / "crm-unit-XXXXXX").string();
        root = mkdtemp(pattern.data());
        fs::create_directories(root / "customers");
        put("customers/x.toml", "name = \"x\"\n");
    }
    ~Folder() { fs::remove_all(root); }
    void put(const std::string& relative, const std::string& text) const {
        std::ofstream(root / relative, std::ios::binary) << text;
    }
    std::string get(const std::string& relative) const {
        std::ifstream in(root / relative, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    // Everything in customers/, hidden files too.
    std::vector<std::string> listing() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(root / "customers"))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

} // namespace crm::test
