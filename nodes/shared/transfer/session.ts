// Upload sessions (§3.1, §3.5) and the single-request content update (§2.6 Update file content).
import type { IDataObject } from 'n8n-workflow';

import type { FileResponse } from '../api/types';
import type { CloudreveClient } from '../transport/client';
import type { UploadSessionRequest, UploadSessionResponse } from './types';

/** PUT /file/upload: creates the placeholder, reserves quota and locks the path. Never repeated automatically. */
export async function createUploadSession(
	client: CloudreveClient,
	body: UploadSessionRequest,
	itemIndex: number,
): Promise<UploadSessionResponse> {
	return await client.request<UploadSessionResponse>({
		method: 'PUT',
		path: '/file/upload',
		body: body as unknown as IDataObject,
		idempotent: false,
		itemIndex,
	});
}

/**
 * DELETE /file/upload: aborts the provider-side upload, removes the placeholder, releases lock and quota. Errors
 * are swallowed (a cleanup must not hide the failure that caused it); returns whether the server confirmed.
 */
export async function cancelUploadSession(client: CloudreveClient, sessionId: string, uri: string, itemIndex: number): Promise<boolean> {
	try {
		const envelope = await client.envelope({
			method: 'DELETE',
			path: '/file/upload',
			body: { id: sessionId, uri },
			idempotent: true,
			itemIndex,
		});
		return envelope.code === 0;
	} catch {
		return false;
	}
}

/** PUT /file/content: writes a whole (≤ maxEditSize) file in one request; creates the file if missing. */
export async function putFileContent(
	client: CloudreveClient,
	uri: string,
	content: Buffer,
	options: { previous?: string; itemIndex: number },
): Promise<FileResponse> {
	const qs: IDataObject = { uri };
	if (options.previous) qs.previous = options.previous;
	return await client.request<FileResponse>({
		method: 'PUT',
		path: '/file/content',
		qs,
		body: content,
		// Without Content-Length Cloudreve reads 0 bytes and silently writes an empty file (§2.6).
		headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.length) },
		idempotent: false,
		itemIndex: options.itemIndex,
	});
}

/** PATCH /file/metadata with `key → value` pairs. */
export async function setMetadata(client: CloudreveClient, uri: string, metadata: Record<string, string>, itemIndex: number): Promise<void> {
	const patches = Object.entries(metadata).map(([key, value]) => ({ key, value }));
	if (!patches.length) return;
	await client.request({ method: 'PATCH', path: '/file/metadata', body: { uris: [uri], patches }, idempotent: true, itemIndex });
}
