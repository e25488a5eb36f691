#!/usr/bin/python3
"""A STAND-IN for the Python benchmark clients (vLLM's benchmark_serving.py, SGLang's bench_serving.py).

Written for PodBench's own speed comparison (docs/performance.md); it copies no code of theirs. It does what such a
client does per request, with the same libraries: one aiohttp session, N concurrent workers, a streamed POST to
/v1/chat/completions, every SSE line split off, each chunk decoded with json.loads, a timestamp per chunk (TTFT, ITL)
and the generated text kept. It prints one JSON line: requests, seconds, req/s, chunks, process CPU.

Usage: /usr/bin/python3 tests/PeerStandIn/stream_client.py --url http://127.0.0.1:PORT --concurrency 64 --requests 20000
"""
import argparse
import asyncio
import json
import resource
import sys
import time

import aiohttp


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def one_request(session, url, payload, results):
    start = time.perf_counter()
    ttft = None
    last = start
    itls = []
    text = []
    chunks = 0
    async with session.post(url, json=payload) as response:
        if response.status != 200:
            results["failed"] += 1
            await response.read()
            return
        async for raw in response.content:
            line = raw.strip()
            if not line:
                continue
            body = line[len(b"data:"):].strip() if line.startswith(b"data:") else line
            if body == b"[DONE]":
                continue
            data = json.loads(body)
            now = time.perf_counter()
            choices = data.get("choices") or []
            if choices and choices[0].get("delta", {}).get("content"):
                if ttft is None:
                    ttft = now - start
                else:
                    itls.append(now - last)
                text.append(choices[0]["delta"]["content"])
                last = now
            chunks += 1
    results["ok"] += 1
    results["chunks"] += chunks
    results["latency"].append(time.perf_counter() - start)
    results["ttft"].append(ttft)
    results["itl"].extend(itls)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--max-tokens", type=int, default=64)
    args = parser.parse_args()
    if args.concurrency < 1 or args.requests < 1:
        print("error: --concurrency and --requests must be at least 1", file=sys.stderr)
        return 2

    url = args.url.rstrip("/") + "/v1/chat/completions"
    payload = {"model": "load", "messages": [{"role": "user", "content": "hello " * 100}], "stream": True,
               "max_tokens": args.max_tokens, "stream_options": {"include_usage": True}}
    results = {"ok": 0, "failed": 0, "chunks": 0, "latency": [], "ttft": [], "itl": []}
    remaining = [args.requests]
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=6 * 3600)

    async def worker(session):
        while remaining[0] > 0:
            remaining[0] -= 1
            await one_request(session, url, payload, results)

    cpu0 = cpu_seconds()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(args.concurrency)))
        seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu0
    print(json.dumps({"client": "python-standin", "requests": results["ok"], "failed": results["failed"],
                      "seconds": round(seconds, 3), "req_per_s": round(results["ok"] / seconds, 1),
                      "chunks": results["chunks"], "cpu_s": round(cpu, 3),
                      "us_per_chunk": round(cpu * 1e6 / max(1, results["chunks"]), 2)}))
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
