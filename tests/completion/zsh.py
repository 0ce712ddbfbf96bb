#!/usr/bin/env python3
"""zsh completes lines typed into it through a pseudo-terminal, with compinit
and the file `crm completion zsh` prints on its fpath, in a copy of examples/.

    zsh.py --crm path/to/crm --root path/to/source

A key bound to a widget writes the line after TAB to a file, its words as
zsh reads them (so quoting is checked by zsh itself); a list of several
candidates is read from what the terminal shows.
"""
import os
import pty
import select
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from harness import ACME, ZHANG, Harness  # noqa: E402


class Zsh:
    def __init__(self, h, fpath_dir):
        self.h = h
        self.dump = h.tmp / "buffer"
        pid, self.fd = pty.fork()
        if pid == 0:
            os.chdir(h.ledger)
            os.execve("/usr/bin/env", ["env", "zsh", "-f", "-i"],
                      dict(h.env, TERM="xterm", COLUMNS="200", LINES="50"))
        self.pid = pid
        setup = [
            "PS1='%% '; unsetopt beep; setopt no_auto_menu",
            f"fpath=({shlex.quote(str(fpath_dir))} $fpath)",
            "autoload -U compinit; compinit -u -D",
            f"dump() {{ print -rl -- ${{(Q)${{(z)BUFFER}}}} >| {shlex.quote(str(self.dump))} }}",
            "zle -N dump; bindkey '^X' dump",
            "print READY",
        ]
        self.send("\n".join(setup) + "\n")
        self.read_until(b"READY\r\n", 20)

    def send(self, text):
        os.write(self.fd, text.encode("utf-8"))

    def read_until(self, marker, timeout):
        out, end = b"", time.time() + timeout
        while marker not in out and time.time() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    out += os.read(self.fd, 65536)
                except OSError:
                    break
        return out

    def words(self, line, cwd=None):
        """The words of the line after typing `line` and TAB."""
        self.dump.unlink(missing_ok=True)
        self.send(line + "\t")
        time.sleep(0.3)
        self.send("\x18")  # ^X: dump
        end = time.time() + 10
        while not self.dump.exists() and time.time() < end:
            self.read_until(b"\0", 0.1)
        self.send("\x15")  # ^U: empty the line for the next case
        self.read_until(b"\0", 0.2)
        if not self.dump.exists():
            return None
        time.sleep(0.05)
        return self.dump.read_text(encoding="utf-8").split("\n")[:-1]

    def run(self, command):
        """Runs `command` in the shell, waiting for it to finish."""
        self.send(command + "; print D''ONE\n")
        self.read_until(b"DONE\r\n", 10)

    def listing(self, line):
        """What the terminal shows after `line` and TAB TAB (the list)."""
        self.send(line + "\t")
        shown = self.read_until(b"\0", 1.5)
        self.send("\t")
        shown += self.read_until(b"\0", 1.5)
        self.send("\x15")
        self.read_until(b"\0", 0.2)
        return shown.decode("utf-8", "replace")

    def close(self):
        self.send("exit\n")
        time.sleep(0.2)
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def main():
    h = Harness(__doc__.split("\n\n")[0])
    script = h.script("zsh")
    z = Zsh(h, script.parent)
    try:
        h.check("crm du", z.words("crm du"), ["crm", "due"])
        h.check("crm due --qu", z.words("crm due --qu"), ["crm", "due", "--quiet"])
        h.check("crm due --format j", z.words("crm due --format j"),
                ["crm", "due", "--format", "json"])
        h.check("crm log --class cl (crm.toml's classes)", z.words("crm log --class cl"),
                ["crm", "log", "--class", "client"])
        h.check("crm sell zhang-wei office (crm.toml's products)",
                z.words("crm sell zhang-wei office"),
                ["crm", "sell", "zhang-wei", "office-tea-case"])
        h.check("crm show 張 (a Chinese name)", z.words("crm show 張"), ["crm", "show", ZHANG])
        h.check("crm show Acme (spaces and brackets, quoted)", z.words("crm show Acme"),
                ["crm", "show", ACME])
        h.check("crm show Sar", z.words("crm show Sar"), ["crm", "show", "Sarah Miller"])
        shown = z.listing("crm due --sort ")
        h.check("crm due --sort lists the sort keys",
                [v for v in ["date", "value", "name", "region"] if v not in shown], [])
        shown = z.listing("crm ")
        h.check("crm lists the commands", [c for c in ["due", "show", "log", "merge-file"]
                                           if c not in shown], [])
        h.check("completion is hidden", "completion" in shown, False)
        z.run(f"cd {shlex.quote(str(h.outside))}")
        h.check("outside a folder: nothing", z.words("crm show 張"), ["crm", "show", "張"])
        h.check("-C DIR honoured", z.words(f"crm -C {h.ledger} show 張"),
                ["crm", "-C", str(h.ledger), "show", ZHANG])
        z.run(f"export CRM_DIR={shlex.quote(str(h.ledger))}")
        h.check("CRM_DIR honoured", z.words("crm show 張"), ["crm", "show", ZHANG])
    finally:
        z.close()
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
