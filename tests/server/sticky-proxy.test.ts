/**
 * The sticky proxy of `npm run cluster`: a new client gets the next process in turn and a cookie
 * naming it; requests with the cookie stay with that process; when it is down the request goes to
 * one that answers; WebSocket upgrades are forwarded too. Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy } from '../../tools/lib/sticky-proxy';

const servers: Server[] = [];
const closers: (() => Promise<void>)[] = [];

function backend(name: string): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(name);
  });
  server.on('upgrade', (req, socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.end(`hello from ${name} ${req.url}`);
  });
  servers.push(server);
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r({ port: (server.address() as { port: number }).port, server })),
  );
}

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('sticky proxy', () => {
  it('spreads new clients, keeps a client on its process by cookie, and fails over', async () => {
    const a = await backend('A');
    const b = await backend('B');
    const proxy = await startProxy({ port: 0, targets: [a.port, b.port] });
    closers.push(proxy.close);
    const url = `http://127.0.0.1:${proxy.port}/socket.io/?EIO=4&transport=polling`;
    const first = await fetch(url);
    const second = await fetch(url);
    const names = [await first.text(), await second.text()];
    expect(names.sort()).toEqual(['A', 'B']);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/cc_node=\d/);
    const pinned = cookie.split(';')[0]!;
    const firstName = (await (await fetch(url, { headers: { cookie: pinned } })).text()) as 'A' | 'B';
    for (let i = 0; i < 5; i++) {
      expect(await (await fetch(url, { headers: { cookie: pinned } })).text()).toBe(firstName);
    }
    // Its process goes down: the next request reaches the other one.
    const down = firstName === 'A' ? a : b;
    await new Promise((r) => down.server.close(r));
    servers.splice(servers.indexOf(down.server), 1);
    down.server.closeAllConnections();
    const after = await fetch(url, { headers: { cookie: pinned, connection: 'close' } });
    expect(await after.text()).toBe(firstName === 'A' ? 'B' : 'A');
  });

  it('forwards WebSocket upgrades to the pinned process', async () => {
    const a = await backend('A');
    const b = await backend('B');
    const proxy = await startProxy({ port: 0, targets: [a.port, b.port] });
    closers.push(proxy.close);
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect(proxy.port, '127.0.0.1', () => {
        s.write(
          'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nCookie: cc_node=1\r\n\r\n',
        );
      });
      let text = '';
      s.on('data', (d) => {
        text += d.toString();
      });
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
    expect(reply).toContain('101 Switching Protocols');
    expect(reply).toContain('hello from B /socket.io/?EIO=4&transport=websocket');
  });
});
