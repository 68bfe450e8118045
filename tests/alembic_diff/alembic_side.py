"""The Alembic half of a scenario: its project folder, its command lines, and the driver process."""

import json
import os
import subprocess
import tempfile
from typing import Dict, List, Optional

import database
from graph import Graph

PYTHON = "/usr/bin/python3"   # Debian's python3-alembic is installed for this interpreter only
HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "alembic_driver.py")

# Online: one transaction for the whole command, so a command that fails part-way leaves the database as it
# was (what retort promises, DESIGN §6).  pysqlite would otherwise start its own transactions only before DML
# and commit the version table's CREATE separately; the two listeners are SQLAlchemy's documented recipe for
# handing transaction control to SQLAlchemy.
ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine, event, pool

url = context.config.get_main_option("sqlalchemy.url")

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, version_table="alembic_version")
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")

    with engine.begin() as connection:
        context.configure(connection=connection, version_table="alembic_version")
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
'''

REVISION_PY = '''\
"""{message}"""
from alembic import op

revision = {revision!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {deps!r}


def upgrade():
    op.execute("INSERT INTO steps (kind, rev) VALUES ('up', '{revision}')")


def downgrade():
    op.execute("INSERT INTO steps (kind, rev) VALUES ('down', '{revision}')")
'''


def write_project(folder: str, g: Graph, rows: List[str]) -> None:
    versions = os.path.join(folder, "migrations", "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "migrations", "env.py"), "w") as f:
        f.write(ENV_PY)
    for r in g.revs:
        down = None if not r.down else r.down[0] if len(r.down) == 1 else tuple(r.down)
        with open(os.path.join(versions, "%s_%s.py" % (r.id, r.slug)), "w") as f:
            f.write(REVISION_PY.format(message=r.message, revision=r.id, down=down,
                                       labels=tuple(r.labels) or None, deps=tuple(r.deps) or None))
    database.create(db_path(folder), rows)


def db_path(folder: str) -> str:
    return os.path.join(folder, "alembic.db")


def argv(cmd: dict) -> List[str]:
    name = cmd["cmd"]
    if name in ("upgrade", "downgrade"):
        return [name, cmd["target"]] + (["--sql"] if cmd.get("sql") else [])
    if name == "stamp":
        return (["stamp"] + list(cmd["targets"]) + (["--sql"] if cmd.get("sql") else [])
                + (["--purge"] if cmd.get("purge") else []))
    if name == "history":
        # --rev-range=X rather than -r X: a range such as -2:c would otherwise be read as an option.
        return (["history"] + (["--rev-range=" + cmd["range"]] if cmd.get("range") is not None else [])
                + (["-i"] if cmd.get("indicate") else []))
    if name == "heads":
        return ["heads"] + (["--resolve-dependencies"] if cmd.get("resolve") else [])
    if name == "show":
        return ["show", cmd["rev"]]
    return [name]


class HarnessError(Exception):
    """The harness itself failed (a driver died): never reported as a difference between the tools."""


class _Driver:
    """A driver process with Alembic imported, forking a child per scenario (see alembic_driver.py)."""

    def __init__(self, hashseed: int):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
        env["PYTHONHASHSEED"] = str(hashseed)
        self.log = tempfile.NamedTemporaryFile("w+", prefix="alembic-driver-%d-" % hashseed, suffix=".log")
        self.proc = subprocess.Popen([PYTHON, DRIVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True, env=env)

    def ask(self, request: dict) -> dict:
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.log.seek(0)
            self.stop()
            raise HarnessError("the Alembic driver exited: %s" % self.log.read()[-2000:])
        answer = json.loads(line)
        if "driver_error" in answer:
            self.stop()
            raise HarnessError(answer["driver_error"])
        return answer

    def stop(self) -> None:
        """After a failure the driver's state is unknown: end it, and the next session starts a new one."""
        self.proc.kill()
        self.proc.wait()


# Idle drivers per hash seed in this harness worker process.  A driver serves one scenario at a time, and a
# worker may need two at once (the scenario, and the single-command check of a difference).
_idle: Dict[int, List[_Driver]] = {}


def _take_driver(hashseed: int) -> _Driver:
    idle = _idle.setdefault(hashseed, [])
    while idle:
        d = idle.pop()
        if d.proc.poll() is None:
            return d
    return _Driver(hashseed)


class Session:
    """One scenario's Alembic process: commands run against one project folder."""

    def __init__(self, folder: str, hashseed: int):
        self.folder = folder
        self.hashseed = hashseed
        self.driver = _take_driver(hashseed)
        self.driver.ask({"open": [os.path.join(folder, "migrations"), "sqlite:///" + db_path(folder)]})

    def run(self, cmd: dict) -> dict:
        before = database.last_step_id(db_path(self.folder))
        result = self.driver.ask({"argv": argv(cmd)})
        result["steps"] = database.steps_since(db_path(self.folder), before)
        result["rows"] = database.version_rows(db_path(self.folder))
        return result

    def close(self) -> None:
        try:
            self.driver.ask({"close": True})
        except HarnessError:
            return
        _idle.setdefault(self.hashseed, []).append(self.driver)


def alembic_importable() -> Optional[str]:
    """None when /usr/bin/python3 can import alembic, else the reason."""
    try:
        done = subprocess.run([PYTHON, "-c", "import alembic, sqlalchemy; print(alembic.__version__)"],
                              capture_output=True, text=True, timeout=120)
    except OSError as e:
        return "%s cannot be run: %s" % (PYTHON, e)
    if done.returncode != 0:
        return "%s cannot import alembic (install python3-alembic):\n%s" % (PYTHON, done.stderr.strip())
    return None
