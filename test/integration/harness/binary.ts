// n8n's binary-data helpers for the integration harness, with the two storage modes a node meets:
// `filesystem` (binaries carry an `id`; getBinaryStream reads the file, like n8n's filesystem store, or in
// irregular pieces like the S3 store) and `memory` (no `id`, base64 in the item, as in n8n 1.x's default mode).
// prepareBinaryData consumes streams without buffering in filesystem mode.
import { createHash, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import {
	BINARY_ENCODING,
	NodeOperationError,
	type IBinaryData,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { makeExecuteContext, type RunOptions } from './context';

const MIME: Record<string, string> = {
	'.txt': 'text/plain',
	'.md': 'text/markdown',
	'.csv': 'text/csv',
	'.json': 'application/json',
	'.pdf': 'application/pdf',
	'.jpg': 'image/jpeg',
	'.png': 'image/png',
	'.zip': 'application/zip',
	'.bin': 'application/octet-stream',
};

export interface BinaryStoreOptions {
	mode: 'filesystem' | 'memory';
	/** Filesystem mode: yield pieces of irregular sizes (like n8n's S3 store) instead of `chunkSize` reads. */
	irregularPieces?: boolean;
}

export interface StreamRecord {
	id: string;
	chunkSize?: number;
}

export class BinaryStore {
	readonly dir: string;
	readonly mode: BinaryStoreOptions['mode'];
	readonly irregular: boolean;
	/** Every getBinaryStream call. */
	readonly streams: StreamRecord[] = [];
	/** Calls that read a whole binary into memory (getBinaryDataBuffer / binaryToBuffer). */
	bufferReads = 0;

	constructor(options: BinaryStoreOptions) {
		this.mode = options.mode;
		this.irregular = options.irregularPieces ?? false;
		this.dir = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
	}

	close(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}

	private pathOf(id: string): string {
		return join(this.dir, id.replace(/^filesystem-v2:/, ''));
	}

	private metaOf(id: string): { fileName?: string; mimeType?: string } {
		try {
			return JSON.parse(readFileSync(`${this.pathOf(id)}.meta`, 'utf8'));
		} catch {
			return {};
		}
	}

	private describe(size: number, fileName: string | undefined, mimeType: string, extra: Partial<IBinaryData>): IBinaryData {
		return {
			data: '',
			mimeType,
			fileName,
			fileExtension: fileName && extname(fileName) ? extname(fileName).slice(1) : undefined,
			fileSize: `${size} B`,
			bytes: size,
			...extra,
		} as IBinaryData;
	}

	/** A binary from bytes in memory. */
	async fromBuffer(data: Buffer, fileName: string, mimeType = 'application/octet-stream'): Promise<IBinaryData> {
		return await this.store(data, fileName, mimeType);
	}

	/** A binary from a file on disk (copied into the store by streaming). */
	async fromFile(path: string, fileName = basename(path), mimeType = 'application/octet-stream'): Promise<IBinaryData> {
		return await this.store(createReadStream(path), fileName, mimeType);
	}

	async store(content: Buffer | Readable, fileName: string | undefined, mimeType: string): Promise<IBinaryData> {
		if (this.mode === 'memory') {
			const buf = Buffer.isBuffer(content) ? content : await collect(content);
			return this.describe(buf.length, fileName, mimeType, { data: buf.toString(BINARY_ENCODING) });
		}
		const id = `filesystem-v2:${randomUUID()}`;
		const path = this.pathOf(id);
		// exactly what n8n-core's FileSystemManager.store does
		await writeFile(path, content);
		writeFileSync(`${path}.meta`, JSON.stringify({ fileName, mimeType }));
		return this.describe(statSync(path).size, fileName, mimeType, { id, data: 'filesystem-v2', directory: this.dir });
	}

	/** Reads a binary back (test side). */
	async read(binary: IBinaryData): Promise<Buffer> {
		if (binary.id) return readFileSync(this.pathOf(binary.id));
		return Buffer.from(binary.data, BINARY_ENCODING);
	}

	/** SHA-256 of a binary, streaming. */
	async sha256(binary: IBinaryData): Promise<string> {
		const hash = createHash('sha256');
		if (binary.id) {
			for await (const piece of createReadStream(this.pathOf(binary.id))) hash.update(piece as Buffer);
		} else hash.update(Buffer.from(binary.data, BINARY_ENCODING));
		return hash.digest('hex');
	}

	sizeOf(binary: IBinaryData): number {
		return binary.id ? statSync(this.pathOf(binary.id)).size : Buffer.from(binary.data, BINARY_ENCODING).length;
	}

	/** The binary helpers n8n-core gives an execute context. */
	helpers(items: INodeExecutionData[], ctx: IExecuteFunctions) {
		return {
			assertBinaryData: (itemIndex: number, propertyName: string | IBinaryData): IBinaryData => {
				if (typeof propertyName !== 'string') return propertyName;
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) {
					throw new NodeOperationError(ctx.getNode(), `This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`, { itemIndex });
				}
				return binary;
			},
			getBinaryStream: async (id: string, chunkSize?: number): Promise<Readable> => {
				this.streams.push({ id, chunkSize });
				const path = this.pathOf(id);
				if (!this.irregular) return createReadStream(path, chunkSize ? { highWaterMark: chunkSize } : {});
				return Readable.from(irregularPieces(path));
			},
			getBinaryMetadata: async (id: string) => ({ ...this.metaOf(id), fileSize: statSync(this.pathOf(id)).size }),
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
				this.bufferReads++;
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`no binary ${propertyName}`);
				return await this.read(binary);
			},
			binaryToBuffer: async (body: Buffer | Readable) => {
				this.bufferReads++;
				return Buffer.isBuffer(body) ? body : await collect(body);
			},
			prepareBinaryData: async (data: Buffer | Readable, filePath?: string, mimeType?: string): Promise<IBinaryData> => {
				let mime = mimeType;
				if (!mime && data instanceof IncomingMessage) mime = (data as IncomingMessage & { contentType?: string }).contentType;
				if (!mime && filePath) mime = MIME[extname(filePath).toLowerCase()];
				if (!mime && data instanceof IncomingMessage) mime = data.headers['content-type'];
				return await this.store(data, filePath ? basename(filePath) : undefined, mime ?? 'text/plain');
			},
		};
	}
}

async function collect(stream: Readable): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const piece of stream) parts.push(Buffer.from(piece as Buffer));
	return Buffer.concat(parts);
}

/** Pieces of 1 B … 700 KiB, the way a remote object store's stream can deliver them. */
async function* irregularPieces(path: string): AsyncGenerator<Buffer> {
	const sizes = [1, 4093, 65536, 700 * 1024, 17, 333_333];
	let k = 0;
	let carry = Buffer.alloc(0);
	for await (const piece of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
		carry = Buffer.concat([carry, piece as Buffer]);
		while (carry.length >= sizes[k % sizes.length]) {
			const n = sizes[k++ % sizes.length];
			yield carry.subarray(0, n);
			carry = carry.subarray(n);
		}
	}
	if (carry.length) yield carry;
}

export interface BinaryRunOptions extends RunOptions {
	binary: BinaryStore;
}

/** runNode with binary helpers; items may carry `binary`. */
export async function runNodeWithBinary(nodeType: INodeType, options: BinaryRunOptions): Promise<INodeExecutionData[][]> {
	const items = options.items ?? [{ json: {} }];
	const ctx = makeExecuteContext(nodeType, { ...options, items });
	Object.assign(ctx.helpers, options.binary.helpers(items, ctx));
	return (await nodeType.execute!.call(ctx)) as INodeExecutionData[][];
}
