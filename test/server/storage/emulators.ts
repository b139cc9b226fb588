import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import type { Router } from '../router';
import type { State } from '../state';
import { providerCallback } from './callbacks';
import { readForm } from './formdata';
import { applyChunkFault, receiveChunk } from './receive';
import { onedrivePath, s3CompletePath, s3PartPath, slavePath, S3_LIKE } from './providers';
import { chunkCount, declaredLength, expectedChunkLength, isExpired, recordChunk, tables, writeAt, type UploadSession } from './sessions';
import { safeEqual, verifyPresigned, verifySlaveCredential } from './sign';

// Loopback storage providers (§3.3). Each checks what the real one would: presigned URL signatures, exact part
// sizes (S3 EntityTooSmall), ETags in the completion XML, OneDrive Content-Range sequencing, Qiniu UpToken, the
// slave's HMAC credential, Upyun form fields; then the server-to-server callback where the provider makes one.
// Bytes are streamed into the session's blob at their offsets, so downloads see the same file for any policy.

const MiB = 1024 * 1024;
const ONEDRIVE_FRAGMENT_UNIT = 320 * 1024;

function xml(ctx: Ctx, status: number, body: string, headers: Record<string, string> = {}): void {
	ctx.req.resume();
	ctx.respond(status, { 'Content-Type': 'application/xml', ...headers }, `<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function s3Error(ctx: Ctx, status: number, code: string, message: string): void {
	xml(ctx, status, `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
}

function json(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
	ctx.req.resume();
	ctx.respond(status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(body));
}

function header(ctx: Ctx, name: string): string | undefined {
	const v = ctx.req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

/**
 * The session a storage URL belongs to while the provider-side upload exists: until Cloudreve completes or
 * cancels it. An expired Cloudreve session does not end the provider's multipart upload; the callback then
 * answers 40011.
 */
function openSession(state: State, id: string): UploadSession | undefined {
	const s = tables(state).sessions.get(id);
	return s && !s.finalised ? s : undefined;
}

/** The slave node checks Cloudreve's session itself. */
function liveSlaveSession(state: State, id: string): UploadSession | undefined {
	const s = openSession(state, id);
	return s && !isExpired(s) ? s : undefined;
}

/** Non-last parts must be exactly the session's chunk size, the last one the rest (S3 EntityTooSmall). */
function checkPartSizes(s: UploadSession, parts: Array<{ size: number }>): string | undefined {
	const total = parts.reduce((a, p) => a + p.size, 0);
	for (let i = 0; i < parts.length - 1; i++) {
		if (parts[i].size < s.chunkSize) return `EntityTooSmall: part ${i + 1} is ${parts[i].size} bytes`;
		if (parts[i].size !== s.chunkSize) return `InvalidPart: part ${i + 1} is ${parts[i].size} bytes, expected ${s.chunkSize}`;
	}
	if (parts.length !== chunkCount(s)) return `InvalidPart: ${parts.length} parts, expected ${chunkCount(s)}`;
	if (total !== s.size) return `InvalidPart: ${total} bytes in total, expected ${s.size}`;
	return undefined;
}

// ---- S3, KS3, COS, OBS, OSS ----

async function s3PutPart(ctx: Ctx): Promise<void> {
	const { state } = ctx;
	const { type, sessionId } = ctx.params;
	const part = Number(ctx.params.part);
	if (!verifyPresigned(state, 'PUT', s3PartPath(type, sessionId, part), ctx.q('sig'))) return s3Error(ctx, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	const s = openSession(state, sessionId);
	if (!s || s.policy.type !== type || ctx.q('uploadId') !== s.uploadId) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
	const index = part - 1;
	if (applyChunkFault(ctx, s, index)) return;
	if (!Number.isInteger(part) || part < 1 || part > chunkCount(s)) return s3Error(ctx, 400, 'InvalidArgument', 'Part number must be an integer between 1 and the number of parts.');
	const length = declaredLength(ctx.req);
	if (length < 0) return s3Error(ctx, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
	// COS, OSS and OBS sign the content type into the presigned URL; S3/COS/KS3 presigns also bind Content-Length.
	if ((type === 'cos' || type === 'oss' || type === 'obs') && !/^application\/octet-stream/.test(header(ctx, 'content-type') ?? '')) {
		return s3Error(ctx, 403, 'SignatureDoesNotMatch', 'Content-Type is part of the signature: application/octet-stream expected.');
	}
	if ((type === 's3' || type === 'cos' || type === 'ks3') && length !== expectedChunkLength(s, index)) {
		return s3Error(ctx, 403, 'SignatureDoesNotMatch', `Content-Length ${length} does not match the signed ${expectedChunkLength(s, index)}.`);
	}
	if (length > expectedChunkLength(s, index) || (s.chunkSize > 0 && length > s.chunkSize)) return s3Error(ctx, 400, 'EntityTooLarge', 'Your proposed upload exceeds the part size.');
	let md5: string;
	try {
		md5 = await writeAt(state, s, ctx.req, index * s.chunkSize, length);
	} catch {
		return s3Error(ctx, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
	}
	const etag = `"${md5}"`;
	s.parts.set(part, { etag, size: length });
	recordChunk(state, s, index, length, type);
	xml(ctx, 200, '', { ETag: etag });
}

function parseCompleteXml(text: string): Array<{ partNumber: number; etag: string }> | undefined {
	if (!/^\s*(<\?xml[^>]*\?>\s*)?<CompleteMultipartUpload[\s>]/.test(text)) return undefined;
	const parts: Array<{ partNumber: number; etag: string }> = [];
	const re = /<Part>\s*<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>\s*<\/Part>/g;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		parts.push({ partNumber: Number(m[1]), etag: m[2].replace(/&quot;/g, '"').replace(/&amp;/g, '&') });
	}
	return parts;
}

const bareEtag = (e: string) => e.replace(/^"|"$/g, '');

async function s3Complete(ctx: Ctx): Promise<void> {
	const { state } = ctx;
	const { type, sessionId } = ctx.params;
	if (!verifyPresigned(state, 'POST', s3CompletePath(type, sessionId), ctx.q('sig'))) return s3Error(ctx, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	const s = openSession(state, sessionId);
	if (!s || s.policy.type !== type || ctx.q('uploadId') !== s.uploadId) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
	let listed: Array<{ partNumber: number; etag: string }>;
	if (type === 'oss') {
		if (header(ctx, 'x-oss-complete-all') !== 'yes') return s3Error(ctx, 400, 'MalformedXML', 'x-oss-complete-all: yes is required without a part list.');
		if (header(ctx, 'x-oss-forbid-overwrite') !== 'true') return s3Error(ctx, 400, 'InvalidArgument', 'x-oss-forbid-overwrite: true is part of the signed request.');
		listed = [...s.parts.entries()].sort((a, b) => a[0] - b[0]).map(([partNumber, p]) => ({ partNumber, etag: p.etag }));
	} else {
		const parsed = parseCompleteXml((await ctx.body()).toString('utf8'));
		if (!parsed) return s3Error(ctx, 400, 'MalformedXML', 'The XML you provided was not well-formed.');
		listed = parsed;
	}
	for (let i = 0; i < listed.length; i++) {
		const stored = s.parts.get(listed[i].partNumber);
		if (i > 0 && listed[i].partNumber <= listed[i - 1].partNumber) return s3Error(ctx, 400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
		if (!stored || bareEtag(stored.etag) !== bareEtag(listed[i].etag)) return s3Error(ctx, 400, 'InvalidPart', `Part ${listed[i].partNumber} was not uploaded or its ETag does not match.`);
	}
	const problem = checkPartSizes(s, listed.map((p) => s.parts.get(p.partNumber)!));
	if (problem) return s3Error(ctx, 400, problem.split(':')[0], problem);
	s.objectComplete = true;
	s.objectSize = s.size;
	if (type === 'oss' || type === 'obs') {
		// The completion carries a callback spec: the provider calls Cloudreve and relays its answer.
		const cb = await providerCallback(state, s, { name: s.path.split('/').pop(), source_name: s.id, size: s.size, pic_info: '' });
		ctx.req.resume();
		return ctx.respond(cb.status === 200 ? 200 : 203, { 'Content-Type': 'application/json' }, cb.text);
	}
	xml(ctx, 200, `<CompleteMultipartUploadResult><Key>${s.id}</Key><ETag>"${randomUUID()}-${listed.length}"</ETag></CompleteMultipartUploadResult>`);
}

// ---- OneDrive (Graph upload session) ----

function onedriveAuthorised(ctx: Ctx): boolean {
	return verifyPresigned(ctx.state, 'PUT', onedrivePath(ctx.params.sessionId), ctx.q('sig'));
}

async function onedrivePut(ctx: Ctx): Promise<void> {
	const { state } = ctx;
	if (!onedriveAuthorised(ctx)) return json(ctx, 401, { error: { code: 'unauthenticated', message: 'Bad upload URL' } });
	const s = openSession(state, ctx.params.sessionId);
	if (!s || s.policy.type !== 'onedrive') return json(ctx, 404, { error: { code: 'itemNotFound', message: 'The upload session was not found' } });
	const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header(ctx, 'content-range') ?? '');
	if (!m) return json(ctx, 400, { error: { code: 'invalidRequest', message: 'Content-Range header is required' } });
	const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const length = end - start + 1;
	const index = s.chunkSize > 0 ? Math.floor(start / s.chunkSize) : 0;
	if (applyChunkFault(ctx, s, index)) return;
	if (total !== s.size) return json(ctx, 400, { error: { code: 'invalidRange', message: `Total ${total} does not match the session size ${s.size}` } });
	if (declaredLength(ctx.req) !== length) return json(ctx, 400, { error: { code: 'invalidRange', message: 'Content-Length does not match Content-Range' } });
	if (start < s.nextOffset) return json(ctx, 416, { error: { code: 'fragmentOverlap', message: 'The uploaded fragment overlaps with data that has already been received.' } });
	if (start > s.nextOffset) return json(ctx, 416, { error: { code: 'invalidRange', message: `Expected a fragment starting at ${s.nextOffset}` } });
	if (end + 1 < s.size && length % ONEDRIVE_FRAGMENT_UNIT !== 0) return json(ctx, 400, { error: { code: 'invalidRequest', message: 'Fragments must be a multiple of 320 KiB' } });
	if (length > 60 * MiB) return json(ctx, 413, { error: { code: 'requestTooLarge', message: 'Fragments must be at most 60 MiB' } });
	try {
		await writeAt(state, s, ctx.req, start, length);
	} catch {
		return json(ctx, 400, { error: { code: 'incompleteBody', message: 'Body shorter than Content-Length' } });
	}
	recordChunk(state, s, index, length, 'onedrive');
	s.nextOffset = end + 1;
	if (s.nextOffset === s.size) {
		s.objectComplete = true;
		s.objectSize = s.size;
		return json(ctx, 201, { id: s.id, name: s.path.split('/').pop(), size: s.size });
	}
	json(ctx, 202, { expirationDateTime: new Date(s.expiresAt).toISOString(), nextExpectedRanges: [`${s.nextOffset}-`] });
}

function onedriveStatus(ctx: Ctx): void {
	if (!onedriveAuthorised(ctx)) return json(ctx, 401, { error: { code: 'unauthenticated', message: 'Bad upload URL' } });
	const s = tables(ctx.state).sessions.get(ctx.params.sessionId);
	if (!s) return json(ctx, 404, { error: { code: 'itemNotFound', message: 'The upload session was not found' } });
	json(ctx, 200, { expirationDateTime: new Date(s.expiresAt).toISOString(), nextExpectedRanges: s.objectComplete ? [] : [`${s.nextOffset}-`] });
}

// ---- Qiniu (multipart v2) ----

function qiniuSession(ctx: Ctx): UploadSession | undefined {
	const s = openSession(ctx.state, ctx.params.sessionId);
	if (!s || s.policy.type !== 'qiniu' || s.uploadId !== ctx.params.uploadId) {
		json(ctx, 612, { error: 'no such uploadId' });
		return undefined;
	}
	if (!safeEqual(header(ctx, 'authorization') ?? '', `UpToken ${s.credential}`)) {
		json(ctx, 401, { error: 'bad token' });
		return undefined;
	}
	return s;
}

async function qiniuPutPart(ctx: Ctx): Promise<void> {
	const s = qiniuSession(ctx);
	if (!s) return;
	const part = Number(ctx.params.part);
	const index = part - 1;
	if (applyChunkFault(ctx, s, index)) return;
	if (!Number.isInteger(part) || part < 1 || part > chunkCount(s)) return json(ctx, 400, { error: 'invalid part number' });
	const length = declaredLength(ctx.req);
	if (length < 0 || length > s.chunkSize) return json(ctx, 400, { error: 'invalid part size' });
	let md5: string;
	try {
		md5 = await writeAt(ctx.state, s, ctx.req, index * s.chunkSize, length);
	} catch {
		return json(ctx, 400, { error: 'incomplete body' });
	}
	const etag = Buffer.from(md5, 'hex').toString('base64url');
	s.parts.set(part, { etag, size: length });
	recordChunk(ctx.state, s, index, length, 'qiniu');
	json(ctx, 200, { etag, md5 });
}

async function qiniuComplete(ctx: Ctx): Promise<void> {
	const s = qiniuSession(ctx);
	if (!s) return;
	let body: { parts?: Array<{ etag?: string; partNumber?: number }>; mimeType?: string };
	try {
		body = JSON.parse((await ctx.body()).toString('utf8'));
	} catch {
		return json(ctx, 400, { error: 'invalid JSON' });
	}
	const listed = body.parts ?? [];
	for (let i = 0; i < listed.length; i++) {
		const stored = s.parts.get(Number(listed[i].partNumber));
		if (i > 0 && Number(listed[i].partNumber) <= Number(listed[i - 1].partNumber)) return json(ctx, 400, { error: 'parts must be in ascending order' });
		if (!stored || stored.etag !== listed[i].etag) return json(ctx, 400, { error: `part ${listed[i].partNumber}: etag mismatch` });
	}
	const problem = checkPartSizes(s, listed.map((p) => s.parts.get(Number(p.partNumber))!));
	if (problem) return json(ctx, 400, { error: problem });
	s.objectComplete = true;
	s.objectSize = s.size;
	const cb = await providerCallback(ctx.state, s, { name: s.id, size: s.size, mime_type: body.mimeType ?? '' });
	// Qiniu answers 579 when the callback server failed.
	ctx.respond(cb.status === 200 ? 200 : 579, { 'Content-Type': 'application/json' }, cb.text);
}

// ---- Upyun (form API) ----

async function upyunForm(ctx: Ctx): Promise<void> {
	const { state } = ctx;
	const s = openSession(state, ctx.params.sessionId);
	if (!s || s.policy.type !== 'upyun') return json(ctx, 404, { code: 40400001, message: 'not found' });
	if (applyChunkFault(ctx, s, 0)) return;
	const boundary = /boundary=("?)([^";]+)\1/.exec(header(ctx, 'content-type') ?? '')?.[2];
	if (!/^multipart\/form-data/.test(header(ctx, 'content-type') ?? '') || !boundary) return json(ctx, 400, { code: 40000001, message: 'multipart/form-data expected' });
	let form;
	try {
		form = await readForm(ctx.req, boundary);
	} catch (err) {
		return json(ctx, 400, { code: 40000002, message: (err as Error).message });
	}
	const { head, file, closed } = form;
	const authOk = head.fields.policy === s.uploadPolicy && head.fields.authorization === s.credential;
	const fieldsOk = head.order[head.order.length - 1] === 'file' && head.order.filter((n) => n !== 'content-type').join(',') === 'policy,authorization,file';
	if (!authOk || !fieldsOk) {
		file.resume();
		return json(ctx, 401, { code: 40100005, message: authOk ? 'form fields policy, authorization, content-type?, file expected in order' : 'form_api_auth_fail' });
	}
	let size = 0;
	try {
		await writeAt(state, s, file, 0, s.size);
		size = s.size;
	} catch {
		return json(ctx, 400, { code: 40000003, message: `file size does not match the policy (expected ${s.size})` });
	}
	if (!closed()) return json(ctx, 400, { code: 40000004, message: 'form not closed' });
	recordChunk(state, s, 0, size, 'upyun');
	s.objectComplete = true;
	s.objectSize = size;
	const cb = await providerCallback(state, s, { code: 200, message: 'ok', url: `/${s.id}`, 'content-length': size });
	ctx.respond(cb.status === 200 ? 200 : 400, { 'Content-Type': 'application/json' }, cb.text);
}

// ---- Remote (slave node) ----

async function slaveUpload(ctx: Ctx): Promise<unknown> {
	const { state } = ctx;
	const path = slavePath(ctx.params.sessionId);
	const auth = verifySlaveCredential(state, path, header(ctx, 'authorization'));
	if (auth !== 'ok') {
		ctx.req.resume();
		throw auth === 'expired' ? new AppError(Code.SignExpired, 'Signature expired') : new AppError(Code.CredentialInvalid, 'invalid sign');
	}
	const s = liveSlaveSession(state, ctx.params.sessionId);
	if (!s || s.policy.type !== 'remote') throw new AppError(Code.UploadSessionExpired, 'Upload session does not exist or expired');
	const index = Number(ctx.q('chunk') ?? '0');
	if (applyChunkFault(ctx, s, index)) return undefined;
	if (!liveSlaveSession(state, s.id)) throw new AppError(Code.UploadSessionExpired, 'Upload session does not exist or expired');
	await receiveChunk(ctx, s, index, 'slave');
	if (s.objectComplete && !s.finalised) {
		const cb = await providerCallback(state, s, { size: s.size });
		ctx.respond(200, { 'Content-Type': 'application/json' }, cb.text);
	}
	return undefined;
}

function withType(ctx: Ctx, type: string): Ctx {
	ctx.params.type = type;
	return ctx;
}

export function registerStorageRoutes(r: Router): void {
	for (const type of S3_LIKE) {
		r.raw('PUT', `/__storage/${type}/:sessionId/part/:part`, (ctx) => s3PutPart(withType(ctx, type)));
		r.raw('POST', `/__storage/${type}/:sessionId/complete`, (ctx) => s3Complete(withType(ctx, type)));
	}
	r.raw('PUT', '/__storage/onedrive/:sessionId', onedrivePut);
	r.raw('GET', '/__storage/onedrive/:sessionId', onedriveStatus);
	r.raw('PUT', '/__storage/qiniu/:sessionId/uploads/:uploadId/:part', qiniuPutPart);
	r.raw('POST', '/__storage/qiniu/:sessionId/uploads/:uploadId', qiniuComplete);
	r.raw('POST', '/__storage/upyun/:sessionId', upyunForm);
	r.raw('POST', '/__slave/api/v4/slave/upload/:sessionId', slaveUpload);
}
