#include "process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace crm::io {

namespace {

struct Pipe {
    int read = -1;
    int write = -1;
    bool open() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
    static void close_fd(int& fd) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    void close_all() {
        close_fd(read);
        close_fd(write);
    }
};

// In the child, only async-signal-safe calls: everything was prepared before
// fork. Exec failures are reported to the parent through `status`.
[[noreturn]] void exec_child(char* const* argv, const char* cwd, bool capture, Pipe& out, Pipe& err,
                             Pipe& status) {
    if (capture) {
        const int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, STDIN_FILENO);
        dup2(out.write, STDOUT_FILENO);
        dup2(err.write, STDERR_FILENO);
    }
    int error = 0;
    if (cwd && chdir(cwd) != 0)
        error = errno;
    if (error == 0) {
        execvp(argv[0], argv);
        error = errno;
    }
    [[maybe_unused]] auto n = ::write(status.write, &error, sizeof error);
    _exit(127);
}

// Reads both pipes until they close; poll() keeps a chatty stderr from
// blocking the child while we wait on stdout.
void drain(Pipe& out, Pipe& err, ProcessResult& r) {
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_count = 2;
    char buffer[4096];
    while (open_count > 0) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            return;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0)
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
}

int wait_for(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

} // namespace

std::string errno_text(int errno_value) {
    std::string text = std::strerror(errno_value);
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' &&
        !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

ProcessResult run_process(const std::vector<std::string>& argv, bool capture,
                          const std::filesystem::path& cwd) {
    ProcessResult r;
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::string dir = cwd.string();
    Pipe out, err, status;
    if ((capture && (!out.open() || !err.open())) || !status.open()) {
        r.err = errno_text(errno);
        return r;
    }
    const pid_t pid = fork();
    if (pid == 0)
        exec_child(args.data(), dir.empty() ? nullptr : dir.c_str(), capture, out, err, status);
    // The parent keeps only the reading ends, so that a pipe closes when the
    // child exits.
    for (Pipe* p : {&out, &err, &status})
        Pipe::close_fd(p->write);
    if (pid < 0) {
        r.err = errno_text(errno);
    } else {
        if (capture)
            drain(out, err, r);
        int error = 0;
        const bool failed = ::read(status.read, &error, sizeof error) == sizeof error;
        r.status = wait_for(pid);
        if (failed) {
            r.status = -1;
            r.err = errno_text(error);
        }
    }
    for (Pipe* p : {&out, &err, &status})
        p->close_all();
    return r;
}

} // namespace crm::io
