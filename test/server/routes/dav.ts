import { randomBytes, randomUUID } from 'node:crypto';
import { requireLogin } from '../auth';
import { rfc3339 } from '../clock';
import { nowMicros } from '../clock';
import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import { decodeId, encodeId, IdType } from '../hashid';
import { cursorPage, requirePageSize } from '../paging';
import type { Router } from '../router';
import { groupAllows, PERM } from '../shares';
import type { State } from '../state';
import type { UserRecord } from '../types';
import { formatUri, isSearch, parseUri, pathSegments } from '../uri';
import { bind } from '../validate';

// §2.10 WebDAV accounts, plus the LOCK/UNLOCK part of /dav (a simulated WebDAV client's locks end up in the
// core lock table with application type "dav", §4). Other WebDAV methods are not implemented (501).

export interface DavAccountRecord {
	id: number;
	ownerId: number;
	name: string;
	uri: string;
	password: string;
	readonly: boolean;
	proxy: boolean;
	disableSysFiles: boolean;
	createdAt: number;
}

interface DavTable {
	seq: number;
	byId: Map<number, DavAccountRecord>;
}

export function davTable(state: State): DavTable {
	let t = state.ext.davAccounts as DavTable | undefined;
	if (!t) state.ext.davAccounts = t = { seq: 0, byId: new Map() };
	return t;
}

function optionsBitset(a: DavAccountRecord): string {
	const byte = (a.readonly ? 1 : 0) | (a.proxy ? 2 : 0) | (a.disableSysFiles ? 4 : 0);
	return byte ? Buffer.from([byte]).toString('base64') : '';
}

function accountJson(a: DavAccountRecord): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: encodeId(a.id, IdType.DavAccount),
		created_at: rfc3339(a.createdAt),
		name: a.name,
		uri: a.uri,
		password: a.password,
	};
	const options = optionsBitset(a);
	if (options) out.options = options;
	return out;
}

interface AccountBody {
	uri: string;
	name: string;
	readonly?: boolean;
	proxy?: boolean;
	disable_sys_files?: boolean;
}

async function readBody(ctx: Ctx): Promise<AccountBody> {
	const body = bind<AccountBody>(await ctx.json(), {
		uri: { type: 'string', required: true },
		name: { type: 'string', required: true, min: 1, max: 255 },
		readonly: { type: 'bool' },
		proxy: { type: 'bool' },
		disable_sys_files: { type: 'bool' },
	});
	let uri;
	try {
		uri = parseUri(body.uri);
	} catch {
		throw new AppError(Code.ParamErr, 'Invalid URI');
	}
	if ((uri.fs !== 'my' && uri.fs !== 'share') || isSearch(uri) || uri.rawSearch) throw new AppError(Code.ParamErr, 'Invalid URI');
	return body;
}

function apply(user: UserRecord, state: State, a: DavAccountRecord, body: AccountBody): void {
	a.name = body.name;
	a.uri = body.uri;
	a.readonly = body.readonly === true;
	a.proxy = body.proxy === true && groupAllows(state, user, PERM.webdavProxy);
	a.disableSysFiles = body.disable_sys_files === true;
}

function list(ctx: Ctx) {
	const user = requireLogin(ctx);
	const pageSize = requirePageSize(ctx);
	const mine = [...davTable(ctx.state).byId.values()].filter((a) => a.ownerId === user.id).sort((a, b) => a.id - b.id);
	const { items, pagination } = cursorPage(ctx, mine, pageSize);
	return { accounts: items.map(accountJson), pagination };
}

async function create(ctx: Ctx) {
	const user = requireLogin(ctx);
	if (!groupAllows(ctx.state, user, PERM.webdav)) throw new AppError(Code.GroupNotAllowed, 'Group not allowed');
	const body = await readBody(ctx);
	const table = davTable(ctx.state);
	const account: DavAccountRecord = {
		id: ++table.seq,
		ownerId: user.id,
		name: '',
		uri: '',
		password: randomBytes(16).toString('hex'),
		readonly: false,
		proxy: false,
		disableSysFiles: false,
		createdAt: nowMicros(),
	};
	apply(user, ctx.state, account, body);
	table.byId.set(account.id, account);
	return accountJson(account);
}

function accountParam(ctx: Ctx, user: UserRecord): DavAccountRecord {
	const id = decodeId(ctx.params.id, IdType.DavAccount);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const account = davTable(ctx.state).byId.get(id);
	if (!account || account.ownerId !== user.id) throw new AppError(Code.NotFound, 'Account not exist');
	return account;
}

async function update(ctx: Ctx) {
	const user = requireLogin(ctx);
	const account = accountParam(ctx, user);
	if (!groupAllows(ctx.state, user, PERM.webdav)) throw new AppError(Code.GroupNotAllowed, 'Group not allowed');
	apply(user, ctx.state, account, await readBody(ctx));
	return accountJson(account);
}

function remove(ctx: Ctx) {
	const user = requireLogin(ctx);
	const account = accountParam(ctx, user);
	davTable(ctx.state).byId.delete(account.id);
	return undefined;
}

// ---- /dav: LOCK and UNLOCK only ----

/** Basic auth: account e-mail + DAV account password (§2.10). */
function davAuth(ctx: Ctx): { user: UserRecord; account: DavAccountRecord } | undefined {
	const header = ctx.req.headers.authorization ?? '';
	if (!header.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const user = ctx.state.userByEmail(decoded.slice(0, colon));
	const password = decoded.slice(colon + 1);
	if (!user) return undefined;
	const account = [...davTable(ctx.state).byId.values()].find((a) => a.ownerId === user.id && a.password === password);
	return account ? { user, account } : undefined;
}

function unauthorized(ctx: Ctx): void {
	ctx.respond(401, { 'WWW-Authenticate': 'Basic realm="cloudreve"', 'Content-Length': 0 });
}

/** Absolute path in the owner's `my` tree of a /dav path below the account root. */
function davTarget(ctx: Ctx, account: DavAccountRecord): string {
	const root = parseUri(account.uri).segments;
	return '/' + [...root, ...pathSegments(ctx.params.path ?? '/')].join('/');
}

const LOCK_TTL_DEFAULT_S = 3600;

function davLock(ctx: Ctx): void {
	const auth = davAuth(ctx);
	if (!auth) return unauthorized(ctx);
	if (!groupAllows(ctx.state, auth.user, PERM.webdav)) return ctx.respond(403, { 'Content-Length': 0 });
	if (auth.account.readonly) return ctx.respond(403, { 'Content-Length': 0 });
	const path = davTarget(ctx, auth.account);
	const file = ctx.state.resolve(auth.user.myRootId, pathSegments(path));
	const timeout = /Second-(\d+)/i.exec(String(ctx.req.headers.timeout ?? ''));
	const ttl = (timeout ? Number(timeout[1]) : LOCK_TTL_DEFAULT_S) * 1000;
	const depth = String(ctx.req.headers.depth ?? 'infinity').toLowerCase() === '0' ? 0 : 'infinity';
	const token = `opaquelocktoken:${randomUUID()}`;
	try {
		ctx.state.locks.acquire(
			{ ownerId: auth.user.id, path, fileType: file?.type ?? 0, depth: file?.type === 1 ? depth : 0 },
			{ type: 'dav', inner_xml: '<D:href>n8n-test-dav-client</D:href>' },
			{ ttlMs: ttl, token },
		);
	} catch (error) {
		if (error instanceof AppError && error.code === Code.LockConflict) return ctx.respond(423, { 'Content-Length': 0 });
		throw error;
	}
	const body = `<?xml version="1.0" encoding="utf-8"?><D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope><D:depth>${depth}</D:depth><D:timeout>Second-${ttl / 1000}</D:timeout><D:locktoken><D:href>${token}</D:href></D:locktoken></D:activelock></D:lockdiscovery></D:prop>`;
	ctx.respond(file ? 200 : 201, { 'Content-Type': 'application/xml; charset=utf-8', 'Lock-Token': `<${token}>`, 'Content-Length': Buffer.byteLength(body) }, body);
}

function davUnlock(ctx: Ctx): void {
	const auth = davAuth(ctx);
	if (!auth) return unauthorized(ctx);
	if (auth.account.readonly) return ctx.respond(403, { 'Content-Length': 0 });
	const token = String(ctx.req.headers['lock-token'] ?? '').replace(/^<|>$/g, '');
	const lock = ctx.state.locks.locks.get(token);
	if (!lock || lock.ownerId !== auth.user.id) return ctx.respond(409, { 'Content-Length': 0 });
	ctx.state.locks.release(token);
	ctx.respond(204, {});
}

function davOther(ctx: Ctx): void {
	if (!davAuth(ctx)) return unauthorized(ctx);
	ctx.respond(501, { 'Content-Type': 'text/plain', 'Content-Length': 43 }, 'test server: only LOCK/UNLOCK are simulated');
}

export function registerDavRoutes(r: Router): void {
	r.route('GET', '/devices/dav', list);
	r.route('PUT', '/devices/dav', create);
	r.route('PATCH', '/devices/dav/:id', update);
	r.route('DELETE', '/devices/dav/:id', remove);
	r.raw('LOCK', '/dav/*path', davLock);
	r.raw('UNLOCK', '/dav/*path', davUnlock);
	for (const method of ['OPTIONS', 'GET', 'HEAD', 'PUT', 'DELETE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE']) r.raw(method, '/dav/*path', davOther);
}

/** `cloudreve://my/<path>` of a DAV account root, for tests. */
export const davRootUri = (path: string): string => formatUri('my', pathSegments(path));
