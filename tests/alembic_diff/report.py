"""The summary table and the reproductions printed at the end of a run."""

from collections import Counter
from typing import List

import compare

DOCUMENTED_ORDER = [compare.UNMERGE, compare.SEVERAL_HEADS, compare.MINIMAL_ROWS, compare.MINIMAL_ROWS_BOOKKEEPING]


def summary(results: List[dict], errors: List[str]) -> str:
    out = []
    seeds = sorted(r["seed"] for r in results)
    commands = sum(r["compared"] for r in results)
    skipped = sum(r["not_compared"] for r in results)
    differing = [r for r in results if r["difference"]]
    out.append("Alembic differential test: %d scenarios compared with Alembic (seeds %s), %d commands compared, "
               "%d not compared (after a stop)" % (len(results), _ranges(seeds), commands, skipped))

    documented = Counter()
    accepted = Counter()
    for r in results:
        documented.update(r["documented"])
        accepted.update(r["accepted"])
    out.append("")
    out.append("Documented differences (DESIGN §5)                      commands")
    for cat in DOCUMENTED_ORDER + sorted(set(documented) - set(DOCUMENTED_ORDER)):
        out.append("  %-54s %5d" % (cat, documented.get(cat, 0)))
    for reason, n in sorted(accepted.items()):
        out.append("  %-54s %5d   (accepted: another hash seed's Alembic agrees)" % (reason, n))

    causes = Counter(r["difference"]["cause"] for r in differing)
    out.append("")
    out.append("Undocumented differences: %d of %d scenarios differ (the first difference of each, per cause)"
               % (len(differing), len(results)))
    for cause, n in sorted(causes.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append("  %-54s %5d" % (cause, n))
    if errors:
        out.append("")
        out.append("Harness errors (%d scenarios could not be run):" % len(errors))
        out.extend("  " + e for e in errors[:10])
    return "\n".join(out)


def reproductions(results: List[dict], limit: int) -> str:
    """One reproduction per cause: the smallest scenario showing it, preferring one command on its own."""
    best = {}
    for r in results:
        d = r["difference"]
        if not d:
            continue
        key = (not d["single"], len(r["graph"]), d["index"], r["seed"])
        if d["cause"] not in best or key < best[d["cause"]][0]:
            best[d["cause"]] = (key, r)
    out = []
    for cause in sorted(best)[:limit]:
        out.append(reproduction(best[cause][1]))
    if len(best) > limit:
        out.append("(%d more causes; raise --repros to see them)" % (len(best) - limit))
    return "\n".join(out)


def reproduction(r: dict) -> str:
    d = r["difference"]
    out = ["", "=== %s  (seed %d, command %d of %d)" % (d["cause"], r["seed"], d["index"] + 1,
                                                         len(r["commands"]) + r["not_compared"])]
    out.append("graph (id down=parents deps=depends_on labels=branch_labels):")
    out.extend("  " + line for line in r["graph"])
    if d["single"]:
        out.append("version rows before: %s   (this command alone, from these rows, shows it)"
                   % (d["rows_before"] or "none (no version table)"))
    else:
        out.append("start rows: %s" % (r["start_rows"] or "none (no version table)"))
        out.append("commands before: %s" % " ; ".join(r["commands"][:d["index"]]))
        out.append("version rows before the command: %s" % (d["rows_before"] or "none"))
    out.append("command: %s" % d["command"])
    out.append("difference: %s" % d["detail"])
    for tool in ("alembic", "retort"):
        out.append("%s:" % tool)
        out.extend("  " + line for line in _result_lines(d[tool]))
    if d.get("kept"):
        out.append("kept in %s" % d["kept"])
    return "\n".join(out)


def _result_lines(res: dict) -> List[str]:
    out = ["ok" if res["ok"] else "FAILED: %s" % _one_line(res.get("error", ""))]
    if res.get("warnings"):
        out.append("warnings: %s" % "; ".join(res["warnings"]))
    if res["steps"]:
        out.append("steps: %s" % ", ".join(res["steps"]))
    out.append("rows after: %s" % (res["rows"] or "none"))
    if res["stdout"].strip():
        out.append("stdout:")
        text = res["stdout"].rstrip().splitlines()
        out.extend("  | " + ln for ln in text[:25])
        if len(text) > 25:
            out.append("  | ... (%d more lines)" % (len(text) - 25))
    return out


def _one_line(text: str) -> str:
    text = " / ".join(ln.strip() for ln in text.splitlines() if ln.strip())
    return text if len(text) < 400 else text[:400] + "..."


def _ranges(seeds: List[int]) -> str:
    if not seeds:
        return "none"
    parts, start, prev = [], seeds[0], seeds[0]
    for s in seeds[1:] + [None]:
        if s is not None and s == prev + 1:
            prev = s
            continue
        parts.append(str(start) if start == prev else "%d..%d" % (start, prev))
        if s is not None:
            start = prev = s
    return ", ".join(parts)
