import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Loopback {
  url: string;
  requests: RecordedRequest[];
  /** Stops listening and destroys every socket still open (a stalled test must not hang). */
  close(): Promise<void>;
}

/**
 * A bare HTTP server on 127.0.0.1 and a free port that records every request and lets `respond`
 * answer it, or not: a handler that never ends the response simulates a hung API.
 */
export async function startLoopback(
  respond: (req: RecordedRequest, res: ServerResponse) => void,
): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(recorded);
    respond(recorded, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}

/** Never answers: the request stays open until the client gives up or the server is closed. */
export function neverAnswer(): void {}
