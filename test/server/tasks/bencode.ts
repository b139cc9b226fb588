// Just enough bencode (BEP 3) to read a .torrent: integers, byte strings, lists, dictionaries.

export type BValue = number | Buffer | BValue[] | { [key: string]: BValue };

export function bdecode(buf: Buffer): { value: BValue; infoSlice?: Buffer } {
	let pos = 0;
	let infoSlice: Buffer | undefined;
	const fail = (): never => {
		throw new Error('invalid bencode');
	};
	const read = (depth: number): BValue => {
		if (depth > 64 || pos >= buf.length) fail();
		const c = buf[pos];
		if (c === 0x69) {
			const end = buf.indexOf(0x65, pos);
			if (end < 0) fail();
			const n = Number(buf.subarray(pos + 1, end).toString('ascii'));
			if (!Number.isFinite(n)) fail();
			pos = end + 1;
			return n;
		}
		if (c === 0x6c) {
			pos++;
			const list: BValue[] = [];
			while (buf[pos] !== 0x65) list.push(read(depth + 1));
			pos++;
			return list;
		}
		if (c === 0x64) {
			pos++;
			const dict: Record<string, BValue> = {};
			while (buf[pos] !== 0x65) {
				const key = read(depth + 1);
				if (!Buffer.isBuffer(key)) fail();
				const k = (key as Buffer).toString('utf8');
				const start = pos;
				dict[k] = read(depth + 1);
				if (k === 'info' && depth === 0) infoSlice = buf.subarray(start, pos);
			}
			pos++;
			return dict;
		}
		if (c >= 0x30 && c <= 0x39) {
			const colon = buf.indexOf(0x3a, pos);
			if (colon < 0) fail();
			const len = Number(buf.subarray(pos, colon).toString('ascii'));
			const start = colon + 1;
			if (!Number.isInteger(len) || start + len > buf.length) fail();
			pos = start + len;
			return buf.subarray(start, pos);
		}
		return fail();
	};
	const value = read(0);
	return { value, infoSlice };
}

export function bencode(v: BValue | string): Buffer {
	if (typeof v === 'number') return Buffer.from(`i${Math.trunc(v)}e`);
	if (typeof v === 'string') v = Buffer.from(v, 'utf8');
	if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from(`${v.length}:`), v]);
	if (Array.isArray(v)) return Buffer.concat([Buffer.from('l'), ...v.map(bencode), Buffer.from('e')]);
	const keys = Object.keys(v).sort();
	return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(v[k])]), Buffer.from('e')]);
}

/** A minimal single- or multi-file .torrent (for tests). */
export function makeTorrent(name: string, files: Array<{ path: string; size: number }>): Buffer {
	const info: Record<string, BValue> = { name: Buffer.from(name), 'piece length': 262144, pieces: Buffer.alloc(20) };
	if (files.length === 1 && !files[0].path.includes('/')) info.length = files[0].size;
	else info.files = files.map((f) => ({ length: f.size, path: f.path.split('/').map((p) => Buffer.from(p)) }));
	return bencode({ announce: Buffer.from('http://tracker.invalid/announce'), info });
}
