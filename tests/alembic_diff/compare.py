"""Compares what Alembic and retort did for one command.

Each tool's result is a dict: ok, stdout, error, steps [(kind, rev)], rows [version_num].  The verdict is an
Outcome: "same", "documented" (a deliberate difference, DESIGN §5) or "different", with a cause key such as
`upgrade:rows` and whether the two databases now differ (then the scenario stops: later commands would compare
different states).
"""

import re
from collections import Counter
from dataclasses import dataclass
from typing import List, Optional, Tuple

from graph import Graph

# Categories of deliberate differences (DESIGN §5), as printed in the summary.
UNMERGE = "unmerge -1"
SEVERAL_HEADS = "-N with several heads"
MINIMAL_ROWS = "minimal rows"
MINIMAL_ROWS_BOOKKEEPING = "minimal rows (Alembic's row bookkeeping fails)"

# Exceptions that mean Alembic's own code broke rather than that it refused the command.
PYTHON_ERRORS = {"AssertionError", "KeyError", "IndexError", "TypeError", "AttributeError", "ValueError",
                 "RecursionError", "UnboundLocalError", "NameError", "ZeroDivisionError"}


@dataclass
class Outcome:
    status: str                 # "same" | "documented" | "accepted" (see scenario.py) | "different"
    cause: str = ""             # the category (documented) or the cause key (different)
    detail: str = ""            # one or two lines saying what differs
    diverged: bool = False      # the databases' version rows now differ

    @property
    def stops(self) -> bool:
        return self.status == "different" or self.diverged


def family(cmd: dict) -> str:
    """The first half of a cause key: the command, with --sql and --resolve-dependencies told apart."""
    name = cmd["cmd"]
    if cmd.get("sql"):
        return name + "-sql"
    if name == "heads" and cmd.get("resolve"):
        return "heads-resolve"
    return name


# -- parsing stdout -----------------------------------------------------------------------------------------

def lines(text: str, labels=frozenset()) -> List[str]:
    """Non-empty lines without trailing blanks, each branch-label group in sorted order.

    Alembic keeps a revision's branch labels in a set, filled while it walks revisions held in sets keyed by
    object identity, and prints "(b, a)" in whatever order that gave: it differs between two lines of one
    listing and between two runs with the same PYTHONHASHSEED.  No order is right there, so both sides are
    compared sorted.
    """
    out = []
    for ln in text.splitlines():
        if ln.strip():
            out.append(_LABEL_GROUP.sub(lambda m: _sorted_group(m, labels), ln.rstrip()))
    return out


_LABEL_GROUP = re.compile(r"\(([^()]*)\)")


def _sorted_group(m, labels) -> str:
    items = m.group(1).split(", ")
    if len(items) > 1 and all(i in labels for i in items):
        return "(%s)" % ", ".join(sorted(items))
    return m.group(0)


_STEP_COMMENT = re.compile(r"^-- Running (upgrade|downgrade) (.*?) ?-> ?(.*)$")
_STAMP_COMMENT = re.compile(r"^-- Running stamp_revision ")
_CREATE_VERSION = re.compile(r"CREATE TABLE\s+(IF NOT EXISTS\s+)?[\"`\[]?alembic_version\b", re.I)
_DROP_VERSION = re.compile(r"DROP TABLE\s+(IF EXISTS\s+)?[\"`\[]?alembic_version\b", re.I)


def sql_comments(text: str) -> Tuple[List[str], List[str]]:
    """(step comment lines in order, stamp comment lines) of an offline script."""
    steps, stamps = [], []
    for ln in text.splitlines():
        ln = ln.rstrip()
        if _STEP_COMMENT.match(ln):
            steps.append(ln)
        elif _STAMP_COMMENT.match(ln):
            stamps.append(ln)
    return steps, stamps


def comment_revision(line: str) -> str:
    """The revision a step comment runs: the TO of an upgrade, the FROM of a downgrade."""
    kind, frm, to = _STEP_COMMENT.match(line).groups()
    return to.strip() if kind == "upgrade" else frm.strip()


def branch_blocks(text: str, labels=frozenset()) -> List[Tuple[str, frozenset]]:
    """`branches` output: per branch point its line, and its child lines as a set."""
    blocks, current = [], []
    for ln in text.splitlines() + [""]:
        if ln.strip():
            current.append(lines(ln, labels)[0])
        elif current:
            blocks.append((current[0], frozenset(current[1:])))
            current = []
    return blocks


_SHOW_EXACT = ("Rev:", "Parent:", "Merges:", "Also depends on:")
_SHOW_AS_SET = ("Branches into:", "Branch names:")


def show_entries(text: str) -> List[tuple]:
    """`show` output: per revision the lines that carry graph facts; Path and the docstring are ignored."""
    entries = []
    for ln in text.splitlines():
        ln = ln.rstrip()
        if ln.startswith("Rev:"):
            entries.append([])
        if not entries:
            continue
        if ln.startswith(_SHOW_EXACT):
            entries[-1].append(ln)
        for key in _SHOW_AS_SET:
            if ln.startswith(key):
                items = frozenset(x.strip() for x in ln[len(key):].split(","))
                entries[-1].append((key, items))
    return [tuple(e) for e in entries]


# -- the verdict --------------------------------------------------------------------------------------------

_RELATIVE_DOWN = re.compile(r"(^|@|[^@+-])-\d+$")


def _ordered_listing(fam: str, a: list, r: list) -> Optional[Outcome]:
    """Exact order first; the same items in another order is its own cause."""
    if a == r:
        return None
    if Counter(a) == Counter(r):
        return Outcome("different", fam + ":order", "same lines, other order")
    return Outcome("different", fam + ":lines", _set_detail(a, r))


def _set_detail(a, r) -> str:
    only_a = [x for x in a if x not in r]
    only_r = [x for x in r if x not in a]
    return "only Alembic: %s; only retort: %s" % (_fmt(only_a), _fmt(only_r))


def _fmt(items) -> str:
    return "[%s]" % ", ".join(_show(x) for x in items) if items else "-"


def _show(x) -> str:
    # Sets sorted, so a report reads the same on every run.
    if isinstance(x, (set, frozenset)):
        return "{%s}" % ", ".join(_show(i) for i in sorted(x))
    if isinstance(x, tuple):
        return "(%s)" % ", ".join(_show(i) for i in x)
    return repr(x)


def compare(g: Graph, cmd: dict, rows_before: List[str], a: dict, r: dict) -> Outcome:
    fam = family(cmd)
    rows_differ = set(a["rows"]) != set(r["rows"])

    if r.get("crashed"):
        return Outcome("different", fam + ":crash", "retort exit status %s: %s" % (r["rc"], r["error"][-300:]),
                       diverged=True)

    if _unmerges(g, cmd, a, r):
        return Outcome("documented", UNMERGE, "", diverged=rows_differ)
    if a["ok"] != r["ok"]:
        documented = _documented_failure(g, cmd, rows_before, a, r)
        if documented:
            return Outcome("documented", documented, "", diverged=rows_differ)
        if _row_bookkeeping_failed(g, cmd, a, r):
            return Outcome("documented", MINIMAL_ROWS_BOOKKEEPING, "", diverged=rows_differ)
        if not a["ok"] and a.get("error_type") in PYTHON_ERRORS:
            # Not a refusal Alembic means (those are CommandErrors) but Alembic failing on its own code, e.g. a
            # KeyError for a merge with a redundant depends_on.  Still a difference, in a cause of its own so
            # that it is not mistaken for a refusal retort should copy.
            return Outcome("different", fam + ":alembic-internal-error",
                           "Alembic raised %s, retort %s" % (a["error_type"], "succeeded" if r["ok"] else "failed"),
                           diverged=rows_differ)
        return Outcome("different", fam + ":success",
                       "Alembic %s, retort %s" % ("succeeded" if a["ok"] else "failed",
                                                  "succeeded" if r["ok"] else "failed"),
                       diverged=rows_differ)

    if a["ok"]:
        found = _compare_output(g, cmd, fam, a, r)
        if found:
            found.diverged = rows_differ
            return found

    if rows_differ:
        # Both tables say the same revisions are applied, and Alembic's holds a row another row implies.
        # (retort's may too, when it started from such rows: it never rewrites rows a command does not move.)
        if g.maximal(r["rows"]) == g.maximal(a["rows"]) and set(a["rows"]) != g.maximal(a["rows"]):
            return Outcome("documented", MINIMAL_ROWS, "", diverged=True)
        return Outcome("different", fam + ":rows", _set_detail(sorted(a["rows"]), sorted(r["rows"])),
                       diverged=True)
    return Outcome("same")


def _unmerges(g: Graph, cmd: dict, a: dict, r: dict) -> bool:
    """DESIGN §5: a relative downgrade whose last step is a revision with several parents (a merge, or a
    down_revision plus a depends_on) undoes exactly that revision, with what sits above it, and leaves the
    parents as rows. Alembic instead says "Ambiguous walk" (a merge) or walks to the down_revision and reverts
    whatever else grew from there (a dependency). Recognised from retort's own steps: a chain of N single-parent
    steps down whose last revision has several parents, plus only revisions above that one."""
    if cmd["cmd"] != "downgrade" or not r["ok"]:
        return False
    target = cmd["target"].split(":")[-1]
    m = _RELATIVE_DOWN.search(target)
    if not m:
        return False
    n = int(re.search(r"-(\d+)$", target).group(1))
    if cmd.get("sql"):
        steps, _ = sql_comments(r["stdout"])
        undone = [comment_revision(s) for s in steps]
    else:
        if any(kind != "down" for kind, _ in r["steps"]):
            return False
        undone = [rev for _, rev in r["steps"]]
    if not undone or any(u not in g.by_id for u in undone):
        return False
    # The revision with several parents is the one every other undone revision sits above.
    lowest = [u for u in undone if all(o == u or u in g.ancestors(o) for o in undone)]
    if len(lowest) != 1 or len(g.normalized_prerequisites(lowest[0])) < 2:
        return False
    x = lowest[0]
    # N-1 single-parent steps lead down to it from some undone revision.
    chain_ends = [u for u in undone if _walks_down_to(g, u, x, n - 1)]
    if not chain_ends:
        return False
    if not a["ok"]:
        return True
    if cmd.get("sql"):
        return Counter(sql_comments(a["stdout"])[0]) != Counter(sql_comments(r["stdout"])[0])
    return Counter(a["steps"]) != Counter(r["steps"])


def _walks_down_to(g: Graph, start: str, end: str, steps: int) -> bool:
    cur = start
    for _ in range(steps):
        down = g.by_id[cur].down
        if len(down) != 1:
            return False
        cur = down[0]
    return cur == end


def _row_bookkeeping_failed(g: Graph, cmd: dict, a: dict, r: dict) -> bool:
    """DESIGN §5 minimal rows: Alembic's HeadMaintainer breaks (a KeyError or assertion in runtime/migration.py)
    on rows it expects but does not store, typically after a depends_on on a revision that is already an
    ancestor; retort keeps minimal rows and goes on. Only counted when retort's rows are indeed minimal."""
    if a["ok"] or not r["ok"] or a.get("error_type") not in PYTHON_ERRORS:
        return False
    where = a.get("error_where") or []
    if not any(w.startswith("migration.py:") for w in where):
        return False
    if cmd.get("sql"):
        return True  # the script's rows are not in the database to look at
    return set(r["rows"]) == g.maximal(r["rows"])


def _documented_failure(g: Graph, cmd: dict, rows_before: List[str], a: dict, r: dict) -> Optional[str]:
    if cmd["cmd"] != "downgrade":
        return None
    target = cmd["target"]
    # 2. `downgrade -N` with several rows: Alembic warns and picks one head, retort refuses.
    if re.fullmatch(r"-\d+", target) and not cmd.get("sql") and len(rows_before) > 1 and a["ok"] and not r["ok"]:
        return SEVERAL_HEADS
    return None


def _compare_output(g: Graph, cmd: dict, fam: str, a: dict, r: dict) -> Optional[Outcome]:
    name = cmd["cmd"]
    labels = frozenset(g.labels)
    if name in ("upgrade", "downgrade", "stamp") and cmd.get("sql"):
        return _compare_sql(g, cmd, fam, a["stdout"], r["stdout"])
    if name in ("upgrade", "downgrade"):
        if Counter(a["steps"]) != Counter(r["steps"]):
            return Outcome("different", fam + ":steps", _set_detail(a["steps"], r["steps"]))
        bad = g.order_violations([rev for _, rev in r["steps"]], upgrade=name == "upgrade")
        if bad:
            return Outcome("different", fam + ":order", "; ".join(bad[:3]))
        return None
    if name in ("heads", "current"):
        la, lr = lines(a["stdout"], labels), lines(r["stdout"], labels)
        if set(la) != set(lr) or len(la) != len(lr):
            return Outcome("different", fam + ":lines", _set_detail(la, lr))
        return None
    if name == "history":
        return _ordered_listing(fam, lines(a["stdout"], labels), lines(r["stdout"], labels))
    if name == "branches":
        return _ordered_listing(fam, branch_blocks(a["stdout"], labels), branch_blocks(r["stdout"], labels))
    if name == "show":
        return _ordered_listing(fam, show_entries(a["stdout"]), show_entries(r["stdout"]))
    return None


def _compare_sql(g: Graph, cmd: dict, fam: str, a_out: str, r_out: str) -> Optional[Outcome]:
    a_steps, a_stamps = sql_comments(a_out)
    r_steps, r_stamps = sql_comments(r_out)
    if Counter(a_steps) != Counter(r_steps):
        return Outcome("different", fam + ":comments", _set_detail(a_steps, r_steps))
    bad = g.order_violations([comment_revision(s) for s in r_steps], upgrade=cmd["cmd"] == "upgrade")
    if bad:
        return Outcome("different", fam + ":order", "; ".join(bad[:3]))
    if Counter(a_stamps) != Counter(r_stamps):
        return Outcome("different", fam + ":stamp_comments", _set_detail(a_stamps, r_stamps))
    for what, pattern in (("creates", _CREATE_VERSION), ("drops", _DROP_VERSION)):
        in_a, in_r = bool(pattern.search(a_out)), bool(pattern.search(r_out))
        if in_a != in_r:
            return Outcome("different", fam + ":version_table",
                           "Alembic %s the version table, retort %s" % (
                               what if in_a else "does not " + what.rstrip("s"),
                               what if in_r else "does not " + what.rstrip("s")))
    return None
