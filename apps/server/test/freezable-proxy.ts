import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server. `freeze()` makes the connections open now
 * swallow everything from then on while staying open: to the client, the server has stopped
 * answering (a hung Postgres, a dead network path) — without touching the shared server. New
 * connections are forwarded again, as after a failover.
 */
export async function startFreezableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  const connections = new Set<{ frozen: boolean }>();
  const server = createServer((client) => {
    const connection = { frozen: false };
    connections.add(connection);
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d) => {
      if (!connection.frozen) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!connection.frozen) client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    freeze() {
      for (const c of connections) c.frozen = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
