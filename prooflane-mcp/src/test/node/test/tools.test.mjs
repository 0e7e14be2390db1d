// Every tool over both transports with the official TypeScript client: each success (the client
// itself checks every structuredContent against the tool's outputSchema and throws on a mismatch),
// and each kind of error: bad type, missing field, unknown name, no daemon.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRANSPORTS, connect, env, eventually, fresh, text } from './clients.mjs';

const TOOLS = [
  'list_services', 'list_sandboxes', 'create_sandbox', 'get_sandbox', 'delete_sandbox',
  'list_skills', 'describe_skill', 'run_skill', 'get_run', 'list_actions', 'describe_action',
  'run_action', 'get_logs', 'get_hops', 'probe', 'validate', 'get_validation',
];

/** Valid arguments of each tool, for calls whose outcome does not depend on them. */
const VALID = {
  get_sandbox: { name: 'pr-1' },
  delete_sandbox: { name: 'pr-1' },
  describe_skill: { name: 'product-contract' },
  describe_action: { name: 'http' },
  run_skill: { skill: 'product-contract', sandbox: 'pr-1' },
  get_run: { id: 'r-1' },
  get_validation: { id: 'v-1' },
  run_action: { action: 'check', with: { that: true } },
  get_logs: { service: 'pricing' },
  probe: { service: 'frontend', path: '/products/1' },
  create_sandbox: { forks: [{ service: 'pricing' }] },
  validate: { forks: [{ service: 'pricing' }] },
};

/** Per tool: arguments of a wrong type and the problem named; a missing field, when it has one. */
const WRONG = {
  list_services: [{ verbose: true }, 'verbose: unknown field (this tool takes no arguments)'],
  list_sandboxes: [{ all: 1 }, 'all: unknown field (this tool takes no arguments)'],
  create_sandbox: [{ forks: 'pricing' }, "forks: 'pricing' (expected: an array)", 'forks: missing'],
  get_sandbox: [{ name: 42 }, 'name: 42 (expected: text)', 'name: missing'],
  delete_sandbox: [{ name: ['a'] }, 'name: an array (expected: text)', 'name: missing'],
  list_skills: [{ label: 'x' }, 'label: unknown field (this tool takes no arguments)'],
  describe_skill: [{ name: true }, 'name: true (expected: text)', 'name: missing'],
  run_skill: [{ skill: 'product-contract', inputs: 'x' }, "inputs: 'x' (expected: an object)", 'skill: missing'],
  get_run: [{ id: 7 }, 'id: 7 (expected: text)', 'id: missing'],
  list_actions: [{ x: null }, 'x: unknown field (this tool takes no arguments)'],
  describe_action: [{ name: {} }, 'name: an object (expected: text)', 'name: missing'],
  run_action: [{ action: 'http', with: [] }, 'with: an array (expected: an object)', 'action: missing'],
  get_logs: [{ service: 'pricing', tail: 'ten' }, "tail: 'ten' (expected: a whole number)", 'service: missing'],
  get_hops: [{ limit: 0 }, 'limit: 0 (expected: 1 to 10000)'],
  probe: [{ service: 'frontend', path: 5 }, 'path: 5 (expected: text)', 'service: missing'],
  validate: [{ forks: [{ service: 'pricing' }], keep: 'yes' }, "keep: 'yes' (expected: true or false)", 'forks: missing'],
  get_validation: [{ id: 1.5 }, 'id: 1.5 (expected: text)', 'id: missing'],
};

/** Calls naming something that does not exist: tool, arguments, the code and names answered. */
const UNKNOWN = [
  ['get_sandbox', { name: 'nope' }, 'not_found: ', "sandbox 'nope' not found"],
  ['delete_sandbox', { name: 'nope' }, 'not_found: ', "sandbox 'nope' not found"],
  ['describe_skill', { name: 'nope' }, 'not_found: ', "skill 'nope' not found"],
  ['run_skill', { skill: 'nope' }, 'not_found: ', "skill 'nope' not found"],
  ['run_skill', { skill: 'product-contract', sandbox: 'nope' }, 'not_found: ', "sandbox 'nope' not found"],
  ['get_run', { id: 'nope' }, 'not_found: ', "run 'nope' not found"],
  ['get_validation', { id: 'nope' }, 'not_found: ', "validation 'nope' not found"],
  ['describe_action', { name: 'nope' }, 'not_found: ', "action 'nope' not found"],
  ['run_action', { action: 'nope' }, 'not_found: ', "action 'nope' not found"],
  ['get_logs', { service: 'nope' }, 'not_found: ', 'nope'],
  ['get_hops', { sandbox: 'nope' }, 'not_found: ', "sandbox 'nope' not found"],
  ['probe', { service: 'nope', path: '/x' }, 'not_found: ', "service 'nope' not found"],
  ['create_sandbox', { forks: [{ service: 'billing' }] }, 'invalid_input: ', 'billing'],
  ['validate', { forks: [{ service: 'pricing' }], skills: ['nope'] }, 'not_found: ', "skill 'nope' not found"],
];

for (const kind of TRANSPORTS) {
  describe(`the tools over ${kind}`, () => {
    let client;
    before(async () => {
      client = await connect(kind);
    });
    after(async () => {
      await client?.close();
    });

    test('lists every tool with output schemas strict clients accept', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name), TOOLS);
      for (const tool of tools) {
        const schema = JSON.stringify(tool.outputSchema);
        assert.ok(tool.outputSchema?.type === 'object', tool.name);
        assert.ok(!schema.includes('"null"'), `${tool.name} declares a null type: ${schema}`);
        assert.ok(!/"type":\[/.test(schema), `${tool.name} declares a type array: ${schema}`);
      }
    });

    test('every tool succeeds and its structured content fits its output schema', async () => {
      const call = async (name, args) => {
        const result = await client.callTool({ name, arguments: args });
        assert.equal(result.isError, false, `${name}: ${text(result)}`);
        assert.ok(result.structuredContent, `${name} has structured content`);
        return result;
      };
      const sandbox = fresh(`ts-${kind}`);
      assert.match(text(await call('list_services', {})), /pricing: running/);
      assert.match(text(await call('list_skills', {})), /product-contract:/);
      assert.match(text(await call('describe_skill', { name: 'product-contract' })), /- contract: schema/);
      assert.match(text(await call('list_actions', {})), /- http:/);
      assert.match(text(await call('describe_action', { name: 'http' })), /inputs \(with\):/);
      const created = await call('create_sandbox', {
        name: sandbox,
        forks: [{ service: 'pricing', command: env.discount }],
      });
      assert.equal(created.structuredContent.phase, 'READY');
      assert.match(text(await call('list_sandboxes', {})), new RegExp(sandbox));
      assert.equal((await call('get_sandbox', { name: sandbox })).structuredContent.name, sandbox);
      const run = await call('run_skill', { skill: 'product-contract', sandbox });
      assert.equal(run.structuredContent.verdict, 'PASS', text(run));
      const again = await call('get_run', { id: run.structuredContent.id });
      assert.equal(again.structuredContent.verdict, 'PASS');
      const action = await call('run_action', {
        action: 'check',
        sandbox,
        with: { that: true, message: 'holds' },
      });
      assert.match(text(action), new RegExp(`^action check in sandbox ${sandbox}: PASS`));
      assert.match(text(await call('get_logs', { service: 'pricing', sandbox, tail: 3 })), /3 line\(s\) of pricing/);
      assert.match(text(await call('get_hops', { sandbox, limit: 10 })), new RegExp(`pricing -> ${sandbox}`));
      const probed = await call('probe', { service: 'frontend', path: '/products/1' });
      assert.equal(probed.structuredContent.keyTravelled, true, text(probed));
      assert.ok(probed.structuredContent.key.startsWith('probe-'), text(probed));
      assert.deepEqual(
        [...new Set(probed.structuredContent.hops.map((h) => h.destination))],
        ['baseline'],
        'a key no sandbox has goes to the baseline at every hop',
      );
      assert.match(text(probed), /the key travelled along every hop the router saw/);
      const started = await call('run_skill', { skill: 'product-contract', sandbox, wait: false });
      assert.equal(started.structuredContent.state, 'RUNNING');
      await eventually(async () => {
        const r = await call('get_run', { id: started.structuredContent.id });
        return r.structuredContent.state === 'DONE';
      });
      assert.equal((await call('delete_sandbox', { name: sandbox })).structuredContent.deleted, sandbox);

      const validated = await call('validate', {
        forks: [{ service: 'pricing', command: env.discount }],
        skills: ['product-contract'],
      });
      assert.equal(validated.structuredContent.verdict, 'PASS', text(validated));
      assert.match(text(validated), /^validate PASS: sandbox validate-/);
      const polled = await call('validate', {
        forks: [{ service: 'pricing', command: env.discount }],
        skills: ['product-contract'],
        wait: false,
      });
      assert.equal(polled.structuredContent.state, 'RUNNING');
      assert.ok(polled.structuredContent.sandbox.startsWith('validate-'));
      assert.match(text(polled), /next: call get_validation with id /);
      const done = await eventually(async () => {
        const v = await call('get_validation', { id: polled.structuredContent.id });
        return v.structuredContent.state === 'DONE' && v;
      });
      assert.equal(done.structuredContent.verdict, 'PASS', text(done));
      assert.equal(done.structuredContent.runs[0].verdict, 'PASS');
    });

    test('a wrong type names the field and what was expected', async () => {
      for (const [tool, [args, problem]] of Object.entries(WRONG)) {
        const result = await client.callTool({ name: tool, arguments: args });
        assert.equal(result.isError, true, tool);
        assert.equal(result.structuredContent, undefined, tool);
        assert.ok(text(result).startsWith(`invalid_input: ${tool}: `), `${tool}: ${text(result)}`);
        assert.ok(text(result).includes(problem), `${tool}: ${text(result)} lacks ${problem}`);
      }
    });

    test('a missing field is named with what it is for', async () => {
      for (const [tool, [, , missing]] of Object.entries(WRONG)) {
        if (!missing) {
          continue;
        }
        const result = await client.callTool({ name: tool, arguments: {} });
        assert.equal(result.isError, true, tool);
        assert.ok(text(result).startsWith(`invalid_input: ${tool}: `), `${tool}: ${text(result)}`);
        assert.ok(text(result).includes(missing), `${tool}: ${text(result)} lacks ${missing}`);
      }
    });

    test('probe refuses a path without its leading slash, naming the field', async () => {
      const result = await client.callTool({ name: 'probe', arguments: { service: 'frontend', path: 'products/1' } });
      assert.equal(result.isError, true, text(result));
      assert.ok(
        text(result).startsWith("invalid_input: probe: path: 'products/1' (expected: a path starting with '/'"),
        text(result),
      );
    });

    test('an unknown sandbox, skill, run, validation, action or service is named', async () => {
      for (const [tool, args, code, names] of UNKNOWN) {
        const result = await client.callTool({ name: tool, arguments: args });
        assert.equal(result.isError, true, `${tool}: ${text(result)}`);
        assert.ok(text(result).startsWith(code), `${tool}: ${text(result)}`);
        assert.ok(text(result).includes(names), `${tool}: ${text(result)} lacks ${names}`);
      }
    });
  });
}

describe('the tools over stdio without a daemon', () => {
  let client;
  before(async () => {
    client = await connect('stdio', { stateDir: env.emptyState });
  });
  after(async () => {
    await client?.close();
  });

  test('every tool says no daemon runs and how to start one', async () => {
    for (const tool of TOOLS) {
      const result = await client.callTool({ name: tool, arguments: VALID[tool] ?? {} });
      assert.equal(result.isError, true, tool);
      assert.equal(result.structuredContent, undefined, tool);
      assert.ok(
        text(result).startsWith(`no_daemon: no Prooflane daemon is running for ${env.emptyState}`),
        `${tool}: ${text(result)}`,
      );
      assert.ok(text(result).includes('start it with: prooflane up -f prooflane.yaml --detach'), tool);
    }
  });
});
