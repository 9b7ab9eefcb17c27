#!/usr/bin/env python3
"""The web editor under load, on loopback: the edit → preview round trip of one client, then 20
clients editing and previewing different roles at once for 30 s while two of them save the same
role — no error, no lost save (the second save of the shared role is refused and reported), the
server's memory flat. Writes benchmarks/RESULTS-web.md.

    .venv/bin/python benchmarks/web_load.py [--seconds 30] [--clients 20]

Needs the web extra (`pip install 'ajdoc[web]'`). The figures are absolute (milliseconds,
requests per second, MB) for this machine; they are not ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))

from web_support import form_of, with_value  # noqa: E402

TARGET_MS = 150
ROLES = ["teenuse-juht.yaml", "osakonnajuhataja.yaml", "koordinaator-kaitstud-too.yaml",
         "peaspetsialist-lastemaja.yaml", "teenuseomanik-lastemaja.yaml"]
HX = {"HX-Request": "true", "content-type": "application/x-www-form-urlencoded"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Server:
    """`ajdoc serve` over a folder, in a process of its own."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([str(BIN / "ajdoc"), "serve", str(folder), "--port",
                                      str(self.port)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        for _ in range(400):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err.decode("utf-8", "replace")


def encode(pairs) -> str:
    return urllib.parse.urlencode(pairs)


class Editor:
    """One browser tab editing one role file."""

    def __init__(self, url: str, rel: str):
        self.http = httpx.Client(base_url=url, timeout=60)
        self.rel = rel
        self.reload()

    def reload(self) -> None:
        res = self.http.get("/role", params={"path": self.rel})
        res.raise_for_status()
        self.form = form_of(res.text, "role-form")

    def preview(self, n: int) -> tuple[float, httpx.Response]:
        pairs = with_value(self.form, "purpose", f"Ametikoha eesmärk on muudatus number {n}.")
        t = time.perf_counter()
        res = self.http.post("/role/preview", content=encode(pairs), headers=HX)
        return time.perf_counter() - t, res

    def structural(self, op: str) -> httpx.Response:
        res = self.http.post("/role/form", content=encode(self.form + [("op", op)]), headers=HX)
        if res.status_code == 200 and 'id="role-form"' in res.text:
            self.form = form_of(res.text, "role-form")
        return res

    def save(self, supervisor: str) -> tuple[str, httpx.Response]:
        pairs = with_value(self.form, "general.supervisor", supervisor)
        res = self.http.post("/role/save", content=encode(pairs), headers=HX)
        outcome = "error"
        if res.status_code == 200 and "Salvestatud." in res.text:
            outcome = "saved"
            self.form = form_of(res.text, "role-form")
        elif res.status_code == 200 and 'id="conflict"' in res.text:
            outcome = "conflict"
        return outcome, res


def round_trip(url: str, n: int) -> list[float]:
    editor = Editor(url, "teenuse-juht.yaml")
    for i in range(5):  # warm up (the first composition reads the library)
        editor.preview(i)
    times = []
    for i in range(n):
        took, res = editor.preview(100 + i)
        assert res.status_code == 200 and "internal error" not in res.text
        assert f"muudatus number {100 + i}." in res.text  # the preview shows the edit
        times.append(took * 1000)
    return times


def load(url: str, folder: Path, clients: int, seconds: float) -> dict:
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    stats = {"previews": 0, "forms": 0, "saves": 0, "conflicts": 0, "errors": [],
             "latency": []}
    last_saved: dict[str, str] = {}

    def worker(i: int) -> None:
        rel = f"roll-{i:02d}.yaml"
        editor = Editor(url, rel)
        n = 0
        while time.monotonic() < stop:
            n += 1
            took, res = editor.preview(n)
            ok = res.status_code == 200 and "internal error" not in res.text
            with lock:
                stats["previews"] += 1
                stats["latency"].append(took * 1000)
                if not ok:
                    stats["errors"].append(f"{rel} preview {res.status_code}")
            if n % 5 == 0:
                for op in ("add:duties[1].results", "remove:duties[1].results[2]"):
                    res = editor.structural(op)
                    with lock:
                        stats["forms"] += 1
                        if res.status_code != 200:
                            stats["errors"].append(f"{rel} {op} {res.status_code}")
            if n % 7 == 0:
                who = f"Juht {i} {n}"
                outcome, res = editor.save(who)
                with lock:
                    if outcome == "saved":
                        stats["saves"] += 1
                        last_saved[rel] = who
                    else:
                        stats["errors"].append(f"{rel} save {outcome} {res.status_code}")

    def sharers() -> None:
        """Two tabs on one role: both open it, the first saves, the second's save is refused
        (reported with both versions); reloaded, it saves. Then they swap places."""
        rounds = 0
        names = ["A", "B"]
        while time.monotonic() < stop - 2:
            rounds += 1
            first, second = Editor(url, "jagatud.yaml"), Editor(url, "jagatud.yaml")
            for editor, who, expected in ((first, f"{names[0]} {rounds}", "saved"),
                                          (second, f"{names[1]} {rounds} (stale)", "conflict")):
                outcome, res = editor.save(who)
                with lock:
                    if outcome != expected:
                        stats["errors"].append(f"shared: {outcome} where {expected} was due")
                    elif outcome == "saved":
                        stats["saves"] += 1
                        last_saved["jagatud.yaml"] = who
                    else:
                        stats["conflicts"] += 1
            second.reload()
            outcome, res = second.save(f"{names[1]} {rounds}")
            with lock:
                if outcome == "saved":
                    stats["saves"] += 1
                    last_saved["jagatud.yaml"] = f"{names[1]} {rounds}"
                else:
                    stats["errors"].append(f"shared: the reloaded save was {outcome}")
            names.reverse()
            time.sleep(0.5)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=sharers))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lost = []
    for rel, who in last_saved.items():
        text = (folder / rel).read_text(encoding="utf-8")
        if f"supervisor: {who}\n" not in text:
            lost.append(rel)
    stats["lost"] = lost
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--round-trips", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ajdoc-web-load-") as tmp:
        folder = Path(tmp)
        for i in range(args.clients):
            shutil.copy(EXAMPLES / ROLES[i % len(ROLES)], folder / f"roll-{i:02d}.yaml")
        shutil.copy(EXAMPLES / "teenuse-juht.yaml", folder / "jagatud.yaml")
        shutil.copy(EXAMPLES / "teenuse-juht.yaml", folder / "teenuse-juht.yaml")
        server = Server(folder)
        try:
            rt = round_trip(server.url, args.round_trips)
            rss = [rss_mb(server.proc.pid)]
            samples: list[float] = []
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    samples.append(rss_mb(server.proc.pid))
                    time.sleep(1)

            sampler = threading.Thread(target=sample)
            sampler.start()
            t0 = time.perf_counter()
            stats = load(server.url, folder, args.clients, args.seconds)
            elapsed = time.perf_counter() - t0
            done.set()
            sampler.join()
            rss.append(rss_mb(server.proc.pid))
        finally:
            log = server.stop()
    tb = "Traceback" in log
    lat = sorted(stats["latency"])
    warm = samples[min(len(samples) - 1, 5)] if samples else rss[0]
    result = {
        "rt_median": statistics.median(rt), "rt_p90": rt_p(rt, 0.9), "rt_max": max(rt),
        "previews": stats["previews"], "forms": stats["forms"], "saves": stats["saves"],
        "conflicts": stats["conflicts"], "errors": stats["errors"], "lost": stats["lost"],
        "rps": (stats["previews"] + stats["forms"] + stats["saves"]) / elapsed,
        "load_median": statistics.median(lat) if lat else 0, "load_p90": rt_p(lat, 0.9),
        "rss_start": rss[0], "rss_warm": warm, "rss_max": max(samples or rss),
        "rss_end": rss[1], "elapsed": elapsed, "traceback": tb,
        "clients": args.clients, "seconds": args.seconds, "timeline": samples[::5],
    }
    write(result)
    ok = (not result["errors"] and not result["lost"] and not tb and result["conflicts"] > 0
          and result["rss_end"] - result["rss_warm"] < 50)
    print(Path(ROOT / "benchmarks" / "RESULTS-web.md").read_text())
    return 0 if ok else 1


def rt_p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def write(r: dict) -> None:
    import ajdoc
    import starlette
    import uvicorn

    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    met = "met" if r["rt_median"] <= TARGET_MS else "not met"
    lines = [
        "# ajdoc web editor: load test and preview round trip",
        "",
        f"Measured {now} on {platform.node()}: {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), {platform.platform()}.",
        f"Versions: python {platform.python_version()}, ajdoc {ajdoc.__version__}, starlette "
        f"{starlette.__version__}, uvicorn {uvicorn.__version__}. One `ajdoc serve` process "
        "on loopback; the clients are threads of one other process (httpx), so clients and "
        "server share the same cores.",
        "",
        "## The edit → preview round trip (one client)",
        "",
        "A field changed, the form posted to /role/preview, the answer (the check's messages "
        "and the document's HTML preview, composed from the role file the form stands for) "
        "back: one client, 60 edits of teenuse-juht.yaml after 5 to warm up.",
        "",
        "| median | p90 | max | target | |",
        "| --- | --- | --- | --- | --- |",
        f"| {r['rt_median']:.0f} ms | {r['rt_p90']:.0f} ms | {r['rt_max']:.0f} ms | "
        f"≤ {TARGET_MS} ms | {met} |",
        "",
        f"## {r['clients']} clients for {r['seconds']:.0f} s, and two tabs on one role",
        "",
        f"Each client edits its own role file: a preview per edit, every 5th edit a result "
        "added and removed (the editor redrawn), every 7th a save. Meanwhile two tabs open one "
        "more role together: the first saves, the second's save is refused (the conflict is "
        "reported with both versions), it reloads and saves; then again, the other way round.",
        "",
        "| | |",
        "| --- | --- |",
        f"| requests | {r['previews']} previews, {r['forms']} redraws, {r['saves']} saves "
        f"({r['rps']:.1f} per second in all) |",
        f"| preview latency under load | median {r['load_median']:.0f} ms, "
        f"p90 {r['load_p90']:.0f} ms |",
        f"| conflicts reported (stale saves refused) | {r['conflicts']} |",
        f"| errors | {len(r['errors'])}" + (f": {'; '.join(r['errors'][:5])}" if r['errors']
                                           else "") + " |",
        f"| saves lost (last save not on disk) | {len(r['lost'])} |",
        f"| a traceback in the server's log | {'yes' if r['traceback'] else 'no'} |",
        f"| server memory (RSS) | {r['rss_start']:.0f} MB before, {r['rss_warm']:.0f} MB after "
        f"5 s, {r['rss_max']:.0f} MB at most, {r['rss_end']:.0f} MB at the end |",
        f"| memory every 5 s | {', '.join(f'{m:.0f}' for m in r['timeline'])} MB |",
        "",
    ]
    (ROOT / "benchmarks" / "RESULTS-web.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
