// `npm run bench`: uploads and downloads the same 256 MiB file through the Cloudreve node (integration harness,
// filesystem binary store, real HTTP) and through curl in the same chunks, against the same test server (a
// separate process), and prints throughput (MiB/s) and the node/curl ratio. Not part of `npm test`.
//   BENCH_MIB=256 BENCH_RUNS=3 BENCH_CHUNK_MIB=25 npm run bench   (local policy: the chunk protocol curl can speak)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { BinaryStore, runNodeWithBinary } from '../integration/harness/binary';
import { CredentialStore } from '../integration/harness/context';
import { DEMO } from '../server';

const MiB = 1024 * 1024;
const SIZE_MIB = Number(process.env.BENCH_MIB ?? 256);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POLICY = 'local';
const CHUNK_MIB = Number(process.env.BENCH_CHUNK_MIB ?? 25);
// tsx resolves `Cloudreve.node` to the codex file Cloudreve.node.json, so the class is loaded by its full name.
type NodeModule = typeof import('../../nodes/Cloudreve/Cloudreve.node');
let node: INodeType;

function startBenchServer(): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'server.ts'), POLICY, String(CHUNK_MIB)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.setEncoding('utf8').on('data', (c: string) => {
			out += c;
			const m = /READY (\S+)/.exec(out);
			if (m) resolve({ url: m[1], child });
		});
		child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
	});
}

async function makeFile(file: string, size: number): Promise<string> {
	const hash = createHash('sha256');
	const fd = fs.openSync(file, 'w');
	for (let done = 0; done < size; ) {
		const block = randomBytes(Math.min(8 * MiB, size - done));
		hash.update(block);
		fs.writeSync(fd, block);
		done += block.length;
	}
	fs.closeSync(fd);
	return hash.digest('hex');
}

function sha256File(file: string): string {
	const hash = createHash('sha256');
	const fd = fs.openSync(file, 'r');
	const buf = Buffer.allocUnsafe(8 * MiB);
	for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
	fs.closeSync(fd);
	return hash.digest('hex');
}

function curl(args: string[]): string {
	const r = spawnSync('curl', ['-sS', '--fail-with-body', ...args], { encoding: 'utf8', maxBuffer: 64 * MiB });
	if (r.status !== 0) throw new Error(`curl ${args.filter((a) => !a.startsWith('Authorization')).join(' ')} failed: ${r.stderr} ${r.stdout}`);
	return r.stdout;
}

function envelope<T>(text: string): T {
	const body = JSON.parse(text) as { code: number; msg: string; data: T };
	if (body.code !== 0) throw new Error(`Cloudreve error ${body.code}: ${body.msg}`);
	return body.data;
}

/** curl upload: session, then every chunk of the pre-split file with `-T`, exactly as the node's chunks. */
function curlUpload(url: string, token: string, chunks: string[], size: number, name: string): void {
	const auth = `Authorization: Bearer ${token}`;
	const session = envelope<{ session_id: string; chunk_size: number }>(
		curl(['-X', 'PUT', '-H', auth, '-H', 'Content-Type: application/json', '--data-binary', JSON.stringify({ uri: `cloudreve://my/bench/${encodeURIComponent(name)}`, size }), `${url}/api/v4/file/upload`]),
	);
	chunks.forEach((chunk, i) => {
		envelope(curl(['-X', 'POST', '-H', auth, '-H', 'Content-Type: application/octet-stream', '-T', chunk, `${url}/api/v4/file/upload/${session.session_id}/${i}`]));
	});
}

function curlDownload(url: string, token: string, name: string, out: string): void {
	const auth = `Authorization: Bearer ${token}`;
	const data = envelope<{ urls: Array<{ url: string }> }>(
		curl(['-X', 'POST', '-H', auth, '-H', 'Content-Type: application/json', '--data-binary', JSON.stringify({ uris: [`cloudreve://my/bench/${encodeURIComponent(name)}`], download: true }), `${url}/api/v4/file/url`]),
	);
	curl(['-o', out, data.urls[0].url]);
}

/** A plain node:http request (no axios, no n8n): the floor of what a Node process can do. */
function plainHttp(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; res: import('node:http').IncomingMessage }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers }, (res) => resolve({ status: res.statusCode ?? 0, res }));
		req.on('error', reject);
		req.end(body);
	});
}

async function plainJson<T>(method: string, url: string, token: string, body?: unknown): Promise<T> {
	const { res } = await plainHttp(method, url, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
	const parts: Buffer[] = [];
	for await (const piece of res) parts.push(piece as Buffer);
	return envelope<T>(Buffer.concat(parts).toString('utf8'));
}

/** Plain Node upload: the same session and chunks, each chunk read from the source file into a fresh Buffer. */
async function plainUpload(url: string, token: string, source: string, size: number, chunkSize: number, name: string): Promise<void> {
	const session = await plainJson<{ session_id: string }>('PUT', `${url}/api/v4/file/upload`, token, { uri: `cloudreve://my/bench/${encodeURIComponent(name)}`, size });
	const fd = fs.openSync(source, 'r');
	try {
		for (let i = 0, off = 0; off < size; i++, off += chunkSize) {
			const buf = Buffer.allocUnsafe(Math.min(chunkSize, size - off));
			fs.readSync(fd, buf, 0, buf.length, off);
			const { res } = await plainHttp('POST', `${url}/api/v4/file/upload/${session.session_id}/${i}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, buf);
			const parts: Buffer[] = [];
			for await (const piece of res) parts.push(piece as Buffer);
			envelope(Buffer.concat(parts).toString('utf8'));
		}
	} finally {
		fs.closeSync(fd);
	}
}

async function plainDownload(url: string, token: string, name: string, out: string): Promise<void> {
	const data = await plainJson<{ urls: Array<{ url: string }> }>('POST', `${url}/api/v4/file/url`, token, { uris: [`cloudreve://my/bench/${encodeURIComponent(name)}`], download: true });
	const { res } = await plainHttp('GET', data.urls[0].url, {});
	await writeFile(out, res);
}

const seconds = (t: bigint) => Number(t) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
	const mod = (await import(path.join(__dirname, '..', '..', 'nodes', 'Cloudreve', 'Cloudreve.node.ts'))) as NodeModule;
	node = new mod.Cloudreve();
	const dir = fs.mkdtempSync(path.join(tmpdir(), 'cloudreve-bench-'));
	const { url, child } = await startBenchServer();
	const binary = new BinaryStore({ mode: 'filesystem' });
	try {
		const size = SIZE_MIB * MiB;
		const source = path.join(dir, 'source.bin');
		const hash = await makeFile(source, size);
		// the same chunks for curl: split once (not timed)
		const chunkSize = CHUNK_MIB * MiB;
		const chunks: string[] = [];
		const fd = fs.openSync(source, 'r');
		for (let i = 0, off = 0; off < size; i++, off += chunkSize) {
			const part = path.join(dir, `chunk-${i}`);
			const buf = Buffer.allocUnsafe(Math.min(chunkSize, size - off));
			fs.readSync(fd, buf, 0, buf.length, off);
			fs.writeFileSync(part, buf);
			chunks.push(part);
		}
		fs.closeSync(fd);
		const data = await binary.fromFile(source, 'bench.bin');
		const store = new CredentialStore({ baseUrl: url, email: DEMO.email, password: DEMO.password });
		// sign in once (not timed) so both clients start with a token
		await runNodeWithBinary(node, { parameters: { resource: 'file', operation: 'get', file: { __rl: true, mode: 'path', value: '/Documents' } }, store, binary });
		const token = String(store.data.accessToken);

		const results: Record<string, number[]> = { nodeUp: [], curlUp: [], plainUp: [], nodeDown: [], curlDown: [], plainDown: [] };
		for (let run = 0; run < RUNS; run++) {
			// alternate the order so neither client always meets a warmer page cache
			const order = run % 2 === 0 ? ['node', 'curl', 'plain'] : ['plain', 'curl', 'node'];
			for (const who of order) {
				const name = `${who}-${run}.bin`;
				let t = process.hrtime.bigint();
				if (who === 'node') {
					await runNodeWithBinary(node, {
						parameters: { resource: 'file', operation: 'upload', inputType: 'binary', binaryPropertyName: 'data', folder: { __rl: true, mode: 'path', value: '/bench' }, fileName: name, ifExists: 'fail', options: {} },
						items: [{ json: {}, binary: { data } }],
						store,
						binary,
					});
				} else if (who === 'curl') curlUpload(url, token, chunks, size, name);
				else await plainUpload(url, token, source, size, chunkSize, name);
				results[`${who}Up`].push(SIZE_MIB / seconds(process.hrtime.bigint() - t));

				t = process.hrtime.bigint();
				let downloaded: string;
				if (who === 'node') {
					const [out] = await runNodeWithBinary(node, {
						parameters: { resource: 'file', operation: 'download', file: { __rl: true, mode: 'path', value: `/bench/${name}` }, binaryPropertyName: 'data', options: {} },
						store,
						binary,
					});
					results.nodeDown.push(SIZE_MIB / seconds(process.hrtime.bigint() - t));
					downloaded = path.join(binary.dir, String(out[0].binary!.data.id).replace(/^filesystem-v2:/, ''));
				} else {
					downloaded = path.join(dir, `down-${who}-${run}.bin`);
					if (who === 'curl') curlDownload(url, token, name, downloaded);
					else await plainDownload(url, token, name, downloaded);
					results[`${who}Down`].push(SIZE_MIB / seconds(process.hrtime.bigint() - t));
				}
				if (sha256File(downloaded) !== hash) throw new Error(`${who} run ${run}: downloaded file differs`);
				fs.rmSync(downloaded, { force: true });
			}
		}
		const fmt = (x: number) => x.toFixed(1).padStart(7);
		const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join('/');
		const line = (what: string, n: number[], c: number[], p: number[]) =>
			`${what.padEnd(9)} node ${fmt(median(n))} MiB/s   curl ${fmt(median(c))} MiB/s   ratio ${(median(n) / median(c)).toFixed(2)}×   ` +
			`| plain node:http ${fmt(median(p))} MiB/s, node/plain ${(median(n) / median(p)).toFixed(2)}×   (runs node ${runs(n)}, curl ${runs(c)}, plain ${runs(p)})`;
		console.log(`\nCloudreve transfer benchmark: ${SIZE_MIB} MiB, policy ${POLICY}, ${chunks.length} chunk(s) of ${chunkSize / MiB} MiB, median of ${RUNS} runs, sha256 ${hash.slice(0, 16)}… verified on every download`);
		console.log(line('upload', results.nodeUp, results.curlUp, results.plainUp));
		console.log(line('download', results.nodeDown, results.curlDown, results.plainDown));
	} finally {
		child.kill('SIGTERM');
		binary.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
