#include "process.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
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
[[noreturn]] void exec_child(char* const* argv, const char* cwd, bool capture, Pipe& in, Pipe& out,
                             Pipe& err, Pipe& status) {
    if (capture) {
        const int source = in.read >= 0 ? in.read : ::open("/dev/null", O_RDONLY);
        if (source >= 0)
            dup2(source, STDIN_FILENO);
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

// Writes `input` to the child while it reads both of its output pipes until
// they close; poll() keeps a chatty stderr from blocking the child while we
// wait on stdout, and a child that does not read its input from blocking us.
void feed(pollfd& fd, std::string_view& input) {
    const ssize_t n = ::write(fd.fd, input.data(), std::min<std::size_t>(input.size(), 65536));
    if (n > 0)
        input.remove_prefix(static_cast<std::size_t>(n));
    if ((n < 0 && errno != EINTR && errno != EAGAIN) || input.empty()) {
        ::close(fd.fd);
        fd.fd = -1;
    }
}

void drain(Pipe& in, std::string_view input, Pipe& out, Pipe& err, ProcessResult& r) {
    pollfd writing = {in.write, POLLOUT, 0};
    if (writing.fd >= 0 && input.empty()) {
        Pipe::close_fd(in.write);
        writing.fd = -1;
    }
    in.write = -1; // closed by feed()
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    int open_count = 2;
    char buffer[4096];
    while (open_count > 0) {
        pollfd all[3] = {fds[0], fds[1], writing};
        if (poll(all, writing.fd >= 0 ? 3 : 2, -1) < 0 && errno != EINTR)
            return;
        fds[0].revents = all[0].revents;
        fds[1].revents = all[1].revents;
        if (writing.fd >= 0 && all[2].revents != 0)
            feed(writing, input);
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
                          const std::filesystem::path& cwd, std::optional<std::string_view> input) {
    ProcessResult r;
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::string dir = cwd.string();
    Pipe in, out, err, status;
    if ((capture && (!out.open() || !err.open())) || !status.open() ||
        (capture && input && !in.open())) {
        r.err = errno_text(errno);
        return r;
    }
    const pid_t pid = fork();
    if (pid == 0)
        exec_child(args.data(), dir.empty() ? nullptr : dir.c_str(), capture, in, out, err, status);
    // The parent keeps only the reading ends, and the writing end of the
    // child's input, so that a pipe closes when the child exits.
    for (Pipe* p : {&out, &err, &status})
        Pipe::close_fd(p->write);
    Pipe::close_fd(in.read);
    if (in.write >= 0)
        fcntl(in.write, F_SETFL, O_NONBLOCK);
    if (pid < 0) {
        r.err = errno_text(errno);
    } else {
        if (capture) {
            // A child that exits before reading all of its input must not
            // kill crm with SIGPIPE: the write fails with EPIPE instead.
            struct sigaction ignore {
            }, old{};
            ignore.sa_handler = SIG_IGN;
            sigaction(SIGPIPE, &ignore, &old);
            drain(in, input.value_or(std::string_view()), out, err, r);
            sigaction(SIGPIPE, &old, nullptr);
        }
        int error = 0;
        const bool failed = ::read(status.read, &error, sizeof error) == sizeof error;
        r.status = wait_for(pid);
        if (failed) {
            r.status = -1;
            r.err = errno_text(error);
        }
    }
    for (Pipe* p : {&in, &out, &err, &status})
        p->close_all();
    return r;
}

} // namespace crm::io
