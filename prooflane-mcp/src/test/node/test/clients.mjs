// Connects the official TypeScript MCP client to the Prooflane MCP server over stdio (the
// `prooflane mcp` process, as agent hosts start it) and over Streamable HTTP (/mcp on the daemon).
// McpClientsIT starts the daemon and passes where everything is in the environment.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through McpClientsIT (mvn verify)`);
  }
  return value;
}

export const env = {
  /** http://127.0.0.1:PORT/mcp */
  url: required('PROOFLANE_MCP_URL'),
  /** http://127.0.0.1:PORT/api/v1 */
  api: required('PROOFLANE_API_URL'),
  token: required('PROOFLANE_TOKEN'),
  /** The stdio server's command line, as a JSON array; it ends with --state-dir DIR. */
  command: JSON.parse(required('PROOFLANE_MCP_COMMAND')),
  /** A state folder where no daemon runs. */
  emptyState: required('PROOFLANE_EMPTY_STATE'),
  /** The folder of slow-contract and slow-tick. */
  slowSkills: required('PROOFLANE_SLOW_SKILLS'),
  /** A fork of pricing that keeps the contract. */
  discount: required('PROOFLANE_DISCOUNT'),
};

export const TRANSPORTS = ['stdio', 'http'];

/** The stdio server's command line, for the daemon of `stateDir` (default: the running one). */
export function stdioCommand(stateDir) {
  const command = [...env.command];
  if (stateDir) {
    command[command.length - 1] = stateDir;
  }
  return command;
}

/** A connected client over `kind` ('stdio' or 'http'), its tools listed (so outputs are checked). */
export async function connect(kind, { stateDir, name = 'prooflane-tests' } = {}) {
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  let transport;
  if (kind === 'stdio') {
    const [command, ...args] = stdioCommand(stateDir);
    transport = new StdioClientTransport({ command, args, stderr: 'ignore' });
  } else {
    transport = new StreamableHTTPClientTransport(new URL(env.url), {
      requestInit: { headers: { Authorization: `Bearer ${env.token}` } },
    });
  }
  await client.connect(transport);
  await client.listTools();
  return client;
}

/** The text an agent reads first. */
export function text(result) {
  return result.content?.[0]?.text ?? '';
}

/** GET on the daemon's REST API, as JSON. */
export async function rest(path) {
  const response = await fetch(env.api + path, {
    headers: { Authorization: `Bearer ${env.token}` },
  });
  return response.json();
}

/** Polls `check` every 200 ms until it answers something truthy, at most `ms`. */
export async function eventually(check, ms = 60000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`not within ${ms} ms: ${check}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A fresh lower-case name, for sandboxes. */
export function fresh(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
