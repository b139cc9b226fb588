// Remote (slave node) policy (§3.3): POST <upload_urls[0]>?chunk=<i> with the session's credential as the
// Authorization header, verbatim (it is an HMAC over the request; adding X-Cr-* headers would break it).
import type { CloudreveEnvelope } from '../../errors';
import { bodyJson, bodyText, storageError } from '../failures';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

export function remoteDriver(dc: DriverContext): UploadDriver {
	const { client, session } = dc;
	const url = session.upload_urls?.[0];
	return {
		mode: 'chunks',
		async sendChunk(chunk, index) {
			if (!url) throw storageError(client.node, 'The remote upload', { transient: false, body: 'the session has no upload URL' });
			let response;
			try {
				response = await client.rawRequest({
					method: 'POST',
					url,
					qs: { chunk: index },
					body: chunk,
					headers: {
						Authorization: session.credential ?? '',
						'Content-Type': 'application/octet-stream',
						'Content-Length': String(chunk.length),
					},
					timeout: CHUNK_TIMEOUT_MS,
				});
			} catch (cause) {
				throw storageError(client.node, `Chunk ${index + 1} to the slave node`, { cause, transient: true });
			}
			const envelope = bodyJson<CloudreveEnvelope>(response.body);
			if (response.statusCode < 300 && envelope && typeof envelope.code === 'number') {
				if (envelope.code === 0) return;
				throw client.apiError(envelope, dc.itemIndex);
			}
			throw storageError(client.node, `Chunk ${index + 1} to the slave node`, {
				status: response.statusCode,
				body: bodyText(response.body),
				transient: response.statusCode >= 500 || response.statusCode === 429,
			});
		},
		// The slave calls the master's /callback/remote once every chunk arrived.
		complete: async () => {},
	};
}
