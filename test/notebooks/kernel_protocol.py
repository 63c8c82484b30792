"""Talks to the tslab kernel over the Jupyter protocol and writes what it answered to OUTPUT as JSON, for
kernel-protocol.test.ts to judge (a file, not stdout, which the kernel process shares).

    kernel_protocol.py OUTPUT

Run with .venv-notebooks' Python and the project's Jupyter environment.

Each scenario sends execute requests the way a frontend does and records, per request, the execute_reply content
and the iopub messages (execute_input, error, stream) that belong to it:
- pipelined_stop_on_error: a failing cell and two more sent at once, as JupyterLab's "Run All" does; then one more
  after the failure's reply.
- pipelined_allow_errors: the same with stop_on_error=False, as nbclient sends for allow_errors.
- right_after_error: a request sent the moment the failure's reply arrives (tslab 1.0.22 aborted those for 200 ms).
- counts: a plain cell, a silent one, a plain one and one that does not compile.
- readable: a ShapeError from @rnnlab/core, and a large Tensor as a cell's value.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def collect(kc, msg_ids, timeout=60, replies=None):
    """Waits for the replies to msg_ids (those in `replies` already came) and for each one's idle status."""
    results = {m: {"reply": (replies or {}).get(m), "iopub": []} for m in msg_ids}
    idle = set()
    deadline = time.time() + timeout
    while time.time() < deadline and (any(r["reply"] is None for r in results.values()) or idle != set(msg_ids)):
        try:
            msg = kc.get_shell_msg(timeout=0.05)
            parent = msg["parent_header"].get("msg_id")
            if parent in results:
                results[parent]["reply"] = msg["content"]
        except Exception:
            pass
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=0.01)
            except Exception:
                break
            parent = msg["parent_header"].get("msg_id")
            if parent not in results:
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    idle.add(parent)
                continue
            results[parent]["iopub"].append({"msg_type": msg["msg_type"], "content": msg["content"]})
    return [results[m] for m in msg_ids]


def run(kc, code, **kwargs):
    return kc.execute(code, **kwargs)


def main() -> int:
    km, kc = start_new_kernel(kernel_name="tslab", startup_timeout=60)
    out = {}
    try:
        # Warm-up, so the first scenario's timing does not include the compiler's start.
        collect(kc, [run(kc, "const warm = 1;")])

        ids = [run(kc, "throw new Error('first fails');"), run(kc, "console.log('queued 1');"), run(kc, "console.log('queued 2');")]
        results = collect(kc, ids)
        after = collect(kc, [run(kc, "console.log('sent after the reply');")])
        out["pipelined_stop_on_error"] = results + after

        ids = [run(kc, "throw new Error('fails, errors allowed');", stop_on_error=False), run(kc, "console.log('next 1');", stop_on_error=False), run(kc, "console.log('next 2');", stop_on_error=False)]
        out["pipelined_allow_errors"] = collect(kc, ids)

        # The next request leaves the moment the failure's reply arrives, without waiting for anything else.
        failing = run(kc, "throw new Error('fails again');")
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == failing:
                break
        arrived = time.time()
        right = run(kc, "console.log('right after');")
        out["right_after_error_gap_ms"] = (time.time() - arrived) * 1000
        out["right_after_error"] = collect(kc, [failing, right], replies={failing: reply["content"]})

        ids = [run(kc, "1 + 1"), run(kc, "2 + 2", silent=True), run(kc, "3 + 3"), run(kc, "let y: number = 'not a number';")]
        out["counts"] = collect(kc, ids)

        ids = [run(kc, "import { matmul, RandomState, zeros } from '@rnnlab/core';"),
               run(kc, "matmul(zeros([2, 3]), zeros([4, 5]));", stop_on_error=False),
               run(kc, "new RandomState(0).randn(300, 400)")]
        out["readable"] = collect(kc, ids)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(out, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
