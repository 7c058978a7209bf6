// Streaming benchmark: N concurrent SSE streams through Tollgate to one slow
// tollgate-fake-upstream that stamps every event with its send time, plus the
// headless start-to-listening time and idle RSS. Run it through
// gateway_stream_bench.sh, which raises the open-file limit first.
//
//   node gateway_stream_bench.mjs <tollgate> <tollgate-fake-upstream>
// Environment: STREAMS (1000), CHUNKS (20), INTERVAL_MS (200), STARTS (5).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [tollgate, fakeUpstream] = process.argv.slice(2);
if (!tollgate || !fakeUpstream) {
    console.error('usage: node gateway_stream_bench.mjs <tollgate> <tollgate-fake-upstream>');
    process.exit(2);
}
const STREAMS = Number(process.env.STREAMS ?? 1000);
const CHUNKS = Number(process.env.CHUNKS ?? 20);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 200);
const STARTS = Number(process.env.STARTS ?? 5);
const UPSTREAM_KEY = 'sk-stream-bench';
const GATEWAY_KEY = 'tg-stream-bench-0123456789abcdef0123456789abcdef';

const work = mkdtempSync(path.join(tmpdir(), 'tollgate-stream-bench-'));
const children = new Set();
const nowUs = () => (performance.timeOrigin + performance.now()) * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function track(child) {
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
}

async function stop(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
}

function cleanup() {
    for (const child of children)
        child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
// Nothing here may run unbounded.
setTimeout(() => {
    console.error('stream benchmark: gave up after 5 minutes');
    process.exit(1);
}, 300000).unref();

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function tryConnect(port) {
    return new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => resolve(false));
    });
}

function rssKb(pid, field = 'VmRSS') {
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
}

function percentile(sorted, p) {
    if (sorted.length === 0)
        return NaN;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startUpstream() {
    const child = track(spawn(fakeUpstream, ['--port', '0', '--models', 'gpt-4o-mini', '--key', UPSTREAM_KEY,
                                             '--stream-chunks', String(CHUNKS), '--stream-interval-ms',
                                             String(INTERVAL_MS), '--stream-timestamps'],
                              { stdio: ['ignore', 'pipe', 'inherit'] }));
    const port = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
            out += chunk;
            const match = /listening (\d+)/.exec(out);
            if (match)
                resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`fake upstream exited with ${code}`)));
    });
    return { child, port };
}

// Spawns a headless gateway and times spawn → accepting connections (polled
// every millisecond; that is the resolution).
async function startGateway(dataDir, port, config) {
    const args = ['--headless', '--data-dir', dataDir];
    if (config)
        args.push('--config', config);
    const started = performance.now();
    const child = track(spawn(tollgate, args, { env: { ...process.env, TG_KEY: GATEWAY_KEY,
                                                       TG_UPSTREAM_KEY: UPSTREAM_KEY },
                                                stdio: ['ignore', 'ignore', 'pipe'] }));
    let stderr = '';
    child.stderr.on('data', (chunk) => {
        stderr += chunk;
    });
    const deadline = started + 15000;
    while (!(await tryConnect(port))) {
        if (child.exitCode !== null)
            throw new Error(`tollgate exited with ${child.exitCode}: ${stderr}`);
        if (performance.now() > deadline)
            throw new Error(`tollgate did not listen within 15 s: ${stderr}`);
        await sleep(1);
    }
    return { child, ms: performance.now() - started };
}

// One streaming chat completion; resolves with per-event relay delays (µs).
function stream(port, key, body, onFirstByte) {
    return new Promise((resolve, reject) => {
        const delays = [];
        const started = performance.now();
        const request = http.request({
            host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent: false,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        }, (response) => {
            if (response.statusCode !== 200) {
                reject(new Error(`status ${response.statusCode}`));
                response.resume();
                return;
            }
            let buffer = '';
            let events = 0;
            response.setEncoding('utf8');
            response.on('data', (chunk) => {
                const arrived = nowUs();
                if (onFirstByte && events === 0)
                    onFirstByte();
                buffer += chunk;
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    const event = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    ++events;
                    const stamp = /^: sent_us (\d+)$/m.exec(event);
                    if (stamp)
                        delays.push([arrived, arrived - Number(stamp[1])]);
                }
            });
            response.on('end', () => resolve({ delays, events, ms: performance.now() - started }));
            response.on('error', reject);
        });
        request.on('error', reject);
        request.setTimeout(60000, () => request.destroy(new Error('stream timed out')));
        request.end(body);
    });
}

async function streams(label, port, key, model, gatewayPid) {
    const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'Stream, please.' }] });
    let peakKb = 0;
    const sampler = gatewayPid ? setInterval(() => {
        peakKb = Math.max(peakKb, rssKb(gatewayPid));
    }, 50) : null;
    const started = performance.now();
    const startedUs = nowUs();
    let firstBytes = 0;
    let allFirstMs = 0;
    const results = await Promise.allSettled(Array.from({ length: STREAMS }, () => stream(port, key, body, () => {
        if (++firstBytes === STREAMS)
            allFirstMs = performance.now() - started;
    })));
    const wallMs = performance.now() - started;
    if (sampler)
        clearInterval(sampler);
    const failed = results.filter((r) => r.status === 'rejected');
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const all = ok.flatMap((r) => r.delays);
    const delays = all.map(([, us]) => us / 1000).sort((a, b) => a - b);
    // Steady state: once every stream has its first byte and one more interval
    // has passed, the client is no longer busy opening 1,000 connections.
    const steadyFrom = startedUs + (allFirstMs + INTERVAL_MS) * 1000;
    const steady = all.filter(([at]) => at >= steadyFrom).map(([, us]) => us / 1000).sort((a, b) => a - b);
    const durations = ok.map((r) => r.ms).sort((a, b) => a - b);
    return {
        label, ok: ok.length, failed: failed.length, firstError: failed[0]?.reason?.message,
        events: ok.reduce((n, r) => n + r.events, 0), stamped: delays.length,
        wallMs, allFirstMs, streamP50: percentile(durations, 50), streamMax: durations.at(-1),
        delayP50: percentile(delays, 50), delayP99: percentile(delays, 99), delayP999: percentile(delays, 99.9),
        delayMax: delays.at(-1), within1ms: delays.filter((d) => d <= 1).length / (delays.length || 1),
        steadyCount: steady.length, steadyP50: percentile(steady, 50), steadyP99: percentile(steady, 99),
        steadyMax: steady.at(-1), steadyWithin1ms: steady.filter((d) => d <= 1).length / (steady.length || 1),
        peakKb,
    };
}

function fmt(n, digits = 2) {
    return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

const upstream = await startUpstream();
const gatewayPort = await freePort();
const config = path.join(work, 'cfg.yaml');
writeFileSync(config, `gateway:
  listen: 127.0.0.1:${gatewayPort}
  require_keys: true
providers:
  - name: slow
    kind: openai
    base_url: http://127.0.0.1:${upstream.port}/v1
    api_key: env:TG_UPSTREAM_KEY
    sync_interval: 0
models:
  - alias: stream
    provider: slow
    model: gpt-4o-mini
    category: chat
    pricing: { input: 0.15, output: 0.60 }
keys:
  - name: bench
    key: env:TG_KEY
`);

// Start-up: the first start imports the config and creates the database;
// later starts open an existing one.
const dataDir = path.join(work, 'data');
const first = await startGateway(dataDir, gatewayPort, config);
await stop(first.child);
const warm = [];
let gateway;
for (let i = 0; i < STARTS; ++i) {
    gateway = await startGateway(dataDir, gatewayPort, null);
    warm.push(gateway.ms);
    if (i + 1 < STARTS)
        await stop(gateway.child);
}
warm.sort((a, b) => a - b);
await sleep(3000);
const idleKb = rssKb(gateway.child.pid);

console.error(`streaming ${STREAMS} × ${CHUNKS} chunks every ${INTERVAL_MS} ms, direct then via Tollgate...`);
const direct = await streams('direct to the fake upstream', upstream.port, UPSTREAM_KEY, 'gpt-4o-mini', null);
const via = await streams('via Tollgate', gatewayPort, GATEWAY_KEY, 'stream', gateway.child.pid);
const hwmKb = rssKb(gateway.child.pid, 'VmHWM');
await stop(gateway.child);
await stop(upstream.child);

const single = (CHUNKS + 1) * INTERVAL_MS; // events after the first each wait one interval
console.log(`\n### ${STREAMS} concurrent streams, ${CHUNKS} chunks, ${INTERVAL_MS} ms apart (one stream alone ≈ ${single} ms)\n`);
console.log('| path | ok / failed | all first bytes by | wall time | stream p50 / max | event delay p50 | p99 | p99.9 | max | ≤ 1 ms |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of [direct, via]) {
    console.log(`| ${r.label} | ${r.ok} / ${r.failed} | ${fmt(r.allFirstMs, 0)} ms | ${fmt(r.wallMs, 0)} ms | ` +
                `${fmt(r.streamP50, 0)} / ${fmt(r.streamMax, 0)} ms | ${fmt(r.delayP50, 3)} ms | ` +
                `${fmt(r.delayP99, 3)} ms | ${fmt(r.delayP999, 3)} ms | ${fmt(r.delayMax, 3)} ms | ` +
                `${fmt(100 * r.within1ms, 1)} % |`);
    if (r.failed)
        console.log(`\nfirst failure (${r.label}): ${r.firstError}`);
}
console.log('\nSteady state only (events after every stream had its first byte, plus one interval):\n');
console.log('| path | events | delay p50 | p99 | max | ≤ 1 ms |');
console.log('|---|---|---|---|---|---|');
for (const r of [direct, via])
    console.log(`| ${r.label} | ${r.steadyCount} | ${fmt(r.steadyP50, 3)} ms | ${fmt(r.steadyP99, 3)} ms | ` +
                `${fmt(r.steadyMax, 3)} ms | ${fmt(100 * r.steadyWithin1ms, 1)} % |`);
console.log(`\nEvent delay = client receive time − upstream send time (same clock); the direct row is the` +
            ` client's and upstream's own share, so Tollgate's relay delay ≈ via − direct` +
            ` (all events: p50 ${fmt(via.delayP50 - direct.delayP50, 3)} ms, p99 ${fmt(via.delayP99 - direct.delayP99, 3)} ms;` +
            ` steady state: p50 ${fmt(via.steadyP50 - direct.steadyP50, 3)} ms, p99 ${fmt(via.steadyP99 - direct.steadyP99, 3)} ms).` +
            ` Via Tollgate each stream carries one more event (the usage chunk the gateway asks for and drops),` +
            ` so it lasts one interval longer.`);
console.log(`\n| measure | value | target |`);
console.log('|---|---|---|');
console.log(`| gateway RSS during the streams (sampled peak / VmHWM) | ${fmt(via.peakKb / 1024, 1)} / ` +
            `${fmt(hwmKb / 1024, 1)} MB | ≤ 200 MB |`);
console.log(`| headless idle RSS (3 s after start) | ${fmt(idleKb / 1024, 1)} MB | ≤ 40 MB |`);
console.log(`| start to listening, first start (imports config, creates DB) | ${fmt(first.ms, 1)} ms | ≤ 300 ms |`);
console.log(`| start to listening, existing DB (median of ${STARTS}, min–max) | ${fmt(percentile(warm, 50), 1)} ms ` +
            `(${fmt(warm[0], 1)}–${fmt(warm.at(-1), 1)}) | ≤ 300 ms |`);
process.exit(0);
