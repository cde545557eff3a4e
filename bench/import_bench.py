#!/usr/bin/env python3
"""Times the import of large artifacts through POST /api/artifact/upload.

Generates a ~5 MB OpenAPI document (many paths, each with named examples), the
same document as YAML, and a ~5 MB Postman collection. For each, it starts build/mimic on 127.0.0.1 with a fresh
data folder and uploads the file RUNS times. It prints the median wall time of the
upload request and, for every upload, the extra memory it took: the peak RSS during
the upload (VmHWM in /proc/PID/status, reset before each upload through
/proc/PID/clear_refs) minus the RSS just before it. Only 127.0.0.1 is contacted, and every
server started is stopped by its PID.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"


def openapi_document(target_bytes):
    paths = {}
    i = 0
    size = 0
    while size < target_bytes:
        examples = {}
        responses = {}
        for n in range(3):
            name = f"example{n}"
            examples[name] = {"value": str(n)}
            responses[name] = {"value": {"id": n, "resource": i, "name": f"item {i}-{n}",
                                         "tags": [f"tag{t}" for t in range(8)],
                                         "description": "lorem ipsum dolor sit amet " * 4}}
        paths[f"/resources{i}/{{id}}"] = {"get": {
            "operationId": f"getResource{i}",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "string"}, "examples": examples}],
            "responses": {"200": {"description": "found", "content": {"application/json": {
                "schema": {"type": "object"}, "examples": responses}}}}}}
        i += 1
        if i % 100 == 0:
            size = len(json.dumps(paths, indent=1))
    document = {"openapi": "3.0.3", "info": {"title": "Big API", "version": "1.0"},
                "paths": paths}
    return json.dumps(document, indent=1), i


def postman_collection(target_bytes):
    items = []
    i = 0
    size = 0
    while size < target_bytes:
        responses = []
        for n in range(3):
            url = {"raw": f"http://example.test/things{i}/{n}", "host": ["example", "test"],
                   "path": [f"things{i}", str(n)]}
            responses.append({
                "name": f"thing {n}", "originalRequest": {"method": "GET", "url": url,
                                                          "header": []},
                "code": 200, "status": "OK",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": json.dumps({"id": n, "thing": i, "tags": [f"t{t}" for t in range(8)],
                                    "description": "lorem ipsum dolor sit amet " * 4})})
        items.append({"name": f"get thing {i}", "request": {
            "method": "GET", "header": [],
            "url": {"raw": f"http://example.test/things{i}/:id", "host": ["example", "test"],
                    "path": [f"things{i}", ":id"]}}, "response": responses})
        i += 1
        if i % 100 == 0:
            size = len(json.dumps(items, indent=1))
    collection = {"info": {"name": "Big Collection", "version": "1.0",
                           "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                  "item": items}
    return json.dumps(collection, indent=1), i


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak(pid):
    """Resets VmHWM to the current RSS; returns False where the kernel rejects the write."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def start_server(binary, data_dir):
    # The log goes to a file because an unread pipe would block the server once full.
    log_path = os.path.join(data_dir, "server.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen([binary, "serve", "--address", HOST, "--port", "0",
                                    "--data-dir", data_dir,
                                    "--max-upload-bytes", str(64 * 1024 * 1024)],
                                   stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        with open(log_path) as log:
            match = re.search(r"event=server.ready port=(\d+)", log.read())
        if match:
            return process, int(match.group(1))
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"the server did not print its ready line within 20 s; see {log_path}")


def upload(port, name, content):
    boundary = "mimicbenchboundary7d1e"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    body += content.encode() + f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    started = time.perf_counter()
    connection.request("POST", "/api/artifact/upload", body=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = connection.getresponse()
    answer = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"upload of {name} returned {response.status}: {answer[:300]!r}")
    return elapsed


def measure(binary, name, content, runs):
    """Times each upload and measures its extra memory: the peak RSS during the
    upload minus the RSS just before it. A re-import replaces a service that is
    already resident, so its extra memory is counted above the memory that service uses."""
    data_dir = tempfile.mkdtemp(prefix="mimic-import-bench-")
    process = None
    try:
        process, port = start_server(binary, data_dir)
        started_rss = status_kib(process.pid, "VmRSS")
        times = []
        extras = []
        for run in range(runs):
            before = status_kib(process.pid, "VmRSS")
            if not reset_peak(process.pid) and run > 0:
                break  # without a reset, later peaks cannot be distinguished
            times.append(upload(port, name, content))
            extras.append((status_kib(process.pid, "VmHWM") - before) / 1024)
            time.sleep(0.2)  # lets the release of freed memory show in the next RSS
        resident = (status_kib(process.pid, "VmRSS") - started_rss) / 1024
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
    return {"median_ms": statistics.median(times) * 1000,
            "min_ms": min(times) * 1000, "max_ms": max(times) * 1000,
            "extra_first_mib": extras[0], "extra_max_mib": max(extras),
            "resident_mib": resident, "measured": len(extras)}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(root, "build", "mimic"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    target = int(args.megabytes * 1024 * 1024)

    openapi_text, openapi_paths = openapi_document(target)
    cases = [("big-openapi.json", openapi_text, openapi_paths, "paths")]
    try:
        import yaml  # python3-yaml; the YAML case is skipped without it
        cases.append(("big-openapi.yaml", yaml.safe_dump(json.loads(openapi_text),
                                                         sort_keys=False, width=200),
                      openapi_paths, "paths"))
    except ImportError:
        print("python3-yaml is not installed: the YAML case is skipped")
    cases.append(("big-postman.json", *postman_collection(target), "requests"))
    failed = False
    print(f"{'artifact':<18} {'size MiB':>8} {'items':>7} {'median ms':>10} {'min ms':>8} "
          f"{'max ms':>8} {'extra 1st':>9} {'extra max':>9} {'max/size':>8} {'kept MiB':>8}")
    for name, content, count, unit in cases:
        result = measure(args.bin, name, content, args.runs)
        size_mib = len(content) / (1024 * 1024)
        ratio = result["extra_max_mib"] / size_mib
        print(f"{name:<18} {size_mib:8.2f} {count:>7} {result['median_ms']:10.1f} "
              f"{result['min_ms']:8.1f} {result['max_ms']:8.1f} "
              f"{result['extra_first_mib']:9.1f} {result['extra_max_mib']:9.1f} "
              f"{ratio:8.1f} {result['resident_mib']:8.1f}")
        if result["measured"] < args.runs:
            print(f"  the kernel rejected the peak RSS reset, so only the first of "
                  f"{args.runs} uploads was measured for memory")
        if result["median_ms"] >= 200 or ratio >= 10:
            failed = True
    print(f"targets: median < 200 ms, extra memory of every upload < 10x the file size "
          f"({args.runs} uploads per artifact, one fresh server each; extra = peak RSS "
          f"during the upload minus RSS before it; kept = RSS growth after the last): "
          f"{'missed' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
