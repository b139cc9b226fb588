import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { resolveCurrentUser } from './auth';
import { makeCtx, Reply, sendJson, type Query, parseQuery, type ServerStats } from './context';
import { AppError } from './errors';
import { FaultSwitches } from './faults';
import { Router } from './router';
import { registerRoutes } from './routes';
import { seedDemo } from './seed';
import { State, type NewUser } from './state';
import type { ServerSettings, UserRecord } from './types';
import { TestFs } from './testfs';
import { remoteFiles, taskControls, type RemoteFiles, type TaskControls } from './tasks';

export { DEMO } from './seed';
export type { FileRecord, ServerSettings, UserRecord, EntityRecord, LockRecord } from './types';
export { FaultSwitches } from './faults';
export type { State } from './state';

export interface TestServerOptions {
	/** default 0 (random); host always 127.0.0.1 */
	port?: number;
	accessTtlSeconds?: number;
	refreshTtlSeconds?: number;
	/** default false: [Pro] endpoints answer 404 text/plain like a community server */
	pro?: boolean;
	/** ping answer, default '4.18.0' ('-pro' appended when pro) */
	version?: string;
	/** 'v3': /api/v4/* answers the SPA page, /api/v3/site/ping answers 3.8.3; 'not-cloudreve': every path answers "<html>hello</html>" */
	flavor?: 'v4' | 'v3' | 'not-cloudreve';
	/** blob storage folder; default a fresh temp dir removed on close */
	dataDir?: string;
	/** default true: demo accounts with a few folders/files */
	seedDemo?: boolean;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	code?: number;
	status: number;
	authorized: boolean;
	at: number;
}

export interface TestServer {
	/** 'http://127.0.0.1:<port>' (no trailing slash) */
	url: string;
	close(): Promise<void>;
	settings: ServerSettings;
	stats: ServerStats;
	requestLog: RequestLogEntry[];
	resetStats(): void;
	faults: FaultSwitches;
	users: {
		add(u: NewUser): UserRecord;
		get(email: string): UserRecord | undefined;
		/** Like a password change: every refresh token of the user dies (state hash). */
		revokeSessions(email: string): void;
	};
	fs: TestFs;
	/** Answer of a captcha ticket from GET /site/captcha (undefined once used). */
	captchaAnswer(ticket: string): string | undefined;
	/** Secret of the last password-reset mail of a user. */
	lastResetSecret(email: string): string | undefined;
	/** Task engine controls (§2.5): speed, pause, instant finish, forced outcomes, failures (test/server/tasks). */
	tasks: TaskControls;
	/** Loopback HTTP file server remote downloads fetch from. */
	remote: RemoteFiles;
	/** Internals for other route groups' tests. */
	state: State;
	router: Router;
}

const SPA_HTML =
	'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cloudreve</title></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>';

function defaultSettings(opts: TestServerOptions): ServerSettings {
	return {
		accessTtlSeconds: opts.accessTtlSeconds ?? 3600,
		refreshTtlSeconds: opts.refreshTtlSeconds ?? 1209600,
		loginCaptcha: false,
		regCaptcha: false,
		forgetCaptcha: false,
		captchaType: 'normal',
		captchaPassToken: 'captcha-pass',
		registerEnabled: true,
		emailActivation: false,
		authnEnabled: true,
		pro: opts.pro ?? false,
		version: opts.version ?? '4.18.0',
		maxPageSize: 2000,
		useCursorPagination: true,
		maxBatchedFile: 3000,
		maxRecursiveSearchedFolder: 65535,
		exposeUserEmail: true,
		maxEditSize: 50 * 1024 * 1024,
		avatarSize: 4 * 1024 * 1024,
		siteTitle: 'Cloudreve',
	};
}

function decodeSegments(rawPath: string): string[] | undefined {
	try {
		return rawPath.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
	} catch {
		return undefined;
	}
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startServer(opts: TestServerOptions = {}): Promise<TestServer> {
	const settings = defaultSettings(opts);
	const ownDataDir = opts.dataDir === undefined;
	const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cloudreve-test-'));
	const state = new State(settings, dataDir);
	const router = new Router();
	registerRoutes(router);
	const faults = new FaultSwitches();
	const stats: ServerStats = { signIns: 0, twoFactorSignIns: 0, refreshes: 0, signOuts: 0, requests: 0 };
	const requestLog: RequestLogEntry[] = [];
	const flavor = opts.flavor ?? 'v4';
	if (opts.seedDemo !== false) seedDemo(state);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		stats.requests++;
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const qpos = rawUrl.indexOf('?');
		const rawPath = qpos >= 0 ? rawUrl.slice(0, qpos) : rawUrl;
		const rawQuery = qpos >= 0 ? rawUrl.slice(qpos + 1) : '';
		const parts = decodeSegments(rawPath);
		const path = parts ? '/' + parts.join('/') : rawPath;
		const query: Query = parseQuery(rawQuery);
		const entry: RequestLogEntry = { method, path, query, status: 200, authorized: false, at: Date.now() };
		requestLog.push(entry);

		const html = (body: string) => {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
			res.end(body);
		};
		if (flavor === 'not-cloudreve') return html('<html>hello</html>');
		if (flavor === 'v3') {
			if (path === '/api/v3/site/ping' && method === 'GET') return sendJson(res, { code: 0, data: '3.8.3', msg: '' });
			return html(SPA_HTML);
		}

		const line = `${method} ${path}`;
		const delay = faults.delayFor(line);
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));
		const fault = faults.take(line, Object.assign(req, { pathname: path }));
		if (fault?.kind === 'reset') {
			entry.status = 0;
			req.socket.destroy();
			return;
		}
		if (fault) {
			entry.status = fault.status;
			res.writeHead(fault.status, fault.headers);
			res.end(fault.body);
			return;
		}

		const isApi = path === '/api/v4' || path.startsWith('/api/v4/');
		const match = parts && router.match(method, isApi, isApi ? parts.slice(2) : parts, settings.pro);
		if (!match) {
			if (path.startsWith('/api/') || (method !== 'GET' && method !== 'HEAD')) {
				entry.status = 404;
				res.writeHead(404, { 'Content-Type': 'text/plain' });
				res.end('404 page not found');
				return;
			}
			return html(SPA_HTML);
		}
		const header = req.headers['x-cr-correlation-id'];
		const correlationId = typeof header === 'string' && UUID_RE.test(header) ? header : randomUUID();
		const ctx = makeCtx({ req, res, path, rawQuery, params: match.params, state, stats, correlationId });
		const sendEnvelope = (body: Record<string, unknown>) => {
			entry.code = body.code as number;
			sendJson(res, body);
		};
		try {
			if (!match.opts.raw) {
				ctx.user = resolveCurrentUser(state, req.headers.authorization);
				entry.authorized = ctx.user !== null;
			}
			const result = await match.handler(ctx);
			if (ctx.handled || res.headersSent) {
				entry.status = res.statusCode;
				entry.code = ctx.code;
				return;
			}
			if (result instanceof Reply) {
				const body: Record<string, unknown> = { code: result.code };
				if (result.data !== undefined && result.data !== null) body.data = result.data;
				body.msg = result.msg;
				return sendEnvelope(body);
			}
			const body: Record<string, unknown> = { code: 0 };
			if (result !== undefined && result !== null) body.data = result;
			body.msg = '';
			sendEnvelope(body);
		} catch (err) {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (err instanceof AppError) return sendEnvelope(err.toEnvelope(correlationId) as unknown as Record<string, unknown>);
			// An unexpected exception is a bug in the test server: answer like a Go panic (500) and say why.
			entry.status = 500;
			const text = `test server error: ${(err as Error)?.stack ?? String(err)}`;
			res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end(text);
		}
	}

	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
				res.end(String(err));
			}
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const url = `http://127.0.0.1:${port}`;
	state.siteUrl = url;

	let closed = false;
	return {
		url,
		settings,
		stats,
		requestLog,
		faults,
		state,
		router,
		resetStats() {
			stats.signIns = stats.twoFactorSignIns = stats.refreshes = stats.signOuts = stats.requests = 0;
			requestLog.length = 0;
		},
		users: {
			add: (u) => state.addUser(u),
			get: (email) => state.userByEmail(email),
			revokeSessions(email) {
				const u = state.userByEmail(email);
				if (u) u.sessionEpoch++;
			},
		},
		fs: new TestFs(state),
		tasks: taskControls(state),
		remote: remoteFiles(state),
		captchaAnswer: (ticket) => state.captchas.get(ticket),
		lastResetSecret(email) {
			const u = state.userByEmail(email);
			return u ? state.resetSecrets.get(u.id)?.secret : undefined;
		},
		async close() {
			if (closed) return;
			closed = true;
			for (const hook of state.closeHooks) await hook();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
			if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
		},
	};
}
