// Local policy and any policy with `relay: true` (§3.2): chunks go to Cloudreve itself through the
// authenticated transport; the request that completes the set of chunks finalises the upload.
import type { CloudreveEnvelope } from '../../errors';
import type { UploadSource } from '../source';
import { CHUNK_TIMEOUT_MS, type DriverContext, type UploadDriver } from './types';

async function post(dc: DriverContext, index: number, body: Buffer, size: number): Promise<void> {
	const { client, session } = dc;
	// Not `idempotent`: the chunk loop owns retries (a resend of the same index overwrites it, §3.2).
	const envelope: CloudreveEnvelope = await client.envelope({
		method: 'POST',
		path: `/file/upload/${encodeURIComponent(session.session_id)}/${index}`,
		body,
		headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
		idempotent: false,
		itemIndex: dc.itemIndex,
		timeout: CHUNK_TIMEOUT_MS,
	});
	if (envelope.code !== 0) throw client.apiError(envelope, dc.itemIndex);
}

export function relayDriver(dc: DriverContext): UploadDriver {
	if (dc.session.chunk_size > 0) {
		return {
			mode: 'chunks',
			sendChunk: async (chunk, index) => await post(dc, index, chunk, chunk.length),
			complete: async () => {},
		};
	}
	return {
		mode: 'single',
		// chunk_size 0 (relay sessions): one request with the whole file. A stored binary is streamed as the body
		// with an explicit Content-Length, so a large file is never held in memory.
		async sendWhole(source: UploadSource) {
			const raw = await source.openRaw();
			await post(dc, 0, raw as Buffer, source.size);
		},
		complete: async () => {},
	};
}
