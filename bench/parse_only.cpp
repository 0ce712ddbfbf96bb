// The benchmark's baseline: what merely reading and parsing a ledger's customer
// files with toml++ costs, with nothing of crm on top.
//
//   parse_only DIR [THREADS]
//
// lists DIR/customers/*.toml (skipping dot files, as crm does), then reads and
// parses each with toml::parse on THREADS threads (default 2), file i on thread
// i % THREADS, and prints how many files parsed. Each file's text and table are
// dropped as soon as it is parsed. Exit status 1 if any file did not parse.
//
// Built by bench/run.sh against the same shared toml++ that crm links:
//   g++ -std=c++20 -O2 bench/parse_only.cpp -o parse_only
//       -DTOML_HEADER_ONLY=0 -DTOML_SHARED_LIB=1 -ltomlplusplus -pthread

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <toml++/toml.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The whole file into `text`, with one read() for the size fstat() gives (as crm reads).
bool read_file(const fs::path& path, std::string& text) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0;
    text.resize(ok ? static_cast<std::size_t>(st.st_size) : 0);
    std::size_t done = 0;
    while (ok) {
        char more[4096];
        const bool full = done == text.size();
        const ssize_t n = full ? ::read(fd, more, sizeof more)
                               : ::read(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        if (full) // the file grew since fstat
            text.append(more, static_cast<std::size_t>(n));
        done += static_cast<std::size_t>(n);
    }
    text.resize(done);
    ::close(fd);
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: parse_only DIR [THREADS]\n");
        return 2;
    }
    const fs::path customers = fs::path(argv[1]) / "customers";
    const unsigned threads = argc == 3 ? static_cast<unsigned>(std::atoi(argv[2])) : 2u;
    if (threads == 0) {
        std::fprintf(stderr, "parse_only: THREADS must be at least 1\n");
        return 2;
    }

    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(customers, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with('.') && name.ends_with(".toml"))
            files.push_back(entry.path());
    }
    if (ec) {
        std::fprintf(stderr, "parse_only: %s: %s\n", customers.c_str(), ec.message().c_str());
        return 2;
    }
    std::sort(files.begin(), files.end());

    std::atomic<std::size_t> parsed{0};
    std::atomic<std::size_t> failed{0};
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                std::string text;
                std::size_t ok = 0;
                for (std::size_t i = t; i < files.size(); i += threads) {
                    if (!read_file(files[i], text)) {
                        std::fprintf(stderr, "%s: cannot read\n", files[i].c_str());
                        ++failed;
                        continue;
                    }
                    try {
                        const toml::table table =
                            toml::parse(text, std::string_view(files[i].native()));
                        ok += table.empty() ? 0 : 1; // every customer file has keys
                    } catch (const toml::parse_error& e) {
                        std::fprintf(stderr, "%s:%u:%u: %.*s\n", files[i].c_str(),
                                     e.source().begin.line, e.source().begin.column,
                                     static_cast<int>(e.description().size()),
                                     e.description().data());
                        ++failed;
                    }
                }
                parsed += ok;
            });
    }
    std::printf("%zu\n", parsed.load());
    return failed ? 1 : 0;
}
