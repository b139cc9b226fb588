// Qiniu (§3.3): multipart v2 — PUT <url>/<partNumber> with `UpToken`, then POST <url> with the part list;
// Qiniu calls Cloudreve back and relays its answer.
import type { CloudreveEnvelope } from '../../errors';
import { bodyJson, bodyText, storageError } from '../failures';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

export function qiniuDriver(dc: DriverContext): UploadDriver {
	const { client, session } = dc;
	const url = session.upload_urls?.[0] ?? '';
	const auth = `UpToken ${session.credential ?? ''}`;
	const etags: string[] = [];
	return {
		mode: 'chunks',
		async sendChunk(chunk, index) {
			let response;
			try {
				response = await client.rawRequest({
					method: 'PUT',
					url: `${url}/${index + 1}`,
					body: chunk,
					headers: { Authorization: auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length) },
					json: true,
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, `Part ${index + 1} to Qiniu`, { cause, transient: true });
			}
			const etag = bodyJson<{ etag?: string }>(response.body)?.etag;
			if (response.statusCode >= 300 || !etag) {
				throw storageError(client.node, `Part ${index + 1} to Qiniu`, {
					status: response.statusCode,
					body: bodyText(response.body),
					transient: response.statusCode >= 500 || response.statusCode === 429,
				});
			}
			etags[index] = etag;
		},
		async complete() {
			const parts = etags.map((etag, i) => ({ etag, partNumber: i + 1 }));
			let response;
			try {
				response = await client.rawRequest({
					method: 'POST',
					url,
					body: { parts, mimeType: session.mime_type ?? dc.mimeType ?? 'application/octet-stream' },
					headers: { Authorization: auth, 'Content-Type': 'application/json' },
					json: true,
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, 'Completing the Qiniu upload', { cause, transient: true });
			}
			const envelope = bodyJson<CloudreveEnvelope>(response.body);
			if (envelope && typeof envelope.code === 'number' && envelope.code !== 0) throw client.apiError(envelope, dc.itemIndex);
			if (response.statusCode >= 300) {
				throw storageError(client.node, 'Completing the Qiniu upload', {
					status: response.statusCode,
					body: bodyText(response.body),
					transient: response.statusCode >= 500 || response.statusCode === 429,
				});
			}
		},
	};
}
