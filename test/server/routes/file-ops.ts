import { createReadStream, statSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { nowMicros, rfc3339 } from '../clock';
import type { Ctx } from '../context';
import { AppError, bindingErr, Code, type ErrorEnvelope, loginRequired, notSupported, paramErr, pathNotExist } from '../errors';
import { assertOwner, assertValidName, locate, locateExisting, type Located } from '../fsnav';
import { decodeId, encodeId, IdType } from '../hashid';
import type { LockTarget } from '../locks';
import { validateMetadataPatch, type MetadataPatch } from '../metadata';
import type { Router } from '../router';
import { displayName, fileJson } from '../serialize';
import { signPath, verifySign } from '../signed-urls';
import type { State } from '../state';
import { isInTrash, restore as restoreFromTrash, softDelete, RESTORE_URI, EXPECTED_COLLECT_TIME } from '../trash';
import type { EntityRecord, FileRecord, LockApplication, UserRecord } from '../types';
import { pathSegments } from '../uri';
import { bind } from '../validate';
import { listZip, TEXT_ENCODINGS } from '../zip-listing';
import { extendedInfoHooks } from './file';
import { recordActivity } from './pro-files';
import { VIEWERS } from './site';

// §2.6 File mutations and links: rename, move/copy, delete, restore, empty trash, download URLs (+ the signed
// content and zip routes), thumbnails, archive listing, metadata, versions, pins, direct links (+ /f/…), view
// settings, viewer sessions, full-text search. Uploads and PUT /file/content live in routes/upload.ts.

const URL_TTL = 3600;
const ARCHIVE_TTL = 600;
const VIEWER_SESSION_TTL = 36000;
const THUMB_EXTS = ['bmp', 'gif', 'jpeg', 'jpg', 'png', 'webp'];
const FTS_PAGE_SIZE = 5;

interface DirectLinkRecord {
	id: number;
	fileId: number;
	name: string;
	downloaded: number;
	createdAt: number;
}

interface ArchiveSession {
	ownerId: number;
	fileIds: number[];
	expiresAt: number;
}

export interface FileOpsTables {
	archives: Map<string, ArchiveSession>;
	directLinks: Map<number, DirectLinkRecord>;
	linkSeq: number;
	/** Site setting `fts_enabled` (default off, §6.3). */
	ftsEnabled: boolean;
	/** Cached download URLs (§2.6: reused until 600 s before expiry unless `no_cache`). */
	urlCache: Map<string, { url: string; expires: number }>;
	/** Signed-URL downloads served, for tests. */
	downloads: number;
}

/** The route group's tables in `state.ext.fileOps`. */
export function fileOps(state: State): FileOpsTables {
	return ((state.ext.fileOps as FileOpsTables | undefined) ??= {
		archives: new Map(),
		directLinks: new Map(),
		linkSeq: 0,
		ftsEnabled: false,
		urlCache: new Map(),
		downloads: 0,
	});
}

/**
 * Called for every download URL minted for a file reached through a share URI (the share route group counts
 * `remain_downloads` here).
 */
export const shareDownloadHooks: Array<(ctx: Ctx, loc: Located, file: FileRecord) => void> = [];

/**
 * Storage emulators of other policies answer here with the provider's presigned URL for an entity; the first
 * non-undefined answer wins, else the local signed `/file/content/…` URL is used.
 */
export const entityUrlProviders: Array<
	(ctx: Ctx, entity: EntityRecord, name: string, download: boolean) => { url: string; expires: number } | undefined
> = [];

/**
 * Test helper: locks a path of a user's drive as another application would (WebDAV `dav`, an online editor
 * `viewer` with `viewer_id`, an upload `upload`). Returns the lock token.
 */
export function lockPath(
	state: State,
	email: string,
	path: string,
	opts: { application?: LockApplication; depth?: 0 | 'infinity'; ttlMs?: number; token?: string } = {},
): string {
	const user = state.userByEmail(email);
	if (!user) throw new Error(`unknown user ${email}`);
	const file = state.resolve(user.myRootId, pathSegments(path));
	const lock = state.locks.acquire(
		{ ownerId: user.id, path: '/' + pathSegments(path).join('/'), fileType: file?.type ?? 0, depth: opts.depth ?? (file?.type === 1 ? 'infinity' : 0) },
		opts.application ?? { type: 'dav', inner_xml: '<D:owner xmlns:D="DAV:"><D:href>n8n-test</D:href></D:owner>' },
		{ ttlMs: opts.ttlMs, token: opts.token },
	);
	return lock.token;
}

// ---- helpers ----

function requireUser(ctx: Ctx): UserRecord {
	if (!ctx.user) throw loginRequired();
	return ctx.user;
}

function checkBatchSize(ctx: Ctx, uris: string[]): void {
	const max = ctx.state.settings.maxBatchedFile;
	if (uris.length > max) throw new AppError(Code.TooManyUris, `Maximum allowed batch size: ${max}`);
}

function asAppError(e: unknown): AppError {
	if (e instanceof AppError) return e;
	throw e;
}

/** Per-URI failures of a batch → 40081 with `aggregated_error` (§1.2); `data` keeps partial results. */
function throwAggregated(ctx: Ctx, errors: Map<string, AppError>, msg: string, data?: unknown): void {
	if (!errors.size) return;
	const aggregated: Record<string, ErrorEnvelope> = {};
	for (const [uri, err] of errors) aggregated[uri] = err.toEnvelope(ctx.correlationId);
	throw new AppError(Code.BatchNotFullyCompleted, msg, { aggregated, data });
}

/** The lock target of an item of a `my` tree (trash items cannot be locked). */
function lockTarget(state: State, f: FileRecord, depth: 0 | 'infinity' = f.type === 1 ? 'infinity' : 0): LockTarget | undefined {
	if (isInTrash(state, f)) return undefined;
	return { ownerId: f.ownerId, path: state.pathOf(f), fileType: f.type, depth };
}

function checkLocks(ctx: Ctx, targets: Array<LockTarget | undefined>): void {
	const list = targets.filter((t): t is LockTarget => t !== undefined);
	if (list.length) ctx.state.locks.check(ctx.user?.id ?? 0, list);
}

const childPath = (state: State, parent: FileRecord, name: string): string =>
	(state.pathOf(parent) === '/' ? '' : state.pathOf(parent)) + '/' + name;

function extOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function uriOf(state: State, f: FileRecord): string {
	return fileJson(state, f, null).path as string;
}

// ---- rename ----

async function rename(ctx: Ctx) {
	const body = bind<{ uri: string; new_name: string }>(await ctx.json(), {
		uri: { type: 'string', required: true },
		new_name: { type: 'string', required: true, min: 1, max: 255, go: 'NewName' },
	});
	const loc = locateExisting(ctx, body.uri);
	const f = loc.file;
	if (loc.uri.fs !== 'my' || f.parentId === null) throw notSupported();
	assertOwner(ctx, f);
	assertValidName(body.new_name);
	if (body.new_name === f.name) return fileJson(ctx.state, f, ctx.user);
	const parent = ctx.state.files.get(f.parentId)!;
	if (ctx.state.child(parent.id, body.new_name)) throw new AppError(Code.ObjectExist, 'Object existed');
	checkLocks(ctx, [lockTarget(ctx.state, f), { ownerId: f.ownerId, path: childPath(ctx.state, parent, body.new_name), fileType: f.type, depth: 0 }]);
	if (extOf(body.new_name) !== extOf(f.name)) delete f.metadata['thumb:disabled'];
	const from = uriOf(ctx.state, f);
	ctx.state.relink(f, parent.id, body.new_name);
	recordActivity(ctx.state, f, 'file_rename', ctx.user!.id, { from, to: uriOf(ctx.state, f) });
	return fileJson(ctx.state, f, ctx.user);
}

// ---- move / copy ----

function copyTree(state: State, src: FileRecord, parentId: number, name: string, ownerId: number): FileRecord {
	const copy = state.insertFile({ ownerId, type: src.type, name, parentId, metadata: { ...src.metadata } });
	delete copy.metadata[RESTORE_URI];
	delete copy.metadata[EXPECTED_COLLECT_TIME];
	copy.size = src.size;
	copy.primaryEntityId = src.primaryEntityId;
	for (const eid of src.entityIds) {
		const ent = state.entities.get(eid);
		if (!ent) continue;
		ent.fileIds.add(copy.id);
		copy.entityIds.push(eid);
	}
	if (src.type === 1) for (const c of state.children(src.id)) copyTree(state, c, copy.id, c.name, ownerId);
	return copy;
}

function treeSize(state: State, f: FileRecord): number {
	return f.type === 1 ? state.descendants(f.id).reduce((a, d) => a + (d.type === 0 ? d.size : 0), 0) : f.size;
}

async function move(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{ uris: string[]; dst: string; copy?: boolean }>(await ctx.json(), {
		uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' },
		dst: { type: 'string', required: true },
		copy: { type: 'bool' },
	});
	checkBatchSize(ctx, body.uris);
	const dstLoc = locateExisting(ctx, body.dst);
	const dst = dstLoc.file;
	if (dst.type !== 1) throw pathNotExist();
	const dstFs = dstLoc.uri.fs;
	const errors = new Map<string, AppError>();
	const sources: Array<{ uri: string; file: FileRecord; fs: string }> = [];
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			const f = loc.file;
			const fs = loc.uri.fs;
			const allowed = body.copy ? fs === 'my' && dstFs === 'my' : (fs === 'my' && (dstFs === 'my' || dstFs === 'trash')) || (fs === 'trash' && dstFs === 'my');
			if (!allowed || f.parentId === null || (fs === 'trash' && f.parentId !== loc.root.id)) throw notSupported();
			assertOwner(ctx, f);
			if (dstFs === 'my' && (f.id === dst.id || state.isAncestor(f.id, dst))) throw notSupported();
			sources.push({ uri, file: f, fs });
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	checkLocks(ctx, [
		...sources.flatMap((s) => [
			body.copy ? undefined : lockTarget(state, s.file),
			dstFs === 'my' ? { ownerId: dst.ownerId, path: childPath(state, dst, displayName(state, s.file)), fileType: s.file.type, depth: 0 as const } : undefined,
		]),
	]);
	if (body.copy) {
		const group = state.group(ctx.user);
		const need = sources.reduce((a, s) => a + treeSize(state, s.file), 0);
		if (state.usedStorage(ctx.user!.id) + need > group.maxStorage) throw new AppError(Code.InsufficientCapacity, 'Insufficient capacity');
	}
	for (const { uri, file, fs } of sources) {
		try {
			if (dstFs === 'trash') {
				softDelete(state, file);
				recordActivity(state, file, 'delete_file', ctx.user!.id, {});
				continue;
			}
			const name = displayName(state, file);
			const existing = state.child(dst.id, name);
			if (existing && existing.id !== file.id) throw new AppError(Code.ObjectExist, 'Object existed');
			if (body.copy) {
				const copy = copyTree(state, file, dst.id, name, dst.ownerId);
				recordActivity(state, copy, 'file_create', ctx.user!.id, { copied_from: uri });
				continue;
			}
			if (existing) continue;
			const from = uriOf(state, file);
			state.relink(file, dst.id, name);
			if (fs === 'trash') {
				delete file.metadata[RESTORE_URI];
				delete file.metadata[EXPECTED_COLLECT_TIME];
			}
			recordActivity(state, file, 'move_to', ctx.user!.id, { from, to: uriOf(state, file) });
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	throwAggregated(ctx, errors, body.copy ? 'Failed to copy files' : 'Failed to move files');
}

// ---- delete / restore / empty trash ----

function removePermanently(state: State, f: FileRecord, keepBlobs: boolean): void {
	if (keepBlobs) {
		const all = f.type === 1 ? [...state.descendants(f.id), f] : [f];
		for (const item of all) {
			for (const eid of item.entityIds) {
				const ent = state.entities.get(eid);
				// Unlink: the records go, the blobs stay in storage (§2.6 Delete file).
				if (ent && ent.fileIds.size === 1 && ent.fileIds.has(item.id)) ent.blobPath = null;
			}
		}
	}
	state.removeFile(f);
}

async function remove(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{ uris: string[]; skip_soft_delete?: boolean; unlink?: boolean }>(await ctx.json(), {
		uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' },
		skip_soft_delete: { type: 'bool' },
		unlink: { type: 'bool' },
	});
	checkBatchSize(ctx, body.uris);
	const permanent = body.skip_soft_delete === true;
	const unlink = permanent && body.unlink === true;
	if (unlink && !state.group(ctx.user).options.advance_delete) throw new AppError(Code.NoPermission, 'advance delete permission is required');
	const errors = new Map<string, AppError>();
	const targets: Array<{ uri: string; file: FileRecord }> = [];
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			const f = loc.file;
			if ((loc.uri.fs !== 'my' && loc.uri.fs !== 'trash') || f.parentId === null) throw notSupported();
			assertOwner(ctx, f);
			if (loc.uri.fs === 'trash' && !permanent) throw notSupported();
			targets.push({ uri, file: f });
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	checkLocks(ctx, targets.map((t) => lockTarget(state, t.file, 'infinity')));
	for (const { uri, file } of targets) {
		try {
			recordActivity(state, file, 'delete_file', ctx.user!.id, { permanent });
			if (permanent) removePermanently(state, file, unlink);
			else softDelete(state, file);
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	throwAggregated(ctx, errors, 'Failed to delete files');
}

async function restore(ctx: Ctx) {
	const body = bind<{ uris: string[] }>(await ctx.json(), { uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' } });
	checkBatchSize(ctx, body.uris);
	const errors = new Map<string, AppError>();
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			if (loc.uri.fs !== 'trash' || loc.file.parentId === null) throw notSupported();
			assertOwner(ctx, loc.file);
			restoreFromTrash(ctx.state, loc.file);
			recordActivity(ctx.state, loc.file, 'restore', ctx.user!.id, {});
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	throwAggregated(ctx, errors, 'Failed to restore files');
}

function emptyTrash(ctx: Ctx) {
	const user = requireUser(ctx);
	for (const item of ctx.state.children(user.trashRootId)) ctx.state.removeFile(item);
}

// ---- force unlock (§2.6, §4) ----

async function forceUnlock(ctx: Ctx) {
	const body = bind<{ tokens: string[] }>(await ctx.json(), { tokens: { type: 'array', items: 'string', required: true, min: 1, max: 16384 } });
	for (const token of body.tokens) {
		if (!ctx.state.locks.release(token)) throw paramErr('failed to unlock file');
	}
}

// ---- download URLs and the signed routes ----

function contentUrl(ctx: Ctx, entityId: number, name: string, download: boolean, noCache = false): { url: string; expires: number } {
	const entity = ctx.state.entities.get(entityId);
	if (entity) {
		for (const provider of entityUrlProviders) {
			const provided = provider(ctx, entity, name, download);
			if (provided) return provided;
		}
	}
	const tables = fileOps(ctx.state);
	const key = `${entityId}|${name}|${download}`;
	const cached = tables.urlCache.get(key);
	if (!noCache && cached && cached.expires - 600 > Date.now() / 1000) return cached;
	const path = `/api/v4/file/content/${encodeId(entityId, IdType.Entity)}/0/${name}`;
	const { sign, expires } = signPath(ctx.state, path, URL_TTL);
	const encodedPath = `/api/v4/file/content/${encodeId(entityId, IdType.Entity)}/0/${encodeURIComponent(name)}`;
	const url = `${ctx.state.siteUrl}${encodedPath}?${download ? 'download=true&' : ''}sign=${encodeURIComponent(sign)}`;
	const out = { url, expires };
	tables.urlCache.set(key, out);
	return out;
}

function entityFor(ctx: Ctx, f: FileRecord, version?: string): EntityRecord | undefined {
	if (version === undefined || version === '') return f.primaryEntityId === null ? undefined : ctx.state.entities.get(f.primaryEntityId);
	const id = decodeId(version, IdType.Entity);
	const ent = id === undefined ? undefined : ctx.state.entities.get(id);
	if (!ent || !f.entityIds.includes(ent.id) || ent.type !== 0 || ent.uploadSessionId) throw new AppError(Code.EntityNotExist, 'Entity not exist');
	return ent;
}

async function downloadUrl(ctx: Ctx) {
	const { state } = ctx;
	const body = bind<{
		uris: string[];
		download?: boolean;
		redirect?: boolean;
		entity?: string;
		use_primary_site_url?: boolean;
		skip_error?: boolean;
		archive?: boolean;
		no_cache?: boolean;
	}>(await ctx.json(), {
		uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' },
		download: { type: 'bool' },
		redirect: { type: 'bool' },
		entity: { type: 'string' },
		use_primary_site_url: { type: 'bool' },
		skip_error: { type: 'bool' },
		archive: { type: 'bool' },
		no_cache: { type: 'bool' },
	});
	checkBatchSize(ctx, body.uris);
	if (body.archive) {
		if (!state.group(ctx.user).options.archive_download) throw new AppError(Code.GroupNotAllowed, 'Group not allowed to download archive');
		const fileIds = body.uris.map((u) => locateExisting(ctx, u).file.id);
		const id = randomUUID();
		const expiresAt = Math.floor(Date.now() / 1000) + ARCHIVE_TTL;
		fileOps(state).archives.set(id, { ownerId: ctx.user?.id ?? 0, fileIds, expiresAt: expiresAt * 1000 });
		const path = `/api/v4/file/archive/${id}/archive.zip`;
		const { sign } = signPath(state, path, ARCHIVE_TTL);
		return { urls: [{ url: `${state.siteUrl}${path}?sign=${encodeURIComponent(sign)}` }], expires: rfc3339(expiresAt * 1e6) };
	}
	const errors = new Map<string, AppError>();
	const urls: Array<Record<string, unknown>> = [];
	let earliest = Infinity;
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			const f = loc.file;
			if (f.type !== 0) throw new AppError(Code.EntityNotExist, 'Entity not exist');
			const ent = entityFor(ctx, f, body.uris.length === 1 ? body.entity : undefined);
			const name = displayName(state, f);
			const { url, expires } = contentUrl(ctx, ent?.id ?? 0, name, body.download === true, body.no_cache === true);
			earliest = Math.min(earliest, expires);
			if (loc.uri.fs === 'share') for (const hook of shareDownloadHooks) hook(ctx, loc, f);
			urls.push({ url });
		} catch (e) {
			const err = asAppError(e);
			if (!body.skip_error) errors.set(uri, err);
			urls.push({});
		}
	}
	throwAggregated(ctx, errors, 'Failed to get entity URL');
	if (body.redirect && body.uris.length === 1 && urls[0].url) {
		ctx.respond(302, { Location: String(urls[0].url), 'Content-Length': 0 });
		return;
	}
	if (!Number.isFinite(earliest)) earliest = Math.floor(Date.now() / 1000) + URL_TTL;
	return { urls, expires: rfc3339(earliest * 1e6) };
}

const MIME: Record<string, string> = {
	txt: 'text/plain; charset=utf-8', md: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json',
	pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
	zip: 'application/zip', mp4: 'video/mp4', mp3: 'audio/mpeg', html: 'text/html; charset=utf-8',
};

function contentDisposition(name: string, download: boolean): string {
	const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `${download ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** GET/HEAD /file/content/:entityId/:speed/:name?sign=… — signed local-storage download with Range support. */
function serveContent(ctx: Ctx) {
	verifySign(ctx.state, ctx.path, ctx.q('sign'));
	const entityId = decodeId(ctx.params.entityId, IdType.Entity);
	if (entityId === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const ent = entityId === 0 ? undefined : ctx.state.entities.get(entityId);
	if (entityId !== 0 && !ent) throw new AppError(Code.EntityNotExist, 'Entity not exist');
	const blob = ent?.blobPath ?? null;
	const size = blob ? statSync(blob).size : 0;
	const name = ctx.params.name;
	const headers: Record<string, string | number> = {
		'Content-Type': MIME[extOf(name)] ?? 'application/octet-stream',
		'Accept-Ranges': 'bytes',
		'Content-Disposition': contentDisposition(name, ctx.q('download') === 'true'),
		ETag: `"${ctx.params.entityId}"`,
		'Access-Control-Allow-Origin': '*',
		'Access-Control-Expose-Headers': 'Content-Range, Content-Disposition, ETag, Content-Length',
	};
	let start = 0;
	let end = size - 1;
	let status = 200;
	const range = ctx.req.headers.range;
	if (range) {
		const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
		let ok = !!m && (m[1] !== '' || m[2] !== '');
		if (m && ok) {
			if (m[1] === '') {
				start = Math.max(0, size - Number(m[2]));
			} else {
				start = Number(m[1]);
				if (m[2] !== '') end = Math.min(end, Number(m[2]));
			}
			ok = start <= end && start < size;
		}
		if (!ok) {
			ctx.respond(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
			return;
		}
		status = 206;
		headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
	}
	const length = size === 0 ? 0 : end - start + 1;
	headers['Content-Length'] = length;
	fileOps(ctx.state).downloads++;
	ctx.handled = true;
	ctx.res.writeHead(status, headers);
	if (ctx.method === 'HEAD' || length === 0 || !blob) {
		ctx.res.end();
		return;
	}
	createReadStream(blob, { start, end }).pipe(ctx.res);
}

function addToZip(state: State, out: Zippable, f: FileRecord, prefix: string): void {
	const name = prefix + displayName(state, f);
	if (f.type === 0) {
		out[name] = new Uint8Array(state.readContent(f));
		return;
	}
	const children = state.children(f.id);
	if (!children.length) out[name + '/'] = new Uint8Array(0);
	for (const c of children) addToZip(state, out, c, name + '/');
}

/** GET /file/archive/:sessionID/archive.zip?sign=… — the zip behind `archive: true`, built when fetched. */
function serveArchive(ctx: Ctx) {
	verifySign(ctx.state, ctx.path, ctx.q('sign'));
	const session = fileOps(ctx.state).archives.get(ctx.params.sessionID);
	if (!session || session.expiresAt < Date.now()) throw new AppError(Code.NotFound, 'Archive session not exist');
	const entries: Zippable = {};
	for (const id of session.fileIds) {
		const f = ctx.state.files.get(id);
		if (f) addToZip(ctx.state, entries, f, '');
	}
	const zip = Buffer.from(zipSync(entries, { level: 1 }));
	fileOps(ctx.state).downloads++;
	ctx.respond(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length, 'Content-Disposition': contentDisposition('archive.zip', true) }, zip);
}

// ---- thumbnails and archive listing ----

function thumb(ctx: Ctx) {
	const loc = locateExisting(ctx, ctx.q('uri'));
	const f = loc.file;
	if (f.type !== 0 || !THUMB_EXTS.includes(extOf(f.name)) || f.metadata['thumb:disabled'] !== undefined || f.primaryEntityId === null || f.size === 0) {
		throw new AppError(Code.EntityNotExist, 'Entity not exist');
	}
	const { url, expires } = contentUrl(ctx, f.primaryEntityId, `thumb-${displayName(ctx.state, f)}`, false);
	return { url, expires: rfc3339(expires * 1e6) };
}

function archiveList(ctx: Ctx) {
	if (!ctx.state.group(ctx.user).options.archive_task) throw new AppError(Code.GroupNotAllowed, 'Group not allowed');
	const loc = locateExisting(ctx, ctx.q('uri'));
	const f = loc.file;
	const encoding = ctx.q('text_encoding');
	if (encoding && !TEXT_ENCODINGS[encoding]) throw notSupported();
	if (f.type !== 0) throw notSupported();
	const ext = extOf(displayName(ctx.state, f));
	// 7z is a valid format for Cloudreve; this test server cannot parse it and answers like an unknown format.
	if (ext !== 'zip') throw notSupported();
	const ent = entityFor(ctx, f, ctx.q('entity'));
	const content = ent?.blobPath ? ctx.state.blobs.read(ent.blobPath) : Buffer.alloc(0);
	const files = listZip(content, encoding);
	if (!files) throw notSupported();
	return { files };
}

// ---- metadata ----

const BUMPS_UPDATED = (key: string): boolean =>
	key.startsWith('sys:') || key.startsWith('tag:') || key.startsWith('props:') || key === 'customize:icon_color' || key === 'customize:emoji';

async function patchMetadata(ctx: Ctx) {
	const body = bind<{ uris: string[]; patches: MetadataPatch[] }>(await ctx.json(), {
		uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' },
		patches: { type: 'array', items: 'object', required: true, min: 1 },
	});
	checkBatchSize(ctx, body.uris);
	for (const p of body.patches) {
		const patch = bind<MetadataPatch & { private?: boolean }>(p, {
			key: { type: 'string', required: true },
			value: { type: 'string' },
			remove: { type: 'bool' },
			private: { type: 'bool' },
		});
		if ((patch as { private?: boolean }).private) throw bindingErr('Parameter error');
		validateMetadataPatch(patch);
	}
	const errors = new Map<string, AppError>();
	const targets: Array<{ uri: string; file: FileRecord }> = [];
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			if (loc.uri.fs !== 'my' || loc.file.parentId === null) throw notSupported();
			assertOwner(ctx, loc.file);
			targets.push({ uri, file: loc.file });
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	checkLocks(ctx, targets.map((t) => lockTarget(ctx.state, t.file, 0)));
	for (const { file } of targets) {
		let bump = false;
		for (const p of body.patches) {
			if (p.remove) delete file.metadata[p.key];
			else file.metadata[p.key] = p.value ?? '';
			if (BUMPS_UPDATED(p.key)) bump = true;
		}
		if (bump) file.updatedAt = nowMicros();
	}
	throwAggregated(ctx, errors, 'Failed to update metadata');
}

// ---- versions ----

async function versionTarget(ctx: Ctx): Promise<{ file: FileRecord; entity: EntityRecord }> {
	const body = bind<{ uri: string; version: string }>(await ctx.json(), {
		uri: { type: 'string', required: true },
		version: { type: 'string', required: true },
	});
	const loc = locateExisting(ctx, body.uri);
	const f = loc.file;
	if (loc.uri.fs !== 'my' || f.type !== 0) throw notSupported();
	assertOwner(ctx, f);
	const entity = entityFor(ctx, f, body.version)!;
	checkLocks(ctx, [lockTarget(ctx.state, f, 0)]);
	return { file: f, entity };
}

async function setCurrentVersion(ctx: Ctx) {
	const { file, entity } = await versionTarget(ctx);
	file.primaryEntityId = entity.id;
	file.size = entity.size;
	file.updatedAt = nowMicros();
}

async function deleteVersion(ctx: Ctx) {
	const { file, entity } = await versionTarget(ctx);
	if (file.primaryEntityId === entity.id) throw notSupported();
	file.entityIds = file.entityIds.filter((e) => e !== entity.id);
	ctx.state.unrefEntity(entity.id, file.id);
}

// ---- pins ----

async function pin(ctx: Ctx) {
	const user = requireUser(ctx);
	const body = bind<{ uri: string; name?: string }>(await ctx.json(), { uri: { type: 'string', required: true }, name: { type: 'string' } });
	locate(ctx, body.uri);
	const existing = user.pined.find((p) => p.uri === body.uri);
	if (existing) {
		if ((existing.name ?? '') !== (body.name ?? '')) throw new AppError(Code.ObjectExist, 'Object existed');
		return;
	}
	user.pined.push(body.name ? { uri: body.uri, name: body.name } : { uri: body.uri });
}

async function unpin(ctx: Ctx) {
	const user = requireUser(ctx);
	const body = bind<{ uri: string }>(await ctx.json(), { uri: { type: 'string', required: true } });
	user.pined = user.pined.filter((p) => p.uri !== body.uri);
}

// ---- direct links ----

function directLinkUrl(state: State, link: DirectLinkRecord): string {
	return `${state.siteUrl}/f/${encodeId(link.id, IdType.SourceLink)}/${encodeURIComponent(link.name)}`;
}

async function createDirectLinks(ctx: Ctx) {
	const { state } = ctx;
	const user = requireUser(ctx);
	const body = bind<{ uris: string[] }>(await ctx.json(), { uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' } });
	const batch = Number(state.group(user).options.source_batch ?? 0);
	if (batch === 0) throw new AppError(Code.GroupNotAllowed, 'Group not allowed');
	if (body.uris.length > batch) throw new AppError(Code.BatchSourceSize, 'Exceeded maximum batch size');
	const tables = fileOps(state);
	const errors = new Map<string, AppError>();
	const data: Array<{ link: string; file_url: string }> = [];
	for (const uri of body.uris) {
		try {
			const loc = locateExisting(ctx, uri);
			const f = loc.file;
			if (f.type !== 0) throw new AppError(Code.EntityNotExist, 'Entity not exist');
			assertOwner(ctx, f);
			const name = displayName(state, f);
			let link = [...tables.directLinks.values()].find((l) => l.fileId === f.id && l.name === name);
			if (!link) {
				link = { id: ++tables.linkSeq, fileId: f.id, name, downloaded: 0, createdAt: nowMicros() };
				tables.directLinks.set(link.id, link);
			}
			data.push({ link: directLinkUrl(state, link), file_url: uriOf(state, f) });
		} catch (e) {
			errors.set(uri, asAppError(e));
		}
	}
	throwAggregated(ctx, errors, 'Failed to get source link', data);
	return data;
}

function deleteDirectLink(ctx: Ctx) {
	const user = requireUser(ctx);
	const id = decodeId(ctx.params.id, IdType.SourceLink);
	if (id === undefined) throw paramErr('Failed to parse object ID');
	const tables = fileOps(ctx.state);
	const link = tables.directLinks.get(id);
	const file = link && ctx.state.files.get(link.fileId);
	if (!link || !file || file.ownerId !== user.id) throw new AppError(Code.NotFound, 'Direct link not found');
	tables.directLinks.delete(id);
}

/** GET /f/:id/:name and /f/d/:id/:name — 302 to a fresh signed URL; unknown → HTTP 404 with the envelope. */
function followDirectLink(ctx: Ctx, download: boolean) {
	const id = decodeId(ctx.params.id, IdType.SourceLink);
	const link = id === undefined ? undefined : fileOps(ctx.state).directLinks.get(id);
	const file = link && ctx.state.files.get(link.fileId);
	if (!link || !file || isInTrash(ctx.state, file)) {
		const text = JSON.stringify({ code: Code.NotFound, msg: 'Direct link not found', correlation_id: ctx.correlationId });
		ctx.respond(404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Access-Control-Allow-Origin': '*' }, text);
		return;
	}
	link.downloaded++;
	const { url } = contentUrl(ctx, file.primaryEntityId ?? 0, link.name, download, true);
	ctx.respond(302, { Location: url, 'Content-Length': 0, 'Access-Control-Allow-Origin': '*' });
}

// ---- view settings ----

function validateView(view: unknown): Record<string, unknown> {
	const v = bind<Record<string, unknown>>(view, {
		page_size: { type: 'int', required: true, min: 50, go: 'PageSize' },
		order: { type: 'string', max: 255 },
		order_direction: { type: 'string', required: true, oneof: ['asc', 'desc'], go: 'OrderDirection' },
		view: { type: 'string', required: true, oneof: ['list', 'grid', 'gallery'] },
		thumbnail: { type: 'bool' },
		gallery_width: { type: 'int', required: true, min: 50, max: 500, go: 'GalleryWidth' },
		columns: { type: 'array', items: 'object', max: 1000 },
	});
	for (const c of (v.columns as Array<Record<string, unknown>> | undefined) ?? []) {
		const col = bind<Record<string, unknown>>(c, { type: { type: 'int', min: 0 }, width: { type: 'int' }, props: { type: 'object' } });
		if (col.props) bind(col.props, { metadata_key: { type: 'string', max: 255, go: 'MetadataKey' } });
	}
	return v;
}

async function updateView(ctx: Ctx) {
	const body = bind<{ uri: string; view?: unknown }>(await ctx.json(), { uri: { type: 'string', required: true }, view: { type: 'any' } });
	const view = body.view === undefined || body.view === null ? undefined : validateView(body.view);
	const loc = locate(ctx, body.uri);
	if ((loc.uri.fs === 'trash' || loc.uri.fs === 'shared_with_me') && loc.uri.segments.length === 0) {
		if (view) loc.owner.views[loc.uri.fs] = view;
		else delete loc.owner.views[loc.uri.fs];
		return;
	}
	if (loc.uri.fs !== 'my') throw notSupported();
	if (!loc.file) throw pathNotExist();
	if (loc.file.type !== 1) throw notSupported();
	assertOwner(ctx, loc.file);
	loc.file.view = view;
}

// ---- viewer sessions ----

function knownViewer(id: string): boolean {
	return VIEWERS.some((g) => g.viewers.some((v) => v.id === id));
}

async function viewerSession(ctx: Ctx) {
	const body = bind<{ uri: string; viewer_id: string; preferred_action: string; version?: string }>(await ctx.json(), {
		uri: { type: 'string', required: true },
		viewer_id: { type: 'string', required: true, go: 'ViewerID' },
		preferred_action: { type: 'string', required: true, oneof: ['view', 'edit'], go: 'PreferredAction' },
		version: { type: 'string' },
	});
	const loc = locateExisting(ctx, body.uri);
	if (loc.file.type !== 0) throw notSupported();
	if (!knownViewer(body.viewer_id)) throw paramErr('unknown viewer id');
	if (loc.file.size > ctx.state.settings.maxEditSize) throw new AppError(Code.FileTooLarge, 'File too large');
	if (body.version) entityFor(ctx, loc.file, body.version);
	const id = randomUUID();
	return {
		session: {
			id,
			access_token: `${id}.${randomBytes(96).toString('base64url')}`,
			expires: Date.now() + VIEWER_SESSION_TTL * 1000,
		},
	};
}

// ---- full-text search (§6.3) ----

function fullTextSearch(ctx: Ctx) {
	const user = requireUser(ctx);
	if (!fileOps(ctx.state).ftsEnabled) throw new AppError(Code.FeatureNotEnabled, 'Full text search is not enabled');
	const query = ctx.q('query');
	if (!query) throw bindingErr('Query cannot be empty');
	const offset = Math.max(0, Number(ctx.q('offset') ?? 0) || 0);
	const needle = query.toLowerCase();
	const hits: Array<Record<string, unknown>> = [];
	for (const f of ctx.state.descendants(user.myRootId)) {
		if (f.type !== 0 || f.size > 1024 * 1024) continue;
		const text = ctx.state.readContent(f).toString('utf8');
		const at = text.toLowerCase().indexOf(needle);
		if (at < 0) continue;
		hits.push({ file: fileJson(ctx.state, f, user), content: text.slice(Math.max(0, at - 30), at + needle.length + 30) });
	}
	return { hits: hits.slice(offset, offset + FTS_PAGE_SIZE), total: hits.length };
}

let hooksInstalled = false;

export function registerFileOpsRoutes(r: Router): void {
	r.route('POST', '/file/rename', rename);
	r.route('POST', '/file/move', move);
	r.route('DELETE', '/file', remove);
	r.route('POST', '/file/restore', restore);
	r.route('DELETE', '/file/trash', emptyTrash);
	r.route('POST', '/file/url', downloadUrl);
	r.route('DELETE', '/file/lock', forceUnlock);
	r.route('GET', '/file/content/:entityId/:speed/:name', serveContent);
	r.route('HEAD', '/file/content/:entityId/:speed/:name', serveContent);
	r.route('GET', '/file/archive/:sessionID/archive.zip', serveArchive);
	r.route('GET', '/file/thumb', thumb);
	r.route('GET', '/file/archive', archiveList);
	r.route('PATCH', '/file/metadata', patchMetadata);
	r.route('POST', '/file/version/current', setCurrentVersion);
	r.route('DELETE', '/file/version', deleteVersion);
	r.route('PUT', '/file/pin', pin);
	r.route('DELETE', '/file/pin', unpin);
	r.route('PUT', '/file/source', createDirectLinks);
	r.route('DELETE', '/file/source/:id', deleteDirectLink);
	r.raw('GET', '/f/:id/:name', (ctx) => followDirectLink(ctx, false));
	r.raw('GET', '/f/d/:id/:name', (ctx) => followDirectLink(ctx, true));
	r.route('PATCH', '/file/view', updateView);
	r.route('PUT', '/file/viewerSession', viewerSession);
	r.route('GET', '/file/search', fullTextSearch);
	if (hooksInstalled) return;
	hooksInstalled = true;
	extendedInfoHooks.push((ctx, f, info) => {
		if (ctx.user?.id !== f.ownerId) return;
		const links = [...fileOps(ctx.state).directLinks.values()].filter((l) => l.fileId === f.id);
		if (links.length) {
			info.direct_links = links.map((l) => ({
				id: encodeId(l.id, IdType.SourceLink),
				url: directLinkUrl(ctx.state, l),
				downloaded: l.downloaded,
				created_at: rfc3339(l.createdAt),
			}));
		}
	});
}

