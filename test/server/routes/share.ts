import { requireLogin } from '../auth';
import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import { navigators, type Located } from '../fsnav';
import { decodeId, IdType } from '../hashid';
import { requirePageSize, cursorPage } from '../paging';
import type { Router } from '../router';
import { CAPABILITY, fileJson } from '../serialize';
import {
	countShareDownload,
	groupAllows,
	insertShare,
	isExpired,
	PERM,
	randomSharePassword,
	sharedFile,
	shareHash,
	shareJson,
	shareTable,
	shareUrl,
	type ShareRecord,
} from '../shares';
import type { State } from '../state';
import type { FileRecord, UserRecord } from '../types';
import { type CloudreveUri, formatUri, parseUri } from '../uri';
import { bind } from '../validate';
import { listers, listResponse } from './file';
import { shareDownloadHooks } from './file-ops';

// §2.7 Share: create/edit/info/list/delete/batch delete, the `share` file system (listing through
// cloudreve://<id>[:<password>]@share, download counting) and the /s/:id[/:password] short links (§1.1).

interface ShareBody {
	uri: string;
	is_private?: boolean;
	password?: string;
	downloads?: number;
	expire?: number;
	share_view?: boolean;
	show_readme?: boolean;
}

const SHARE_SCHEMA = {
	uri: { type: 'string', required: true },
	is_private: { type: 'bool' },
	password: { type: 'string', max: 32, check: (v: unknown) => (/^[A-Za-z0-9]*$/.test(String(v)) ? undefined : 'alphanum') },
	downloads: { type: 'int' },
	expire: { type: 'int' },
	share_view: { type: 'bool' },
	show_readme: { type: 'bool' },
} as const;

function shareParam(ctx: Ctx, notFound = 'Share not found'): ShareRecord {
	const id = decodeId(ctx.params.id, IdType.Share);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const share = shareTable(ctx.state).byId.get(id);
	if (!share) throw new AppError(Code.NotFound, notFound);
	return share;
}

/** The item a create/edit body points at: must exist in the caller's own drive and not be the root. */
function sourceOf(ctx: Ctx, user: UserRecord, raw: string): FileRecord {
	const uri = parseUri(raw);
	const cause = (code: number, msg: string) => new AppError(Code.NotFound, 'src file not found', { cause: new AppError(code, msg) });
	if (uri.fs !== 'my') throw cause(Code.NoPermission, 'Not supported action');
	if (uri.id !== undefined && decodeId(uri.id, IdType.User) !== user.id) throw new AppError(Code.NoPermission, 'permission denied');
	const file = ctx.state.resolve(user.myRootId, uri.segments);
	if (!file) throw cause(Code.ParentNotExist, 'Path not exist');
	if (file.parentId === null) throw cause(Code.NoPermission, 'Not supported action');
	if (file.metadata['sys:shared_redirect']) throw new AppError(Code.NoPermission, 'cannot share symbolic file');
	return file;
}

function limits(share: ShareRecord, body: ShareBody): void {
	share.remainDownloads = body.downloads && body.downloads > 0 ? body.downloads : -1;
	share.expiresAt = body.expire && body.expire > 0 ? Date.now() + body.expire * 1000 : null;
	share.shareView = body.share_view === true;
	share.showReadme = body.show_readme === true;
}

async function create(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<ShareBody>(await ctx.json(), SHARE_SCHEMA as never);
	if (!groupAllows(ctx.state, user, PERM.share)) throw new AppError(Code.GroupNotAllowed, 'Group not allowed to share files');
	const file = sourceOf(ctx, user, body.uri);
	const share = insertShare(ctx.state, {
		ownerId: user.id,
		fileId: file.id,
		password: body.is_private ? body.password || randomSharePassword() : '',
		remainDownloads: -1,
		expiresAt: null,
		shareView: false,
		showReadme: false,
	});
	limits(share, body);
	return shareUrl(ctx.state, share, true);
}

async function edit(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<ShareBody>(await ctx.json(), SHARE_SCHEMA as never);
	const share = shareParam(ctx, 'share link not found');
	if (share.ownerId !== user.id) throw new AppError(Code.NotFound, 'share link not found');
	const file = sourceOf(ctx, user, body.uri);
	if (file.id !== share.fileId) throw new AppError(Code.NotFound, 'share link not found');
	// Password and privacy stay as they are (§2.7, §8.8).
	limits(share, body);
	return shareUrl(ctx.state, share, true);
}

function info(ctx: Ctx) {
	const share = shareParam(ctx);
	const { state } = ctx;
	if (isExpired(state, share)) throw new AppError(Code.NotFound, 'Share link expired');
	const isOwner = !!ctx.user && ctx.user.id === share.ownerId;
	const unlocked = !share.password || isOwner || ctx.q('password') === share.password;
	if (ctx.q('count_views') === 'true') share.visited++;
	return shareJson(state, share, ctx.user, { unlocked, ownerExtended: isOwner && ctx.q('owner_extended') === 'true' });
}

const ORDER_KEYS: Record<string, (s: ShareRecord) => number> = {
	views: (s) => s.visited,
	downloads: (s) => s.downloaded,
	remain_downloads: (s) => s.remainDownloads,
};

/** Sorts shares like Cloudreve: by the named key (unknown → id), then id. */
export function sortShares(ctx: Ctx, shares: ShareRecord[]): ShareRecord[] {
	const key = ORDER_KEYS[ctx.q('order_by') ?? ''] ?? ((s: ShareRecord) => s.id);
	const desc = ctx.q('order_direction') === 'desc';
	return [...shares].sort((a, b) => {
		const c = key(a) - key(b) || a.id - b.id;
		return desc ? -c : c;
	});
}

function listMine(ctx: Ctx) {
	const user = requireLogin(ctx);
	const pageSize = requirePageSize(ctx);
	const mine = [...shareTable(ctx.state).byId.values()].filter((s) => s.ownerId === user.id);
	const { items, pagination } = cursorPage(ctx, sortShares(ctx, mine), pageSize);
	return { shares: items.map((s) => shareJson(ctx.state, s, user, { unlocked: true })), pagination };
}

function deleteOne(ctx: Ctx) {
	const user = requireLogin(ctx);
	const share = shareParam(ctx, 'share not found');
	if (share.ownerId !== user.id && !ctx.state.isAdmin(user)) throw new AppError(Code.NotFound, 'share not found');
	shareTable(ctx.state).byId.delete(share.id);
	return undefined;
}

async function deleteBatch(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ ids: string[] }>(await ctx.json(), { ids: { type: 'array', items: 'string', required: true } });
	const table = shareTable(ctx.state);
	const ids: number[] = [];
	for (const hash of body.ids) {
		const id = decodeId(hash, IdType.Share);
		if (id === undefined) {
			// A missing `return` in Cloudreve 4.18 writes the error and then a success envelope (§1.3).
			const error = JSON.stringify({ code: Code.NotSet, msg: 'Failed to parse object ID', correlation_id: ctx.correlationId });
			const text = error + JSON.stringify({ code: 0, msg: '' });
			ctx.code = Code.NotSet;
			ctx.respond(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }, text);
			return undefined;
		}
		ids.push(id);
	}
	for (const id of ids) {
		const share = table.byId.get(id);
		if (share && share.ownerId === user.id) table.byId.delete(id);
	}
	return undefined;
}

// ---- the `share` file system ----

/** Resolves cloudreve://<id>[:<password>]@share/<path>; a wrong or missing password is 40069. */
function navigate(ctx: Ctx, uri: CloudreveUri): Located {
	const { state } = ctx;
	const id = uri.id === undefined ? undefined : decodeId(uri.id, IdType.Share);
	const share = id === undefined ? undefined : shareTable(state).byId.get(id);
	if (!share) throw new AppError(Code.NotFound, 'Share not found');
	if (isExpired(state, share)) throw new AppError(Code.NotFound, 'Share link expired');
	if (!ctx.user && !groupAllows(state, null, PERM.shareDownload)) {
		throw new AppError(40088, 'Anonymous user cannot access share links');
	}
	const isOwner = !!ctx.user && ctx.user.id === share.ownerId;
	if (share.password && !isOwner && uri.password !== share.password) throw new AppError(Code.IncorrectPassword, 'Incorrect password');
	const shared = sharedFile(state, share)!;
	const owner = state.users.get(share.ownerId)!;
	let file: FileRecord | undefined;
	if (shared.type === 1) file = state.resolve(shared.id, uri.segments);
	else if (uri.segments.length === 0) file = shared;
	else if (uri.segments.length === 1 && uri.segments[0] === shared.name) file = shared;
	return { uri, owner, root: shared, file, segments: uri.segments, nav: { share } };
}

function shareOf(loc: Located): ShareRecord {
	return (loc.nav as { share: ShareRecord }).share;
}

/** Path of an item as seen through the share. */
function sharePath(state: State, share: ShareRecord, uri: CloudreveUri, item: FileRecord): string {
	const root = state.files.get(share.fileId)!;
	let segments: string[];
	if (root.type === 0) segments = item.id === root.id ? [root.name] : [];
	else segments = state.pathOf(item).slice(state.pathOf(root).length).split('/').filter(Boolean);
	return formatUri('share', segments, { id: shareHash(share), password: uri.password });
}

function listShare(ctx: Ctx, loc: Located): Record<string, unknown> {
	const { state } = ctx;
	const share = shareOf(loc);
	const root = loc.root;
	let folder = loc.file;
	if (!folder) throw new AppError(Code.ParentNotExist, 'Path not exist');
	let items: FileRecord[];
	if (root.type === 0) {
		items = [root];
		folder = root;
	} else {
		if (folder.type !== 1) throw new AppError(Code.ParentNotExist, 'Path not exist');
		items = state.children(folder.id);
	}
	const opts = (f: FileRecord) => ({ path: sharePath(state, share, loc.uri, f), capability: CAPABILITY.share, owned: false });
	const parentPath = root.type === 0 ? formatUri('share', [], { id: shareHash(share), password: loc.uri.password }) : sharePath(state, share, loc.uri, folder);
	return listResponse(ctx, {
		items,
		parent: { ...fileJson(state, folder, ctx.user, { path: parentPath, capability: CAPABILITY.share, owned: false }) },
		capability: CAPABILITY.share,
		searching: false,
		fs: 'share',
		fileOptions: opts,
		view: share.shareView ? folder.view : undefined,
	});
}

/** POST /file/url calls this for every file it makes a URL for through a share URI. */
function countDownload(ctx: Ctx, loc: Located): void {
	if (loc.uri.fs !== 'share' || !loc.nav) return;
	countShareDownload(ctx.state, shareOf(loc));
}

// ---- /s/:id[/:password] ----

function shortLink(ctx: Ctx) {
	const auth = ctx.params.password ? `${ctx.params.id}:${ctx.params.password}` : ctx.params.id;
	const params = new URLSearchParams(ctx.rawQuery);
	params.delete('path');
	const extra = params.toString();
	const location = `/home?path=${encodeURIComponent(`cloudreve://${auth}@share`)}${extra ? '&' + extra : ''}`;
	ctx.respond(302, { Location: location, 'Content-Length': 0 });
}

export function registerShareRoutes(r: Router): void {
	navigators.share = navigate;
	listers.share = listShare;
	if (!shareDownloadHooks.includes(countDownload)) shareDownloadHooks.push(countDownload);
	r.route('PUT', '/share', create);
	r.route('POST', '/share/:id', edit);
	r.route('GET', '/share/info/:id', info);
	r.route('GET', '/share', listMine);
	r.route('DELETE', '/share/:id', deleteOne);
	r.route('DELETE', '/share', deleteBatch);
	r.raw('GET', '/s/:id', shortLink);
	r.raw('GET', '/s/:id/:password', shortLink);
}
