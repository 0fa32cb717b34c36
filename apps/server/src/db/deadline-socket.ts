import { connect, type Socket } from 'node:net';
import { DeadlineExceededError } from '../lib/deadline';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S' from the client: ends an extended-protocol query
const QUERY = 0x51; // 'Q': a simple query
const READY_FOR_QUERY = 0x5a; // 'Z' from the server: the answer to one Sync/Query is complete

/**
 * Splits a stream of Postgres messages (one type byte, then an int32 length that counts itself)
 * and reports each message's type. Chunks may cut a message anywhere.
 */
function messageReader(onMessage: (type: number) => void) {
  let header: Buffer = Buffer.alloc(0);
  let skip = 0;
  return (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      const take = chunk.subarray(i, i + 5 - header.length);
      header = header.length === 0 ? take : Buffer.concat([header, take]);
      i += take.length;
      if (header.length < 5) return;
      const type = header[0] ?? 0;
      skip = header.readUInt32BE(1) - 4;
      header = Buffer.alloc(0);
      onMessage(type);
    }
  };
}

export interface DeadlineSocketOptions {
  /** TCP host and port, or a Unix socket path. */
  target: { host: string; port: number } | { path: string };
  /** How long a connection may wait for the server's next byte while it owes an answer. */
  deadlineMs: number;
}

/**
 * A TCP socket for postgres.js that fails the connection when Postgres stops answering.
 * `statement_timeout` is enforced by the server, so a hung server (or a dead network path that
 * still accepts packets) would leave a query waiting forever. This socket counts the answers the
 * server owes — one ReadyForQuery per Sync or simple Query, one for the start-up — and while any
 * is owed, destroys itself if nothing arrives for `deadlineMs`; postgres.js then rejects the
 * queries on it (SERVICE_UNAVAILABLE) and opens a fresh connection for the next ones. An idle
 * connection owes nothing and is never timed out. A connection that upgrades to TLS hides the
 * protocol from us: from then on it has connect_timeout and statement_timeout only.
 */
export type DeadlineSocket = Socket & {
  /** True while the server owes this connection an answer (a query is in flight). */
  readonly busy: boolean;
};

export function deadlineSocket(options: DeadlineSocketOptions): DeadlineSocket {
  const { target } = options;
  const socket = 'path' in target ? connect(target.path) : connect(target.port, target.host);
  let owed = 0;
  let opaque = false;
  let startup: 'first' | 'ssl-answer' | 'after-ssl-no' | 'done' = 'first';
  let startupHeader: Buffer = Buffer.alloc(0);
  let timer: NodeJS.Timeout | undefined;

  const stopTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const restartTimer = () => {
    stopTimer();
    if (owed <= 0 || opaque) return;
    timer = setTimeout(() => {
      socket.destroy(new DeadlineExceededError('database', options.deadlineMs));
    }, options.deadlineMs);
    timer.unref();
  };

  const readSent = messageReader((type) => {
    if (type === SYNC || type === QUERY) owed++;
  });
  const readReceived = messageReader((type) => {
    if (type === READY_FOR_QUERY) owed--;
  });

  /** The first client message has no type byte: SSLRequest, CancelRequest or StartupMessage. */
  const readStartup = (chunk: Buffer): Buffer => {
    startupHeader = Buffer.concat([startupHeader, chunk]);
    if (startupHeader.length < 8) return Buffer.alloc(0);
    const length = startupHeader.readUInt32BE(0);
    const code = startupHeader.readUInt32BE(4);
    if (startupHeader.length < length) return Buffer.alloc(0);
    const rest = startupHeader.subarray(length);
    startupHeader = Buffer.alloc(0);
    if (code === SSL_REQUEST) {
      startup = 'ssl-answer';
      owed++;
    } else if (code === CANCEL_REQUEST) {
      startup = 'done';
      opaque = true; // no answer comes; the server just closes
    } else {
      startup = 'done';
      owed++; // authentication ends with ReadyForQuery
    }
    return rest;
  };

  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!opaque && (Buffer.isBuffer(chunk) || typeof chunk === 'string')) {
      let bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (startup === 'first' || startup === 'after-ssl-no') bytes = readStartup(bytes);
      if (startup === 'done' && bytes.length > 0) readSent(bytes);
      if (timer === undefined) restartTimer();
    }
    return write(chunk, ...rest);
  }) as Socket['write'];

  socket.on('data', (chunk: Buffer) => {
    if (opaque) return;
    let bytes = chunk;
    if (startup === 'ssl-answer') {
      owed--;
      if (bytes[0] === 0x53) {
        opaque = true; // TLS from here on
        stopTimer();
        return;
      }
      startup = 'after-ssl-no';
      bytes = bytes.subarray(1);
    }
    readReceived(bytes);
    restartTimer();
  });
  socket.on('close', stopTimer);
  return Object.defineProperty(socket, 'busy', { get: () => owed > 0 }) as DeadlineSocket;
}
