"""Executes a notebook headless with nbclient and the project's tslab kernel, and writes the executed copy.

    run_notebook.py NOTEBOOK OUTPUT [--allow-errors] [--timeout SECONDS]

Run with the Python of `pnpm notebooks --setup-only` (.venv-notebooks) and its Jupyter environment (JUPYTER_PATH
pointing at the project's kernelspec). The kernel starts in the notebook's folder, as Jupyter starts it. With
--allow-errors a failing cell does not stop the run (nbclient then sends stop_on_error=False, so every later cell
must still execute); without it the first error ends the run with exit code 1. Exit 0 when the run finished.
"""
import argparse
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--timeout", type=int, default=120)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=args.timeout,
        allow_errors=args.allow_errors,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    status = 0
    try:
        client.execute()
    except CellExecutionError as error:
        print(str(error) or "cell execution error", file=sys.stderr)
        status = 1
    nbformat.write(nb, args.output)
    return status


if __name__ == "__main__":
    sys.exit(main())
