import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

// A loopback HTTP file server standing in for "the internet" of remote downloads (§2.5). Paths not served
// answer 404; a path can be slow (bytes per interval) to test waiting and cancelling; `status` fakes errors.

export interface ServeOptions {
	/** Content-Type header (default application/octet-stream). */
	contentType?: string;
	/** Send the body in chunks of this many bytes… */
	chunkBytes?: number;
	/** …one chunk every `chunkDelayMs` (default: everything at once). */
	chunkDelayMs?: number;
	/** Answer with this HTTP status instead of the content. */
	status?: number;
	/** Content-Disposition file name. */
	fileName?: string;
}

interface Served {
	content: Buffer;
	opts: ServeOptions;
}

export class RemoteFileServer {
	private server?: Server;
	private starting?: Promise<string>;
	private readonly files = new Map<string, Served>();
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Requests received: path → count. */
	readonly hits = new Map<string, number>();
	/** Base URL once started ('http://127.0.0.1:<port>'). */
	baseUrl = '';
	/** When true, slow paths send the rest at once (used by finishAll). */
	unthrottled = false;

	/** Starts the server if needed and returns its base URL. */
	start(): Promise<string> {
		if (this.starting) return this.starting;
		this.starting = new Promise((resolve, reject) => {
			const server = createServer((req, res) => this.handle(req.url ?? '/', res));
			server.on('connection', (s) => {
				this.sockets.add(s);
				s.on('close', () => this.sockets.delete(s));
			});
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const addr = server.address();
				this.baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
				resolve(this.baseUrl);
			});
			this.server = server;
		});
		return this.starting;
	}

	/** Serves `content` at `path` ('/files/a.bin'); returns its URL. */
	async serve(path: string, content: Buffer | string, opts: ServeOptions = {}): Promise<string> {
		const base = await this.start();
		const p = path.startsWith('/') ? path : `/${path}`;
		this.files.set(p, { content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, opts });
		return `${base}${p.split('/').map(encodeURIComponent).join('/')}`;
	}

	/** A URL that answers 404. */
	async missingUrl(name = 'missing.bin'): Promise<string> {
		return `${await this.start()}/not-served/${encodeURIComponent(name)}`;
	}

	/** Whether a URL points at this server. */
	owns(url: URL): boolean {
		return this.baseUrl !== '' && `${url.protocol}//${url.host}` === this.baseUrl;
	}

	private handle(rawUrl: string, res: ServerResponse): void {
		let path = rawUrl.split('?')[0];
		try {
			path = decodeURIComponent(path);
		} catch {
			/* keep raw */
		}
		this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
		const served = this.files.get(path);
		if (!served) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('404 page not found');
			return;
		}
		const { content, opts } = served;
		if (opts.status && opts.status !== 200) {
			res.writeHead(opts.status, { 'Content-Type': 'text/plain' });
			res.end(`status ${opts.status}`);
			return;
		}
		const headers: Record<string, string | number> = {
			'Content-Type': opts.contentType ?? 'application/octet-stream',
			'Content-Length': content.length,
		};
		if (opts.fileName) headers['Content-Disposition'] = `attachment; filename="${opts.fileName}"`;
		res.writeHead(200, headers);
		if (!opts.chunkBytes || !opts.chunkDelayMs) {
			res.end(content);
			return;
		}
		let offset = 0;
		const chunk = opts.chunkBytes;
		const send = () => {
			if (res.destroyed) return;
			if (this.unthrottled) {
				res.end(content.subarray(offset));
				return;
			}
			const next = Math.min(content.length, offset + chunk);
			res.write(content.subarray(offset, next));
			offset = next;
			if (offset >= content.length) {
				res.end();
				return;
			}
			const t = setTimeout(() => {
				this.timers.delete(t);
				send();
			}, opts.chunkDelayMs);
			this.timers.add(t);
		};
		send();
	}

	async close(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const server = this.server;
		if (!server) return;
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}
}
