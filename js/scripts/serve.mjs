// A tiny static server for the demo: serves js/ on 127.0.0.1 (the .wasm as application/wasm,
// so browsers compile it while it streams). `npm run demo` starts it on port 8080, or on $PORT
// (`PORT=9000 npm run demo`; `PORT=0` picks a free one); the browser test imports serve() and
// stops it when done. A port in use is reported and the process exits with status 2.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Starts the server; resolves to `{ url, close }`, rejects when it cannot listen. Port 0 picks a free one. */
export function serve(port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path === '/') {
      res.writeHead(302, { location: '/demo/' }).end();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || file.includes(`${sep}node_modules${sep}`)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: PORT must be a port number (0-65535), not "${process.env.PORT}"`);
    process.exit(2);
  }
  try {
    const { url } = await serve(port);
    console.log(`demo: ${url}/demo/  (Ctrl-C to stop; PORT=<n> npm run demo for another port)`);
  } catch (e) {
    const why = e.code === 'EADDRINUSE'
      ? `port ${port} is already in use; stop what holds it, or choose another: PORT=8081 npm run demo`
      : `cannot listen on 127.0.0.1:${port}: ${e.message}`;
    console.error(`demo: ${why}`);
    process.exit(2);
  }
}
