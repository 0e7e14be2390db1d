// Installs this folder's npm dependencies (npm ci) unless node_modules already matches
// package-lock.json: the build runs it before the integration tests (exec-maven-plugin), so a fresh
// clone's `mvn verify` works and a second run costs nothing. playwright-core brings no browser (the
// suite drives Debian's chromium). Without a usable Node.js and npm it fails the build with one line
// that says what is missing: these tests are never skipped.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEED = 'Node.js 20 or newer with npm on the PATH (playwright-core needs 20)';

function fail(problem) {
  console.error(`prooflane-ui: cannot install playwright-core for DashboardBrowserIT: ${problem}`);
  process.exit(1);
}

function missing(what) {
  fail(
    `${what}; it needs ${NEED}. Install Node.js (for example apt-get install -y nodejs npm), or` +
      ` skip every integration test with -DskipITs.`,
  );
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  missing(`this is Node.js ${process.versions.node}`);
}
const here = dirname(fileURLToPath(import.meta.url));
const lock = join(here, 'package-lock.json');
const stamp = join(here, 'node_modules', '.prooflane-lock-sha256');
const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) {
  console.log('node_modules is up to date with package-lock.json');
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
