"""The retort half of a scenario: its project folder (DESIGN §3, §4) and its command lines (§5)."""

import json
import os
import subprocess
from typing import List

import alembic_side
import database
from graph import Graph

# A sanitizer report means retort misbehaved even if its exit status looks ordinary (ASan exits 1).
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def _s(text: str) -> str:
    # Ids, labels and SQL here are plain ASCII; a JSON string is a valid TOML basic string.
    return json.dumps(text)


def write_project(folder: str, g: Graph, rows: List[str]) -> None:
    versions = os.path.join(folder, "migrations", "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "retort.toml"), "w") as f:
        f.write('[retort]\nscript_location = "migrations"\n\n[databases.main]\n'
                'url = %s\nversion_table = "alembic_version"\n' % _s("sqlite:///" + db_path(folder)))
    for r in g.revs:
        lines = ["revision = %s" % _s(r.id)]
        if not r.down:
            lines.append('down_revision = ""')
        elif len(r.down) == 1:
            lines.append("down_revision = %s" % _s(r.down[0]))
        else:
            lines.append("down_revision = [%s]" % ", ".join(_s(d) for d in r.down))
        if r.deps:
            lines.append("depends_on = [%s]" % ", ".join(_s(d) for d in r.deps))
        if r.labels:
            lines.append("branch_labels = [%s]" % ", ".join(_s(b) for b in r.labels))
        lines.append("message = %s" % _s(r.message))
        for section, kind in (("upgrade", "up"), ("downgrade", "down")):
            lines += ["", "[[%s]]" % section, 'op = "execute"',
                      "sql = %s" % _s("INSERT INTO steps (kind, rev) VALUES ('%s', '%s')" % (kind, r.id))]
        with open(os.path.join(versions, "%s_%s.toml" % (r.id, r.slug)), "w") as f:
            f.write("\n".join(lines) + "\n")
    database.create(db_path(folder), rows)


def db_path(folder: str) -> str:
    return os.path.join(folder, "retort.db")


class Runner:
    def __init__(self, binary: str, folder: str):
        self.binary = binary
        self.folder = folder

    def argv(self, cmd: dict) -> List[str]:
        # The same command line an Alembic user types (DESIGN §5 keeps Alembic's spelling).
        return [self.binary, "-c", os.path.join(self.folder, "retort.toml")] + alembic_side.argv(cmd)

    def run(self, cmd: dict) -> dict:
        before = database.last_step_id(db_path(self.folder))
        try:
            done = subprocess.run(self.argv(cmd), cwd=self.folder, capture_output=True, text=True, timeout=120)
            rc, out, err = done.returncode, done.stdout, done.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = -999, e.stdout or "", "timed out after 120 s"
            out = out.decode() if isinstance(out, bytes) else out
        crashed = rc not in (0, 1, 2) or any(m in err for m in SANITIZER_MARKS)
        return {
            "ok": rc == 0 and not crashed,
            "rc": rc,
            "crashed": crashed,
            "stdout": out,
            "stderr": err,
            "error": "" if rc == 0 else err.strip(),
            "steps": database.steps_since(db_path(self.folder), before),
            "rows": database.version_rows(db_path(self.folder)),
        }
