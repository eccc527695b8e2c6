"""Keep every core busy while a command runs: the loaded machine the tests must pass on.

Usage: ``python benchmarks/cpu_load.py [--busy N] -- COMMAND [ARG...]``

Starts N busy processes (default: one per core, ``os.cpu_count()``), each a Python loop that
never sleeps, at the same priority as the command, so the command gets about half the CPU it
would get on an idle machine (two cores, two spinners: twice as many runnable processes as
cores). Then runs COMMAND, stops the spinners (also on Ctrl-C or a failure) and exits with
COMMAND's status. ``suite_under_load.py`` uses it to run the test suite three times under load.

Every process the machine runs besides (other users, other jobs) only adds to the load.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence

SPIN = "while True:\n    pass\n"


@contextlib.contextmanager
def busy_cores(count: int | None = None) -> Iterator[list[int]]:
    """Keep ``count`` cores (default: all) busy while the block runs; yield the spinners' pids."""
    spinners = [
        subprocess.Popen([sys.executable, "-c", SPIN], stdin=subprocess.DEVNULL)
        for _ in range(count or os.cpu_count() or 1)
    ]
    try:
        yield [spinner.pid for spinner in spinners]
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()


def load_average() -> str:
    """The 1-minute load average and the number of cores, for a report line."""
    try:
        one_minute = os.getloadavg()[0]
    except OSError:  # not on Windows
        return "load average unknown"
    return f"load average {one_minute:.1f} on {os.cpu_count()} cores"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command under load; its exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--busy", type=int, default=None, help="busy processes (default: cores)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARG...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    with busy_cores(args.busy) as spinners:
        print(f"cpu_load: {len(spinners)} busy processes; {load_average()}", file=sys.stderr)
        status = subprocess.run(command, check=False).returncode
        print(f"cpu_load: command ended ({status}); {load_average()}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
