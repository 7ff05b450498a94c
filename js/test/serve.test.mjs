// The demo server: a port in use is a message and exit status 2, not an unhandled EADDRINUSE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));

test('a port in use: the demo says so and exits 2', async (t) => {
  const holder = createServer();
  await new Promise((done) => holder.listen(0, '127.0.0.1', done));
  t.after(() => holder.close());
  const port = holder.address().port;
  // spawnSync would block the holder's event loop, but a listening socket needs none to refuse.
  const run = spawnSync(process.execPath, [script], { env: { ...process.env, PORT: String(port) }, encoding: 'utf8', timeout: 10000 });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr.trim(), `demo: port ${port} is already in use; stop what holds it, or choose another: PORT=8081 npm run demo`);
});

test('a PORT that is not a port number: exit 2', () => {
  const run = spawnSync(process.execPath, [script], { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', timeout: 10000 });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /PORT must be a port number/);
});
