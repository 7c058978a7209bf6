// Starts a tollgate-fake-upstream and a headless Tollgate in front of it, for
// the SDK tests. Every wait is bounded and stop() always kills both processes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const UPSTREAM_KEY = 'sk-fake-upstream-key-1234';
export const GATEWAY_KEY = 'tg-sdk-test-key-0123456789abcdef0123456789abcdef';
export const MODELS = ['gpt-4o-mini', 'text-embedding-3-small', 'claude-sonnet-4'];

function requiredEnv(name) {
    const value = process.env[name];
    if (!value)
        throw new Error(`${name} is not set (run the SDK tests through ctest)`);
    return value;
}

// A port that was free a moment ago; the gateway binds it right after.
export function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function startFakeUpstream(binary, extraArgs = []) {
    const child = spawn(binary, ['--port', '0', '--models', MODELS.join(','), '--key', UPSTREAM_KEY, '--record',
                                 ...extraArgs],
                        { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = new Promise((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
            output += chunk;
            const match = /listening (\d+)/.exec(output);
            if (match)
                resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`fake upstream exited with ${code}`)));
        child.once('error', reject);
    });
    return { child, port: withTimeout(port, 10000, 'fake upstream listening') };
}

function configYaml(upstreamPort, gatewayPort) {
    const base = `http://127.0.0.1:${upstreamPort}/v1`;
    return `gateway:
  listen: 127.0.0.1:${gatewayPort}
  require_keys: true
providers:
  - name: fake-openai
    kind: openai
    base_url: ${base}
    api_key: env:TG_SDK_UPSTREAM_KEY
    sync_interval: 0
    expose_all: true
  - name: fake-anthropic
    kind: anthropic
    base_url: ${base}
    api_key: env:TG_SDK_UPSTREAM_KEY
    sync_interval: 0
    expose_all: true
models:
  - alias: chat
    provider: fake-openai
    model: gpt-4o-mini
    category: chat
    pricing: { input: 0.15, output: 0.60, cached_input: 0.075 }
  - alias: chat-tuned
    provider: fake-openai
    model: gpt-4o-mini
    category: chat
    pricing: { input: 0.15, output: 0.60 }
    defaults: { temperature: 0.2, max_tokens: 256 }
  - alias: embed
    provider: fake-openai
    model: text-embedding-3-small
    category: embedding
    pricing: { input: 0.02, output: 0 }
  - alias: claude
    provider: fake-anthropic
    model: claude-sonnet-4
    category: chat
    pricing: { input: 3, output: 15 }
keys:
  - name: sdk
    key: env:TG_KEY
`;
}

async function waitForHealth(url, child, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (child.exitCode !== null)
            throw new Error(`tollgate exited with ${child.exitCode} before it listened`);
        try {
            const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
            if (response.ok)
                return;
        } catch {
            // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no healthy gateway at ${url} within ${ms} ms`);
}

function kill(child, ms) {
    if (!child || child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), ms);
    return exited.finally(() => clearTimeout(hard));
}

export class Stack {
    // upstreamArgs: extra tollgate-fake-upstream options, e.g. the usage it
    // reports or ['--break-after', '3']; given here or to start().
    constructor({ upstreamArgs = [] } = {}) {
        this.upstreamArgs = upstreamArgs;
    }

    async start(upstreamArgs = []) {
        this.tollgate = requiredEnv('TOLLGATE_BINARY');
        this.dir = mkdtempSync(path.join(tmpdir(), 'tollgate-sdk-'));
        this.dataDir = path.join(this.dir, 'data');
        const upstream = startFakeUpstream(requiredEnv('TOLLGATE_FAKE_UPSTREAM'), [...this.upstreamArgs, ...upstreamArgs]);
        this.upstream = upstream.child;
        this.upstreamPort = await upstream.port;
        this.gatewayPort = await freePort();
        const config = path.join(this.dir, 'cfg.yaml');
        writeFileSync(config, configYaml(this.upstreamPort, this.gatewayPort));
        this.env = { ...process.env, TG_KEY: GATEWAY_KEY, TG_SDK_UPSTREAM_KEY: UPSTREAM_KEY };
        this.gatewayLog = '';
        this.gateway = spawn(this.tollgate, ['--headless', '--config', config, '--data-dir', this.dataDir],
                             { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const collect = (chunk) => {
            this.gatewayLog += chunk;
        };
        this.gateway.stdout.on('data', collect);
        this.gateway.stderr.on('data', collect);
        this.baseURL = `http://127.0.0.1:${this.gatewayPort}/v1`;
        await waitForHealth(`http://127.0.0.1:${this.gatewayPort}/health`, this.gateway, 15000);
    }

    async stop() {
        await Promise.all([kill(this.gateway, 5000), kill(this.upstream, 2000)]);
        if (this.dir)
            rmSync(this.dir, { recursive: true, force: true });
    }

    // Runs a tollgate subcommand on the same data directory (works while the
    // gateway runs); throws when it fails, a missing command included.
    cli(args) {
        const result = spawnSync(this.tollgate, [...args, '--data-dir', this.dataDir],
                                 { env: this.env, encoding: 'utf8', timeout: 20000 });
        if (result.status !== 0)
            throw new Error(`tollgate ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
        return result.stdout;
    }
}

// A fetch that remembers each request's headers, so a test can see which auth
// style an SDK really sent.
export function recordingFetch(seen) {
    return (input, init) => {
        seen.push(new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)));
        return fetch(input, init);
    };
}
