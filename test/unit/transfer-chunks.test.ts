// Re-chunking is what keeps Cloudreve from answering 40013 and S3 from EntityTooSmall: for any split of the
// input into pieces, every chunk but the last is exactly `size` bytes and the bytes are unchanged.
import fc from 'fast-check';

import { bufferChunks, chunkCount, exactChunks } from '../../nodes/shared/transfer/chunks';
import { completeMultipartXml } from '../../nodes/shared/transfer/drivers/multipart';

async function collect(gen: AsyncIterable<Buffer>): Promise<Buffer[]> {
	const out: Buffer[] = [];
	for await (const c of gen) out.push(Buffer.from(c)); // copy: a yielded view must stay valid
	return out;
}

async function* pieces(data: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
	let at = 0;
	for (const cut of [...cuts, data.length]) {
		const end = Math.min(data.length, Math.max(at, cut));
		yield data.subarray(at, end);
		at = end;
	}
}

describe('exactChunks', () => {
	it('yields exact chunks for any piece sizes (property)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 5000 }),
				fc.integer({ min: 1, max: 700 }),
				fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
				async (bytes, size, cuts) => {
					const data = Buffer.from(bytes);
					const chunks = await collect(exactChunks(pieces(data, cuts.sort((a, b) => a - b)), size));
					expect(Buffer.concat(chunks).equals(data)).toBe(true);
					expect(chunks.slice(0, -1).every((c) => c.length === size)).toBe(true);
					if (chunks.length) expect(chunks[chunks.length - 1].length).toBeGreaterThan(0);
					expect(chunks.length).toBe(Math.ceil(data.length / size));
				},
			),
			{ numRuns: 300 },
		);
	});

	it('a chunk handed out stays intact while the next one is filled', async () => {
		const data = Buffer.from('abcdefghij');
		const seen: string[] = [];
		for await (const chunk of exactChunks(pieces(data, [1, 2, 7]), 3)) seen.push(chunk.toString());
		expect(seen).toEqual(['abc', 'def', 'ghi', 'j']);
	});

	it('slices in-memory buffers and counts chunks like Cloudreve', () => {
		expect([...bufferChunks(Buffer.from('abcdefg'), 3)].map(String)).toEqual(['abc', 'def', 'g']);
		expect(chunkCount(0, 5)).toBe(1);
		expect(chunkCount(10, 0)).toBe(1);
		expect(chunkCount(10, 5)).toBe(2);
		expect(chunkCount(11, 5)).toBe(3);
	});

	it('writes the CompleteMultipartUpload XML with escaped ETags', () => {
		expect(completeMultipartXml([{ partNumber: 1, etag: '"a&b"' }, { partNumber: 2, etag: 'c' }])).toBe(
			'<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;a&amp;b&quot;</ETag></Part><Part><PartNumber>2</PartNumber><ETag>c</ETag></Part></CompleteMultipartUpload>',
		);
	});
});
