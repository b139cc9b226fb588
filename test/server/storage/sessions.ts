import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { nowMicros } from '../clock';
import { AppError, Code } from '../errors';
import type { State } from '../state';
import type { FileRecord, PolicyRecord } from '../types';

// Upload sessions of §3 as the test server keeps them (Cloudreve keeps them in its KV store): the placeholder
// file/entity, the reserved quota (the placeholder entity's size counts in usedStorage), the path lock, which
// chunks arrived, and each provider emulator's own bookkeeping.

export interface ChunkRecord {
	sessionId: string;
	policy: string;
	/** 0-based chunk/part index. */
	index: number;
	size: number;
	/** Which endpoint took it: 'cloudreve' (POST /file/upload/:id/:i), 'slave', 's3', 'onedrive', … */
	via: string;
}

export interface CallbackRecord {
	type: string;
	sessionId: string;
	/** 'client' for the routes the client must call, 'provider' for server-to-server callbacks. */
	by: 'client' | 'provider';
	code: number;
}

export interface ChunkFault {
	/** 0-based chunk index (part number − 1). */
	index: number;
	/** How many times it fires (default 1). */
	times: number;
	/** reset = drop the connection; a status = answer it without reading the body; expire = expire the session first. */
	kind: 'reset' | 500 | 502 | 503 | 429 | 'expire';
	/** Only for sessions of this policy type. */
	policy?: string;
}

export interface UploadSession {
	id: string;
	userId: number;
	/** Canonical URI of the target file. */
	uri: string;
	path: string;
	fileId: number;
	entityId: number;
	/** The file row was created by this session (cancel deletes it). */
	newFile: boolean;
	size: number;
	chunkSize: number;
	policy: PolicyRecord;
	callbackSecret: string;
	/** ms since epoch */
	expiresAt: number;
	lockToken: string;
	blobPath: string;
	mimeType?: string;
	metadata?: Record<string, string>;
	lastModified?: number;
	received: Set<number>;
	uploadId?: string;
	credential?: string;
	uploadPolicy?: string;
	/** Provider-side parts: part number → {etag, size}. */
	parts: Map<number, { etag: string; size: number }>;
	/** The provider-side object is complete (multipart completed, last range written, form stored). */
	objectComplete: boolean;
	objectSize: number;
	/** OneDrive: next byte expected. */
	nextOffset: number;
	finalised: boolean;
}

export interface UploadTables {
	sessions: Map<string, UploadSession>;
	log: ChunkRecord[];
	callbacks: CallbackRecord[];
	faults: ChunkFault[];
	/** Secret the loopback providers and the slave sign their requests with. */
	providerSecret: Buffer;
}

export function tables(state: State): UploadTables {
	let t = state.ext.uploads as UploadTables | undefined;
	if (!t) {
		t = { sessions: new Map(), log: [], callbacks: [], faults: [], providerSecret: randomBytes(32) };
		state.ext.uploads = t;
	}
	return t;
}

export const SESSION_TTL_SECONDS = 86_400;

export function newSessionId(): string {
	return randomUUID();
}

/** 32 random characters (crypto RNG since 4.18). */
export function newCallbackSecret(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Creates an empty blob file the chunks are written into at their offsets. */
export function createBlobFile(state: State): string {
	const path = state.blobs.newPath();
	closeSync(openSync(path, 'w'));
	return path;
}

export function isExpired(s: UploadSession): boolean {
	return s.expiresAt <= Date.now();
}

/** The session for a chunk or callback: missing, expired or someone else's → 40011. */
export function liveSession(state: State, id: string, userId?: number): UploadSession {
	const s = tables(state).sessions.get(id);
	if (!s || s.finalised || isExpired(s) || (userId !== undefined && s.userId !== userId)) {
		throw new AppError(Code.UploadSessionExpired, 'Upload session does not exist or expired');
	}
	return s;
}

export function chunkCount(s: { size: number; chunkSize: number }): number {
	if (s.chunkSize <= 0 || s.size === 0) return 1;
	return Math.ceil(s.size / s.chunkSize);
}

/** Byte length chunk `index` must have. */
export function expectedChunkLength(s: { size: number; chunkSize: number }, index: number): number {
	if (s.chunkSize <= 0) return s.size;
	return Math.max(0, Math.min(s.size, (index + 1) * s.chunkSize) - index * s.chunkSize);
}

/** 40012 for an index Cloudreve would refuse (§3.2). */
export function assertChunkIndex(s: UploadSession, index: number): void {
	const bad =
		!Number.isInteger(index) ||
		index < 0 ||
		(s.chunkSize <= 0 && index > 0) ||
		(s.chunkSize > 0 && index * s.chunkSize >= s.size && !(s.size === 0 && index === 0));
	if (bad) throw new AppError(Code.InvalidChunkIndex, 'Chunk index cannot be greater than chunk count');
}

/** Content-Length (or X-Expected-Entity-Length) of a request; -1 when absent. */
export function declaredLength(req: IncomingMessage): number {
	const raw = req.headers['content-length'] ?? req.headers['x-expected-entity-length'];
	const n = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || !Number.isFinite(n) ? -1 : n;
}

/**
 * Streams a request body into the session blob at `offset`; checks it is exactly `length` bytes (50004 when
 * shorter) and returns its MD5 (hex) for ETags.
 */
export async function writeAt(state: State, s: UploadSession, req: Readable, offset: number, length: number): Promise<string> {
	const md5 = createHash('md5');
	req.on('data', (c: Buffer) => md5.update(c));
	let written: { size: number };
	try {
		written = await state.blobs.writeStream(req, { path: s.blobPath, start: offset, maxBytes: length });
	} catch (err) {
		throw new AppError(Code.IOFailed, 'Failed to write chunk', { cause: err instanceof AppError ? err : undefined });
	}
	if (written.size !== length) throw new AppError(Code.IOFailed, `Chunk is ${written.size} bytes, expected ${length}`);
	return md5.digest('hex');
}

export function recordChunk(state: State, s: UploadSession, index: number, size: number, via: string): void {
	tables(state).log.push({ sessionId: s.id, policy: s.policy.type, index, size, via });
}

/** The next matching chunk fault, consumed. */
export function takeChunkFault(state: State, s: UploadSession, index: number): ChunkFault | undefined {
	const f = tables(state).faults.find((x) => x.times > 0 && x.index === index && (!x.policy || x.policy === s.policy.type));
	if (f) f.times--;
	return f;
}

/** The placeholder of a session ends: the file's `sys:upload_session_id` and the entity's session mark go. */
function clearPlaceholderMarks(file: FileRecord | undefined, s: UploadSession, state: State): void {
	if (file && file.metadata['sys:upload_session_id'] === s.id) delete file.metadata['sys:upload_session_id'];
	const ent = state.entities.get(s.entityId);
	if (ent) delete ent.uploadSessionId;
}

/** §3.4: the placeholder becomes the current version, metadata applied, lock released, session gone. */
export function finalise(state: State, s: UploadSession): FileRecord {
	if (!state.locks.locks.has(s.lockToken) || isExpired(s)) throw new AppError(Code.LockConflict, 'Lock expired');
	const file = state.files.get(s.fileId);
	const ent = state.entities.get(s.entityId);
	if (!file || !ent) throw new AppError(Code.ParentNotExist, 'Path not exist');
	s.finalised = true;
	clearPlaceholderMarks(file, s, state);
	ent.size = s.size;
	ent.blobPath = s.blobPath;
	file.primaryEntityId = ent.id;
	file.size = s.size;
	file.updatedAt = s.lastModified !== undefined ? s.lastModified * 1000 : nowMicros();
	if (s.metadata) Object.assign(file.metadata, s.metadata);
	state.applyVersionRetention(file);
	state.locks.release(s.lockToken);
	tables(state).sessions.delete(s.id);
	return file;
}

/** §3.5: removes the placeholder (the whole file when the session created it), releases lock and quota. */
export function cancel(state: State, s: UploadSession): void {
	const file = state.files.get(s.fileId);
	clearPlaceholderMarks(file, s, state);
	if (file) {
		if (s.newFile && file.primaryEntityId === s.entityId) {
			state.removeFile(file);
		} else {
			file.entityIds = file.entityIds.filter((e) => e !== s.entityId);
			state.unrefEntity(s.entityId, file.id);
		}
	}
	if (!state.entities.has(s.entityId)) state.blobs.remove(s.blobPath);
	state.locks.release(s.lockToken);
	tables(state).sessions.delete(s.id);
}
