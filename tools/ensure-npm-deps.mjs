// Installs a folder's npm dependencies (npm ci) unless its node_modules already matches its
// package-lock.json: the build runs it before the integration tests that drive Node.js clients
// (exec-maven-plugin in prooflane-mcp and prooflane-ui), so a fresh clone's `mvn verify` works and a
// second run costs nothing. Without a usable Node.js and npm it fails the build with one line that
// says what is missing: those tests are never skipped.
//
// Usage: node tools/ensure-npm-deps.mjs FOLDER MIN_NODE_VERSION WHAT
//   such as: node tools/ensure-npm-deps.mjs prooflane-ui/src/test/node 20 "prooflane-ui: playwright-core for DashboardBrowserIT"
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve, join } from 'node:path';

const [folder, minimum, what] = process.argv.slice(2);
if (!folder || !minimum || !what) {
  console.error('usage: node tools/ensure-npm-deps.mjs FOLDER MIN_NODE_VERSION WHAT');
  process.exit(2);
}
const here = resolve(folder);
const need = `Node.js ${minimum} or newer with npm on the PATH`;

function fail(problem) {
  console.error(`${what}: cannot install its npm packages: ${problem}`);
  process.exit(1);
}

function missing(cause) {
  fail(
    `${cause}; it needs ${need}. Install Node.js (for example apt-get install -y nodejs npm), or` +
      ` skip every integration test with -DskipITs.`,
  );
}

const [haveMajor, haveMinor] = process.versions.node.split('.').map(Number);
const [needMajor, needMinor = 0] = minimum.split('.').map(Number);
if (haveMajor < needMajor || (haveMajor === needMajor && haveMinor < needMinor)) {
  missing(`this is Node.js ${process.versions.node}`);
}
const lock = join(here, 'package-lock.json');
const stamp = join(here, 'node_modules', '.prooflane-lock-sha256');
const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) {
  console.log(`${here}: node_modules is up to date with package-lock.json`);
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  } catch (e) {
    if (e.code === 'ENOENT') {
      missing('npm is not on the PATH');
    }
    fail(
      `npm ci in ${here} failed (${e.status != null ? 'exit ' + e.status : e.message}; its` +
        ` output is above). The npm registry must be reachable (or npm's registry set to a` +
        ` mirror: npm config set registry URL).`,
    );
  }
  writeFileSync(stamp, want + '\n');
}
