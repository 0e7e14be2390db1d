// A validation that runs longer than the client's request timeout completes, because its progress
// resets the timeout (resetTimeoutOnProgress), as agent hosts with short timeouts configure it; and
// the same with wait: false and polling.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { TRANSPORTS, connect, env, eventually, text } from './clients.mjs';

const TIMEOUT_MS = 3000;
const SLOW = {
  forks: [{ service: 'pricing', command: env.discount }],
  skills: ['slow-contract'],
  skillDirs: [env.slowSkills],
  inputs: { ticks: 12 },
};

for (const kind of TRANSPORTS) {
  describe(`long calls over ${kind}`, () => {
    let client;
    before(async () => {
      client = await connect(kind);
    });
    after(async () => {
      await client?.close();
    });

    test(`a validation longer than a ${TIMEOUT_MS} ms request timeout completes thanks to progress`, async () => {
      const started = Date.now();
      let updates = 0;
      const result = await client.callTool({ name: 'validate', arguments: SLOW }, CallToolResultSchema, {
        timeout: TIMEOUT_MS,
        resetTimeoutOnProgress: true,
        onprogress: () => updates++,
      });
      const elapsed = Date.now() - started;
      assert.equal(result.structuredContent.verdict, 'PASS', text(result));
      assert.ok(elapsed > 1.5 * TIMEOUT_MS, `it ran ${elapsed} ms, well over the timeout`);
      assert.ok(updates > 10, `${updates} progress notifications`);
    });

    test('without progress the same timeout would end it: wait false and polling instead', async () => {
      const started = await client.callTool(
        { name: 'validate', arguments: { ...SLOW, wait: false } },
        CallToolResultSchema,
        { timeout: TIMEOUT_MS },
      );
      assert.equal(started.structuredContent.state, 'RUNNING');
      const done = await eventually(async () => {
        const v = await client.callTool(
          { name: 'get_validation', arguments: { id: started.structuredContent.id } },
          CallToolResultSchema,
          { timeout: TIMEOUT_MS },
        );
        return v.structuredContent.state !== 'RUNNING' && v;
      });
      assert.equal(done.structuredContent.verdict, 'PASS', text(done));
    });
  });
}
