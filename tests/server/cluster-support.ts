/**
 * For the scale-out tests: a private redis-server on a free loopback port (so restarting it
 * disturbs no one else), and a TCP proxy in front of Postgres that the test can stop and start
 * (Postgres "briefly unreachable" without touching the real server).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';

export function haveRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function privateRedis(port: number): Promise<PrivateRedis> {
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--loglevel',
          'warning',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = c;
      let out = '';
      const t = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 20_000);
      const onData = (b: Buffer) => {
        out += b.toString();
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', onData);
      c.once('exit', (code) => {
        clearTimeout(t);
        reject(new Error(`redis-server exited (${code}):\n${out}`));
      });
      // Ready when it accepts a connection and answers PING.
      const poll = () => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => s.write('PING\r\n'));
        s.once('data', (d) => {
          s.destroy();
          if (d.toString().startsWith('+PONG')) {
            clearTimeout(t);
            resolve();
          } else setTimeout(poll, 100);
        });
        s.once('error', () => setTimeout(poll, 100));
      };
      poll();
    });
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

export interface TcpProxy {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Forwards 127.0.0.1:port to target; stop() closes the port and cuts every open connection. */
export async function tcpProxy(port: number, targetHost: string, targetPort: number): Promise<TcpProxy> {
  let server: Server | null = null;
  const open = new Set<Socket>();
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const up = connect(targetPort, targetHost);
        open.add(client);
        open.add(up);
        const drop = () => {
          client.destroy();
          up.destroy();
          open.delete(client);
          open.delete(up);
        };
        client.on('error', drop);
        up.on('error', drop);
        client.on('close', drop);
        up.on('close', drop);
        client.pipe(up);
        up.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      open.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  await start();
  return { port, start, stop };
}
