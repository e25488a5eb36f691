"""Reads a PodBench run folder as the reference tool would, sharing no code with PodBench: json, sqlite3, NumPy.

Usage: read_run.py RUN_FOLDER [--merged]. With --merged it reads performances/merge_results/merged_details.jsonl
and merge_results/db_data, as the reference's --reuse reads a merged folder. Prints one JSON document: every request with its time points (seconds, from the
SQLite numpy_store blobs), the number of blobs per db file, the lines a `grep '"success": false'` finds, and the
reference's per-request figures over the successful requests (unrounded). Exits non-zero on any mismatch of format.
"""
import glob
import io
import json
import os
import sqlite3
import sys

import numpy as np


def load_db(path):
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(numpy_store)")]
        assert columns == ["id", "arr_blob"], columns
        arrays = {}
        for row_id, blob in conn.execute("SELECT id, arr_blob FROM numpy_store"):
            arr = np.load(io.BytesIO(blob), allow_pickle=False)
            assert arr.dtype == np.float64 and arr.ndim == 1, (path, row_id, arr.dtype, arr.shape)
            again = io.BytesIO()
            np.save(again, arr, allow_pickle=False)
            assert again.getvalue() == blob, (path, row_id, "the blob is not what np.save writes")
            arrays[row_id] = arr
        return arrays
    finally:
        conn.close()


def main(run, merged):
    out = {"requests": [], "blobs": {}, "grep_failed": 0}
    ok = []
    if merged:
        files = [os.path.join(run, "performances", "merge_results", "merged_details.jsonl")]
    else:
        files = sorted(f for f in glob.glob(os.path.join(run, "performances", "*", "*_details.jsonl"))
                       if os.path.basename(os.path.dirname(f)) != "merge_results")
    for details in files:
        folder = os.path.dirname(details)
        dbs = {}
        with open(details, encoding="utf-8") as f:
            lines = f.read().split("\n")
        assert lines[-1] == "", "the file does not end with a newline"
        for line in lines[:-1]:
            if '"success": false' in line:
                out["grep_failed"] += 1
            d = json.loads(line)
            assert json.dumps(d, ensure_ascii=False) == line, "not the bytes json.dumps writes: " + line
            name = d["db_name"]
            if name not in dbs:
                dbs[name] = load_db(os.path.join(folder, "db_data", name))
                out["blobs"][name] = len(dbs[name])
            tp = dbs[name][d["time_points"]["__db_ref__"]]
            out["requests"].append({"uuid": d["uuid"], "id": d["id"], "data_id": d["data_id"], "success": d["success"],
                                    "time_points": tp.tolist()})
            if d["success"]:
                ok.append(tp)
    e2el = np.array([t[-1] - t[0] for t in ok])
    ttft = np.array([t[1] - t[0] for t in ok])
    itl = np.concatenate([np.diff(t[1:]) for t in ok if len(t) > 2])
    out["figures"] = {
        "E2EL": {"Average": float(np.mean(e2el)), "Max": float(np.max(e2el)), "Median": float(np.percentile(e2el, 50)),
                 "P90": float(np.percentile(e2el, 90))},
        "TTFT": {"Average": float(np.mean(ttft)), "Median": float(np.percentile(ttft, 50))},
        "ITL": {"Average": float(np.mean(itl)), "P99": float(np.percentile(itl, 99))},
        "Benchmark Duration": float((max(t[-1] for t in ok) - min(t[0] for t in ok)) * 1000),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], "--merged" in sys.argv[2:])
