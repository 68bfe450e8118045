"""The revision graph a scenario runs on, and the plain graph facts the comparison needs.

Only structure lives here (parents, dependencies, ancestry).  Nothing in this module tries to predict what
Alembic does with a target; that is what the differential run is for.
"""

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Set, Tuple


@dataclass(frozen=True)
class Rev:
    id: str
    down: Tuple[str, ...]          # down_revision: () for a base, 1 entry, or 2-3 for a merge
    deps: Tuple[str, ...] = ()     # depends_on: revision ids or branch labels
    labels: Tuple[str, ...] = ()   # branch_labels

    @property
    def message(self) -> str:
        # The docstring's first line in Alembic and `message` in retort: listings print it.
        return "m " + self.id

    @property
    def slug(self) -> str:
        return "r_" + self.id

    def describe(self) -> str:
        """One line of a reproduction: enough to rebuild the revision file by hand."""
        down = ",".join(self.down) if self.down else "<base>"
        text = "%s down=%s" % (self.id, down)
        if self.deps:
            text += " deps=" + ",".join(self.deps)
        if self.labels:
            text += " labels=" + ",".join(self.labels)
        return text


@dataclass
class Graph:
    revs: List[Rev]                       # in creation order: every edge points to an earlier entry
    by_id: Dict[str, Rev] = field(init=False)
    label_owner: Dict[str, str] = field(init=False)

    def __post_init__(self):
        self.by_id = {r.id: r for r in self.revs}
        self.label_owner = {label: r.id for r in self.revs for label in r.labels}

    @property
    def ids(self) -> List[str]:
        return [r.id for r in self.revs]

    @property
    def labels(self) -> List[str]:
        return [label for r in self.revs for label in r.labels]

    def resolved_deps(self, rev_id: str) -> Tuple[str, ...]:
        """depends_on with branch labels replaced by the revision that carries the label."""
        return tuple(self.label_owner.get(d, d) for d in self.by_id[rev_id].deps)

    def prerequisites(self, rev_id: str) -> Tuple[str, ...]:
        """Everything that must be applied before rev_id: its parents and its dependencies."""
        return self.by_id[rev_id].down + self.resolved_deps(rev_id)

    def normalized_prerequisites(self, rev_id: str) -> Tuple[str, ...]:
        """Parents plus the dependencies no versioned ancestor already declared (Alembic's
        _normalized_down_revisions): what a downgrade step of rev_id hands the version rows back to."""
        declared: Set[str] = set()
        todo = list(self.by_id[rev_id].down)
        seen: Set[str] = set()
        while todo:
            a = todo.pop()
            if a in seen:
                continue
            seen.add(a)
            declared.update(self.resolved_deps(a))
            todo.extend(self.by_id[a].down)
        deps = tuple(d for d in self.resolved_deps(rev_id) if d not in declared)
        return self.by_id[rev_id].down + tuple(d for d in deps if d not in self.by_id[rev_id].down)

    def descendants(self, rev_id: str) -> Set[str]:
        """Strict descendants through down_revision and depends_on, transitively."""
        return {r.id for r in self.revs if rev_id in self.ancestors(r.id)}

    def ancestors(self, rev_id: str) -> Set[str]:
        """Strict ancestors through down_revision and depends_on, transitively."""
        seen: Set[str] = set()
        todo = list(self.prerequisites(rev_id))
        while todo:
            r = todo.pop()
            if r not in seen:
                seen.add(r)
                todo.extend(self.prerequisites(r))
        return seen

    def ancestors_of_all(self, revs: Iterable[str]) -> Set[str]:
        """Every revision a set of version rows implies as applied (the rows themselves included)."""
        out: Set[str] = set()
        for r in revs:
            if r in self.by_id:
                out.add(r)
                out |= self.ancestors(r)
        return out

    def children(self, rev_id: str) -> List[str]:
        return [r.id for r in self.revs if rev_id in r.down]

    def maximal(self, rows: Iterable[str]) -> Set[str]:
        """Rows with every row that is an ancestor of another row removed (DESIGN §5 minimal rows)."""
        rows = set(rows)
        implied: Set[str] = set()
        for r in rows:
            if r in self.by_id:
                implied |= self.ancestors(r)
        return {r for r in rows if r not in implied}

    def order_violations(self, revs: List[str], upgrade: bool) -> List[str]:
        """Pairs that break the order rule in a list of steps.

        Upgrades must run a revision after every prerequisite that is also in the list; downgrades the reverse.
        """
        position = {}
        for i, r in enumerate(revs):
            position.setdefault(r, i)
        bad = []
        for i, r in enumerate(revs):
            if r not in self.by_id:
                continue
            for p in self.prerequisites(r):
                if p in position and p != r:
                    if upgrade and position[p] > i:
                        bad.append("%s before its prerequisite %s" % (r, p))
                    if not upgrade and position[p] < i:
                        bad.append("%s reverted after its prerequisite %s" % (r, p))
        return bad

    def describe(self) -> List[str]:
        return [r.describe() for r in self.revs]
