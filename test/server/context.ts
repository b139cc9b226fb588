import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, bindingErr } from './errors';
import type { State } from './state';
import type { UserRecord } from './types';

export type Query = Record<string, string | string[]>;

export interface ServerStats {
	signIns: number;
	twoFactorSignIns: number;
	refreshes: number;
	signOuts: number;
	requests: number;
}

/** A success-shaped envelope with another code (e.g. 203 for 2FA, §1.11): `{code, data?, msg}`. */
export class Reply {
	constructor(
		readonly code: number,
		readonly data?: unknown,
		readonly msg = '',
	) {}
}

/** Per-request context handed to route handlers. */
export interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	/** Full request path, percent-decoded ('/api/v4/file/info'). */
	path: string;
	params: Record<string, string>;
	query: Query;
	/** Raw query string without '?' (exact bytes as sent). */
	rawQuery: string;
	state: State;
	stats: ServerStats;
	/** The caller; null = anonymous (§1.5). */
	user: UserRecord | null;
	/** UUID used in error envelopes: X-Cr-Correlation-Id if it is a UUID, else random (§1.2). */
	correlationId: string;
	/** First value of a query parameter. */
	q(name: string): string | undefined;
	/** Query bool as Go's strconv.ParseBool (1/t/T/TRUE/true/True…); invalid → 40001, absent → false. */
	qBool(name: string): boolean;
	/** Query integer; invalid → 40001 "Parameter error", absent → undefined. */
	qInt(name: string): number | undefined;
	/** Reads and parses the JSON body once (cached); syntax errors → 40001 "Parameter error". */
	json(): Promise<unknown>;
	/** Reads the whole body (limit in bytes, default 32 MiB). Use `state.blobs.writeStream(ctx.req)` for big bodies. */
	body(limit?: number): Promise<Buffer>;
	/** Writes a non-envelope response. */
	respond(status: number, headers: Record<string, string | number>, body?: Buffer | string): void;
	/** True once the handler wrote the response itself. */
	handled: boolean;
	/** Application code of the answer (set by the dispatcher; handlers writing raw answers may set it). */
	code?: number;
}

export function parseQuery(raw: string): Query {
	const out: Query = {};
	for (const [k, v] of new URLSearchParams(raw)) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

export function firstOf(v: string | string[] | undefined): string | undefined {
	return Array.isArray(v) ? v[0] : v;
}

export function readBody(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > limit) {
				reject(new AppError(40049, 'File too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function makeCtx(init: {
	req: IncomingMessage;
	res: ServerResponse;
	path: string;
	rawQuery: string;
	params: Record<string, string>;
	state: State;
	stats: ServerStats;
	correlationId: string;
}): Ctx {
	let bodyPromise: Promise<Buffer> | undefined;
	let jsonPromise: Promise<unknown> | undefined;
	const query = parseQuery(init.rawQuery);
	const ctx: Ctx = {
		req: init.req,
		res: init.res,
		method: (init.req.method ?? 'GET').toUpperCase(),
		path: init.path,
		params: init.params,
		query,
		rawQuery: init.rawQuery,
		state: init.state,
		stats: init.stats,
		user: null,
		correlationId: init.correlationId,
		handled: false,
		q: (name) => firstOf(query[name]),
		qBool: (name) => {
			const v = firstOf(query[name]);
			if (v === undefined || v === '') return false;
			if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
			if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
			throw bindingErr('Parameter error');
		},
		qInt: (name) => {
			const v = firstOf(query[name]);
			if (v === undefined || v === '') return undefined;
			if (!/^[+-]?\d+$/.test(v)) throw bindingErr('Parameter error');
			return Number(v);
		},
		body: (limit) => (bodyPromise ??= readBody(init.req, limit)),
		json: () =>
			(jsonPromise ??= ctx.body().then((buf) => {
				try {
					return JSON.parse(buf.toString('utf8'));
				} catch {
					throw bindingErr('Parameter error');
				}
			})),
		respond: (status, headers, body) => {
			ctx.handled = true;
			init.res.writeHead(status, headers);
			init.res.end(body);
		},
	};
	return ctx;
}

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}
