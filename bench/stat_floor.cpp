// The floor under a run that finds nothing changed: list DIR/customers (as
// crm does, dot files skipped) and stat every *.toml file on THREADS threads
// (default 2), file i on thread i % THREADS, reading nothing. Prints how many
// files were stat-ed; exit status 1 if any stat failed.
//
//   stat_floor DIR [THREADS]
//
// Built by bench/index.sh: g++ -std=c++20 -O2 bench/stat_floor.cpp -o stat_floor -pthread

#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: stat_floor DIR [THREADS]\n");
        return 2;
    }
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
    const std::string dir = std::string(argv[1]) + "/customers";
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return 1;
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.starts_with('.') || !name.ends_with(".toml"))
            continue;
        names.push_back(name);
    }
    const int fd = ::dirfd(d);
    std::vector<int> failed(threads, 0);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            struct stat st {};
            for (std::size_t i = t; i < names.size(); i += threads)
                if (::fstatat(fd, names[i].c_str(), &st, 0) != 0)
                    ++failed[t];
        });
    for (auto& p : pool)
        p.join();
    ::closedir(d);
    std::printf("%zu\n", names.size());
    for (int f : failed)
        if (f)
            return 1;
    return 0;
}
