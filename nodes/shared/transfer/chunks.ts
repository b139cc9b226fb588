// Re-chunking (n8n-notes §4): binary-store streams yield pieces of any size, Cloudreve and the storage providers
// want every chunk but the last to be exactly `chunk_size` (40013, S3 EntityTooSmall). Holds at most one chunk.

/** Yields Buffers of exactly `size` bytes from `source`; only the last one may be shorter. */
export async function* exactChunks(source: AsyncIterable<Uint8Array | string>, size: number): AsyncGenerator<Buffer> {
	let current: Buffer | undefined;
	let filled = 0;
	for await (const piece of source) {
		const data = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
		let offset = 0;
		while (offset < data.length) {
			if (filled === 0 && data.length - offset >= size) {
				// A whole chunk inside one piece: hand out a view, no copy (streams never reuse emitted buffers).
				yield data.subarray(offset, offset + size);
				offset += size;
				continue;
			}
			current ??= Buffer.allocUnsafe(size);
			const n = Math.min(size - filled, data.length - offset);
			data.copy(current, filled, offset, offset + n);
			filled += n;
			offset += n;
			if (filled === size) {
				yield current;
				current = undefined;
				filled = 0;
			}
		}
	}
	if (filled > 0 && current) yield current.subarray(0, filled);
}

/** Slices of an in-memory buffer (no copies). */
export function* bufferChunks(data: Buffer, size: number): Generator<Buffer> {
	for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, Math.min(data.length, offset + size));
}

/** Number of chunks Cloudreve expects: ceil(size / chunk_size), 1 for chunk size 0 or an empty file (§3.2). */
export function chunkCount(size: number, chunkSize: number): number {
	if (chunkSize <= 0 || size === 0) return 1;
	return Math.ceil(size / chunkSize);
}
