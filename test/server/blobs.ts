import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Blob files of entities under `<dataDir>/blobs`; bodies are streamed to disk, never held whole in memory. */
export class BlobStore {
	readonly dir: string;

	constructor(dataDir: string) {
		this.dir = join(dataDir, 'blobs');
		mkdirSync(this.dir, { recursive: true });
	}

	newPath(): string {
		return join(this.dir, randomUUID());
	}

	writeBuffer(content: Buffer | string, path: string = this.newPath()): { path: string; size: number } {
		const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
		writeFileSync(path, buf);
		return { path, size: buf.length };
	}

	/**
	 * Streams `source` into a blob file; rejects with `tooLarge` once more than `maxBytes` arrived (the partial
	 * file is removed). `flags: 'r+'` with `start` writes into an existing file (chunked uploads).
	 */
	writeStream(
		source: Readable,
		opts: { path?: string; maxBytes?: number; start?: number } = {},
	): Promise<{ path: string; size: number }> {
		const path = opts.path ?? this.newPath();
		const max = opts.maxBytes ?? Infinity;
		return new Promise((resolve, reject) => {
			const out = createWriteStream(path, opts.start !== undefined ? { flags: 'r+', start: opts.start } : {});
			let size = 0;
			let failed = false;
			const fail = (err: Error) => {
				if (failed) return;
				failed = true;
				source.unpipe(out);
				out.destroy();
				if (opts.start === undefined) rmSync(path, { force: true });
				reject(err);
			};
			source.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > max) fail(new BlobTooLargeError(size));
			});
			source.on('error', fail);
			source.on('aborted', () => fail(new Error('request aborted')));
			out.on('error', fail);
			out.on('finish', () => {
				if (!failed) resolve({ path, size });
			});
			source.pipe(out);
		});
	}

	read(path: string): Buffer {
		return readFileSync(path);
	}

	remove(path: string | null): void {
		if (path) rmSync(path, { force: true });
	}
}

export class BlobTooLargeError extends Error {
	constructor(readonly received: number) {
		super('blob too large');
	}
}
