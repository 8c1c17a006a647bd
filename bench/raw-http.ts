/**
 * The load generator's HTTP/1.1 client: kept-alive sockets that write a whole request in one call and read only the
 * status line and the body's length of the answer.
 *
 * The load generator shares the machine's two cores with the server and PostgreSQL, so what it costs is taken from
 * the system it measures. WHATWG fetch cost ~1.5 ms of CPU per submission, node:http 0.24–0.32 ms
 * and this client 0.10–0.12 ms (bench/submit's CPU split, 8 Dec 2026): it skips node:http's request and response
 * objects, header parsing and streams. It speaks only
 * what MotCua's server answers: `content-length` or `transfer-encoding: chunked` bodies, kept-alive connections.
 */
import net from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

/** One kept-alive connection; one request at a time. */
class Connection {
  private readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (err: Error) => void } | null = null;
  closed = false;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.tryAnswer();
    });
    const fail = (err: Error) => {
      this.closed = true;
      this.waiting?.reject(err);
      this.waiting = null;
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  send(request: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  /** Answers the waiting request once its whole response is buffered. */
  private tryAnswer(): void {
    const head = this.buffered.indexOf(HEADER_END);
    if (head < 0 || !this.waiting) return;
    const headers = this.buffered.toString('latin1', 0, head);
    const status = Number(headers.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
    let end: number;
    if (length) {
      end = head + 4 + Number(length[1]);
      if (this.buffered.length < end) return;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) {
      const last = this.buffered.indexOf(CHUNKED_END, head + 4);
      if (last < 0) return;
      end = last + CHUNKED_END.length;
    } else {
      end = head + 4; // no body
    }
    const { resolve } = this.waiting;
    this.waiting = null;
    this.buffered = this.buffered.subarray(end);
    if (/\r\nconnection:\s*close/i.test(headers)) this.closed = true;
    resolve(status);
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/** Kept-alive connections to the servers, reused by whichever client is free. */
export class RawHttpPool {
  private readonly idle = new Map<string, Connection[]>();
  private readonly all: Connection[] = [];

  /** POSTs a JSON body; answers the response's status code. */
  async postJson(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    const key = url.host;
    const free = this.idle.get(key) ?? [];
    this.idle.set(key, free);
    let c = free.pop();
    while (c?.closed) c = free.pop();
    if (!c) {
      c = new Connection(url.hostname, Number(url.port));
      this.all.push(c);
    }
    let head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    const status = await c.send(`${head}\r\n${body}`);
    if (!c.closed) free.push(c);
    return status;
  }

  destroy(): void {
    for (const c of this.all) c.destroy();
  }
}
