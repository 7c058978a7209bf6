// Structured output through Tollgate with the official OpenAI Node SDK: the
// JSON schema a client sends must reach the provider as the client wrote it,
// properties in the client's order (models generate fields in schema order, so
// a reasoning field moved after the answer changes the answer), with only the
// gateway's own edits. The fake upstream reports what it received.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';

import { GATEWAY_KEY, Stack, UPSTREAM_KEY } from './harness.mjs';

const stack = new Stack();
let client;
// Every body the SDK put on the wire, in order.
const sent = [];

before(async () => {
    await stack.start();
    const capturingFetch = (input, init) => {
        if (typeof init?.body === 'string')
            sent.push(init.body);
        return fetch(input, init);
    };
    client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: stack.baseURL, maxRetries: 0, timeout: 20000,
                          fetch: capturingFetch });
});

after(async () => {
    await stack.stop();
});

// The requests the fake upstream received on `path`, oldest first.
async function upstreamReceived(path) {
    const response = await fetch(`http://127.0.0.1:${stack.upstreamPort}/_fake/requests`,
                                 { headers: { Authorization: `Bearer ${UPSTREAM_KEY}` },
                                   signal: AbortSignal.timeout(5000) });
    assert.equal(response.status, 200);
    const all = await response.json();
    return all.filter((r) => r.method === 'POST' && r.path === path);
}

async function lastUpstreamBody(path) {
    const received = await upstreamReceived(path);
    assert.ok(received.length > 0, `the upstream received nothing on ${path}`);
    return received[received.length - 1].body;
}

const Place = z.object({
    reasoning: z.string(),
    city: z.string(),
    population: z.number().int(),
});

test('a Zod structured-output schema reaches the provider in the client\'s order', async () => {
    const completion = await client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'Which city is the Eiffel tower in?' }],
        response_format: zodResponseFormat(Place, 'place'),
    });
    assert.equal(completion.object, 'chat.completion');

    const upstream = await lastUpstreamBody('/v1/chat/completions');
    const schema = JSON.parse(upstream).response_format.json_schema.schema;
    assert.deepEqual(Object.keys(schema.properties), ['reasoning', 'city', 'population']);
    assert.deepEqual(schema.required, ['reasoning', 'city', 'population']);
    // Byte for byte what the SDK sent, but for the model id.
    const body = sent[sent.length - 1];
    assert.ok(body.includes('"model":"chat"'), body);
    assert.equal(upstream, body.replace('"model":"chat"', '"model":"gpt-4o-mini"'));
});

test('tool parameters keep their order too', async () => {
    await client.chat.completions.create({
        model: 'chat',
        messages: [{ role: 'user', content: 'Book a table.' }],
        tools: [{
            type: 'function',
            function: {
                name: 'book',
                parameters: {
                    type: 'object',
                    properties: { when: { type: 'string' }, party: { type: 'integer' }, allergies: { type: 'string' } },
                    required: ['when', 'party'],
                },
            },
        }],
        temperature: 1.0,
    });
    const upstream = JSON.parse(await lastUpstreamBody('/v1/chat/completions'));
    assert.deepEqual(Object.keys(upstream.tools[0].function.parameters.properties), ['when', 'party', 'allergies']);
    assert.deepEqual(Object.keys(upstream).slice(0, 4), ['model', 'messages', 'tools', 'temperature']);
});

test('Responses API on an alias with defaults gets max_output_tokens, never max_tokens', async () => {
    // chat-tuned has the defaults temperature 0.2 and max_tokens 256; like
    // OpenAI, the fake upstream refuses max_tokens on /responses with a 400.
    const response = await client.responses.create({
        model: 'chat-tuned',
        input: 'Which city is the Eiffel tower in?',
        text: {
            format: {
                type: 'json_schema',
                name: 'place',
                strict: true,
                schema: {
                    type: 'object',
                    properties: { reasoning: { type: 'string' }, city: { type: 'string' }, population: { type: 'integer' } },
                    required: ['reasoning', 'city', 'population'],
                    additionalProperties: false,
                },
            },
        },
    });
    assert.equal(response.object, 'response');
    const upstream = JSON.parse(await lastUpstreamBody('/v1/responses'));
    assert.equal(upstream.max_output_tokens, 256);
    assert.equal(upstream.max_tokens, undefined);
    assert.equal(upstream.temperature, 0.2);
    assert.deepEqual(Object.keys(upstream.text.format.schema.properties), ['reasoning', 'city', 'population']);
});
