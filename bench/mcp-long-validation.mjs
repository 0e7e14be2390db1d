// The client side of bench/mcp-long-validation.sh: the official TypeScript MCP client (installed
// in prooflane-mcp/src/test/node) calls `validate` with a 60 s request timeout that progress
// resets, once per transport, and prints how long it took and how it ended.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = join(process.env.PROOFLANE_NODE_MODULES, '@modelcontextprotocol/sdk/dist/esm');
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { Client } = await load('client/index.js');
const { StdioClientTransport } = await load('client/stdio.js');
const { StreamableHTTPClientTransport } = await load('client/streamableHttp.js');
const { CallToolResultSchema } = await load('types.js');

const TIMEOUT_MS = 60000;
const transports = (process.env.TRANSPORTS ?? 'http,stdio').split(',');
let failed = false;
for (const kind of transports) {
  const client = new Client({ name: 'prooflane-long-validation', version: '1.0.0' });
  const transport =
    kind === 'stdio'
      ? new StdioClientTransport({
          command: JSON.parse(process.env.PROOFLANE_MCP_COMMAND)[0],
          args: JSON.parse(process.env.PROOFLANE_MCP_COMMAND).slice(1),
          stderr: 'ignore',
        })
      : new StreamableHTTPClientTransport(new URL(process.env.PROOFLANE_MCP_URL), {
          requestInit: { headers: { Authorization: `Bearer ${process.env.PROOFLANE_TOKEN}` } },
        });
  await client.connect(transport);
  await client.listTools();
  const started = Date.now();
  let updates = 0;
  let longestQuiet = 0;
  let last = started;
  try {
    const result = await client.callTool(
      {
        name: 'validate',
        arguments: {
          forks: [{ service: 'pricing', command: process.env.PROOFLANE_DISCOUNT }],
          skills: ['slow-contract'],
          skillDirs: [process.env.PROOFLANE_SLOW_SKILLS],
          inputs: { ticks: Number(process.env.TICKS ?? 66) },
        },
      },
      CallToolResultSchema,
      {
        timeout: TIMEOUT_MS,
        resetTimeoutOnProgress: true,
        onprogress: () => {
          updates++;
          longestQuiet = Math.max(longestQuiet, Date.now() - last);
          last = Date.now();
        },
      },
    );
    const elapsed = (Date.now() - started) / 1000;
    console.log(
      `${kind.padEnd(5)} validate completed in ${elapsed.toFixed(1)} s with a ${TIMEOUT_MS / 1000} s` +
        ` request timeout: verdict ${result.structuredContent?.verdict} (isError ${result.isError}),` +
        ` ${updates} progress notifications, longest gap ${(longestQuiet / 1000).toFixed(1)} s`,
    );
    if (result.isError || result.structuredContent?.verdict !== 'PASS') {
      console.log(`      ${result.content?.[0]?.text ?? ''}`.split('\n').slice(0, 8).join('\n      '));
    }
    failed ||= result.isError || result.structuredContent?.verdict !== 'PASS' || elapsed <= TIMEOUT_MS / 1000;
  } catch (e) {
    console.log(`${kind.padEnd(5)} validate FAILED after ${((Date.now() - started) / 1000).toFixed(1)} s: ${e.message}`);
    failed = true;
  }
  await client.close();
}
process.exit(failed ? 1 : 0);
