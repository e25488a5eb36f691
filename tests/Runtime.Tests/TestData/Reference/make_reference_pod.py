"""Writes one pod's output folder as the reference tool writes it, with the same libraries (json, sqlite3, NumPy).

Usage: make_reference_pod.py SPEC.json. The spec: {"folder", "model", "dataset", "batch_size", "stream",
"requests": [{"id", "success", "error_info", "time_points": [seconds...] | null (blob lost), "writer": 0|1,
"input_tokens", "output_tokens", "prediction"}]}. Each writer (a worker process of the reference) has its own
db_data/<hex8>.db; a request whose time_points is null points at an id its db does not hold (a killed process).
"""
import io
import json
import os
import sqlite3
import sys
import uuid

import numpy as np


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    run = spec["folder"]
    stamp = os.path.basename(run)
    model_dir = os.path.join(run, "performances", spec["model"])
    os.makedirs(os.path.join(model_dir, "db_data"), exist_ok=True)
    os.makedirs(os.path.join(run, "configs"), exist_ok=True)
    with open(os.path.join(run, "configs", stamp + "_4242.py"), "w", encoding="utf-8") as f:
        f.write("datasets = [\n    dict(abbr='%s', type='SyntheticDataset'),\n]\n" % spec["dataset"])
        f.write("models = [\n    dict(\n        abbr='%s',\n        attr='service',\n        batch_size=%d,\n"
                "        generation_kwargs=dict(ignore_eos=True, stream=False),\n        stream=%s,\n        path='',\n    ),\n]\n"
                % (spec["model"], spec["batch_size"], "True" if spec["stream"] else "False"))
    names = ["%08x" % (0x1a2b3c4d + w) + ".db" for w in range(2)]
    conns = [sqlite3.connect(os.path.join(model_dir, "db_data", n)) for n in names]
    for c in conns:
        c.execute("CREATE TABLE IF NOT EXISTS numpy_store (id INTEGER PRIMARY KEY AUTOINCREMENT, arr_blob BLOB NOT NULL)")
    details, failed = [], []
    for r in spec["requests"]:
        w = r["writer"]
        if r["time_points"] is None:
            ref = 10_000 + r["id"]
        else:
            buf = io.BytesIO()
            np.save(buf, np.array(r["time_points"], dtype=np.float64), allow_pickle=False)
            cur = conns[w].execute("INSERT INTO numpy_store (arr_blob) VALUES (?)", (sqlite3.Binary(buf.getvalue()),))
            ref = cur.lastrowid
        line = {"data_abbr": spec["dataset"], "id": r["id"], "success": r["success"], "error_info": r["error_info"],
                "time_points": {"__db_ref__": ref}, "input_tokens": r["input_tokens"], "output_tokens": r["output_tokens"],
                "extra_perf_data": {}, "extra_details_data": {}, "input": [{"role": "user", "content": "A A A"}],
                "uuid": uuid.uuid4().hex, "turn_id": 0, "data_id": r["id"], "prediction": r["prediction"],
                "db_name": names[w]}
        details.append(json.dumps(line, ensure_ascii=False) + "\n")
        if not r["success"]:
            failed.append(json.dumps({"data_abbr": spec["dataset"], "id": r["id"], "input": line["input"],
                                      "error_info": r["error_info"]}, ensure_ascii=False) + "\n")
    for c in conns:
        c.commit()
        c.close()
    with open(os.path.join(model_dir, spec["dataset"] + "_details.jsonl"), "a", encoding="utf-8") as f:
        f.writelines(details)
    if failed:
        with open(os.path.join(model_dir, spec["dataset"] + "_failed.jsonl"), "a", encoding="utf-8") as f:
            f.writelines(failed)


if __name__ == "__main__":
    main(sys.argv[1])
