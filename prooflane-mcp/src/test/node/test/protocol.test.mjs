// The protocol over both transports with the official TypeScript client: lifecycle, error codes,
// progress, log messages, cancellation; and raw lines and POSTs for malformed messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  CallToolResultSchema,
  EmptyResultSchema,
  LoggingMessageNotificationSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { TRANSPORTS, connect, env, eventually, fresh, rest, stdioCommand, text } from './clients.mjs';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

for (const kind of TRANSPORTS) {
  describe(`the protocol over ${kind}`, () => {
    let client;
    before(async () => {
      client = await connect(kind);
    });
    after(async () => {
      await client?.close();
    });

    test('initialize agrees on the newest version and declares tools and logging', async () => {
      assert.deepEqual(client.getServerVersion(), { name: 'prooflane', version: '0.1.0' });
      assert.ok(client.getServerCapabilities().tools);
      assert.ok(client.getServerCapabilities().logging);
      assert.match(client.getInstructions(), /Never claim success without a PASS report/);
      await client.ping();
    });

    test('an unknown tool is -32602 naming it and the known ones', async () => {
      await assert.rejects(
        client.callTool({ name: 'invalid_tool_name', arguments: {} }),
        (e) =>
          e instanceof McpError &&
          e.code === -32602 &&
          e.message.includes("unknown tool 'invalid_tool_name' (known tools: list_services,"),
      );
    });

    test('arguments that are not an object are -32602 in plain words', async () => {
      await assert.rejects(
        client.request(
          { method: 'tools/call', params: { name: 'list_sandboxes', arguments: [1, 2] } },
          CallToolResultSchema,
        ),
        (e) =>
          e.code === -32602 &&
          e.message.includes('arguments: expected an object, got an array') &&
          !e.message.includes('Cannot deserialize'),
      );
    });

    test('an unknown method is -32601 naming it', async () => {
      await assert.rejects(
        client.request({ method: 'resources/list', params: {} }, EmptyResultSchema),
        (e) => e.code === -32601 && e.message.includes("method 'resources/list' not found"),
      );
    });

    test('a long call reports its steps as progress, in order', async () => {
      const progress = [];
      const result = await client.callTool(
        {
          name: 'validate',
          arguments: {
            forks: [{ service: 'pricing', command: env.discount }],
            skills: ['product-contract'],
          },
        },
        CallToolResultSchema,
        { onprogress: (p) => progress.push(p) },
      );
      assert.equal(result.structuredContent.verdict, 'PASS', text(result));
      const messages = progress.map((p) => p.message);
      assert.ok(messages.some((m) => m.startsWith('running skill product-contract')), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('step product (http) ...')), messages.join('\n'));
      assert.ok(messages.some((m) => /^step contract PASS in \d+ ms/.test(m)), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('verdict PASS')), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('deleted sandbox validate-')), messages.join('\n'));
      const numbers = progress.map((p) => p.progress);
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
    });

    test('log messages come once the client sets a level', async () => {
      const logged = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logged.push(n.params));
      await client.setLoggingLevel('info');
      const sandbox = fresh(`log-${kind}`);
      await client.callTool({
        name: 'create_sandbox',
        arguments: { name: sandbox, forks: [{ service: 'pricing', command: env.discount }] },
      });
      const run = await client.callTool(
        { name: 'run_skill', arguments: { skill: 'product-contract', sandbox } },
        CallToolResultSchema,
        { onprogress: () => {} },
      );
      await client.callTool({ name: 'delete_sandbox', arguments: { name: sandbox } });
      assert.equal(run.structuredContent.verdict, 'PASS');
      assert.ok(logged.some((l) => l.level === 'info' && l.logger === 'prooflane' && /^step contract/.test(l.data)));
    });

    test('a cancelled validation stops its run and deletes its sandbox; the session goes on', async () => {
      const sandbox = fresh(`cancel-${kind}`);
      const abort = new AbortController();
      const seen = [];
      const call = client.callTool(
        {
          name: 'validate',
          arguments: {
            name: sandbox,
            forks: [{ service: 'pricing', command: env.discount }],
            skills: ['slow-contract'],
            skillDirs: [env.slowSkills],
            inputs: { ticks: 60 },
          },
        },
        CallToolResultSchema,
        {
          signal: abort.signal,
          onprogress: (p) => {
            seen.push(p.message);
            if (p.message.startsWith('step part_1')) {
              abort.abort('the test gave up');
            }
          },
        },
      );
      await assert.rejects(call, /the test gave up/);
      const validation = await eventually(async () => {
        const { validations } = await rest('/validations');
        const v = validations.find((x) => x.sandbox === sandbox);
        return v && v.state !== 'RUNNING' && v;
      });
      assert.equal(validation.state, 'CANCELLED');
      assert.equal(validation.verdict, 'ERROR');
      assert.equal(validation.runs[0].state, 'CANCELLED');
      assert.match(validation.message, /^cancelled by admin: the MCP client cancelled the call/);
      const { sandboxes } = await rest('/sandboxes');
      assert.ok(!sandboxes.some((s) => s.name === sandbox), `${sandbox} was deleted`);
      await client.ping();
      const list = await client.callTool({ name: 'list_sandboxes', arguments: {} });
      assert.equal(list.isError, false);
    });

    test('a cancelled run_skill ends its run CANCELLED; the session goes on', async () => {
      const before = new Set((await rest('/runs')).runs.map((r) => r.id));
      const abort = new AbortController();
      const call = client.callTool(
        {
          name: 'run_skill',
          arguments: { skill: 'slow-contract', skillDirs: [env.slowSkills], inputs: { ticks: 60 } },
        },
        CallToolResultSchema,
        {
          signal: abort.signal,
          onprogress: (p) => {
            if (p.message.startsWith('step part_1')) {
              abort.abort('the test gave up');
            }
          },
        },
      );
      await assert.rejects(call, /the test gave up/);
      const run = await eventually(async () => {
        const { runs } = await rest('/runs');
        const r = runs.find((x) => !before.has(x.id) && x.skill === 'slow-contract');
        return r && r.state !== 'RUNNING' && r;
      });
      assert.equal(run.state, 'CANCELLED');
      assert.equal(run.verdict, 'ERROR');
      assert.match(run.message, /^cancelled by admin: the MCP client cancelled the call/);
      assert.equal((await client.callTool({ name: 'list_skills', arguments: {} })).isError, false);
    });
  });
}

describe('cancellation on stdio when stdin closes at once', () => {
  test('the process tells the daemon to stop the cancelled run before it ends', async () => {
    const before = new Set((await rest('/runs')).runs.map((r) => r.id));
    const server = spawn(stdioCommand()[0], stdioCommand().slice(1), {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    let buffer = '';
    let cancelled = false;
    server.stdout.on('data', (d) => {
      buffer += d;
      if (!cancelled && buffer.includes('"message":"step part_1')) {
        cancelled = true;
        server.stdin.end(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: 2, reason: 'the host closed' },
          }) + '\n',
        );
      }
    });
    server.stdin.write(
      [
        JSON.stringify(INITIALIZE),
        '{"jsonrpc":"2.0","method":"notifications/initialized"}',
        JSON.stringify({
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: {
            name: 'run_skill',
            arguments: { skill: 'slow-contract', skillDirs: [env.slowSkills], inputs: { ticks: 60 } },
            _meta: { progressToken: 'p' },
          },
        }),
      ].join('\n') + '\n',
    );
    assert.equal(await exited, 0);
    assert.ok(cancelled, 'progress came before the cancellation');
    const replies = buffer.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(!replies.some((r) => r.id === 2), 'nothing answers the cancelled call');
    const run = await eventually(async () => {
      const { runs } = await rest('/runs');
      const r = runs.find((x) => !before.has(x.id) && x.skill === 'slow-contract');
      return r && r.state !== 'RUNNING' && r;
    }, 20000);
    assert.equal(run.state, 'CANCELLED');
    assert.match(run.message, /the MCP client cancelled the call/);
  });
});

describe('raw lines on stdio', () => {
  test('malformed lines get their errors, the session goes on, and it ends once stdin closes', async () => {
    const [command, ...args] = stdioCommand(env.emptyState);
    const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    const lines = [
      '{"jsonrpc":"2.0","id":0,"method":"ping"}',
      JSON.stringify(INITIALIZE),
      'not json at all',
      '{"foo":1}',
      '{"jsonrpc":"2.0","method":"tools/list"',
      '{"jsonrpc":"2.0","id":null,"method":"ping"}',
      '[{"jsonrpc":"2.0","id":5,"method":"ping"}]',
      '{"jsonrpc":"2.0","id":6,"method":"tools/list"}',
      '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_sandbox","arguments":{"name":"x"}}}',
    ];
    server.stdin.end(lines.join('\n') + '\n');
    const started = Date.now();
    assert.equal(await exited, 0);
    assert.ok(Date.now() - started < 15000, 'it ended promptly');
    const replies = out.trim().split('\n').map((l) => JSON.parse(l));
    const errors = replies.filter((r) => r.error).map((r) => r.error.code);
    assert.deepEqual(errors, [-32700, -32600, -32700, -32600, -32600]);
    assert.deepEqual(replies.find((r) => r.id === 0).result, {});
    assert.equal(replies.find((r) => r.id === 6).result.tools.length, 17);
    assert.match(replies.find((r) => r.id === 7).result.content[0].text, /^no_daemon: /);
  });
});

describe('raw POSTs on Streamable HTTP', () => {
  const post = (body, headers = {}) =>
    fetch(env.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${env.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });

  test('malformed messages are 400 with their JSON-RPC error, and a batch is refused', async () => {
    for (const [body, code, words] of [
      ['not json', -32700, 'not valid JSON'],
      ['{"foo":1}', -32600, 'jsonrpc: missing'],
      ['{"jsonrpc":"2.0","id":null,"method":"ping"}', -32600, 'id: null'],
      ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', -32600, 'batches are not supported'],
    ]) {
      const response = await post(body);
      assert.equal(response.status, 400, body);
      const error = (await response.json()).error;
      assert.equal(error.code, code, body);
      assert.ok(error.message.includes(words), `${body}: ${error.message}`);
    }
  });

  test('a page on another loopback port gets CORS; discovery documents are 404', async () => {
    const preflight = await fetch(env.url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:6274', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:6274');
    const response = await post(JSON.stringify(INITIALIZE), { Origin: 'http://localhost:6274' });
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('mcp-session-id'));
    assert.equal((await post('{}', { Origin: 'https://evil.example' })).status, 403);
    const base = new URL(env.url).origin;
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server']) {
      assert.equal((await fetch(base + path)).status, 404, path);
    }
  });
});
