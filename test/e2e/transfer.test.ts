// Issue 3, e2e: a file generated on disk goes Read Files → Cloudreve Upload → Cloudreve Download → Write Files
// inside a real n8n (`n8n execute`, N8N_DEFAULT_BINARY_DATA_MODE=filesystem) against the test server; the
// written file must hash like the original, and n8n's peak RSS (VmHWM of the process) must not grow with the
// file size. 10 MiB always runs; 1 GiB runs with E2E_BIG=1 (about 1-3 min and 4 GiB of temporary disk).
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEMO, startServer, type TestServer } from '../server';
import { uploadControl } from '../server/storage';
import {
	cloudreveCredential,
	CLOUDREVE_NODE_TYPE,
	createN8nHome,
	freePort,
	importCredentials,
	importWorkflow,
	n8nEnv,
	parseExecuteOutput,
	removeN8nHome,
	tail,
	type N8nHome,
	type N8nVersion,
	type WorkflowImport,
} from './harness';
import { exited, killGroup, spawnTracked } from './harness/children';

jest.setTimeout(30 * 60_000);

const MiB = 1024 * 1024;
/** One n8n line per run (each boot is slow); E2E_TRANSFER_N8N=2.41.1 checks the Node 24 line. */
const VERSION: N8nVersion = process.env.E2E_TRANSFER_N8N === '2.41.1' ? '2.41.1' : '2.8.4';
const CREDENTIAL = { id: 'cloudreveXfer00001', name: 'Cloudreve transfer' };
const SIZES = [10 * MiB, ...(process.env.E2E_BIG === '1' ? [1024 * MiB] : [])];

function label(size: number): string {
	return size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`;
}

/** Writes `size` random bytes (generated in 8 MiB blocks) and returns their SHA-256. */
async function generate(file: string, size: number): Promise<string> {
	const hash = createHash('sha256');
	const out = fs.createWriteStream(file);
	for (let done = 0; done < size; ) {
		const block = randomBytes(Math.min(8 * MiB, size - done));
		hash.update(block);
		if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		done += block.length;
	}
	await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
	return hash.digest('hex');
}

async function sha256File(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const piece of fs.createReadStream(file, { highWaterMark: 8 * MiB })) hash.update(piece as Buffer);
	return hash.digest('hex');
}

function transferWorkflow(id: string, input: string, output: string, name: string): WorkflowImport {
	const node = (n: number, nodeName: string, type: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `b1b2c3d4-0000-4000-8000-00000000000${n}`,
		name: nodeName,
		type,
		typeVersion: type.startsWith('n8n-nodes-base.readWriteFile') ? 1.1 : 1,
		position: [n * 220, 0],
		parameters,
		...extra,
	});
	const credentials = { credentials: { cloudreveApi: CREDENTIAL } };
	return {
		id,
		name: `Transfer ${name}`,
		nodes: [
			node(1, 'Start', 'n8n-nodes-base.manualTrigger', {}),
			node(2, 'Read', 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: input, options: {} }),
			node(3, 'Upload', CLOUDREVE_NODE_TYPE, { resource: 'file', operation: 'upload', inputType: 'binary', binaryPropertyName: 'data', folder: { __rl: true, mode: 'path', value: '/E2E' }, fileName: name, ifExists: 'replace', options: {} }, credentials),
			node(4, 'Download', CLOUDREVE_NODE_TYPE, { resource: 'file', operation: 'download', file: { __rl: true, mode: 'path', value: `/E2E/${name}` }, binaryPropertyName: 'data', options: {} }, credentials),
			node(5, 'Write', 'n8n-nodes-base.readWriteFile', { operation: 'write', fileName: output, dataPropertyName: 'data', options: {} }),
		],
		connections: {
			Start: { main: [[{ node: 'Read', type: 'main', index: 0 }]] },
			Read: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
			Upload: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
			Download: { main: [[{ node: 'Write', type: 'main', index: 0 }]] },
		},
	};
}

function vmHwmMb(pid: number): number {
	try {
		const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** `n8n execute` with filesystem binary mode, watching the process's peak resident set. */
async function executeWithPeakRss(home: N8nHome, id: string): Promise<{ exitCode: number | null; stdout: string; stderr: string; peakMb: number; ms: number }> {
	const env = { ...n8nEnv(home.install, home.userFolder, { port: await freePort(), brokerPort: await freePort() }), N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };
	const started = Date.now();
	const child = spawnTracked(home.install.nodeBin, [home.install.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], { cwd: home.userFolder, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
	child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
	let peakMb = 0;
	const sampler = setInterval(() => (peakMb = Math.max(peakMb, vmHwmMb(child.pid!))), 100);
	const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 25 * 60_000);
	const exitCode = await exited(child);
	clearInterval(sampler);
	clearTimeout(killer);
	return { exitCode, stdout, stderr, peakMb: Math.round(peakMb), ms: Date.now() - started };
}

describe(`n8n ${VERSION}: streamed upload and download through the packed node`, () => {
	let home: N8nHome;
	let srv: TestServer;
	const figures: Array<{ size: number; peakMb: number; ms: number; chunks: number; hash: string }> = [];

	beforeAll(async () => {
		home = createN8nHome(VERSION);
		srv = await startServer({ port: 0 });
		await importCredentials(home, [cloudreveCredential(CREDENTIAL.id, CREDENTIAL.name, { baseUrl: srv.url, email: DEMO.email, password: DEMO.password })]);
	});

	afterAll(async () => {
		await srv?.close();
		if (home) removeN8nHome(home);
		const lines = figures.map((f) => `${label(f.size)}: n8n peak RSS ${f.peakMb} MB, ${f.chunks} chunks, ${(f.ms / 1000).toFixed(1)} s incl. n8n boot, sha256 ${f.hash.slice(0, 16)}…`);
		process.stdout.write(`[e2e transfer figures]\n  ${lines.join('\n  ')}\n`);
	});

	it.each(SIZES)('%p bytes: generated, uploaded, downloaded, written; hashes equal', async (size) => {
		const files = path.join(home.userFolder, '.n8n-files');
		fs.mkdirSync(files, { recursive: true });
		const input = path.join(files, `in-${size}.bin`);
		const output = path.join(files, `out-${size}.bin`);
		const name = `big ${label(size)}.bin`;
		const hash = await generate(input, size);
		const id = `xfer${size}`.slice(0, 21);
		await importWorkflow(home, transferWorkflow(id, input, output, name));
		const uploads = uploadControl(srv);
		uploads.reset();

		const run = await executeWithPeakRss(home, id);
		const parsed = parseExecuteOutput(run.stdout);
		if (run.exitCode !== 0 || parsed?.data?.resultData?.error) {
			throw new Error(`n8n execute failed (${run.exitCode}): ${JSON.stringify(parsed?.data?.resultData?.error ?? {}).slice(0, 2000)}\n${tail(run.stdout)}\n${tail(run.stderr)}`);
		}
		try {
			expect(fs.statSync(output).size).toBe(size);
			expect(await sha256File(output)).toBe(hash);
			const stored = srv.fs.get(DEMO.email, `/E2E/${name}`)!;
			expect(stored.size).toBe(size);
			// exact 25 MiB chunks of the default local policy, only the last one shorter
			const sizes = uploads.chunks.map((c) => c.size);
			expect(sizes.slice(0, -1).every((s) => s === 25 * MiB)).toBe(true);
			expect(sizes.reduce((a, b) => a + b, 0)).toBe(size);
			expect(uploads.openSessions()).toEqual([]);
			figures.push({ size, peakMb: run.peakMb, ms: run.ms, chunks: sizes.length, hash });
		} finally {
			fs.rmSync(input, { force: true });
			fs.rmSync(output, { force: true });
		}
	});

	it('peak RSS does not scale with the file size', () => {
		if (figures.length < 2) return;
		const [small, big] = figures;
		// 1 GiB is 100× the small file; streaming keeps the difference within a few chunks (25 MiB each).
		expect(big.peakMb - small.peakMb).toBeLessThan(200);
	});
});
