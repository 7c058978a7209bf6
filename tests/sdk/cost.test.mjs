// The official Anthropic SDK with prompt caching (cache_control, a 1-hour TTL)
// through a headless Tollgate: the logged cost must equal the bill computed by
// hand from Anthropic's usage buckets and the bundled claude-sonnet-4 prices.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import Anthropic from '@anthropic-ai/sdk';

import { GATEWAY_KEY, Stack } from './harness.mjs';

// The fake reports input 12 (excluding the cache), cache reads 2, output 7,
// and these cache writes: 1000 in all, 400 of them with the 1-hour TTL.
const WRITES = 1000;
const WRITES_1H = 400;
const stack = new Stack({ upstreamArgs: ['--anthropic-cache-writes', `${WRITES},${WRITES_1H}`] });

// Bundled claude-sonnet-4 (as claude-sonnet-4-20250514), USD per 1M tokens.
const PRICE = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 };

function bill(price) {
    return (12 * price.input + 2 * price.cacheRead + (WRITES - WRITES_1H) * price.cacheWrite +
            WRITES_1H * price.cacheWrite1h + 7 * price.output) / 1e6;
}

before(async () => {
    await stack.start();
    // provider/model names need a discovered model; the gateway picks the sync up live.
    stack.cli(['providers', 'sync', 'fake-anthropic']);
    const deadline = Date.now() + 15000;
    for (;;) {
        const response = await fetch(`${stack.baseURL}/models`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
        const ids = (await response.json()).data?.map((m) => m.id) ?? [];
        if (ids.includes('fake-anthropic/claude-sonnet-4'))
            break;
        assert.ok(Date.now() < deadline, `the gateway never listed fake-anthropic/claude-sonnet-4: ${ids}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
});

after(async () => {
    await stack.stop();
});

function client() {
    return new Anthropic({ apiKey: null, authToken: GATEWAY_KEY, baseURL: `http://127.0.0.1:${stack.gatewayPort}`,
                           maxRetries: 0, timeout: 20000 });
}

const REQUEST = {
    max_tokens: 64,
    system: [{ type: 'text', text: 'A long, stable system prompt worth caching. '.repeat(20),
               cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [{ role: 'user', content: 'Say hello.' }],
};

async function loggedRow(model, stream) {
    const deadline = Date.now() + 15000;
    for (;;) {
        const rows = stack.cli(['logs', '--json', '--limit', '100']).split('\n').filter((l) => l.trim())
            .map((l) => JSON.parse(l));
        const row = rows.find((r) => r.model === model && r.stream === stream);
        if (row || Date.now() > deadline)
            return row;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

function assertBilled(row, expected) {
    assert.ok(row, 'no log row');
    assert.equal(row.prompt_tokens, 12 + 2 + WRITES);
    assert.equal(row.cached_tokens, 2);
    assert.equal(row.cache_write_tokens, WRITES);
    assert.equal(row.completion_tokens, 7);
    assert.ok(Math.abs(row.cost_usd - expected) < 1e-12, `logged ${row.cost_usd}, billed ${expected}`);
}

test('cached message by provider/model is logged at the bundled bill', async () => {
    const model = 'fake-anthropic/claude-sonnet-4';
    const message = await client().messages.create({ model, ...REQUEST });
    assert.equal(message.usage.cache_creation_input_tokens, WRITES);
    assert.equal(message.usage.cache_creation.ephemeral_1h_input_tokens, WRITES_1H);
    assertBilled(await loggedRow(model, false), bill(PRICE));
});

test('cached stream by provider/model is logged at the bundled bill', async () => {
    const model = 'fake-anthropic/claude-sonnet-4';
    const stream = client().messages.stream({ model, ...REQUEST });
    const final = await stream.finalMessage();
    assert.equal(final.usage.cache_creation_input_tokens, WRITES);
    assertBilled(await loggedRow(model, true), bill(PRICE));
});

test('cached message by alias uses its pricing block as given', async () => {
    // alias claude: pricing { input: 3, output: 15 } — cache reads priced 0 as
    // configured; the cache writes it does not price come from the table.
    const message = await client().messages.create({ model: 'claude', ...REQUEST });
    assert.equal(message.usage.cache_read_input_tokens, 2);
    assertBilled(await loggedRow('claude', false), bill({ ...PRICE, cacheRead: 0 }));
});
