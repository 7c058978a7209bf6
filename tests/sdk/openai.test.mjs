// The official OpenAI Node SDK against a headless Tollgate in front of the
// fake upstream: what a real client sees, request by request, and what the
// request log records for it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import OpenAI from 'openai';

import { GATEWAY_KEY, Stack } from './harness.mjs';
import { assertLogged } from './logcheck.mjs';

const stack = new Stack();
let client;
// What the log must show afterwards: one entry per request made here.
const expected = [];

before(async () => {
    await stack.start();
    client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: stack.baseURL, maxRetries: 0, timeout: 20000 });
});

after(async () => {
    await stack.stop();
});

// The fake upstream answers every chat with these five pieces.
const ANSWER = 'Hello piece1 piece2 piece3 piece4';

test('lists the published aliases and discovered models', async () => {
    // Discovery runs right after start; give it a bounded moment.
    let ids = [];
    for (let attempt = 0; attempt < 50; ++attempt) {
        ids = [];
        for await (const model of client.models.list())
            ids.push(model.id);
        expected.push({ route: '/v1/models', status: 200 });
        if (ids.includes('fake-openai/gpt-4o-mini'))
            break;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const alias of ['chat', 'embed', 'claude'])
        assert.ok(ids.includes(alias), `${alias} missing from ${ids.join(', ')}`);
    assert.ok(ids.includes('fake-openai/gpt-4o-mini'), ids.join(', '));
    assert.ok(ids.includes('fake-anthropic/claude-sonnet-4'), ids.join(', '));
});

test('chat completion', async () => {
    const completion = await client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'Say hello.' }],
    });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0].message.content, ANSWER);
    assert.equal(completion.usage.prompt_tokens, 12);
    assert.equal(completion.usage.completion_tokens, 7);
    expected.push({ route: '/v1/chat/completions', model: 'chat', status: 200, tokens: true });
});

test('chat completion streaming, without the usage chunk the caller did not ask for', async () => {
    const stream = await client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'Say hello.' }],
        stream: true,
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
        ++chunks;
        assert.equal(chunk.object, 'chat.completion.chunk');
        assert.ok(!chunk.usage, `unexpected usage chunk: ${JSON.stringify(chunk)}`);
        assert.ok(chunk.choices.length > 0, `a chunk without choices: ${JSON.stringify(chunk)}`);
        text += chunk.choices[0].delta?.content ?? '';
    }
    assert.equal(text, ANSWER);
    assert.equal(chunks, 6); // five pieces and the finish_reason chunk
    // The gateway still counted the tokens it asked the upstream for.
    expected.push({ route: '/v1/chat/completions', model: 'chat', status: 200, stream: true, tokens: true });
});

test('chat completion streaming with include_usage keeps the usage chunk', async () => {
    const stream = await client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'Say hello.' }],
        stream: true,
        stream_options: { include_usage: true },
    });
    let text = '';
    let usage = null;
    for await (const chunk of stream) {
        if (chunk.usage)
            usage = chunk.usage;
        text += chunk.choices[0]?.delta?.content ?? '';
    }
    assert.equal(text, ANSWER);
    assert.ok(usage, 'no usage chunk');
    assert.equal(usage.prompt_tokens, 12);
    assert.equal(usage.completion_tokens, 7);
    expected.push({ route: '/v1/chat/completions', model: 'chat', status: 200, stream: true, tokens: true });
});

test('embeddings', async () => {
    const result = await client.embeddings.create({ model: 'embed', input: ['one', 'two'] });
    assert.equal(result.data.length, 2);
    assert.ok(result.data[0].embedding.length > 0);
    assert.equal(typeof result.data[0].embedding[0], 'number');
    assert.ok(result.usage.prompt_tokens > 0);
    expected.push({ route: '/v1/embeddings', model: 'embed', status: 200, tokens: true, noCompletion: true });
});

test('responses API', async () => {
    const response = await client.responses.create({ model: 'chat', input: 'Say hello.' });
    assert.equal(response.object, 'response');
    assert.ok(response.output_text.length > 0, JSON.stringify(response));
    assert.ok(response.usage.input_tokens > 0);
    expected.push({ route: '/v1/responses', model: 'chat', status: 200, tokens: true });
});

test('retrieves one model, an alias or a provider/model id', async () => {
    const alias = await client.models.retrieve('chat');
    assert.equal(alias.id, 'chat');
    assert.equal(alias.object, 'model');
    expected.push({ route: '/v1/models/chat', status: 200 });
    // The SDK escapes the slash of a qualified id (%2F); the gateway decodes it.
    const qualified = await client.models.retrieve('fake-openai/gpt-4o-mini');
    assert.equal(qualified.id, 'fake-openai/gpt-4o-mini');
    expected.push({ route: '/v1/models/fake-openai%2Fgpt-4o-mini', status: 200 });
    await assert.rejects(client.models.retrieve('no-such-model'), (error) => {
        assert.ok(error instanceof OpenAI.NotFoundError, `${error?.constructor?.name}: ${error}`);
        assert.equal(error.code, 'model_not_found');
        return true;
    });
    expected.push({ route: '/v1/models/no-such-model', status: 404 });
});

test('an unknown model is a 404 model_not_found', async () => {
    await assert.rejects(
        client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
        (error) => {
            assert.ok(error instanceof OpenAI.NotFoundError, `${error?.constructor?.name}: ${error}`);
            assert.equal(error.status, 404);
            assert.equal(error.code, 'model_not_found');
            return true;
        });
    expected.push({ route: '/v1/chat/completions', model: 'no-such-model', status: 404 });
});

test('a wrong gateway key is a 401', async () => {
    const stranger = new OpenAI({ apiKey: 'tg-not-a-real-key', baseURL: stack.baseURL, maxRetries: 0, timeout: 20000 });
    await assert.rejects(
        stranger.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
        (error) => {
            assert.ok(error instanceof OpenAI.AuthenticationError, `${error?.constructor?.name}: ${error}`);
            assert.equal(error.status, 401);
            return true;
        });
    expected.push({ route: '/v1/chat/completions', status: 401, anonymous: true });
});

test('every request above is in the request log with tokens and cost', async (t) => {
    await assertLogged(t, stack, expected);
});
