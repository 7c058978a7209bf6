// Checks that every request a test made shows up in `tollgate logs --json`,
// with the key name, tokens and cost where the request was answered.
import assert from 'node:assert/strict';

function matches(record, want) {
    if (record.route !== want.route || record.status !== want.status)
        return false;
    if (want.model !== undefined && record.model !== want.model)
        return false;
    if (record.stream !== (want.stream ?? false))
        return false;
    return true;
}

function describe(want) {
    return JSON.stringify(want);
}

export async function assertLogged(t, stack, expected) {
    assert.ok(expected.length > 0, 'no requests to look for');
    // The writer thread flushes at least once a second; poll a bounded while.
    let records = [];
    const deadline = Date.now() + 15000;
    for (;;) {
        // A tollgate without `logs` makes cli() throw: a missing capability fails.
        const out = stack.cli(['logs', '--json', '--limit', '1000']);
        records = out.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
        if (records.length >= expected.length || Date.now() > deadline)
            break;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const unused = [...records];
    for (const want of expected) {
        const index = unused.findIndex((record) => matches(record, want));
        assert.ok(index >= 0, `no log record for ${describe(want)} among ${JSON.stringify(unused, null, 1)}`);
        const record = unused.splice(index, 1)[0];
        const where = `${describe(want)} -> ${JSON.stringify(record)}`;
        if (want.anonymous)
            assert.equal(record.key, '', where);
        else
            assert.equal(record.key, 'sdk', where);
        assert.equal(typeof record.id, 'number', where);
        assert.match(record.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, where);
        assert.equal(typeof record.latency_ms, 'number', where);
        if (want.tokens) {
            assert.ok(record.prompt_tokens > 0, `prompt tokens: ${where}`);
            if (!want.noCompletion)
                assert.ok(record.completion_tokens > 0, `completion tokens: ${where}`);
            assert.ok(record.cost_usd > 0, `cost: ${where}`);
            assert.ok(record.provider, `provider: ${where}`);
            assert.ok(record.upstream_model, `upstream model: ${where}`);
        }
        if (want.status >= 400)
            assert.ok(record.error, `an error text: ${where}`);
    }
}
