import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

// A streaming multipart/form-data reader for the Upyun emulator: text fields are collected, the `file` part (which
// must come last, as Upyun's form API wants) is streamed to its destination without buffering.

export interface FormHead {
	fields: Record<string, string>;
	fileName?: string;
	/** Field names in order of appearance. */
	order: string[];
}

/**
 * Reads the form head up to the start of the file part's data, then returns a Transform that passes the file
 * bytes through and strips the closing boundary. Rejects a form without a file part or with fields after it.
 */
export function readForm(req: IncomingMessage, boundary: string): Promise<{ head: FormHead; file: Transform; closed: () => boolean }> {
	const delimiter = Buffer.from(`--${boundary}`);
	const closing = Buffer.from(`\r\n--${boundary}--`);
	return new Promise((resolve, reject) => {
		let pending = Buffer.alloc(0);
		const head: FormHead = { fields: {}, order: [] };
		let done = false;
		const onData = (chunk: Buffer) => {
			pending = Buffer.concat([pending, chunk]);
			for (;;) {
				// pending starts at a delimiter line: "--boundary\r\n<headers>\r\n\r\n<data>\r\n--boundary..."
				if (pending.length < delimiter.length + 2) return;
				if (!pending.subarray(0, delimiter.length).equals(delimiter)) return fail(new Error('malformed form'));
				const headersEnd = pending.indexOf('\r\n\r\n');
				if (headersEnd < 0) return;
				const headerText = pending.subarray(delimiter.length + 2, headersEnd).toString('utf8');
				const name = /name="([^"]*)"/.exec(headerText)?.[1] ?? '';
				const fileName = /filename="([^"]*)"/.exec(headerText)?.[1];
				const dataStart = headersEnd + 4;
				head.order.push(name);
				if (name === 'file') {
					head.fileName = fileName;
					req.off('data', onData);
					req.pause();
					done = true;
					let tail = Buffer.alloc(0);
					let sawClosing = false;
					const holdback = closing.length + 4;
					const file = new Transform({
						transform(piece: Buffer, _enc, cb: TransformCallback) {
							tail = Buffer.concat([tail, piece]);
							if (tail.length > holdback) {
								const out = tail.subarray(0, tail.length - holdback);
								tail = tail.subarray(tail.length - holdback);
								cb(null, out);
							} else cb();
						},
						flush(cb: TransformCallback) {
							const at = tail.lastIndexOf(closing);
							sawClosing = at >= 0 && tail.subarray(at + closing.length).toString().replace(/\r\n/g, '') === '';
							cb(null, sawClosing ? tail.subarray(0, at) : tail);
						},
					});
					const rest = pending.subarray(dataStart);
					resolve({ head, file, closed: () => sawClosing });
					if (rest.length) file.write(rest);
					req.pipe(file);
					req.resume();
					return;
				}
				const next = pending.indexOf(`\r\n--${boundary}`, dataStart);
				if (next < 0) return;
				head.fields[name] = pending.subarray(dataStart, next).toString('utf8');
				pending = pending.subarray(next + 2);
				if (pending.subarray(0, delimiter.length + 2).equals(Buffer.concat([delimiter, Buffer.from('--')]))) return fail(new Error('form has no file part'));
			}
		};
		const fail = (err: Error) => {
			if (done) return;
			done = true;
			req.off('data', onData);
			req.resume();
			reject(err);
		};
		req.on('data', onData);
		req.on('end', () => fail(new Error('form has no file part')));
		req.on('error', (e) => fail(e));
	});
}
