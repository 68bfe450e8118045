"""Runs one seed's scenario with both tools and judges every command.

The result is a plain dict (it crosses a multiprocessing boundary):
    seed, graph [lines], start_rows, commands [described], verdicts [per command], compared, not_compared,
    documented {category: n}, accepted {reason: n}, difference (None or a dict, see _difference)
"""

import os
import shutil
import tempfile
from typing import List, Optional

import alembic_side
import compare
import retort_side
from generator import describe_command, make_scenario
from graph import Graph

# Alembic iterates sets, so some of its orders follow PYTHONHASHSEED; a result retort shares with Alembic under
# any of these seeds is a valid order, not a difference. Only tried when the two disagree; a dozen is enough to
# meet each of the few orders a set of two or three revisions can take.
OTHER_HASH_SEEDS = tuple(range(1, 13))
HASH_SEED_ACCEPTED = "Alembic's order varies with the hash seed"


def _write(folder: str, g: Graph, rows: List[str]) -> None:
    alembic_side.write_project(os.path.join(folder, "alembic"), g, rows)
    retort_side.write_project(os.path.join(folder, "retort"), g, rows)


def _alembic_under(folder: str, g: Graph, rows: List[str], cmds: List[dict], hashseed: int) -> dict:
    """Alembic's result for the last of cmds, replayed from the start rows under another hash seed."""
    shutil.rmtree(folder, ignore_errors=True)
    alembic_side.write_project(folder, g, rows)
    session = alembic_side.Session(folder, hashseed)
    try:
        for cmd in cmds:
            result = session.run(cmd)
        return result
    finally:
        session.close()


def _order_varies(work: str, g: Graph, start: List[str], cmds: List[dict], rows_before: List[str],
                  r: dict) -> bool:
    for hs in OTHER_HASH_SEEDS:
        other = _alembic_under(os.path.join(work, "alembic-hash%d" % hs), g, start, cmds, hs)
        if compare.compare(g, cmds[-1], rows_before, other, r).status != "different":
            return True
    return False


def _single_command(work: str, g: Graph, rows: List[str], cmd: dict, retort: str) -> Optional[compare.Outcome]:
    """The same command from the same rows in fresh databases: does the difference need the earlier commands?"""
    folder = os.path.join(work, "single")
    shutil.rmtree(folder, ignore_errors=True)
    _write(folder, g, rows)
    session = alembic_side.Session(os.path.join(folder, "alembic"), 0)
    try:
        a = session.run(cmd)
    finally:
        session.close()
    r = retort_side.Runner(retort, os.path.join(folder, "retort")).run(cmd)
    return compare.compare(g, cmd, rows, a, r)


def _brief(result: dict, tool: str) -> dict:
    """What a reproduction shows of one tool's result."""
    out = {"ok": result["ok"], "rows": result["rows"], "steps": ["%s %s" % s for s in result["steps"]],
           "stdout": result["stdout"]}
    if not result["ok"]:
        out["error"] = ("%s: %s" % (result.get("error_type"), result["error"])) if tool == "alembic" \
            else result["error"]
    if result.get("warnings"):
        out["warnings"] = result["warnings"]
    return out


def keep(keep_dir: str, seed: int, g: Graph, rows: List[str], cmds: List[dict], retort: str) -> str:
    """Both projects at the rows before the differing command, ready to rerun it by hand."""
    folder = os.path.join(keep_dir, "seed-%d" % seed)
    shutil.rmtree(folder, ignore_errors=True)
    _write(folder, g, rows)
    alembic_dir = os.path.join(folder, "alembic")
    with open(os.path.join(alembic_dir, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///%s\n"
                % alembic_side.db_path(alembic_dir))
    cmd = cmds[-1]
    with open(os.path.join(folder, "README.txt"), "w") as f:
        f.write("seed %d; both databases hold the version rows %s and an empty steps table.\n" % (seed, rows))
        f.write("Commands of the scenario up to the difference:\n")
        f.writelines("  %s\n" % describe_command(c) for c in cmds)
        f.write("\nRerun the differing command:\n")
        f.write("  cd %s && /usr/bin/python3 -m alembic %s\n" % (alembic_dir, " ".join(alembic_side.argv(cmd))))
        f.write("  cd %s && %s\n" % (os.path.join(folder, "retort"),
                                    " ".join(retort_side.Runner(retort, os.path.join(folder, "retort")).argv(cmd))))
        f.write("  sqlite3 alembic.db 'SELECT * FROM steps; SELECT * FROM alembic_version'\n")
        f.write("(Plain `alembic` reads the versions folder in os.listdir order; the harness sorts it.)\n")
    return folder


def _judge(work: str, g: Graph, start: List[str], cmds: List[dict], rows: List[str], a: dict,
           r: dict) -> compare.Outcome:
    """compare.compare, plus the hash-seed rule: retort's result may match another seed's Alembic."""
    outcome = compare.compare(g, cmds[-1], rows, a, r)
    if outcome.status == "different" and _order_varies(work, g, start, cmds, rows, r):
        # Accepted; but if this seed's Alembic now holds other rows, later commands would compare other states.
        return compare.Outcome("accepted", HASH_SEED_ACCEPTED, diverged=set(a["rows"]) != set(r["rows"]))
    return outcome


def run(seed: int, retort: str, keep_dir: Optional[str] = None) -> dict:
    g, start, count, picker = make_scenario(seed)
    result = {"seed": seed, "graph": g.describe(), "start_rows": start, "commands": [], "verdicts": [],
              "compared": 0, "not_compared": 0, "documented": {}, "accepted": {}, "difference": None}
    work = tempfile.mkdtemp(prefix="alembic-diff-%d-" % seed)
    try:
        _write(os.path.join(work, "main"), g, start)
        session = alembic_side.Session(os.path.join(work, "main", "alembic"), 0)
        runner = retort_side.Runner(retort, os.path.join(work, "main", "retort"))
        cmds: List[dict] = []
        rows = list(start)
        try:
            for i in range(count):
                cmd = picker.pick(rows)
                cmds.append(cmd)
                result["commands"].append(describe_command(cmd))
                a = session.run(cmd)
                r = runner.run(cmd)
                outcome = _judge(work, g, start, cmds, rows, a, r)
                result["compared"] += 1
                result["verdicts"].append(outcome.status + (" " + outcome.cause if outcome.cause else ""))
                if outcome.status in ("documented", "accepted"):
                    tally = result[outcome.status]
                    tally[outcome.cause] = tally.get(outcome.cause, 0) + 1
                if outcome.status == "different":
                    d = result["difference"] = _difference(work, g, rows, cmds, cmd, outcome, a, r, retort, i)
                    if keep_dir:
                        d["kept"] = keep(keep_dir, seed, g, rows if d["single"] else start,
                                         [cmd] if d["single"] else cmds, retort)
                if outcome.stops:
                    result["not_compared"] = count - i - 1
                    break
                rows = a["rows"]
        finally:
            session.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _difference(work, g, rows, cmds, cmd, outcome, a, r, retort, index) -> dict:
    single = _single_command(work, g, rows, cmd, retort)
    return {
        "cause": outcome.cause,
        "detail": outcome.detail,
        "command": describe_command(cmd),
        "index": index,
        "rows_before": rows,
        # True when the command alone, from rows_before in fresh databases, shows the same cause.
        "single": single is not None and single.status == "different" and single.cause == outcome.cause,
        "alembic": _brief(a, "alembic"),
        "retort": _brief(r, "retort"),
    }
