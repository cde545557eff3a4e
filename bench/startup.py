#!/usr/bin/env python3
"""Measure Mimic's cold start and its memory before and after load.

Start-up: the time from just before exec to the first HTTP 200 of the mock
endpoint, over --runs fresh processes. A raw socket client polls every
--poll-ms, so the figure carries no curl or shell start-up of its own.

Memory: VmRSS of the server from /proc/PID/status 1 s after its first 200,
then after each of --loads wrk runs against the same process.

Only 127.0.0.1 is contacted, and every server started here is stopped by PID.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

HOST = "127.0.0.1"


def parse_args():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    spec = os.path.join(root, "..", "shared", "bench", "petstore.yaml")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(root, "build", "mimic"), help="server binary")
    parser.add_argument("--spec", default=spec, help="OpenAPI document to import")
    parser.add_argument("--port", type=int, default=4010, help="port on 127.0.0.1")
    parser.add_argument("--path", default="/rest/Tiny+Pets/1.0.0/pets/1", help="mock endpoint polled")
    parser.add_argument("--runs", type=int, default=20, help="cold starts to measure")
    parser.add_argument("--poll-ms", type=float, default=0.5, help="pause after a refused connection before the next attempt, in ms")
    parser.add_argument("--timeout-s", type=float, default=10.0, help="time limit for one start to reach its first 200, in s")
    parser.add_argument("--loads", type=int, default=3, help="wrk runs for the memory check")
    parser.add_argument("--load-seconds", type=int, default=10, help="length of each wrk run, in s")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--out", default=None, help="folder for startup.json and server logs")
    return parser.parse_args()


def server_command(args):
    return [args.bin, "serve", "--address", HOST, "--port", str(args.port),
            "--data-dir", ":memory:", "--import", os.path.abspath(args.spec)]


def port_answers(port):
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def get_status(port, path, timeout_s):
    """Send one GET and return the status code, or None when nothing responds yet."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout_s) as sock:
            request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n"
            sock.sendall(request.encode())
            head = b""
            while b"\r\n" not in head and len(head) < 4096:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                head += chunk
    except (ConnectionRefusedError, ConnectionResetError, TimeoutError):
        return None
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return int(match.group(1)) if match else None


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} missing in /proc/{pid}/status")


def stop(process):
    """Send SIGTERM, wait up to 5 s, then SIGKILL."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        print(f"startup: pid {process.pid} ignored SIGTERM, sending SIGKILL", file=sys.stderr)
        process.kill()
        process.wait()


def start_and_wait(args, log_path):
    """Start one server and poll until the first 200.

    Returns (process, milliseconds from exec to the first 200). Raises
    RuntimeError when the server exits, returns another status or times out.
    """
    log = open(log_path, "w")
    started_ns = time.monotonic_ns()
    process = subprocess.Popen(server_command(args), stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline_ns = started_ns + int(args.timeout_s * 1e9)
    while time.monotonic_ns() < deadline_ns:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode}, see {log_path}")
        status = get_status(args.port, args.path, timeout_s=1.0)
        if status == 200:
            return process, (time.monotonic_ns() - started_ns) / 1e6
        if status is not None:
            stop(process)
            raise RuntimeError(f"GET {args.path} returned {status}, expected 200, see {log_path}")
        time.sleep(args.poll_ms / 1000)
    stop(process)
    raise RuntimeError(f"timed out after {args.timeout_s} s without a 200, see {log_path}")


def logged_startup_ms(log_path):
    """Return the startup_ms the server logs in its ready line, or None."""
    with open(log_path) as log:
        match = re.search(r"event=server\.ready .*?startup_ms=([0-9.]+)", log.read())
    return float(match.group(1)) if match else None


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def measure_starts(args, out):
    runs = []
    for run in range(1, args.runs + 1):
        log_path = os.path.join(out, f"start-{run}.log")
        process, ready_ms = start_and_wait(args, log_path)
        try:
            rss_ready = rss_kb(process.pid)
            time.sleep(1)
            rss_1s = rss_kb(process.pid)
        finally:
            stop(process)
        runs.append({"run": run, "first_200_ms": round(ready_ms, 2),
                     "logged_startup_ms": logged_startup_ms(log_path),
                     "rss_kb_at_first_200": rss_ready, "rss_kb_after_1s": rss_1s})
        print(f"startup: run {run}: first 200 after {ready_ms:.1f} ms, "
              f"RSS {rss_1s} KiB after 1 s", file=sys.stderr)
    return runs


def run_wrk(args, seconds):
    """Run wrk against the endpoint and return (req/s, non-2xx count, socket errors)."""
    result = subprocess.run(
        ["wrk", "-t1", f"-c{args.connections}", f"-d{seconds}s", f"http://{HOST}:{args.port}{args.path}"],
        capture_output=True, text=True, check=True)
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result.stdout)
    return (rps, int(non2xx.group(1)) if non2xx else 0,
            sum(int(n) for n in errors.groups()) if errors else 0)


def measure_memory_under_load(args, out):
    log_path = os.path.join(out, "load.log")
    process, _ = start_and_wait(args, log_path)
    try:
        time.sleep(1)
        samples = [{"after": "start", "rss_kb": rss_kb(process.pid)}]
        for load in range(1, args.loads + 1):
            rps, non2xx, errors = run_wrk(args, args.load_seconds)
            time.sleep(1)
            samples.append({"after": f"load {load}", "rss_kb": rss_kb(process.pid),
                            "rps": rps, "non2xx": non2xx, "socket_errors": errors})
            print(f"startup: load {load}: {rps:.0f} req/s, RSS {samples[-1]['rss_kb']} KiB",
                  file=sys.stderr)
        peak = rss_kb(process.pid, "VmHWM")
    finally:
        stop(process)
    return {"samples": samples, "peak_rss_kb": peak}


def main():
    args = parse_args()
    out = args.out or time.strftime("/tmp/mimic-startup-%Y%m%d-%H%M%S")
    os.makedirs(out, exist_ok=True)
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"startup: {args.bin} not found or not executable. Build it first with ninja -C build mimic")
    if shutil.which("wrk") is None and args.loads > 0:
        sys.exit("startup: wrk not found (apt-get install -y wrk)")
    if port_answers(args.port):
        sys.exit(f"startup: port {HOST}:{args.port} is in use. Pick another with --port or PORT=")

    try:
        runs = measure_starts(args, out)
        memory = measure_memory_under_load(args, out) if args.loads > 0 else None
    except RuntimeError as error:
        sys.exit(f"startup: {error}")

    first_200 = [r["first_200_ms"] for r in runs]
    rss_1s = [r["rss_kb_after_1s"] for r in runs]
    logged = [r["logged_startup_ms"] for r in runs if r["logged_startup_ms"] is not None]
    summary = {
        "command": " ".join(server_command(args)),
        "runs": len(runs),
        "first_200_ms": {"median": statistics.median(first_200), "p90": percentile(first_200, 0.9),
                         "min": min(first_200), "max": max(first_200)},
        "logged_startup_ms_median": statistics.median(logged) if logged else None,
        "rss_kb_after_1s": {"median": statistics.median(rss_1s), "max": max(rss_1s)},
        "memory_under_load": memory,
        "per_run": runs,
    }
    with open(os.path.join(out, "startup.json"), "w") as result:
        json.dump(summary, result, indent=2)

    print(f"first 200 after exec over {len(runs)} runs: median {summary['first_200_ms']['median']:.1f} ms, "
          f"p90 {summary['first_200_ms']['p90']:.1f} ms (min {min(first_200):.1f}, max {max(first_200):.1f})")
    if logged:
        print(f"startup_ms logged by the server: median {summary['logged_startup_ms_median']:.1f} ms")
    print(f"RSS 1 s after start: median {statistics.median(rss_1s) / 1024:.1f} MiB")
    if memory:
        trail = ", ".join(f"{s['after']} {s['rss_kb'] / 1024:.1f}" for s in memory["samples"])
        print(f"RSS in MiB over {args.loads} x {args.load_seconds} s of wrk: {trail}; "
              f"peak {memory['peak_rss_kb'] / 1024:.1f}")
    print(f"details: {out}/startup.json")


if __name__ == "__main__":
    main()
