#!/usr/bin/env node
// An external OpenAI-compatible server "of the same shape" as the one in issue 18: its own process, every streamed
// chat response (a role chunk, N content chunks, a usage chunk, [DONE]) written with one socket write. It does no
// work per request beyond that, so a client's CPU per chunk is the client's own cost.
// Usage: node tests/LoadServer/server.js [--chunks 64] [--port 0] [--delay-ms 0]; prints "LISTENING http://127.0.0.1:<port>".
// --delay-ms holds each response that long before its one write, so a closed loop of N streams runs at about
// N * 1000 / delay req/s (the closed loop at a paced plan's throughput, docs/performance.md).
'use strict';
const http = require('http');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const chunks = parseInt(arg('--chunks', '64'), 10);
const port = parseInt(arg('--port', '0'), 10);
const delayMs = parseFloat(arg('--delay-ms', '0'));
if (!(chunks > 0) || !(port >= 0) || !(delayMs >= 0)) {
  console.error('usage: server.js [--chunks N>0] [--port P>=0] [--delay-ms D>=0]');
  process.exit(2);
}

const head = '{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1,"model":"load",';
const role = `data: ${head}"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
const content = `data: ${head}"choices":[{"index":0,"delta":{"content":"tok "},"finish_reason":null}]}\n\n`;
const last = `data: ${head}"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}\n\n`;
const usage = (prompt) => `data: ${head}"choices":[],"usage":{"prompt_tokens":${prompt},"completion_tokens":${chunks},"total_tokens":${prompt + chunks}}}\n\n`;
const stream = role + content.repeat(chunks) + last;
const models = JSON.stringify({ object: 'list', data: [{ id: 'load', object: 'model', owned_by: 'tests' }] });
let served = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/v1/models')) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(models) });
    res.end(models);
    return;
  }
  if (req.method !== 'POST' || !req.url.startsWith('/v1/chat/completions')) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  let length = 0;
  req.on('data', (d) => { length += d.length; });
  req.on('end', () => {
    served++;
    // one write: headers and the whole event stream (chunked, as streaming servers send it), as a server that
    // already has every token does
    const answer = () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(stream + usage(Math.max(1, length >> 2)) + 'data: [DONE]\n\n');
    };
    if (delayMs > 0) {
      setTimeout(answer, delayMs);
    } else {
      answer();
    }
  });
});
server.keepAliveTimeout = 120000;
server.headersTimeout = 125000;
server.maxRequestsPerSocket = 0;
server.listen(port, '127.0.0.1', () => {
  console.log(`LISTENING http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => { console.error(`served ${served}`); process.exit(0); });
process.on('SIGINT', () => { console.error(`served ${served}`); process.exit(0); });
