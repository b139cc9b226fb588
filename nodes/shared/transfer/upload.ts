// A streamed upload through an upload session, for every storage policy (cloudreve-api.md §3): create the
// session, send exact-size chunks with per-chunk retry, complete, and on any failure cancel the session so no
// placeholder stays "in use" (the AWS S3 V2 node's abort-multipart pattern). An expired session (40011) is
// re-created once and the upload restarted from the first byte.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getFileInfo } from '../api/files';
import type { FileResponse } from '../api/types';
import type { CloudreveClient } from '../transport/client';
import { chunkCount } from './chunks';
import { driverFor } from './drivers';
import { cloudreveCodeOf } from './failures';
import { withRetry, type ChunkRetry, CHUNK_RETRY } from './retry';
import { cancelUploadSession, createUploadSession, putFileContent, setMetadata } from './session';
import type { UploadSource } from './source';
import type { UploadSessionRequest, UploadSessionResponse } from './types';

export interface UploadTarget {
	/** URI of the file to create or overwrite. */
	uri: string;
	/** `version`: overwrite (add a version) instead of failing with 40004 when the path exists. */
	overwrite?: boolean;
	policyId?: string;
	/** Unix milliseconds. */
	lastModified?: number;
	metadata?: Record<string, string>;
	/** Entity the caller believes is current (40076 when stale, §3.7). */
	previous?: string;
}

export interface UploadOptions {
	itemIndex: number;
	retry?: ChunkRetry;
	/** Called once the session exists (tests, progress). */
	onSession?: (session: UploadSessionResponse) => void;
}

/** Where an upload stood when it failed. */
interface Progress {
	stage: 'session' | 'chunk' | 'complete';
	index: number;
	total: number;
}

const CLIENT_SIDE_ZERO_BYTE = new Set(['local', 'remote']);

export async function uploadFile(client: CloudreveClient, source: UploadSource, target: UploadTarget, options: UploadOptions): Promise<FileResponse> {
	const { itemIndex } = options;
	const request: UploadSessionRequest = { uri: target.uri, size: source.size };
	if (target.policyId) request.policy_id = target.policyId;
	if (target.lastModified !== undefined) request.last_modified = target.lastModified;
	if (source.mimeType) request.mime_type = source.mimeType;
	if (target.metadata && Object.keys(target.metadata).length) request.metadata = target.metadata;
	if (target.overwrite) request.entity_type = 'version';
	if (target.previous) request.previous = target.previous;

	let restarted = false;
	for (;;) {
		const session = await createUploadSession(client, request, itemIndex);
		options.onSession?.(session);
		const progress: Progress = { stage: 'chunk', index: 0, total: chunkCount(source.size, session.chunk_size) };
		try {
			const policy = session.storage_policy;
			if (source.size === 0 && !policy.relay && !CLIENT_SIDE_ZERO_BYTE.has(policy.type)) {
				// Empty parts and ranges are refused or undefined on cloud providers (§3.6): write the empty file through
				// Cloudreve instead, which is policy-independent.
				await cancelUploadSession(client, session.session_id, session.uri || target.uri, itemIndex);
				await putFileContent(client, target.uri, Buffer.alloc(0), { previous: target.previous, itemIndex });
				if (request.metadata) await setMetadata(client, target.uri, request.metadata, itemIndex);
				break;
			}
			await sendAll(client, session, source, progress, options);
			break;
		} catch (error) {
			await cancelUploadSession(client, session.session_id, session.uri || target.uri, itemIndex);
			if (cloudreveCodeOf(error) === 40011 && !restarted) {
				restarted = true;
				continue;
			}
			throw describeFailure(client, error, source, progress, itemIndex);
		}
	}
	return await getFileInfo(client, { uri: target.uri }, { itemIndex });
}

async function sendAll(client: CloudreveClient, session: UploadSessionResponse, source: UploadSource, progress: Progress, options: UploadOptions): Promise<void> {
	const retry = options.retry ?? CHUNK_RETRY;
	const driver = driverFor({ client, session, size: source.size, mimeType: source.mimeType, itemIndex: options.itemIndex });
	if (driver.mode === 'single') {
		progress.total = 1;
		await withRetry(async () => await driver.sendWhole(source), retry);
	} else {
		let offset = 0;
		let index = 0;
		for await (const chunk of source.chunks(session.chunk_size)) {
			progress.index = index;
			const at = offset;
			const i = index;
			await withRetry(async () => await driver.sendChunk(chunk, i, at), retry);
			offset += chunk.length;
			index++;
		}
		if (index === 0) {
			// A zero-byte file on local/remote: chunk 0 with an empty body completes it (§3.6).
			await withRetry(async () => await driver.sendChunk(Buffer.alloc(0), 0, 0), retry);
		}
	}
	progress.stage = 'complete';
	await withRetry(async () => await driver.complete(), retry);
}

function describeFailure(client: CloudreveClient, error: unknown, source: UploadSource, progress: Progress, itemIndex: number): NodeApiError {
	const e = error as { message?: string; description?: string | null; cloudreveCode?: number; httpCode?: string | null };
	const where =
		progress.stage === 'complete'
			? 'while completing the upload'
			: progress.total > 1
				? `at chunk ${progress.index + 1} of ${progress.total}`
				: 'while sending the file';
	const message = `Upload of "${source.fileName}" failed ${where}: ${e.message ?? String(error)}`;
	const description = [e.description, 'The upload session was cancelled, so no placeholder file is left behind.'].filter(Boolean).join(' ');
	const wrapped = new NodeApiError(client.node, { message: e.message ?? String(error) } as JsonObject, {
		message,
		description,
		httpCode: e.httpCode ?? undefined,
		itemIndex,
	});
	Object.assign(wrapped, {
		cloudreveCode: e.cloudreveCode,
		failedChunk: progress.stage === 'chunk' ? progress.index : undefined,
		lockConflicts: (error as { lockConflicts?: unknown }).lockConflicts,
	});
	return wrapped;
}
