"""Benchmark transparency_core against its peers on one generated ledger; print one table.

    uv run python benchmarks/run.py                  # 1,000,000 records
    uv run python benchmarks/run.py --records 100000 --skip pandas

The ledger is made by ``make_ledger.py`` (seeded, so every run counts the same file)
and kept in ``benchmarks/.data/``. Each contender runs in a process of its own; the
runner measures its wall time (start of the process to its end, interpreter and imports
included) and its peak memory (the resident memory of the process and its children,
sampled every 10 ms from /proc, so Linux only), and checks that every contender printed
the same figures as transparency_core. The contenders run with Python's bytecode cache
on, as an installed package has it (``PYTHONDONTWRITEBYTECODE`` is left out of their
environment, and ``compileall`` writes the cache of the package and the environment
before the first clock starts): without it every run compiles the package again, about
half a second.

Contenders: the plain loop, pandas and DuckDB (``peer_*.py``), and the command line,
``transparency-core render LEDGER --format json``, with one process (``--jobs 1``) and
with one per core (the default). A last pair of rows is target 1:
counting prebuilt records in memory, ``build_report`` on value objects against a
minimal loop over the same records as dicts (only the counting is timed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import sysconfig
import threading
import time
from pathlib import Path

import transparency_core
from transparency_core._cli import default_jobs

HERE = Path(__file__).parent
DATA = HERE / ".data"


def _rss_kb(pid: int) -> int:
    """The resident memory of ``pid`` and its descendants, in KB (0 once it is gone)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(_rss_kb(int(child)) for child in children)


_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}
"""The contenders' environment: with the bytecode cache on, as an installed package has it."""


def _run(command: list[str]) -> tuple[float, int, str]:
    """Run ``command``; return its wall seconds, peak memory in MB and its stdout."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.PIPE, cwd=HERE, text=True, env=_ENVIRONMENT
    )

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _rss_kb(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode:
        msg = f"{command} exited with {process.returncode}"
        raise RuntimeError(msg)
    return seconds, peak // 1024, output


def _compile() -> None:
    """Write the bytecode cache of the package and the environment, before any clock starts."""
    package = Path(transparency_core.__file__).parent  # the one PYTHONPATH chose, if set
    libraries = sysconfig.get_paths()["purelib"]
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "compileall", "-q", "-j", "0", str(package), libraries],
        check=True,
        env=_ENVIRONMENT,
        stdout=subprocess.DEVNULL,
    )


def _ledger(records: int) -> Path:
    path = DATA / f"ledger-{records}.jsonl"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        print(f"writing {path} ...", file=sys.stderr)
        subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / "make_ledger.py"), str(records), str(path)], check=True
        )
    return path


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> int:
    """Run every contender and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--skip", action="append", default=[], help="a contender to leave out")
    arguments = parser.parse_args()
    path = _ledger(arguments.records)
    requests = sum(1 for line in path.open("rb") if line.strip())
    measure = [sys.executable, str(HERE / "measure.py")]
    contenders = {
        "plain loop": [*measure, "loop", str(path)],
        "pandas": [*measure, "pandas", str(path)],
        "DuckDB": [*measure, "duckdb", str(path)],
    }
    cli = [sys.executable, "-m", "transparency_core", "render", str(path), "--format", "json"]
    for jobs in sorted({1, default_jobs()}):
        processes = f"{jobs} process{'es' if jobs > 1 else ''}"
        contenders[f"transparency-core, {processes}"] = [*cli, "--jobs", str(jobs)]
    results: dict[str, tuple[float, int, dict[str, object]]] = {}
    _compile()
    for name, command in contenders.items():
        if name.split()[0].strip(",").lower() in arguments.skip:
            continue
        print(f"running {name} ...", file=sys.stderr)
        seconds, peak, output = _run(command)
        data = json.loads(output)
        figures = data["figures"] if "figures" in data else _json_figures(data)
        results[name] = (seconds, peak, figures)
    reference = results["transparency-core, 1 process"][2]
    loop = results.get("plain loop", (None,))[0]
    duck = results.get("DuckDB", (None,))[0]
    print(f"{requests:,} records ({path.stat().st_size / 1e6:,.0f} MB of JSON Lines); {_machine()}")
    print()
    print(
        "| contender | seconds | µs per record | x plain loop | x DuckDB | peak MB | same figures |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, (seconds, peak, figures) in results.items():
        ratio_loop = f"{seconds / loop:.2f}" if loop else ""
        ratio_duck = f"{seconds / duck:.2f}" if duck else ""
        same = "yes" if figures == reference else "NO"
        print(
            f"| {name} | {seconds:.2f} | {seconds / requests * 1e6:.1f} | {ratio_loop} | "
            f"{ratio_duck} | {peak:,} | {same} |"
        )
    counted = {}
    for name in ("counting-loop", "counting-engine", "counting-subtotals"):
        _, _, output = _run([*measure, name, str(path)])
        counted[name] = json.loads(output)
    loop_seconds = counted["counting-loop"]["seconds"]
    print()
    print("| counting prebuilt records in memory | seconds | x the loop | same figures |")
    print("|---|---:|---:|---|")
    for name, label in (
        ("counting-loop", "a minimal loop over dicts"),
        ("counting-engine", "build_report over value objects (with every id)"),
        ("counting-subtotals", "Subtotals over value objects, without provenance"),
    ):
        seconds = counted[name]["seconds"]
        same = "yes" if counted[name]["figures"] == reference else "NO"
        print(f"| {label} | {seconds:.2f} | {seconds / loop_seconds:.2f} | {same} |")
    return 0


def _json_figures(data: dict[str, object]) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    import common  # noqa: PLC0415 -- next to this script

    return common.json_figures(data)


if __name__ == "__main__":
    raise SystemExit(main())
