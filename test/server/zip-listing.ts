// Reads a zip file's central directory (PKWARE APPNOTE §4.3.12/§4.3.16) for GET /file/archive: names, sizes and
// DOS times, without decompressing anything. Names without the UTF-8 flag are decoded with the requested charset.

export interface ZipEntry {
	name: string;
	size: number;
	updated_at: string | null;
	is_directory: boolean;
}

/** Cloudreve's `text_encoding` values → WHATWG encoding labels (Node's TextDecoder with full ICU). */
export const TEXT_ENCODINGS: Record<string, string> = {
	gbk: 'gbk', gb18030: 'gb18030', big5: 'big5', shiftjis: 'shift_jis', eucjp: 'euc-jp', iso2022jp: 'iso-2022-jp',
	euckr: 'euc-kr', utf16be: 'utf-16be', utf16le: 'utf-16le', ibm866: 'ibm866', koi8r: 'koi8-r', koi8u: 'koi8-u',
	macintosh: 'macintosh', macintoshcyrillic: 'x-mac-cyrillic', windows874: 'windows-874',
	...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`windows125${n}`, `windows-125${n}`])),
	...Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16].map((n) => [`iso8859_${n}`, `iso-8859-${n}`])),
};

function dosTime(date: number, time: number): string | null {
	if (date === 0) return null;
	const y = 1980 + (date >> 9);
	const mo = (date >> 5) & 0xf;
	const d = date & 0x1f;
	const h = time >> 11;
	const mi = (time >> 5) & 0x3f;
	const s = (time & 0x1f) * 2;
	return new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString().replace('.000Z', 'Z');
}

/** Undefined when `buf` is not a zip file. */
export function listZip(buf: Buffer, encoding?: string): ZipEntry[] | undefined {
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return undefined;
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	const decoder = new TextDecoder(encoding ? (TEXT_ENCODINGS[encoding] ?? 'utf-8') : 'utf-8');
	const entries: ZipEntry[] = [];
	for (let n = 0; n < count; n++) {
		if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
		const flags = buf.readUInt16LE(p + 8);
		const time = buf.readUInt16LE(p + 12);
		const date = buf.readUInt16LE(p + 14);
		const size = buf.readUInt32LE(p + 24);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const raw = buf.subarray(p + 46, p + 46 + nameLen);
		const name = flags & 0x800 ? raw.toString('utf8') : decoder.decode(raw);
		const isDir = name.endsWith('/');
		entries.push({ name: isDir ? name.slice(0, -1) : name, size: isDir ? 0 : size, updated_at: dosTime(date, time), is_directory: isDir });
		p += 46 + nameLen + extraLen + commentLen;
	}
	return entries;
}
