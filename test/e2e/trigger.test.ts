// Issue 5 e2e (n8n-notes §7.6): the packed package inside a real n8n. Two published workflows, each "Cloudreve
// Trigger → HTTP Request" POSTing every item to a local sink: New File (with subfolders) and Task Finished.
// Files (some in subfolders, one upload that completes late) and tasks (one finishing after others started
// later) are created through the test server; the sink must receive each exactly once. Then n8n stops, files
// and tasks arrive while it is down, n8n starts again: nothing is replayed, the downtime's events arrive once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEMO, startServer } from '../server';
import {
	CLOUDREVE_TRIGGER_TYPE,
	cloudreveCredential,
	createN8nHome,
	importCredentials,
	importWorkflow,
	N8N_VERSIONS,
	publishWorkflow,
	removeN8nHome,
	startN8n,
	type N8nHome,
	type RunningN8n,
	type WorkflowImport,
} from './harness';

type TestServer = Awaited<ReturnType<typeof startServer>>;

jest.setTimeout(40 * 60_000);

const CREDENTIAL = { id: 'cloudreveE2ETrig1', name: 'Cloudreve (trigger)' };

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Sink {
	url: string;
	received: Array<Record<string, unknown>>;
	close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
	const received: Array<Record<string, unknown>> = [];
	const server: Server = createServer((req, res) => {
		const parts: Buffer[] = [];
		req.on('data', (c: Buffer) => parts.push(c));
		req.on('end', () => {
			try {
				received.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>);
			} catch {
				received.push({ unparsable: Buffer.concat(parts).toString('utf8') });
			}
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

let nodeSeq = 0;
const nodeId = () => `c1d2e3f4-0000-4000-8000-${String(++nodeSeq).padStart(12, '0')}`;

function triggerWorkflow(id: string, name: string, sinkUrl: string, parameters: Record<string, unknown>): WorkflowImport {
	return {
		id,
		name,
		nodes: [
			{
				id: nodeId(),
				name: 'Cloudreve Trigger',
				type: CLOUDREVE_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
				credentials: { cloudreveApi: CREDENTIAL },
			},
			{
				id: nodeId(),
				name: 'Sink',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: sinkUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'Cloudreve Trigger': { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } },
	} as WorkflowImport;
}

/** Polls the trigger made: authorized searches of /Inbox and task-list reads, as the test server logged them. */
function pollsSeen(srv: TestServer): { files: number; tasks: number } {
	const authorized = srv.requestLog.filter((r) => r.authorized && r.method === 'GET');
	return {
		files: authorized.filter((r) => r.path === '/api/v4/file' && String(r.query.uri ?? '').includes('created_gte')).length,
		tasks: authorized.filter((r) => r.path === '/api/v4/workflow').length,
	};
}

/** A plain HTTP client of the test server's API (what another Cloudreve client would send). */
async function apiClient(srv: TestServer) {
	const signIn = await fetch(`${srv.url}/api/v4/session/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
	});
	const token = ((await signIn.json()) as { data: { token: { access_token: string } } }).data.token.access_token;
	const auth = { Authorization: `Bearer ${token}` };
	const call = async (method: string, path: string, body?: unknown): Promise<any> => {
		const res = await fetch(`${srv.url}/api/v4${path}`, {
			method,
			headers: { ...auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await res.json()) as { code: number; data?: any; msg?: string };
		if (json.code !== 0) throw new Error(`${method} ${path}: ${json.code} ${json.msg}`);
		return json.data;
	};
	const uri = (path: string) => `cloudreve://my${path.split('/').map((s) => encodeURIComponent(s)).join('/')}`;
	return {
		call,
		async putFile(path: string, content: string): Promise<void> {
			const normalized = path.replace(/\/[^/]+\/\.\./, '');
			const res = await fetch(`${srv.url}/api/v4/file/content?uri=${encodeURIComponent(uri(normalized))}`, {
				method: 'PUT',
				headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(Buffer.byteLength(content)) },
				body: content,
			});
			const json = (await res.json()) as { code: number; msg?: string };
			if (json.code !== 0) throw new Error(`PUT /file/content ${path}: ${json.code} ${json.msg}`);
		},
		/** Starts an upload session (the placeholder appears) and returns the function that completes it. */
		async beginUpload(path: string, content: string): Promise<() => Promise<void>> {
			const session = await call('PUT', '/file/upload', { uri: uri(path), size: Buffer.byteLength(content) });
			return async () => {
				const res = await fetch(`${srv.url}/api/v4/file/upload/${session.session_id}/0`, {
					method: 'POST',
					headers: { ...auth, 'Content-Type': 'application/octet-stream', 'Content-Length': String(Buffer.byteLength(content)) },
					body: content,
				});
				const json = (await res.json()) as { code: number; msg?: string };
				if (json.code !== 0) throw new Error(`upload chunk: ${json.code} ${json.msg}`);
			};
		},
		async task(path: string, body: unknown): Promise<string> {
			return String((await call('POST', path, body)).id);
		},
		async download(url: string): Promise<string> {
			const tasks = await call('POST', '/workflow/download', { src: [url], dst: 'cloudreve://my/Downloads' });
			return String(tasks[0].id);
		},
	};
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number, n8n?: RunningN8n): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${n8n ? `\n${n8n.logTail(40)}` : ''}`);
		await sleep(500);
	}
}

describe.each(N8N_VERSIONS)('n8n %s: Cloudreve Trigger delivers every new file and finished task exactly once', (version) => {
	let home: N8nHome;
	let srv: TestServer;
	let sink: Sink;
	let n8n: RunningN8n | undefined;
	const timings: string[] = [];

	beforeAll(async () => {
		home = createN8nHome(version);
		srv = await startServer({ port: 0 });
		srv.tasks.stepMs = 5;
		srv.fs.mkdir(DEMO.email, '/Inbox/sub/deeper');
		srv.fs.put(DEMO.email, '/Inbox/existing.txt', 'was here before activation');
		srv.tasks.add(DEMO.email, { type: 'create_archive', status: 'completed' });
		sink = await startSink();
		await importCredentials(home, [cloudreveCredential(CREDENTIAL.id, CREDENTIAL.name, { baseUrl: srv.url, email: DEMO.email, password: DEMO.password })]);
		await importWorkflow(home, [
			triggerWorkflow('trigFilesE2E0001', 'New files in /Inbox', sink.url, {
				event: 'newFile',
				folder: { __rl: true, mode: 'path', value: '/Inbox' },
				includeSubfolders: true,
			}),
			triggerWorkflow('trigTasksE2E0001', 'Finished tasks', sink.url, {
				event: 'taskFinished',
				statuses: ['completed', 'error'],
			}),
		]);
		await publishWorkflow(home, 'trigFilesE2E0001');
		await publishWorkflow(home, 'trigTasksE2E0001');
	});

	afterAll(async () => {
		await n8n?.stop();
		await sink?.close();
		await srv?.close();
		if (home) removeN8nHome(home);
		if (timings.length) process.stderr.write(`[e2e trigger ${version}] ${timings.join('; ')}\n`);
	});

	test('activation arms, events arrive once, a restart replays nothing and delivers the downtime', async () => {
		const t0 = Date.now();
		n8n = await startN8n(home);
		// The activation poll of each workflow arms its cursor (and emits nothing).
		await waitFor('the activation polls', () => pollsSeen(srv).files >= 1 && pollsSeen(srv).tasks >= 1, 120_000, n8n);
		timings.push(`boot + activation ${Date.now() - t0} ms`);
		expect(sink.received).toEqual([]);

		// Everything below goes through Cloudreve's HTTP API, as another client of the drive would.
		const api = await apiClient(srv);
		for (const name of ['top.txt', 'sub/one.txt', 'sub/deeper/two.txt', '../Elsewhere/not-watched.txt']) await api.putFile(`/Inbox/${name}`, `content of ${name}`);
		const completeUpload = await api.beginUpload('/Inbox/sub/video.mp4', 'a slow upload');
		const archive = await api.task('/workflow/archive', { src: ['cloudreve://my/Inbox/top.txt'], dst: 'cloudreve://my/Archives/top.zip' });
		await api.call('POST', '/file/create', { uri: 'cloudreve://my/Extracted', type: 'folder' });
		const failedExtract = await api.task('/workflow/extract', { src: ['cloudreve://my/Inbox/top.txt'], dst: 'cloudreve://my/Extracted' });
		const slowUrl = await srv.remote.serve('slow.bin', Buffer.alloc(4096, 1), { chunkBytes: 1024, chunkDelayMs: 20_000 });
		const download = await api.download(slowUrl);
		const cancelUrl = await srv.remote.serve('cancelled.bin', Buffer.alloc(4096, 2), { chunkBytes: 1024, chunkDelayMs: 60_000 });
		const cancelled = await api.download(cancelUrl);
		await sleep(1_000);
		await api.call('DELETE', `/workflow/download/${cancelled}`); // ends "canceled": not a chosen status

		const paths = () => sink.received.filter((j) => !('typeName' in j)).map((j) => String(j.path)).sort();
		const taskIds = () => sink.received.filter((j) => 'typeName' in j).map((j) => String(j.id)).sort();
		const t1 = Date.now();
		await waitFor('three files and two tasks at the sink', () => paths().length >= 3 && taskIds().length >= 2, 200_000, n8n);
		timings.push(`first events after ${Date.now() - t1} ms`);
		expect(paths()).not.toContain('/Inbox/sub/video.mp4'); // still uploading
		// The upload completes and the slow download (started before the others finished) ends later.
		await completeUpload();
		await waitFor('the completed upload and the slow download', () => paths().length >= 4 && taskIds().length >= 3, 300_000, n8n);
		// One more poll of each workflow: nothing repeats.
		const before = pollsSeen(srv);
		await waitFor('another poll', () => pollsSeen(srv).files > before.files && pollsSeen(srv).tasks > before.tasks, 200_000, n8n);
		await sleep(5_000);
		expect(paths()).toEqual(['/Inbox/sub/deeper/two.txt', '/Inbox/sub/one.txt', '/Inbox/sub/video.mp4', '/Inbox/top.txt']);
		expect(taskIds()).toEqual([archive, failedExtract, download].sort());
		const byId = new Map(sink.received.map((j) => [String(j.id), j]));
		expect(byId.get(archive)).toEqual(expect.objectContaining({ typeName: 'Create Archive', statusName: 'Completed', destinationPath: '/Archives/top.zip' }));
		expect(byId.get(failedExtract)).toEqual(expect.objectContaining({ typeName: 'Extract Archive', status: 'error' }));
		expect(byId.get(download)).toEqual(expect.objectContaining({ typeName: 'Remote Download', status: 'completed', sources: [slowUrl] }));

		// Restart: a file and a task arrive while n8n is down.
		await n8n.stop();
		n8n = undefined;
		await api.putFile('/Inbox/sub/during-downtime.txt', 'arrived while n8n was down');
		const downtimeTask = await api.task('/workflow/archive', { src: ['cloudreve://my/Inbox/sub/one.txt'], dst: 'cloudreve://my/Archives/one.zip' });
		const t2 = Date.now();
		n8n = await startN8n(home);
		timings.push(`restart ${Date.now() - t2} ms`);
		await waitFor('the downtime events', () => paths().length >= 5 && taskIds().length >= 4, 200_000, n8n);
		const after = pollsSeen(srv);
		await waitFor('another poll after the restart', () => pollsSeen(srv).files > after.files && pollsSeen(srv).tasks > after.tasks, 200_000, n8n);
		await sleep(5_000);
		expect(paths()).toEqual(['/Inbox/sub/deeper/two.txt', '/Inbox/sub/during-downtime.txt', '/Inbox/sub/one.txt', '/Inbox/sub/video.mp4', '/Inbox/top.txt']);
		expect(taskIds()).toEqual([archive, failedExtract, download, downtimeTask].sort());
		expect(n8n.log()).not.toContain(DEMO.password);
		timings.push(`total ${Date.now() - t0} ms, ${sink.received.length} items at the sink`);
	});
});
