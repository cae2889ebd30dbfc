"""Benchmark of tag inference: what it adds to a cold build of the demo library."""

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WITH = ["pdf_text", "taxonomy", "publications"]
WITHOUT = ["pdf_text", "publications"]


def cold_build_seconds(plugins: list[str]) -> float:
    """A build of the demo library with an empty PDF text cache."""
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
            "-o", f"{folder}/site",
            "-e", f"PLUGINS={json.dumps(plugins)}", f"PDF_TEXT_CACHE_PATH={json.dumps(folder)}",
        ]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started


def measure(runs: int) -> dict:
    with_inference, without = [], []
    for _ in range(runs):  # interleaved, so that the machine's moods fall on both alike
        with_inference.append(cold_build_seconds(WITH))
        without.append(cold_build_seconds(WITHOUT))
    seconds_with, seconds_without = statistics.median(with_inference), statistics.median(without)
    return {
        "runs": runs,
        "cold_build_with_inference_s": seconds_with,
        "cold_build_without_inference_s": seconds_without,
        "inference_share": seconds_with / seconds_without - 1,
    }


def table(results: dict) -> str:
    r = results
    return "\n".join(
        [
            "| measure | median | target |",
            "|---|---|---|",
            f"| Cold build of the demo library, without inference | "
            f"{r['cold_build_without_inference_s']:.2f} s | |",
            f"| Cold build of the demo library, with inference | "
            f"{r['cold_build_with_inference_s']:.2f} s | |",
            f"| Added by inference | {r['inference_share']:+.0%} | ≤ +20% |",
        ]
    )
