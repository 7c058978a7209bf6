// The official Anthropic Node SDK against a headless Tollgate in front of the
// fake upstream, with both of the SDK's auth styles.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import Anthropic from '@anthropic-ai/sdk';

import { GATEWAY_KEY, Stack, recordingFetch } from './harness.mjs';
import { assertLogged } from './logcheck.mjs';

const stack = new Stack();
const expected = [];
const ANSWER = 'Hello piece1 piece2 piece3 piece4';
const MESSAGES = [{ role: 'user', content: 'Say hello.' }];

before(async () => {
    await stack.start();
});

after(async () => {
    await stack.stop();
});

// Anthropic's API takes x-api-key; SDK 1.x sends its apiKey as
// "Authorization: Bearer" like authToken (0.x sent x-api-key). The gateway must
// take all three, so the x-api-key style is driven through defaultHeaders, the
// SDK's own way to hand-set that header.
const AUTH_STYLES = [
    { name: 'apiKey', options: { apiKey: GATEWAY_KEY, authToken: null }, header: 'authorization',
      value: `Bearer ${GATEWAY_KEY}` },
    { name: 'authToken', options: { apiKey: null, authToken: GATEWAY_KEY }, header: 'authorization',
      value: `Bearer ${GATEWAY_KEY}` },
    { name: 'x-api-key', options: { apiKey: null, authToken: null, defaultHeaders: { 'X-Api-Key': GATEWAY_KEY } },
      header: 'x-api-key', value: GATEWAY_KEY },
];

function makeClient(style, seen) {
    return new Anthropic({ ...style.options, baseURL: `http://127.0.0.1:${stack.gatewayPort}`, maxRetries: 0,
                           timeout: 20000, fetch: recordingFetch(seen) });
}

function assertAuthStyle(style, seen) {
    assert.ok(seen.length > 0, 'the SDK made no request');
    for (const headers of seen) {
        assert.equal(headers.get(style.header), style.value);
        const other = style.header === 'x-api-key' ? 'authorization' : 'x-api-key';
        assert.equal(headers.get(other), null, `${style.name} also sent ${other}`);
    }
}

for (const style of AUTH_STYLES) {
    test(`messages with ${style.name}`, async () => {
        const seen = [];
        const client = makeClient(style, seen);
        const message = await client.messages.create({ model: 'claude', max_tokens: 64, messages: MESSAGES });
        assert.equal(message.type, 'message');
        assert.equal(message.role, 'assistant');
        assert.equal(message.content[0].type, 'text');
        assert.equal(message.content[0].text, ANSWER);
        assert.equal(message.usage.input_tokens, 12);
        assert.equal(message.usage.output_tokens, 7);
        assertAuthStyle(style, seen);
        expected.push({ route: '/v1/messages', model: 'claude', status: 200, stream: false, tokens: true });
    });

    test(`streaming messages with ${style.name}`, async () => {
        const seen = [];
        const client = makeClient(style, seen);
        const stream = client.messages.stream({ model: 'claude', max_tokens: 64, messages: MESSAGES });
        let text = '';
        const types = new Set();
        for await (const event of stream) {
            types.add(event.type);
            if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
                text += event.delta.text;
        }
        const final = await stream.finalMessage();
        assert.equal(text, ANSWER);
        assert.equal(final.content[0].text, ANSWER);
        for (const type of ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop',
                            'message_delta', 'message_stop'])
            assert.ok(types.has(type), `no ${type} event`);
        assert.equal(final.usage.output_tokens, 7);
        assertAuthStyle(style, seen);
        expected.push({ route: '/v1/messages', model: 'claude', status: 200, stream: true, tokens: true });
    });
}

test('count_tokens', async () => {
    const seen = [];
    const client = makeClient(AUTH_STYLES[0], seen);
    const count = await client.messages.countTokens({ model: 'claude', messages: MESSAGES });
    assert.equal(count.input_tokens, 12);
    expected.push({ route: '/v1/messages/count_tokens', model: 'claude', status: 200 });
});

test('an unknown model is a 404 in the Anthropic error shape', async () => {
    const client = makeClient(AUTH_STYLES[0], []);
    await assert.rejects(client.messages.create({ model: 'no-such-model', max_tokens: 8, messages: MESSAGES }),
                         (error) => {
                             assert.ok(error instanceof Anthropic.NotFoundError, `${error?.constructor?.name}: ${error}`);
                             assert.equal(error.status, 404);
                             assert.equal(error.error?.type, 'error');
                             assert.equal(error.error?.error?.type, 'not_found_error');
                             return true;
                         });
    expected.push({ route: '/v1/messages', model: 'no-such-model', status: 404 });
});

test('a wrong gateway key is a 401 in the Anthropic error shape', async () => {
    const client = new Anthropic({ apiKey: 'tg-wrong', authToken: null, baseURL: `http://127.0.0.1:${stack.gatewayPort}`,
                                   maxRetries: 0, timeout: 20000 });
    await assert.rejects(client.messages.create({ model: 'claude', max_tokens: 8, messages: MESSAGES }), (error) => {
        assert.ok(error instanceof Anthropic.AuthenticationError, `${error?.constructor?.name}: ${error}`);
        assert.equal(error.status, 401);
        assert.equal(error.error?.error?.type, 'authentication_error');
        return true;
    });
    expected.push({ route: '/v1/messages', status: 401, anonymous: true });
});

test('models in Anthropic\'s shape: paged list, retrieve, 404', async () => {
    const seen = [];
    const client = makeClient(AUTH_STYLES[0], seen);
    // Discovery runs right after start; give it a bounded moment. Two per
    // page, so the SDK's auto-pagination (after_id) walks several pages.
    let models = [];
    for (let attempt = 0; attempt < 50; ++attempt) {
        models = [];
        for await (const model of client.models.list({ limit: 2 }))
            models.push(model);
        if (models.some((m) => m.id === 'fake-anthropic/claude-sonnet-4'))
            break;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < seen.length; ++i)
        expected.push({ route: '/v1/models', status: 200 });
    assert.ok(seen.length > 1, 'one page only');
    const ids = models.map((m) => m.id);
    assert.ok(ids.includes('claude'), ids.join(', '));
    assert.ok(ids.includes('fake-anthropic/claude-sonnet-4'), ids.join(', '));
    assert.equal(new Set(ids).size, ids.length, `a page repeated: ${ids.join(', ')}`);
    for (const m of models) {
        assert.equal(m.type, 'model');
        assert.equal(typeof m.display_name, 'string');
        assert.ok(!Number.isNaN(Date.parse(m.created_at)), m.created_at);
    }

    const claude = await client.models.retrieve('claude');
    assert.equal(claude.type, 'model');
    assert.equal(claude.id, 'claude');
    expected.push({ route: '/v1/models/claude', status: 200 });
    await assert.rejects(client.models.retrieve('no-such-model'), (error) => {
        assert.ok(error instanceof Anthropic.NotFoundError, `${error?.constructor?.name}: ${error}`);
        assert.equal(error.error?.error?.type, 'not_found_error');
        return true;
    });
    expected.push({ route: '/v1/models/no-such-model', status: 404 });
});

test('every request above is in the request log with tokens and cost', async (t) => {
    await assertLogged(t, stack, expected);
});
