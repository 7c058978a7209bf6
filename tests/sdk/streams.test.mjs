// Both official SDKs against an upstream that breaks every stream after three
// events: the gateway ends the stream with an error event in the caller's
// protocol, so the SDK raises instead of returning a truncated answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

import { GATEWAY_KEY, Stack } from './harness.mjs';
import { assertLogged } from './logcheck.mjs';

const stack = new Stack();
const MESSAGES = [{ role: 'user', content: 'Say hello.' }];

before(async () => {
    await stack.start(['--break-after', '3']);
});

after(async () => {
    await stack.stop();
});

test('an OpenAI stream cut by the upstream throws in the SDK', async () => {
    const client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: stack.baseURL, maxRetries: 0, timeout: 20000 });
    const stream = await client.chat.completions.create({ model: 'chat', messages: MESSAGES, stream: true });
    let text = '';
    await assert.rejects(async () => {
        for await (const chunk of stream)
            text += chunk.choices[0]?.delta?.content ?? '';
    }, (error) => error instanceof OpenAI.APIError && /mid-response/.test(error.message));
    assert.ok(text.startsWith('Hello'), `the events before the break arrived: ${text}`);
});

test('an Anthropic stream cut by the upstream throws in the SDK', async () => {
    const client = new Anthropic({ apiKey: null, authToken: GATEWAY_KEY, baseURL: `http://127.0.0.1:${stack.gatewayPort}`,
                                   maxRetries: 0, timeout: 20000 });
    const stream = client.messages.stream({ model: 'claude', max_tokens: 64, messages: MESSAGES });
    await assert.rejects(async () => {
        for await (const event of stream)
            void event;
    }, (error) => error instanceof Anthropic.APIError && /api_error|mid-response/.test(error.message));
});

test('both cut streams are logged as 502', async (t) => {
    await assertLogged(t, stack, [
        { route: '/v1/chat/completions', model: 'chat', status: 502, stream: true },
        { route: '/v1/messages', model: 'claude', status: 502, stream: true },
    ]);
});
