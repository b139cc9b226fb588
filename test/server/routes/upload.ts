import { requireLogin } from '../auth';
import type { Ctx } from '../context';
import { sendJson } from '../context';
import { AppError, Code, notSupported } from '../errors';
import { assertOwner, assertValidName, locate } from '../fsnav';
import { decodeId, encodeId, IdType } from '../hashid';
import { validateMetadataMap } from '../metadata';
import type { Router } from '../router';
import { fileJson, policyJson } from '../serialize';
import { PathConflictError, type State } from '../state';
import { BlobTooLargeError } from '../blobs';
import { registerStorageRoutes } from '../storage/emulators';
import { applyChunkFault, receiveChunk } from '../storage/receive';
import { prepareProvider, S3_LIKE } from '../storage/providers';
import {
	cancel,
	createBlobFile,
	declaredLength,
	finalise,
	isExpired,
	liveSession,
	newCallbackSecret,
	newSessionId,
	SESSION_TTL_SECONDS,
	tables,
	type UploadSession,
} from '../storage/sessions';
import { safeEqual, verifyProviderCallback } from '../storage/callbacks';
import type { FileRecord, PolicyRecord, UserRecord } from '../types';
import { formatUri } from '../uri';
import { bind } from '../validate';

// §3 Upload: sessions, local/relay chunks, cancellation, callbacks; §2.6 Update file content. The provider
// emulators live in storage/ and are registered from here.

/** 40052 for names the policy refuses (extension allow/deny lists, §3.1). */
function assertPolicyAllowsName(policy: PolicyRecord, name: string): void {
	assertValidName(name);
	const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
	if (policy.allowedSuffix?.length && !policy.allowedSuffix.map((e) => e.toLowerCase()).includes(ext)) {
		throw new AppError(Code.IllegalObjectName, 'File extension is not allowed');
	}
	if (policy.deniedSuffix?.length && policy.deniedSuffix.map((e) => e.toLowerCase()).includes(ext)) {
		throw new AppError(Code.IllegalObjectName, 'File extension is not allowed');
	}
}

function assertQuota(state: State, user: UserRecord, size: number): void {
	if (state.usedStorage(user.id) + size > state.group(user).maxStorage) throw new AppError(Code.InsufficientCapacity, 'Insufficient capacity');
}

/** Parent folders of a new file, created as needed; a file in the way → 403 (§3.1). */
function parentFolder(state: State, user: UserRecord, segments: string[]): FileRecord {
	try {
		return state.mkdirp(user, segments.slice(0, -1));
	} catch (err) {
		if (err instanceof PathConflictError) throw notSupported();
		throw err;
	}
}

/** Removes placeholder entities of earlier sessions that no longer exist or expired (§3.7). */
function dropStalePlaceholders(state: State, file: FileRecord): void {
	const sessions = tables(state).sessions;
	for (const eid of [...file.entityIds]) {
		const ent = state.entities.get(eid);
		if (!ent?.uploadSessionId || eid === file.primaryEntityId) continue;
		const s = sessions.get(ent.uploadSessionId);
		if (!s || isExpired(s)) {
			if (s) cancel(state, s);
			else {
				file.entityIds = file.entityIds.filter((e) => e !== eid);
				state.unrefEntity(eid, file.id);
			}
		}
	}
}

async function createSession(ctx: Ctx) {
	const user = requireLogin(ctx);
	const { state } = ctx;
	const body = bind<{
		uri: string;
		size: number;
		policy_id?: string;
		last_modified?: number;
		mime_type?: string;
		metadata?: Record<string, unknown>;
		entity_type?: string;
		previous?: string;
		encryption_supported?: string[];
	}>(await ctx.json(), {
		uri: { type: 'string', required: true },
		size: { type: 'int', min: 0 },
		policy_id: { type: 'string', go: 'PolicyID' },
		last_modified: { type: 'int' },
		mime_type: { type: 'string' },
		metadata: { type: 'object', check: (m) => (Object.keys(m as object).length > 256 ? 'max' : undefined) },
		entity_type: { type: 'string', oneof: ['', 'version', 'live_photo'] },
		previous: { type: 'string' },
		encryption_supported: { type: 'array', items: 'string' },
	});
	if (body.policy_id && decodeId(body.policy_id, IdType.Policy) === undefined) throw new AppError(Code.ParamErr, 'unknown policy id');
	const loc = locate(ctx, body.uri);
	if (loc.uri.fs !== 'my') throw notSupported();
	const segments = loc.uri.segments;
	if (!segments.length) throw notSupported();
	const size = body.size ?? 0;
	const policy = state.policyOf(loc.owner);
	const name = segments[segments.length - 1];
	assertPolicyAllowsName(policy, name);
	if (policy.maxSize > 0 && size > policy.maxSize) throw new AppError(Code.FileTooLarge, 'File is too large');
	const metadata = body.metadata ? validateMetadataMap(body.metadata) : undefined;
	const entityType = body.entity_type ?? '';

	let file = loc.file;
	if (file && file.type === 1) throw new AppError(Code.ObjectExist, 'Object existed');
	if (file) assertOwner(ctx, file);
	if (file && entityType === '') throw new AppError(Code.ObjectExist, 'Object existed');
	if (!file && entityType === 'live_photo') throw new AppError(Code.ParentNotExist, 'Path not exist');
	if (file && body.previous && encodeId(file.primaryEntityId ?? 0, IdType.Entity) !== body.previous) {
		throw new AppError(Code.StaleVersion, 'File is updated during your edit');
	}
	if (file) dropStalePlaceholders(state, file);
	assertQuota(state, user, size);

	const path = '/' + segments.join('/');
	const id = newSessionId();
	const expiresAt = Date.now() + SESSION_TTL_SECONDS * 1000;
	const lock = state.locks.acquire({ ownerId: loc.owner.id, path, fileType: 0, depth: 0 }, { type: 'upload' }, { ttlMs: SESSION_TTL_SECONDS * 1000, callerId: user.id });
	const newFile = !file;
	if (!file) file = state.insertFile({ ownerId: loc.owner.id, type: 0, name, parentId: parentFolder(state, loc.owner, segments).id });
	const blobPath = createBlobFile(state);
	const ent = state.newEntity({ type: entityType === 'live_photo' ? 2 : 0, size, blobPath, createdBy: user.id, policyId: policy.id, uploadSessionId: id });
	ent.fileIds.add(file.id);
	file.entityIds.push(ent.id);
	if (newFile) {
		file.primaryEntityId = ent.id;
		file.size = size;
	}
	file.metadata['sys:upload_session_id'] = id;
	const chunkSize = policy.relay || policy.type === 'upyun' ? 0 : policy.chunkSize;
	const session: UploadSession = {
		id,
		userId: user.id,
		uri: formatUri('my', segments),
		path,
		fileId: file.id,
		entityId: ent.id,
		newFile,
		size,
		chunkSize,
		policy,
		callbackSecret: newCallbackSecret(),
		expiresAt,
		lockToken: lock.token,
		blobPath,
		mimeType: body.mime_type || undefined,
		metadata,
		lastModified: body.last_modified || undefined,
		received: new Set(),
		parts: new Map(),
		objectComplete: false,
		objectSize: 0,
		nextOffset: 0,
		finalised: false,
	};
	tables(state).sessions.set(id, session);
	const provider = prepareProvider(state, session);
	const out: Record<string, unknown> = { session_id: id };
	if (provider.upload_id) out.upload_id = provider.upload_id;
	out.chunk_size = chunkSize;
	out.expires = Math.floor(expiresAt / 1000);
	if (provider.upload_urls) out.upload_urls = provider.upload_urls;
	if (provider.credential) out.credential = provider.credential;
	if (provider.completeURL) out.completeURL = provider.completeURL;
	out.storage_policy = policyJson(policy);
	out.uri = session.uri;
	out.callback_secret = session.callbackSecret;
	if (provider.mime_type) out.mime_type = provider.mime_type;
	if (provider.upload_policy) out.upload_policy = provider.upload_policy;
	return out;
}

async function uploadChunk(ctx: Ctx) {
	const user = requireLogin(ctx);
	const s = liveSession(ctx.state, ctx.params.sessionId, user.id);
	const index = Number(ctx.params.index);
	if (applyChunkFault(ctx, s, index)) return;
	liveSession(ctx.state, s.id, user.id);
	if (s.policy.type !== 'local' && !s.policy.relay) throw new AppError(Code.PolicyNotAllowed, 'Storage policy not supported');
	await receiveChunk(ctx, s, index, 'cloudreve');
	if (s.objectComplete && !s.finalised) finalise(ctx.state, s);
}

async function deleteSession(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ id: string; uri: string }>(await ctx.json(), {
		id: { type: 'string', required: true, go: 'ID' },
		uri: { type: 'string', required: true },
	});
	const s = tables(ctx.state).sessions.get(body.id);
	const loc = locate(ctx, body.uri);
	if (!s || s.userId !== user.id || s.path !== '/' + loc.uri.segments.join('/')) throw new AppError(Code.NotFound, 'Upload session not found');
	if (!ctx.state.files.get(s.fileId)) {
		cancel(ctx.state, s);
		throw new AppError(Code.ParentNotExist, 'Path not exist');
	}
	cancel(ctx.state, s);
}

async function updateContent(ctx: Ctx) {
	const user = requireLogin(ctx);
	const { state } = ctx;
	const uri = ctx.q('uri');
	if (!uri) throw new AppError(Code.ParamErr, 'Uri cannot be empty', { noCorrelation: true });
	const loc = locate(ctx, uri);
	if (loc.uri.fs !== 'my') throw notSupported();
	const segments = loc.uri.segments;
	if (!segments.length) throw notSupported();
	let file = loc.file;
	if (file && file.type === 1) throw new AppError(Code.ObjectExist, 'Object existed');
	if (file) assertOwner(ctx, file);
	const policy = state.policyOf(loc.owner);
	assertPolicyAllowsName(policy, segments[segments.length - 1]);
	const previous = ctx.q('previous');
	if (file && previous && encodeId(file.primaryEntityId ?? 0, IdType.Entity) !== previous) {
		ctx.req.resume();
		throw new AppError(Code.StaleVersion, 'File is updated during your edit');
	}
	state.locks.check(user.id, [{ ownerId: loc.owner.id, path: '/' + segments.join('/'), fileType: 0, depth: 0 }]);
	// Without Content-Length Cloudreve reads nothing and writes an empty file (§2.6).
	const length = Math.max(0, declaredLength(ctx.req));
	const limit = Math.min(state.settings.maxEditSize, policy.maxSize > 0 ? policy.maxSize : Infinity);
	if (length > limit) {
		ctx.req.resume();
		throw new AppError(Code.FileTooLarge, 'File is too large');
	}
	assertQuota(state, user, length);
	let blob: { path: string; size: number };
	if (length === 0) {
		ctx.req.resume();
		blob = state.blobs.writeBuffer(Buffer.alloc(0));
	} else {
		try {
			blob = await state.blobs.writeStream(ctx.req, { maxBytes: length });
		} catch (err) {
			if (err instanceof BlobTooLargeError) throw new AppError(Code.FileTooLarge, 'File is too large');
			throw new AppError(Code.IOFailed, 'Failed to write file');
		}
		if (blob.size !== length) {
			state.blobs.remove(blob.path);
			throw new AppError(Code.IOFailed, 'Request body is shorter than Content-Length');
		}
	}
	if (!file) file = state.insertFile({ ownerId: loc.owner.id, type: 0, name: segments[segments.length - 1], parentId: parentFolder(state, loc.owner, segments).id });
	state.addVersion(file, blob, user.id, policy.id);
	return fileJson(state, file, ctx.user);
}

/** Policies whose completion callback the client calls; the rest are called by the provider. */
const CLIENT_CALLBACKS = new Set(['s3', 'cos', 'ks3', 'onedrive']);

/** Callback routes (§2.4): 401 for session/secret/type problems, then 400 (or 200 for remote/onedrive). */
function callbackHandler(type: string) {
	return async (ctx: Ctx) => {
		const { state } = ctx;
		const reply = (status: number, code: number, msg: string) => {
			ctx.handled = true;
			ctx.code = code;
			sendJson(ctx.res, { code, msg, correlation_id: ctx.correlationId }, status);
		};
		const record = (code: number) => tables(state).callbacks.push({ type, sessionId: ctx.params.sessionID, by: CLIENT_CALLBACKS.has(type) ? 'client' : 'provider', code });
		const s = tables(state).sessions.get(ctx.params.sessionID);
		if (!s || s.finalised || isExpired(s)) return (record(Code.UploadSessionExpired), reply(401, Code.UploadSessionExpired, 'Upload session does not exist or expired'));
		if (!safeEqual(ctx.params.key, s.callbackSecret)) return (record(Code.CredentialInvalid), reply(401, Code.CredentialInvalid, 'Invalid callback secret'));
		if (s.policy.type !== type || s.policy.relay) return (record(Code.PolicyNotAllowed), reply(401, Code.PolicyNotAllowed, 'Storage policy not supported'));
		const failStatus = type === 'remote' || type === 'onedrive' ? 200 : 400;
		if (!CLIENT_CALLBACKS.has(type)) {
			const raw = await ctx.body();
			if (!verifyProviderCallback(state, type, ctx.path, raw.toString('utf8'), ctx.req.headers.authorization)) {
				return (record(Code.InvalidSign), reply(failStatus, Code.InvalidSign, 'Failed to verify callback signature'));
			}
			if (type === 'oss') {
				const size = Number((JSON.parse(raw.toString('utf8') || '{}') as { size?: unknown }).size);
				if (size !== s.size) return (record(Code.MetaMismatch), reply(failStatus, Code.MetaMismatch, 'File size not match'));
			}
		}
		// The stored object must exist with the declared size (Cloudreve re-checks it for S3/COS/KS3/OneDrive).
		if (!s.objectComplete || s.objectSize !== s.size) {
			return (record(Code.MetaMismatch), reply(failStatus, Code.MetaMismatch, `Object size mismatch (expected ${s.size}, got ${s.objectComplete ? s.objectSize : 'no object'})`));
		}
		try {
			finalise(state, s);
		} catch (err) {
			if (err instanceof AppError) return (record(err.code), reply(failStatus, err.code, err.message));
			throw err;
		}
		record(0);
		return undefined;
	};
}

export function registerUploadRoutes(r: Router): void {
	r.route('PUT', '/file/upload', createSession);
	r.route('POST', '/file/upload/:sessionId/:index', uploadChunk);
	r.route('DELETE', '/file/upload', deleteSession);
	r.route('PUT', '/file/content', updateContent);
	for (const type of ['s3', 'cos', 'ks3']) r.route('GET', `/callback/${type}/:sessionID/:key`, callbackHandler(type));
	// OBS: 4.0.0 registers POST; the apifox menu shows GET — accept both (§2.4).
	r.route('GET', '/callback/obs/:sessionID/:key', callbackHandler('obs'));
	for (const type of ['obs', 'onedrive', 'oss', 'qiniu', 'upyun', 'remote']) r.route('POST', `/callback/${type}/:sessionID/:key`, callbackHandler(type));
	registerStorageRoutes(r);
}

export { S3_LIKE };
