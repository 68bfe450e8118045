"""Random revision graphs and command sequences, deterministic from a seed.

A scenario is a graph, optional version rows to start from, and a command sequence.  Commands are drawn one at
a time from the state Alembic reports after the previous command (`CommandPicker.pick(rows)`), so the draw can
favour commands that do something in that state; with PYTHONHASHSEED=0 Alembic is deterministic, hence so is
the whole scenario for a given seed.
"""

import random
from typing import List, Optional, Sequence

from graph import Graph, Rev

HEX = "0123456789abcdef"

# Branch labels.  Each has a letter that is not a hex digit, so no label can equal a revision id; several
# share prefixes ("exp", "feature-", "re") so that label-prefix lookups can be ambiguous; none has '-' before a
# digit, which Alembic would read as LABEL-N.
LABEL_POOL = [
    "core", "expand", "exports", "contract", "feature-x", "feature-y", "api", "auth",
    "web_ui", "beta.2", "reporting", "reports", "data-fix", "sync",
]


def _random_hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HEX) for _ in range(n))


def _new_id(rng: random.Random, taken: Sequence[str]) -> str:
    """Mostly 12-hex ids; some share a prefix with an existing id, a few are 2-4 characters long.

    Shared prefixes exercise ambiguous and unique prefix lookups of every length; short ids exercise Alembic's
    rule that only ids longer than 3 characters are found by prefix.
    """
    while True:
        roll = rng.random()
        if roll < 0.12:
            candidate = rng.choice("abcdef") + _random_hex(rng, rng.randint(1, 3))
        elif roll < 0.45 and taken:
            base = rng.choice(list(taken))
            keep = min(len(base), rng.randint(1, 4))
            candidate = base[:keep] + _random_hex(rng, 12 - keep)
        else:
            candidate = _random_hex(rng, 12)
        if candidate not in taken:
            return candidate


def make_graph(rng: random.Random) -> Graph:
    n = rng.randint(3, 14)
    bases_wanted = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    revs: List[Rev] = []
    labels_left = list(LABEL_POOL)
    rng.shuffle(labels_left)
    bases = 0

    for i in range(n):
        rid = _new_id(rng, [r.id for r in revs])
        has_child = {p for r in revs for p in r.down}
        heads = [r.id for r in revs if r.id not in has_child]
        left = n - i
        must_base = bases < bases_wanted and left <= bases_wanted - bases
        if not revs or must_base or (bases < bases_wanted and rng.random() < 0.25):
            down: tuple = ()
            bases += 1
        else:
            kind = rng.choices(["chain", "branch", "merge", "odd-merge"], weights=[50, 25, 22, 3])[0]
            if kind == "merge" and len(heads) >= 2:
                down = tuple(rng.sample(heads, rng.choice([2, 2, 3]) if len(heads) >= 3 else 2))
            elif kind == "odd-merge" and len(revs) >= 3:
                # A merge of any two revisions, possibly one the ancestor of the other: legal and rarely seen.
                down = tuple(rng.sample([r.id for r in revs], 2))
            elif kind == "branch":
                down = (rng.choice(revs).id,)
            else:
                down = (rng.choice(heads),)

        deps: List[str] = []
        if revs and rng.random() < 0.25:
            # Any earlier revision is safe (never a descendant), including an ancestor: a redundant depends_on.
            candidates = [r.id for r in revs if r.id not in down]
            earlier_labels = [lab for r in revs for lab in r.labels]
            for _ in range(rng.choice([1, 1, 2])):
                if earlier_labels and rng.random() < 0.3:
                    pick = rng.choice(earlier_labels)
                elif candidates:
                    pick = rng.choice(candidates)
                else:
                    continue
                if pick not in deps:
                    deps.append(pick)

        labels: List[str] = []
        if labels_left and rng.random() < (0.35 if not down else 0.18):
            for _ in range(rng.choice([1, 1, 1, 2])):
                if labels_left:
                    labels.append(labels_left.pop())
        revs.append(Rev(rid, down, tuple(deps), tuple(labels)))
    return Graph(revs)


class CommandPicker:
    """Draws the next command of a scenario from the current version rows.

    A command is a dict: {"cmd": name, ...}.  Runners render it to each tool's argv, so the scenario text is
    independent of either tool's option spelling.
    """

    def __init__(self, rng: random.Random, graph: Graph):
        self.rng = rng
        self.g = graph

    # -- naming a revision ---------------------------------------------------------------------------------

    def prefix(self, rev_id: str) -> str:
        """A prefix of 1-6 characters: often unique, sometimes ambiguous or too short to be looked up."""
        n = self.rng.randint(1, min(6, len(rev_id)))
        return rev_id[:n]

    def unique_prefix(self, rev_id: str) -> str:
        others = [k for k in self.g.ids + self.g.labels if k != rev_id]
        for n in range(4, len(rev_id)):
            p = rev_id[:n]
            if not any(o.startswith(p) for o in others):
                return p
        return rev_id

    def ref(self, rev_id: str) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            return rev_id
        if roll < 0.8:
            return self.unique_prefix(rev_id)
        return self.prefix(rev_id)

    def label_ref(self, label: str) -> str:
        # Mostly the whole label; sometimes a prefix ("expa" for "expand"), possibly ambiguous.
        if self.rng.random() < 0.8:
            return label
        return label[: self.rng.randint(2, max(2, len(label) - 1))]

    def any_rev(self) -> str:
        return self.rng.choice(self.g.ids)

    def n(self) -> int:
        return self.rng.choice([1, 1, 1, 2, 2, 3])

    # -- targets -----------------------------------------------------------------------------------------

    def upgrade_target(self, rows: List[str]) -> str:
        g, rng = self.g, self.rng
        applied = g.ancestors_of_all(rows)
        above = [r for r in g.ids if r not in applied] or g.ids
        labels = g.labels
        options = [
            (3, lambda: "heads"),
            (2, lambda: "head"),
            (5, lambda: self.ref(rng.choice(above))),
            (1, lambda: self.ref(self.any_rev())),
            (2, lambda: "+%d" % self.n()),
            (2, lambda: "%s+%d" % (self.ref(rng.choice(rows or g.ids)), self.n())),
            (0.5, lambda: "base+%d" % self.n()),
            (1, lambda: "%s@%s" % (self.any_rev(), self.ref(rng.choice(above)))),
        ]
        if labels:
            options += [
                (2, lambda: "%s@head" % self.label_ref(rng.choice(labels))),
                (1, lambda: "%s@heads" % rng.choice(labels)),
                (1.5, lambda: "%s@+%d" % (rng.choice(labels), self.n())),
                (1.5, lambda: "%s@%s" % (rng.choice(labels), self.ref(rng.choice(above)))),
                (0.5, lambda: "%s@%s" % (rng.choice(labels), self.prefix(self.any_rev()))),
                (0.5, lambda: "%s@base+%d" % (rng.choice(labels), self.n())),
                (1, lambda: self.label_ref(rng.choice(labels))),
            ]
        return self._draw(options)

    def downgrade_target(self, rows: List[str]) -> str:
        g, rng = self.g, self.rng
        applied = sorted(g.ancestors_of_all(rows)) or g.ids
        labels = g.labels
        options = [
            (2, lambda: "base"),
            (5, lambda: self.ref(rng.choice(applied))),
            (4, lambda: "-%d" % self.n()),
            (2.5, lambda: "%s-%d" % (self.ref(rng.choice(rows or g.ids)), self.n())),
            (0.5, lambda: self.ref(self.any_rev())),
            (0.3, lambda: "heads"),
            (0.5, lambda: "base+%d" % self.n()),
            (1, lambda: "%s@%s" % (self.any_rev(), self.ref(rng.choice(applied)))),
        ]
        if labels:
            options += [
                (1.5, lambda: "%s@base" % self.label_ref(rng.choice(labels))),
                (2.5, lambda: "%s@-%d" % (rng.choice(labels), self.n())),
                (1.5, lambda: "%s@%s" % (rng.choice(labels), self.ref(rng.choice(applied)))),
                (0.5, lambda: "%s@base+%d" % (rng.choice(labels), self.n())),
                (0.5, lambda: self.label_ref(rng.choice(labels))),
            ]
        return self._draw(options)

    def stamp_targets(self) -> List[str]:
        g, rng = self.g, self.rng
        roll = rng.random()
        if roll < 0.15:
            return ["heads"]
        if roll < 0.25:
            return ["base"]
        if roll < 0.4 and g.labels:
            return ["%s@head" % rng.choice(g.labels)]
        if roll < 0.65 and len(g.ids) >= 2:
            # Two revisions: usually on different branches, sometimes one the ancestor of the other.
            a, b = rng.sample(g.ids, 2)
            return [self.ref(a), self.ref(b)]
        return [self.ref(self.any_rev())]

    def history_range(self, rows: List[str]) -> Optional[str]:
        g, rng = self.g, self.rng
        a, b = self.any_rev(), self.any_rev()
        labels = g.labels
        options = [
            (3, lambda: None),
            (3, lambda: "%s:%s" % (self.ref(a), self.ref(b))),
            (2, lambda: "%s:" % self.ref(a)),
            (2, lambda: ":%s" % self.ref(b)),
            (1, lambda: "%s@base:" % a),
            (1, lambda: "%s:+%d" % (self.ref(a), self.n() + 1)),
            (1, lambda: "-%d:%s" % (self.n() + 1, self.ref(b))),
            (1.5, lambda: "current:"),
            (1.5, lambda: ":current"),
            (0.5, lambda: "base:heads"),
            (0.5, lambda: "%s:heads" % self.ref(a)),
        ]
        if labels:
            options += [
                (1, lambda: "%s@base:" % rng.choice(labels)),
                (1, lambda: "%s@-2:heads" % rng.choice(labels)),
                (0.5, lambda: "%s@head:" % rng.choice(labels)),
            ]
        return self._draw(options)

    def show_target(self, rows: List[str]) -> str:
        g, rng = self.g, self.rng
        options = [
            (5, lambda: self.ref(self.any_rev())),
            (1, lambda: "heads"),
            (1, lambda: "head"),
            (1.5, lambda: "current"),
            (0.3, lambda: "base"),
        ]
        if g.labels:
            options += [
                (1, lambda: self.label_ref(rng.choice(g.labels))),
                (1, lambda: "%s@head" % rng.choice(g.labels)),
            ]
        return self._draw(options)

    def _draw(self, options):
        weights = [w for w, _ in options]
        return self.rng.choices(options, weights=weights)[0][1]()

    # -- commands ----------------------------------------------------------------------------------------

    def pick(self, rows: List[str]) -> dict:
        g, rng = self.g, self.rng
        applied = g.ancestors_of_all(rows)
        all_applied = len(applied) == len(g.ids)
        kinds = [
            ("upgrade", 8 if all_applied else 24),
            ("downgrade", 20 if rows else 5),
            ("stamp", 6),
            ("upgrade-sql", 5),
            ("downgrade-sql", 4),
            ("stamp-sql", 1.5),
            ("history", 13),
            ("heads", 4),
            ("heads-resolve", 3),
            ("current", 5),
            ("branches", 3),
            ("show", 7),
        ]
        kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]

        if kind == "upgrade":
            return {"cmd": "upgrade", "target": self.upgrade_target(rows)}
        if kind == "downgrade":
            return {"cmd": "downgrade", "target": self.downgrade_target(rows)}
        if kind == "stamp":
            return {"cmd": "stamp", "targets": self.stamp_targets(), "purge": rng.random() < 0.15}
        if kind == "upgrade-sql":
            a = self.ref(self.any_rev())
            target = self._draw([
                (3, lambda: "base:heads"),
                (1.5, lambda: "heads"),
                (3, lambda: "%s:heads" % a),
                (2, lambda: "%s:%s" % (a, self.upgrade_target([a]))),
                (1, lambda: "current:heads"),
                (1, lambda: "base:%s" % self.upgrade_target([])),
            ])
            return {"cmd": "upgrade", "target": target, "sql": True}
        if kind == "downgrade-sql":
            a = self.any_rev()
            down_from_a = sorted(g.ancestors(a))
            target = self._draw([
                (3, lambda: "%s:base" % self.ref(a)),
                (1, lambda: "heads:base"),
                (2, lambda: "%s:%s" % (self.ref(a), self.ref(rng.choice(down_from_a or g.ids)))),
                (1, lambda: "%s:%s" % (self.ref(a), self.downgrade_target([a]))),
                (0.5, lambda: "base"),
                (0.5, lambda: "current:base"),
            ])
            return {"cmd": "downgrade", "target": target, "sql": True}
        if kind == "stamp-sql":
            targets = self.stamp_targets()
            if rng.random() < 0.3:
                targets = ["%s:%s" % (self.any_rev(), targets[0])]
            return {"cmd": "stamp", "targets": targets, "sql": True}
        if kind == "history":
            return {"cmd": "history", "range": self.history_range(rows), "indicate": rng.random() < 0.25}
        if kind == "heads":
            return {"cmd": "heads"}
        if kind == "heads-resolve":
            return {"cmd": "heads", "resolve": True}
        if kind == "current":
            return {"cmd": "current"}
        if kind == "branches":
            return {"cmd": "branches"}
        return {"cmd": "show", "rev": self.show_target(rows)}


def start_rows(rng: random.Random, g: Graph) -> List[str]:
    """Usually an empty database; sometimes version rows written directly, including a row beside its own
    ancestor (overlapping rows), which both tools must refuse or accept alike."""
    roll = rng.random()
    if roll < 0.84:
        return []
    if roll < 0.91:
        return [rng.choice(g.ids)]
    if roll < 0.95:
        a, b = rng.sample(g.ids, 2) if len(g.ids) >= 2 else (g.ids[0], g.ids[0])
        return sorted({a, b})
    with_ancestors = [r for r in g.ids if g.ancestors(r)]
    if not with_ancestors:
        return [rng.choice(g.ids)]
    r = rng.choice(with_ancestors)
    return sorted({r, rng.choice(sorted(g.ancestors(r)))})


def make_scenario(seed: int):
    """The graph, start rows, command count and the picker that draws the commands, for one seed."""
    rng = random.Random(seed)
    g = make_graph(rng)
    rows = start_rows(rng, g)
    count = rng.randint(4, 12)
    return g, rows, count, CommandPicker(rng, g)


def describe_command(c: dict) -> str:
    """The command as an Alembic user would type it (also the form used in reports)."""
    name = c["cmd"]
    if name in ("upgrade", "downgrade"):
        return "%s %s%s" % (name, c["target"], " --sql" if c.get("sql") else "")
    if name == "stamp":
        return "stamp %s%s%s" % (" ".join(c["targets"]), " --sql" if c.get("sql") else "",
                                  " --purge" if c.get("purge") else "")
    if name == "history":
        text = "history"
        if c.get("range") is not None:
            text += " -r %s" % c["range"]
        return text + (" -i" if c.get("indicate") else "")
    if name == "heads":
        return "heads --resolve-dependencies" if c.get("resolve") else "heads"
    if name == "show":
        return "show %s" % c["rev"]
    return name
