"""The failures a cli test collects as it goes, and its last word."""

failures = []


def check(what, ok):
    """Records `what` as a failure unless `ok`."""
    if not ok:
        failures.append(what)


def report(subject):
    """Prints each failure and one summary line; the test's exit status."""
    for f in failures:
        print("FAIL", f)
    print(f"{'FAIL' if failures else 'ok'}: {subject}, {len(failures)} failures")
    return 1 if failures else 0
