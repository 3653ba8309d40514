#!/usr/bin/env python3
"""Checks a running Livy (livy-local or any other) for the REPL behaviours README.md lists.

    python3 tools/livy-local/selfcheck.py [http://127.0.0.1:8998]   (default: $LIVY_URL or that address)

Creates one Scala session, runs the checks, deletes the session, and prints one line per check
(PASS/FAIL with what was seen). Exit status 1 when a check failed. Standard library only; loopback only.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

URL = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LIVY_URL") or "http://127.0.0.1:8998").rstrip("/")
FAILED = []


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(URL + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "X-Requested-By": "selfcheck"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def wait_session(sid, want=("idle",), timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, s = call("GET", f"/sessions/{sid}/state")
        if s["state"] in want:
            return s["state"]
        if s["state"] in ("error", "dead", "killed"):
            raise SystemExit(f"session {sid} is {s['state']}")
        time.sleep(0.5)
    raise SystemExit(f"session {sid} not {want} after {timeout}s")


def run(sid, code, kind="spark", timeout=120):
    body = {"code": code} if kind is None else {"code": code, "kind": kind}
    status, st = call("POST", f"/sessions/{sid}/statements", body)
    if status != 201:
        return status, st
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, st = call("GET", f"/sessions/{sid}/statements/{st['id']}")
        if st["state"] in ("available", "error", "cancelled"):
            return 201, st
        time.sleep(0.2)
    raise SystemExit(f"statement {st['id']} still {st['state']} after {timeout}s")


def check(name, ok, seen):
    print(("PASS " if ok else "FAIL ") + name + ": " + json.dumps(seen)[:300])
    if not ok:
        FAILED.append(name)


def main():
    _, s = call("POST", "/sessions", {"kind": "spark"})
    sid = s["id"]
    t0 = time.time()
    try:
        wait_session(sid)
        print(f"session {sid} idle after {time.time() - t0:.1f} s")

        _, posted = call("POST", f"/sessions/{sid}/statements", {"code": "1 + 1", "kind": "spark"})
        check("POST answer: waiting, started 0", posted["state"] == "waiting" and posted["started"] == 0,
              {k: posted[k] for k in ("state", "started")})
        while posted["state"] not in ("available", "error", "cancelled"):
            time.sleep(0.2)
            _, posted = call("GET", f"/sessions/{sid}/statements/{posted['id']}")
        st = posted
        check("text/plain ends in a newline", st["output"]["data"]["text/plain"] == "res0: Int = 2\n", st["output"])

        _, st = run(sid, "val a = 1\r\nval b = a + 1")
        check("\\r\\n stored and echoed as \\n", st["code"] == "val a = 1\nval b = a + 1", st["code"])
        check("lines run one by one, texts joined",
              st["output"]["data"]["text/plain"] == "a: Int = 1\nb: Int = 2\n", st["output"])
        _, st = run(sid, "val c = 3\rval d = 4")
        check("lone \\r stored as \\n", st["code"] == "val c = 3\nval d = 4", st["code"])

        _, st = run(sid, "val e = 5\r\nval f = 6\rval g = 7")
        check("mixed endings: only the first kind (\\r\\n) is converted (livy-core EOLUtils)",
              st["code"] == "val e = 5\nval f = 6\rval g = 7", st["code"])

        _, st = run(sid, "// only a comment")
        check("comment-only statement is ok with empty text",
              st["output"] == {"status": "ok", "execution_count": st["id"], "data": {"text/plain": ""}},
              st["output"])

        _, st = run(sid, "val s = Seq(1, 2, 3)\n  .map(_ * 2)\ns.sum")
        check("a line that only continues the previous one fails (line by line)",
              st["output"]["status"] == "error", st["output"])

        _, st = run(sid, "undefinedIdentifier + 1")
        o = st["output"]
        check("Scala error: ename Error, evalue first line",
              o["status"] == "error" and o["ename"] == "Error" and "not found: value undefinedIdentifier" in o["evalue"],
              o)

        q = ("select cast('12345678901234567890.123456789012345678' as decimal(38,18)) as d, "
             "cast('2024-01-02 03:04:05.678' as timestamp) as ts, date'2024-01-02' as dt, 1 as i, 'x' as s, "
             "array(1, 2) as arr, map('k', 1) as m")
        _, st = run(sid, q, kind="sql")
        o = st["output"]
        row = o.get("data", {}).get("application/json", {}).get("data", [[None]])[0]
        check("SQL decimal(38,18) as a double", row[0] == 1.2345678901234567e19, row)
        check("SQL timestamp to whole seconds (UTC)", isinstance(row[1], str) and row[1].endswith(":05Z"), row)
        check("SQL date as yyyy-MM-dd, array, map", row[2:] == ["2024-01-02", 1, "x", [1, 2], {"k": 1}], row)

        _, st = run(sid, "select named_struct('a', 1) as st", kind="sql")
        o = st["output"]
        check("SQL struct column fails with NoClassDefFoundError scala/tools/scalap",
              o["status"] == "error" and "NoClassDefFoundError" in o["ename"] and "scala/tools/scalap" in o["evalue"],
              o)

        _, st = run(sid, "select * from no_such_table", kind="sql")
        check("SQL error: ename Error", st["output"]["status"] == "error" and st["output"]["ename"] == "Error",
              st["output"])

        status, body = run(sid, "1 + 1", kind=None)
        check("statement without kind in a spark session runs as spark", status == 201, body)

        # Cancel of a Spark job: the job group is cancelled at once.
        _, st = call("POST", f"/sessions/{sid}/statements",
                     {"code": "sc.parallelize(1 to 2, 2).map { x => Thread.sleep(20000); x }.sum()", "kind": "spark"})
        time.sleep(3.0)
        c0 = time.time()
        call("POST", f"/sessions/{sid}/statements/{st['id']}/cancel")
        while True:
            _, cur = call("GET", f"/sessions/{sid}/statements/{st['id']}")
            if cur["state"] in ("cancelled", "available") or time.time() - c0 > 30:
                break
            time.sleep(0.2)
        waited = time.time() - c0
        check("cancel of a Spark job: cancelled within 2 s", cur["state"] == "cancelled" and waited < 2,
              {"state": cur["state"], "seconds": round(waited, 1)})
        wait_session(sid, timeout=60)
        time.sleep(18)  # the cancelled tasks are not interrupted (as on Livy): let them give their cores back

        # Cancel of driver-side code (no Spark job): cancelled only after livy.rsc.job-cancel.timeout (30 s).
        _, st = call("POST", f"/sessions/{sid}/statements", {"code": "Thread.sleep(40000); 7", "kind": "spark"})
        time.sleep(1.0)
        c0 = time.time()
        call("POST", f"/sessions/{sid}/statements/{st['id']}/cancel")
        while True:
            _, cur = call("GET", f"/sessions/{sid}/statements/{st['id']}")
            if cur["state"] == "cancelled" or time.time() - c0 > 45:
                break
            time.sleep(0.5)
        waited = time.time() - c0
        check("cancel of driver-side code: cancelled after the 30 s job-cancel timeout",
              cur["state"] == "cancelled" and 29 <= waited <= 40, {"state": cur["state"], "seconds": round(waited, 1)})
        wait_session(sid, timeout=60)

        # Retention: after 100 more statements the oldest are gone (404).
        last = None
        for i in range(101):
            _, last = call("POST", f"/sessions/{sid}/statements", {"code": str(i), "kind": "spark"})
        _, listed = call("GET", f"/sessions/{sid}/statements")
        status, _ = call("GET", f"/sessions/{sid}/statements/0")
        check("only the last 100 statements retained", listed["total_statements"] == 100 and status == 404,
              {"total": listed["total_statements"], "GET statement 0": status, "last id": last["id"]})
        wait_session(sid, timeout=120)
    finally:
        call("DELETE", f"/sessions/{sid}")

    _, s = call("POST", "/sessions", {})
    sid = s["id"]
    try:
        wait_session(sid)
        status, body = run(sid, "1 + 1", kind=None)
        check("statement without kind in a shared session: HTTP 500, plain text", status == 500, body)
    finally:
        call("DELETE", f"/sessions/{sid}")

    print("failed: " + ", ".join(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
