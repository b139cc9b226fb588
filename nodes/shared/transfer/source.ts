// Where the bytes of an upload come from: an n8n binary property (kept on the filesystem/S3 store with an `id`,
// or inline as base64 without one) or a text. A source can be opened again from the start, which a restart
// after an expired session (40011) or a retried single-request upload needs.
import type { IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import { bufferChunks, exactChunks } from './chunks';

/** The stream n8n's binary store hands out (typed without importing `stream`, see COMMON.md). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

export interface UploadSource {
	size: number;
	fileName: string;
	mimeType?: string;
	/** The whole content as a stream (or a Buffer when it is in memory anyway), from the first byte. */
	openRaw(): Promise<BinaryStream | Buffer>;
	/** The content in exact chunks of `chunkSize` bytes (only the last shorter); chunkSize 0 = one chunk. */
	chunks(chunkSize: number): AsyncIterable<Buffer>;
}

/** A source for a binary property of item `itemIndex`; never reads a stored binary into memory whole. */
export async function binarySource(ctx: IExecuteFunctions, itemIndex: number, propertyName: string): Promise<UploadSource> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binary.fileName ?? 'file';
	const mimeType = binary.mimeType || undefined;
	const id = binary.id;
	if (id) {
		const meta = await ctx.helpers.getBinaryMetadata(id);
		const size = Number(meta.fileSize);
		return {
			size,
			fileName: binary.fileName ?? meta.fileName ?? 'file',
			mimeType: mimeType ?? meta.mimeType,
			openRaw: async () => await ctx.helpers.getBinaryStream(id),
			async *chunks(chunkSize: number) {
				if (chunkSize <= 0 || size === 0) {
					// One request for the whole file: only for chunk size 0 (relay) — the caller streams openRaw() instead
					// when it can; this path collects it for the drivers that need a Buffer.
					const parts: Buffer[] = [];
					for await (const piece of await ctx.helpers.getBinaryStream(id)) parts.push(Buffer.from(piece as Buffer));
					yield Buffer.concat(parts);
					return;
				}
				yield* exactChunks(await ctx.helpers.getBinaryStream(id, chunkSize), chunkSize);
			},
		};
	}
	// No id: the binary is inline (base64 in the item), so it is in memory already.
	return bufferSource(Buffer.from(binary.data, BINARY_ENCODING), fileName, mimeType);
}

export function bufferSource(data: Buffer, fileName: string, mimeType?: string): UploadSource {
	return {
		size: data.length,
		fileName,
		mimeType,
		openRaw: async () => data,
		async *chunks(chunkSize: number) {
			if (chunkSize <= 0 || data.length === 0) {
				yield data;
				return;
			}
			yield* bufferChunks(data, chunkSize);
		},
	};
}
