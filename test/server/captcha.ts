import { randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';

// A real (small) PNG showing the captcha digits, so the data URL is a genuine image (§2.1).

const FONT: Record<string, string[]> = {
	'0': ['111', '101', '101', '101', '111'],
	'1': ['010', '110', '010', '010', '111'],
	'2': ['111', '001', '111', '100', '111'],
	'3': ['111', '001', '111', '001', '111'],
	'4': ['101', '101', '111', '001', '001'],
	'5': ['111', '100', '111', '001', '111'],
	'6': ['111', '100', '111', '101', '111'],
	'7': ['111', '001', '010', '010', '010'],
	'8': ['111', '101', '111', '101', '111'],
	'9': ['111', '101', '111', '001', '111'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** Grayscale PNG of `text` (digits), 240×60 like Cloudreve's default captcha size. */
export function captchaPng(text: string, width = 240, height = 60): Buffer {
	const px = Buffer.alloc(width * height, 255);
	const scale = 8;
	const x0 = Math.floor((width - text.length * 4 * scale) / 2);
	const y0 = Math.floor((height - 5 * scale) / 2);
	[...text].forEach((ch, i) => {
		const glyph = FONT[ch] ?? FONT['0'];
		glyph.forEach((row, gy) =>
			[...row].forEach((bit, gx) => {
				if (bit !== '1') return;
				for (let dy = 0; dy < scale; dy++)
					for (let dx = 0; dx < scale; dx++) px[(y0 + gy * scale + dy) * width + x0 + (i * 4 + gx) * scale + dx] = 40;
			}),
		);
	});
	for (let n = 0; n < 300; n++) px[randomInt(width * height)] = randomInt(256);
	const raw = Buffer.alloc((width + 1) * height);
	for (let y = 0; y < height; y++) px.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // grayscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

export function newCaptchaAnswer(length = 6): string {
	return Array.from({ length }, () => String(randomInt(10))).join('');
}
