"""Differential test of retort against Alembic: the command line (see README.md)."""

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import traceback

import alembic_side
import report
import scenario


def parse_args(argv):
    p = argparse.ArgumentParser(prog="tests/alembic_diff/run",
                                description="Run random revision graphs and commands with Alembic and retort "
                                            "and compare what they do.")
    p.add_argument("--retort", required=True, help="the retort binary to test")
    p.add_argument("--seeds", type=int, default=None, help="how many consecutive seeds to run (default 150)")
    p.add_argument("--first-seed", type=int, default=1, help="the first of --seeds (default 1)")
    p.add_argument("--seed", type=int, action="append", default=[], help="run this seed (repeatable)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="scenarios run in parallel")
    p.add_argument("--keep", metavar="DIR", help="write each differing scenario's two projects here")
    p.add_argument("--repros", type=int, default=20, help="reproductions to print, one per cause (default 20)")
    p.add_argument("--verbose", action="store_true", help="a line per scenario, and every reproduction")
    args = p.parse_args(argv)
    if args.seed and args.seeds is not None:
        p.error("give --seeds N or --seed S, not both")
    return args


def _one(job):
    seed, retort, keep = job
    try:
        return scenario.run(seed, retort, keep), None
    except Exception:  # the harness's own failure: reported, and it fails the run, but is not a difference
        return None, "seed %d: %s" % (seed, traceback.format_exc().strip().splitlines()[-1])


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    problem = alembic_side.alembic_importable()
    if problem:
        print("alembic_diff: FAILED: " + problem, file=sys.stderr)
        return 1
    retort = os.path.abspath(args.retort)
    if not os.access(retort, os.X_OK):
        print("alembic_diff: FAILED: %s is not an executable" % retort, file=sys.stderr)
        return 1
    if args.keep:
        args.keep = os.path.abspath(args.keep)
        os.makedirs(args.keep, exist_ok=True)
    seeds = args.seed or list(range(args.first_seed, args.first_seed + (150 if args.seeds is None else args.seeds)))

    started = time.monotonic()
    jobs = [(s, retort, args.keep) for s in seeds]
    results, errors = [], []
    # Every scenario folder and driver log goes under one folder, removed at the end even when the pool's
    # workers are terminated without cleaning up after themselves.
    tempfile.tempdir = tempfile.mkdtemp(prefix="alembic-diff-run-")
    try:
        run_scenarios(args, jobs, results, errors)
    finally:
        shutil.rmtree(tempfile.tempdir, ignore_errors=True)
    results.sort(key=lambda r: r["seed"])
    elapsed = time.monotonic() - started

    print(report.summary(results, errors))
    print("\n%.1f s, %.2f s per scenario with %d jobs" % (elapsed, elapsed / max(1, len(seeds)), args.jobs))
    if any(r["difference"] for r in results):
        print(report.reproductions(results, 10 ** 6 if args.verbose else args.repros))
    failed = bool(errors) or any(r["difference"] for r in results)
    print("\nalembic_diff: %s" % ("FAILED" if failed else "passed"))
    return 1 if failed else 0


def run_scenarios(args, jobs, results, errors) -> None:
    # fork: the workers need nothing but these modules, and start at once.
    with multiprocessing.get_context("fork").Pool(max(1, args.jobs)) as pool:
        for res, err in pool.imap_unordered(_one, jobs):
            if err:
                errors.append(err)
                continue
            results.append(res)
            if args.verbose:
                d = res["difference"]
                print("seed %-6d %2d revisions %2d commands compared  %s" % (
                    res["seed"], len(res["graph"]), res["compared"],
                    "DIFFERS %s at `%s`" % (d["cause"], d["command"]) if d else "same"), flush=True)
                for command, verdict in zip(res["commands"], res["verdicts"]):
                    print("    %-50s %s" % (command, verdict), flush=True)


if __name__ == "__main__":
    sys.exit(main())
