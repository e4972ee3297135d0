// A TCP proxy between an app and a server (PostgreSQL) that a spec can cut: every open
// connection is reset and new ones are refused until it is restored, as a network blip or a
// database restart would look to the app. The server itself is never touched: other spec files
// and runs share it.
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** The loopback port the app connects to instead of the server's. */
  port: number;
  /** Connections open through the proxy now. */
  readonly open: number;
  /** Connections reset or refused by cuts so far. */
  readonly severed: number;
  /** Resets every open connection and refuses new ones until restore(). */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let isCut = false;
  let severed = 0;
  const sever = (socket: Socket) => {
    severed += 1;
    // A reset, not a polite close: the app learns it at once, as from a dropped connection.
    socket.resetAndDestroy();
  };
  const server = createServer((client) => {
    if (isCut) {
      client.on('error', () => undefined);
      sever(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.setNoDelay(true);
      socket.on('error', end);
      socket.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    get open() {
      return pairs.size;
    },
    get severed() {
      return severed;
    },
    cut() {
      isCut = true;
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        sever(pair[0]);
        pair[1].destroy();
      }
    },
    restore() {
      isCut = false;
    },
    close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
