"""Runs Alembic commands for the harness: JSON lines in on stdin, JSON lines out on stdout.

    /usr/bin/python3 alembic_driver.py

The process imports Alembic once and then forks a child per scenario ({"open": [SCRIPT_DIR, SQLITE_URL]}),
so a scenario costs a fork, not a Python start-up.  The child answers each {"argv": [...]} (Alembic's own
command line, without the program name) with {"ok": bool, "stdout": str, "warnings": [str], "error_type": str,
"error": str}, and exits on {"close": true}.  The script directory is still re-read on every command
(ScriptDirectory.from_config), exactly as separate `alembic` runs would; nothing of a scenario outlives it.

Run it with a fixed PYTHONHASHSEED: Alembic iterates sets (nextrev, branch labels), so some of its orders
depend on string hashing, and a forked child keeps its parent's seed.
"""

import contextlib
import io
import json
import os
import traceback
import sys
import warnings

# The revision files are loaded with importlib; no __pycache__ in the versions folder.
sys.dont_write_bytecode = True

from alembic.config import CommandLine, Config  # noqa: E402
from alembic.script.base import Script  # noqa: E402

_listdir = Script._list_py_dir


def _sorted_listdir(cls, scriptdir, path):
    # Alembic loads revision files in os.listdir order, which is the file system's.  That order decides ties
    # between sibling branches (which branch an upgrade runs first, which head `heads` prints first); retort
    # uses file-name order, so give Alembic the same order and the comparison is about semantics.
    return sorted(_listdir(scriptdir, path))


Script._list_py_dir = classmethod(_sorted_listdir)


def run(script_dir: str, url: str, argv):
    out = io.StringIO()
    answer = {"ok": True, "stdout": "", "warnings": [], "error_type": "", "error": ""}
    config = Config(stdout=out)
    config.set_main_option("script_location", script_dir)
    config.set_main_option("sqlalchemy.url", url)
    cli = CommandLine(prog="alembic")
    with warnings.catch_warnings(record=True) as caught, \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        warnings.simplefilter("always")
        try:
            # --raiseerr: a CommandError comes back as the exception instead of a printed message + exit.
            options = cli.parser.parse_args(["--raiseerr"] + list(argv))
            config.cmd_opts = options
            cli.run_cmd(config, options)
        except SystemExit as e:  # argparse refusing the command line
            answer.update(ok=False, error_type="SystemExit", error=err.getvalue().strip() or str(e))
        except BaseException as e:  # CommandError, but also AssertionError, KeyError ... from Alembic itself
            # Where Alembic's own code broke: compare.py tells row bookkeeping (runtime/migration.py) from
            # graph traversal (script/revision.py).
            frames = traceback.extract_tb(e.__traceback__)
            where = [f"{os.path.basename(f.filename)}:{f.name}" for f in frames if "alembic" in f.filename]
            answer.update(ok=False, error_type=type(e).__name__, error=str(e), error_where=where[-3:])
    answer["stdout"] = out.getvalue()
    answer["warnings"] = [str(w.message) for w in caught]
    return answer


def _answer(channel, obj) -> None:
    channel.write(json.dumps(obj) + "\n")
    channel.flush()


def serve(channel, script_dir: str, url: str) -> None:
    """One scenario: commands until {"close": true}."""
    _answer(channel, {"opened": True})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        request = json.loads(line)
        if request.get("close"):
            _answer(channel, {"closed": True})
            return
        _answer(channel, run(script_dir, url, request["argv"]))


def main():
    channel = sys.stdout
    # readline, not iteration: the harness writes a line only after reading the previous answer, so this
    # process never buffers input beyond the current line and a forked child starts reading where it stopped.
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        request = json.loads(line)
        if "open" not in request:
            _answer(channel, {"driver_error": "expected an open request, got %r" % line.strip()})
            continue
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                serve(channel, *request["open"])
                status = 0
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            # The harness may be waiting for an answer the child never gave.
            _answer(channel, {"driver_error": "the scenario's Alembic process ended with status %d" % status})


if __name__ == "__main__":
    main()
