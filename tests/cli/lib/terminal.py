"""Running crm at a pseudo-terminal, for the tests of what it does when its
output is a terminal (colour, cursor moves, width, character set)."""
import os
import pty


def read_all(fd):
    """Everything written to the terminal whose master side is `fd`, until
    the other side is closed."""
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        out += chunk
    return out


def in_pty(args, env):
    """The bytes `args` writes to a new terminal (stdout and stderr both)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    out = read_all(fd)
    os.close(fd)
    os.waitpid(pid, 0)
    return out
