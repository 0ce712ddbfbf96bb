#!/usr/bin/env python3
"""bash runs the script `crm completion bash` prints: `complete -p crm`, then
the completion function called with COMP_WORDS and COMP_CWORD set as
readline sets them, in a copy of examples/.

    bash.py --crm path/to/crm --root path/to/source

Also checks that every option whose --help shows a fixed set (a|b|c)
completes exactly that set: the script cannot drift from the options.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "lib"))
from harness import ACME, ZHANG, Harness  # noqa: E402

BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")


def complete(h, script, words, cwd=None, extra=""):
    """COMPREPLY for the line `words` (the last being the word at the cursor)."""
    words_src = " ".join(shlex.quote(w) for w in words)
    program = (f"{extra}\nsource {shlex.quote(str(script))}\n"
               f"COMP_WORDS=({words_src}); COMP_CWORD={len(words) - 1}\n"
               f"COMP_LINE={shlex.quote(' '.join(words))}; COMP_POINT=${{#COMP_LINE}}\n"
               "_crm crm \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
               "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True,
                          text=True, env=h.env, cwd=cwd or h.ledger)
    if done.returncode != 0 or done.stderr:
        h.failures.append(f"bash for {words!r} exited {done.returncode}: {done.stderr}")
    return [l for l in done.stdout.split("\n") if l]


def dequoted(word):
    """What bash makes of a completed word: the word as the command gets it."""
    done = subprocess.run(["bash", "--norc", "-c", f"printf '%s' {word}"], capture_output=True,
                          text=True)
    return done.stdout


def fixed_sets(h):
    """{(command, option): [values]} for each option whose --help text is a|b|c."""
    def help_of(*args):
        return subprocess.run([h.crm, *args, "--help"], capture_output=True, text=True,
                              env=dict(h.env, COLUMNS="200")).stdout
    top = help_of()
    commands = re.findall(r"^  ([a-z][\w-]*)\s", top.split("Commands:")[1].split("\n\n")[0],
                          re.M)
    out = {}
    for command in commands:
        for m in re.finditer(r"^\s+(?:-\w,)?(--[\w-]+) ([a-z0-9-]+(?:\|[a-z0-9-]+)+)\s",
                             help_of(command), re.M):
            out[(command, m.group(1))] = m.group(2).split("|")
    return commands, out


def main():
    h = Harness(__doc__.split("\n\n")[0])
    script = h.script("bash")

    if BASH_COMPLETION.is_file():
        done = subprocess.run(["bash", "--norc", "-c", f"source {BASH_COMPLETION}; "
                               f"source {shlex.quote(str(script))}; complete -p crm"],
                              capture_output=True, text=True, env=h.env)
        h.check("complete -p crm, with bash-completion loaded", done.stdout.strip(),
                "complete -F _crm crm")
    done = subprocess.run(["bash", "--norc", "-c", f"source {shlex.quote(str(script))}; "
                           "complete -p crm"], capture_output=True, text=True, env=h.env)
    h.check("complete -p crm", done.stdout.strip(), "complete -F _crm crm")

    commands, sets = fixed_sets(h)
    h.check("the commands", sorted(complete(h, script, ["crm", ""])), sorted(commands))
    h.check("crm du", complete(h, script, ["crm", "du"]), ["due"])
    h.check("crm completion is hidden", "completion" in commands, False)
    h.check("crm due --so", complete(h, script, ["crm", "due", "--so"]), ["--sort"])
    h.check("crm -C DIR due --qu (a global first)",
            complete(h, script, ["crm", "-C", str(h.ledger), "due", "--qu"]), ["--quiet"])
    h.check("crm log --cl", complete(h, script, ["crm", "log", "--cl"]), ["--class"])
    h.check("crm --co", complete(h, script, ["crm", "--co"]), ["--color"])
    h.check("crm due --sort ''", sorted(complete(h, script, ["crm", "due", "--sort", ""])),
            sorted(["date", "value", "name", "region"]))
    h.check("crm due --format=j (bash splits at =)",
            complete(h, script, ["crm", "due", "--format", "=", "j"]), ["json"])
    h.check("crm list --format=", sorted(complete(h, script, ["crm", "list", "--format", "="])),
            sorted(["text", "json", "csv", "tsv"]))
    h.check("crm due --kind b (the agenda's reasons)",
            complete(h, script, ["crm", "due", "--kind", "b"]), ["birthday"])
    for (command, option), values in sorted(sets.items()):
        h.check(f"crm {command} {option} '' offers its --help set",
                sorted(complete(h, script, ["crm", command, option, ""])), sorted(values))

    h.check("crm log --class '' (crm.toml's classes)",
            complete(h, script, ["crm", "log", "--class", ""]),
            sorted(["now", "later", "client", "vip"]))
    h.check("crm sell zhang-wei ri (crm.toml's products)",
            complete(h, script, ["crm", "sell", "zhang-wei", "ri"]), ["rice-10kg", "rice-5kg"])
    h.check("crm due --owner '' (owners)", complete(h, script, ["crm", "due", "--owner", ""]),
            ["amy", "ben"])
    h.check("crm list --region New", complete(h, script, ["crm", "list", "--region", "New"]),
            ["New\\ Taipei", "New\\ Taipei/Banqiao"])
    h.check("crm show 張 (a Chinese name)", complete(h, script, ["crm", "show", "張"]), [ZHANG])
    h.check("crm log zhang (an id)", complete(h, script, ["crm", "log", "zhang"]),
            ["zhang-wei"])
    got = complete(h, script, ["crm", "show", "Acme"])
    h.check("crm show Acme: one match", len(got), 1)
    h.check("crm show Acme: the shell reads it back as the name",
            [dequoted(w) for w in got], [ACME])
    h.check("crm show \"Acme (after a quote, left to readline)",
            complete(h, script, ["crm", "show", '"Acme']), [ACME])
    h.check("crm show Sa", complete(h, script, ["crm", "show", "Sa"]), ["Sarah\\ Miller"])
    h.check("crm log 張偉 '' (a NOTE: nothing)", complete(h, script, ["crm", "log", ZHANG, ""]),
            [])

    h.check("outside a folder: nothing", complete(h, script, ["crm", "show", "張"], h.outside),
            [])
    h.check("-C DIR honoured", complete(h, script, ["crm", "-C", str(h.ledger), "show", "張"],
                                        h.outside), [ZHANG])
    h.check("--dir=DIR honoured",
            complete(h, script, ["crm", "--dir", "=", str(h.ledger), "show", "張"], h.outside),
            [ZHANG])
    h.check("CRM_DIR honoured", complete(h, script, ["crm", "show", "張"], h.outside,
                                         f"export CRM_DIR={shlex.quote(str(h.ledger))}"),
            [ZHANG])
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
